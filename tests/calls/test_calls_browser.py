"""End to end in headless Chromium: apply (the account created with the first
application), review, decide; axe-core on every screen of the way, and nothing the
Content-Security-Policy had to block.

Skipped, with the reason, without ``/usr/bin/chromium``, Playwright or axe-core.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

if not CHROMIUM.exists():
    pytest.skip(
        "Chromium absent (/usr/bin/chromium) : test de bout en bout ignoré", allow_module_level=True
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright absent : pip install -e '.[dev]'"
)
if not AXE.exists():
    pytest.skip("axe-core absent : npm install axe-core", allow_module_level=True)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
    )
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class Checked:
    """The page, with axe-core run on each screen ``check``ed and CSP reports collected."""

    def __init__(self, page) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.found: dict[str, list[str]] = {}
        self.blocked: list[str] = []
        page.on(
            "console",
            lambda m: self.blocked.append(m.text) if "Content Security Policy" in m.text else None,
        )

    def check(self, name: str) -> None:
        # evaluated as the browser's tools do, not as a page script (the CSP forbids those)
        self.page.evaluate(AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate("async () => await axe.run(document)")
        assert result["passes"], name
        serious = [
            f"{v['id']} ({v['impact']}) : {v['help']} — "
            + " | ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            self.found[name] = serious


def _log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto(reverse("login"))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/$"))


def test_apply_review_decide(browser, live_server, world) -> None:  # type: ignore[no-untyped-def]
    from pacte.calls.models import Application, Call

    call = world.call
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - timedelta(days=3), closes_at=timezone.now() + timedelta(days=3)
    )
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(8_000)
    page = context.new_page()
    screens = Checked(page)

    # the public page, then the first application with its account
    page.goto(reverse("public_call", args=[call.reference]))
    screens.check("appel-public")
    page.get_by_role("link", name="Déposer une demande").click()
    page.get_by_label("Adresse électronique (identifiant)").fill("atelier@exemple.invalid")
    page.get_by_label("Mot de passe").fill("un-mot-de-passe-solide")
    page.get_by_label("Nom de la structure").fill("Les Ateliers du Rhin")
    page.get_by_label("SIRET").fill("12345678200010")
    page.get_by_label("Numéro RNA").fill("W672000001")
    page.get_by_label("Code postal").fill("67000")
    page.get_by_label("Intitulé du projet").fill("Atelier vélo d'insertion")
    page.get_by_label("Montant demandé (€)").fill("8000")
    for label in (
        "Statuts",
        "Derniers comptes approuvés",
        "Relevé d'identité bancaire",
        "Dernier rapport d'activité",
    ):
        page.get_by_label(label).check(force=True)
    page.get_by_label(re.compile("contrat d’engagement républicain")).check(force=True)
    rows = [
        ("charge", "64", "Salaires", "", "16000"),
        ("product", "74", "FD2I", "Département du Bas-Rhin", "8000"),
        ("product", "74", "Ville", "Ville de Strasbourg", "2000"),
        ("product", "70", "Ventes", "", "6000"),
    ]
    for i, (side, account, label, funder, amount) in enumerate(rows, start=1):
        page.get_by_label(f"Ligne {i} : charge ou produit").select_option(side)
        page.get_by_label(f"Ligne {i} : compte", exact=True).select_option(account)
        page.get_by_label(f"Ligne {i} : libellé").fill(label)
        page.get_by_label(f"Ligne {i} : financeur (compte 74)").fill(funder)
        page.get_by_label(f"Ligne {i} : montant (€)").fill(amount)
    screens.check("depot")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.wait_for_url(re.compile(r"/mes-dossiers/\d+/$"))
    screens.check("mon-dossier")
    page.get_by_role("button", name="Déposer le dossier").click()
    page.wait_for_load_state()
    assert "Dossier déposé." in page.content(), page.locator(
        ".fr-alert, .fr-error-text, .fr-message--error"
    ).all_inner_texts()
    application = Application.objects.get(project_title="Atelier vélo d'insertion")
    assert application.state == "submitted"

    # the agent: eligibility, a reviewer from the partner
    _log_in(page, "agent1")
    page.goto(reverse("calls"))
    screens.check("appels")
    page.get_by_role("table").get_by_role("link", name=call.title).click()
    screens.check("appel-agent")
    page.get_by_role("link", name=re.compile("Atelier vélo d'insertion")).first.click()
    page.get_by_label("Recevable", exact=True).check(force=True)
    page.get_by_role("button", name="Confirmer").click()
    page.get_by_text("Recevabilité enregistrée.").wait_for()
    page.get_by_label("Évaluateur").select_option(
        label="cres1 (Chambre Régionale de l'Économie Sociale d'Alsace)"
    )
    page.get_by_role("button", name="Désigner").click()
    page.get_by_text("Évaluateur désigné.").wait_for()
    screens.check("dossier-agent")

    # the reviewer: declaration, then the review
    _log_in(page, "cres1")
    page.goto(reverse("calls"))
    page.get_by_role("link", name=re.compile(application.reference)).click()
    screens.check("declaration")
    page.get_by_label("Je n’ai aucun conflit d’intérêts avec ce dossier").check(force=True)
    page.get_by_role("button", name="Enregistrer ma déclaration").click()
    page.get_by_text("Déclaration enregistrée.").wait_for()
    for label in ("Innovation sociale", "Insertion des publics", "Viabilité économique"):
        page.get_by_label(re.compile(label)).select_option("4")
    page.get_by_label("Avis").select_option("yes")
    screens.check("evaluation")
    page.get_by_role("button", name="Transmettre l'évaluation").click()
    page.get_by_text("Évaluation transmise.").wait_for()

    # the committee decides (the call is closed by then)
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    _log_in(page, "agent1")
    page.goto(reverse("call_application", args=[application.pk]))
    page.get_by_role("button", name=re.compile("prêt pour le comité")).click()
    page.get_by_text("Dossier prêt pour le comité.").wait_for()
    page.goto(reverse("call", args=[call.reference]))
    page.get_by_label("Date de la réunion").fill(timezone.localdate().isoformat())
    page.get_by_label("Membres présents").fill(
        "Présidente\nDirecteur de l'insertion\nPrésident de la CRES"
    )
    page.get_by_role("button", name="Enregistrer la réunion").click()
    page.get_by_text("Réunion du comité enregistrée.").wait_for()
    screens.check("classement")
    page.goto(reverse("call_application", args=[application.pk]))
    page.get_by_label("Décision").select_option("accepted")
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.get_by_text("Décision enregistrée.").wait_for()
    page.get_by_label(re.compile("Je confirme la création de la convention")).check(force=True)
    page.get_by_role("button", name="Créer la convention au registre").click()
    page.wait_for_url(re.compile(r"/conventions/.+-convention/$"))
    application.refresh_from_db()
    assert application.state == "accepted" and application.convention is not None
    context.close()
    assert not screens.found, screens.found
    assert not screens.blocked, screens.blocked
