"""The import review from end to end, in headless Chromium: a seed convention is imported,
reviewed and confirmed, timed; the page shows no field path, no English value, no ISO
date; the source span is one click away; axe-core finds nothing serious, at desktop
width and at 390 px.

Skipped when ``../shared/seeds`` is absent (the seeds live beside the repository), and,
like ``test_browser.py``, without Chromium or Playwright. Screenshots go to
``var/screenshots/`` when ``PACTE_SCREENSHOTS`` is set.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from django.urls import reverse
from test_browser import AXE, SCREENSHOTS, browser, log_in, page, shoot  # noqa: F401  (fixtures)
from test_imports import CONVENTION

from factories import MembershipFactory, UserFactory
from pacte.accounts.enums import Role
from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.organisations.models import Organisation

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "002_f17edaa4ee8fdfa6.txt"

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds absent : relecture non testée"),
]

ENGLISH = re.compile(
    r"\b(express|tacit|yearly|half-yearly|quarterly|monthly|as_needed|board_decision|"
    r"public_authority|beneficiary|operating|fixed_date|on_signature|on_documents|"
    r"financial_report|activity_report|steering|political|technical|year|month|day)\b"
)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PATHS = re.compile(r"\w\[\d+\]|\[0\]\.|workstreams\[|reporting_duties|signatures\[")

# The text a person reads, without the document itself (quoted as it is, in its own words)
READ_TEXT = """() => {
  const main = document.querySelector('main').cloneNode(true);
  main.querySelectorAll('.pacte-source').forEach(node => node.remove());
  const values = [...document.querySelectorAll('main input:not([type=hidden]):not([type=date]),'
    + ' main textarea')].map(input => input.value);
  const chosen = [...document.querySelectorAll('main select')].map(
    select => select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : '');
  return {text: main.innerText, values: values, chosen: chosen};
}"""


def shoot_view(tab, name: str) -> None:
    """What the screen shows (not the whole page), beside the full-page ``shoot``."""
    if os.environ.get("PACTE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def axe_serious(tab) -> list[str]:
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("async () => await axe.run(document)")
    assert result["passes"]
    return [
        f"{v['id']} ({v['impact']}) : {v['help']} — "
        + " | ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_readable(tab) -> None:
    shown = tab.evaluate(READ_TEXT)
    everything = "\n".join([shown["text"], *shown["values"], *shown["chosen"]])
    assert not PATHS.findall(everything), PATHS.findall(everything)
    assert not ENGLISH.findall(everything), ENGLISH.findall(everything)
    assert not ISO.findall(everything), ISO.findall(everything)
    assert "confiance" not in everything
    assert not [v for v in shown["values"] if re.fullmatch(r"\d+\.\d{2}", v)]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent : npm install axe-core")
def test_review_a_seed_convention_in_minutes(page, tmp_path) -> None:  # noqa: F811
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    # an agent of the authority party to the seed convention (found again by its name)
    authority = Organisation.objects.create(
        name="Département du Bas-Rhin", kind="departement", department="67"
    )
    user = UserFactory(username="agent-bas-rhin", first_name="Alix", last_name="Meyer")
    MembershipFactory(user=user, role=Role.AGENT, organisation=authority)
    log_in(page, "agent-bas-rhin")
    began = time.monotonic()
    page.goto(reverse("import_list"))
    source = tmp_path / "convention-departement-cres-2012.txt"
    source.write_bytes(SEED.read_bytes())
    page.get_by_label("Fichiers à importer").set_input_files(str(source))
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_text("convention-departement-cres-2012.txt : lu").wait_for()
    page.get_by_role("link", name=re.compile("^Relire")).first.click()
    page.get_by_role("heading", level=1, name=re.compile("^Relecture")).wait_for()

    assert_readable(page)
    # grouped as a convention is read
    for legend in ("Parties et représentants", "Dates et durée", "Montants et versements"):
        assert page.locator("legend", has_text=legend).count() == 1
    # the years the document leaves to compute are proposed from the full-year amount
    assert page.get_by_label("Montant 2013 (€)").input_value() == "10 000,00"
    assert page.get_by_label("Montant en année pleine (€)").input_value() == "10 000,00"
    # flagged only where a look is needed: not every value
    flagged = page.locator(".pacte-review-row--check").count()
    rows = page.locator(".pacte-review-row").count()
    assert 0 < flagged < rows / 2, (flagged, rows)

    # the source is one click away: the pane beside the form scrolls to the span
    pane = page.locator("#source")
    link = page.locator(".pacte-review-row", has=page.get_by_label("Montant en année pleine (€)"))
    link.get_by_role("link", name=re.compile("^Voir dans le texte")).click()
    current = page.locator("mark.pacte-mark--current")
    assert "10 000 €" in current.inner_text()
    box, mark = pane.bounding_box(), current.bounding_box()
    assert box and mark and box["y"] <= mark["y"] <= box["y"] + box["height"]
    assert box["x"] > 500  # beside the form, not under it
    shoot(page, "import-relecture-bureau")
    shoot_view(page, "import-relecture-bureau-ecran")
    serious = axe_serious(page)
    assert not serious, serious

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # on a phone the text is under the form: the page goes to the span, and comes back
    notice = page.locator(".pacte-review-row", has=page.get_by_label("Montant 2012 (€)"))
    notice.get_by_role("link", name=re.compile("^Voir dans le texte")).click()
    assert page.locator("mark.pacte-mark--current").is_visible()
    shoot_view(page, "import-relecture-390-texte")
    page.get_by_role("link", name="Revenir au champ").click()
    page.get_by_label("Montant 2012 (€)").wait_for()
    assert page.get_by_label("Montant 2012 (€)").is_visible()
    shoot(page, "import-relecture-390")
    shoot_view(page, "import-relecture-390-ecran")
    page.get_by_label("Montant 2013 (€)").scroll_into_view_if_needed()
    shoot_view(page, "import-relecture-390-montants")
    serious = axe_serious(page)
    assert not serious, serious
    page.set_viewport_size({"width": 1280, "height": 900})

    # a correction: the notice the document does not state
    page.get_by_label("Référence").fill("departement-cres-2012")
    page.get_by_label("Préavis de dénonciation").fill("3")
    page.get_by_label("Unité du préavis").select_option(label="mois")
    page.get_by_role("button", name="Confirmer et enregistrer la convention").click()
    page.wait_for_url(re.compile(r"/conventions/departement-cres-2012/$"))
    elapsed = time.monotonic() - began
    print(f"\nrelecture d'une convention de démonstration : {elapsed:.1f} s")
    assert "enregistrée au registre" in page.content()
    assert not blocked, blocked

    convention = Convention.objects.get(reference="departement-cres-2012")
    terms = convention.to_terms()
    assert terms.termination is not None and terms.termination.notice is not None
    assert [str(y.amount) for y in terms.grants[0].years][1:] == ["10000.00", "10000.00"]
    assert convention.agent_in_charge is not None
    assert convention.agent_in_charge == user
    entry = AuditEntry.objects.get(object_type="import_draft", summary__reviewed=True)
    corrections = {c["champ"]: c for c in entry.summary["corrections"]}
    assert corrections["Préavis de dénonciation"] == {
        "champ": "Préavis de dénonciation",
        "lu": "—",
        "corrigé": "3",
    }
    assert (
        corrections[
            "Subvention : soutenir l'activité d'intérêt général de la CRES : Montant 2013 (€)"
        ]["corrigé"]
        == "10 000,00 €"
    )


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent : npm install axe-core")
def test_many_files_show_a_progress_bar(page, tmp_path) -> None:  # noqa: F811
    paths = []
    for n in range(11):
        path = tmp_path / f"convention-{n:02d}.txt"
        path.write_text(CONVENTION.replace("2 500 €", f"{2500 + n} €"), encoding="utf-8")
        paths.append(str(path))
    log_in(page, "agent")
    page.goto(reverse("import_list"))
    page.get_by_label("Fichiers à importer").set_input_files(paths)
    page.get_by_role("button", name="Importer", exact=True).click()
    page.wait_for_url(re.compile(r"/imports/lots/[0-9a-f]{16}/$"))
    assert page.get_by_role("status").inner_text() == "Terminé : 11 fichiers lus."
    assert page.get_by_label(re.compile("^Progression")).get_attribute("value") == "11"
    assert page.get_by_role("link", name=re.compile("^Relire")).count() == 11
    assert_readable(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "import-lot-390")
    serious = axe_serious(page)
    assert not serious, serious
    page.goto(reverse("import_list"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(page, "import-liste-390")
    serious = axe_serious(page)
    assert not serious, serious
