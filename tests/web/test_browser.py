"""End to end, in real headless Chromium against a live server; and axe-core on each screen.

Skipped, with the reason, when ``/usr/bin/chromium`` or Playwright is absent; the
accessibility test also needs ``node_modules/axe-core`` (``npm install axe-core``).
Screenshots go to ``var/screenshots/`` (not committed) when ``PACTE_SCREENSHOTS`` is set.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse
from test_imports import CONVENTION
from web_roles import GWENAEL

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "mot-de-passe-solide"

if not CHROMIUM.exists():
    pytest.skip(
        "Chromium absent (/usr/bin/chromium) : tests de bout en bout ignorés "
        "(apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright absent : pip install -e '.[dev]'"
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    # Playwright's sync API runs an event loop in this thread: Django's ORM, used by the
    # fixtures and the live server's database flush, must be allowed there.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    )
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, users):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(5_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.goto(reverse("login"))
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/$"))


def shoot(page, name: str) -> None:
    if os.environ.get("PACTE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_log_in(page) -> None:
    log_in(page, "agent")
    assert page.get_by_role("heading", level=1).inner_text() == "À faire"
    assert page.get_by_text("Acompte 2026 (70 %)").count() >= 1


def test_import_a_document_and_confirm_it(page, tmp_path) -> None:
    log_in(page, "agent")
    page.goto(reverse("import_list"))
    source = tmp_path / "convention-jardins.txt"
    source.write_text(CONVENTION, encoding="utf-8")
    page.get_by_label("Fichiers à importer").set_input_files(str(source))
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_text("convention-jardins.txt : lu").wait_for()
    page.get_by_role("link", name=re.compile("^Relire")).first.click()
    assert page.locator("mark").count() > 3
    page.get_by_role("link", name=re.compile("^Voir dans le texte")).first.click()
    assert re.search(r"#span-\d+$", page.url)
    shoot(page, "import-brouillon")
    page.get_by_label("Référence").fill("ville-jardins-partages-2026")
    page.get_by_role("button", name="Confirmer et enregistrer la convention").click()
    page.wait_for_url(re.compile(r"/conventions/ville-jardins-partages-2026/$"))
    assert "enregistrée au registre" in page.content()


def test_record_a_payment_and_see_a_faire_update(page) -> None:
    log_in(page, "agent")
    assert page.get_by_text("Acompte 2026 (70 %)").count() == 1
    page.goto(reverse("convention", args=[GWENAEL]))
    page.get_by_role("button", name=re.compile("^Versement")).click()
    form = page.locator("#action-payment")
    form.get_by_label("Montant").fill("8750")
    form.get_by_label("Date du versement").fill("2026-03-16")
    form.get_by_role("button").last.click()
    page.wait_for_load_state()
    assert "Versement" in page.content()
    page.goto("/")
    assert page.get_by_text("Acompte 2026 (70 %)").count() == 0


def test_download_the_icalendar_feed(page) -> None:
    log_in(page, "agent")
    page.goto(reverse("account"))
    page.get_by_role("button", name=re.compile("adresse")).first.click()
    url = page.locator("#feed-url").input_value()
    with page.expect_download() as download_info:
        page.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; "
            "a.download = 'pacte.ics'; document.body.appendChild(a); a.click(); }",
            url,
        )
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert content.startswith("BEGIN:VCALENDAR")
    unfolded = re.sub(r"\r?\n ", "", content)
    assert "BEGIN:VEVENT" in unfolded and "Saint-Gwenaël" in unfolded


SCREENS = {
    "accueil-connexion": None,
    "a-faire": "/",
    "a-faire-versements": "/a-faire/versements/",
    "registre": "/registre/",
    "registre-en-vigueur": "/registre/?etat=in_force",
    "convention": f"/conventions/{GWENAEL}/",
    "import": "/imports/",
    "tableau-de-bord": "/tableau-de-bord/",
}


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent : npm install axe-core")
def test_the_screens_pass_axe(page) -> None:
    """No violation of impact serious or critical on the main screens (axe-core rules),
    and nothing the Content-Security-Policy had to block."""
    found = {}
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for name, url in SCREENS.items():
        if url is None:
            page.goto(reverse("login"))
        else:
            if name == "a-faire":
                log_in(page, "admin")
            page.goto(url)
        # evaluated by the browser's tools, not as a page script: the pages' CSP forbids
        # inline scripts, and these checks must not weaken it
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document)")
        assert result["passes"], name  # axe did run its rules on this page
        shoot(page, name)
        serious = [
            f"{v['id']} ({v['impact']}) : {v['help']} — "
            + " | ".join(n["target"][0] for n in v["nodes"][:3])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[name] = serious
    assert not found, found
    assert not blocked, blocked


@pytest.mark.skipif(not AXE.exists(), reason="axe-core absent : npm install axe-core")
@pytest.mark.parametrize("width", [1280, 390])
def test_the_observatory_screens_pass_axe(page, settings, tmp_path_factory, width) -> None:
    """The observatory with data (the demonstration snapshots), on a desktop and a phone:
    no serious or critical axe violation, nothing blocked by the CSP."""
    from pacte.observation.demo import demo_observatory

    folder = tmp_path_factory.getbasetemp() / "observatoire-navigateur"
    demo_observatory(folder)
    settings.PACTE_OBSERVATORY_DIR = folder
    page.set_viewport_size({"width": width, "height": 900})
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, "admin")
    found = {}
    screens = {
        "observatoire": "/observatoire/",
        "observatoire-tarn": "/observatoire/?territoire=dep:81&evolution=2025-01",
        "observatoire-recherche": "/observatoire/?q=castres",
        # two EPCI added to the comparison, and the search offering a third
        "observatoire-comparaison": "/observatoire/?territoire=epci:200034023"
        "&comparer=epci:200034031&comparer=epci:200034049&q=castres",
        "ptce": "/observatoire/ptce/?departement=81",
        # its tables become cards on a phone too (none left to scroll)
        "convention-devoir-information": "/conventions/departement-vere-cress-2025-2027/",
    }
    for name, url in screens.items():
        page.goto(url)
        assert page.locator("h1").count() == 1
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document)")
        assert result["passes"], name
        shoot(page, f"{name}-{width}")
        if width == 390:
            # tables become cards on a phone: nothing wider than the screen
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        serious = [
            f"{v['id']} ({v['impact']})"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[name] = serious
    assert "Tarn" in page.goto("/observatoire/?territoire=dep:81").text()
    assert not found, found
    assert not blocked, blocked


def test_on_a_phone_no_column_is_cut(page) -> None:
    """At 390 px, the tables become cards (a heading before each value): nothing wider
    than the screen, no column scrolled out of sight."""
    log_in(page, "admin")
    page.set_viewport_size({"width": 390, "height": 844})
    for name, url in SCREENS.items():
        if url is None or name == "import":
            continue
        page.goto(url)
        shoot(page, f"{name}-390")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        tables = page.locator(".pacte-stack > table")
        assert tables.count() >= 1, name
        widths = page.evaluate(
            "[...document.querySelectorAll('.pacte-stack > table')]"
            ".map(t => [t.scrollWidth, t.clientWidth])"
        )
        assert all(scroll <= client + 1 for scroll, client in widths), (name, widths)
        label = page.evaluate(
            "getComputedStyle(document.querySelector('.pacte-stack td[data-label]'), "
            "'::before').content"
        )
        assert label not in ("none", "normal", ""), (name, label)
