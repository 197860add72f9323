"""The « Observatoire » screen, its exports, the API, the « données de cadrage » attached
to a convention and the PTCE choice stored with a step — as every role.

The store is the demonstration one (``pacte.observation.demo``: two generated snapshots
of département 81, the sample Département's); the command line, the screen and the API
are read on the same store and must agree (one function computes, three show).
"""

from __future__ import annotations

import html
import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from test_reads_write_nothing import WRITE
from web_roles import GWENAEL, VERE

from pacte.api.services import api_token_create
from pacte.cli import main
from pacte.followup.models import DocumentReceived
from pacte.observation.demo import DEMO_DEPARTEMENT, demo_observatory
from pacte.observation.models import PtceChoice
from pacte.observatory.display import decimal_fr, share_fr
from pacte.observatory.report import csv_bytes, indicators_for

pytestmark = pytest.mark.django_db

ROLES = ("agent", "partner_x", "partner_y", "reader", "admin")
TERRITORY = f"dep:{DEMO_DEPARTEMENT}"


@pytest.fixture(scope="session")
def var_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose ``observatoire/`` holds the two demonstration snapshots."""
    var = tmp_path_factory.mktemp("var")
    assert demo_observatory(var / "observatoire") == ["2025-01", "2026-01"]
    assert demo_observatory(var / "observatoire") == []  # a folder with data is left alone
    return var


@pytest.fixture
def store(settings, var_folder: Path) -> Path:
    settings.PACTE_OBSERVATORY_DIR = var_folder / "observatoire"
    return var_folder / "observatoire"


@pytest.fixture
def empty(settings, tmp_path: Path) -> Path:
    settings.PACTE_OBSERVATORY_DIR = tmp_path / "rien"
    return tmp_path / "rien"


def client_as(users, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


# -- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ("anonymous", *ROLES))
def test_every_role_reads_the_observatory_anonymous_is_sent_to_log_in(users, store, role) -> None:
    client = client_as(users, role)
    urls = [
        reverse("observatory"),
        reverse("observatory") + f"?territoire={TERRITORY}",
        reverse("observatory") + "?q=tarn",
        reverse("ptce") + f"?departement={DEMO_DEPARTEMENT}",
        *(
            reverse("observatory_export", args=[fmt]) + f"?territoire={TERRITORY}"
            for fmt in ("csv", "xlsx", "docx")
        ),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        written = [
            q["sql"][:80]
            for q in queries
            if WRITE.match(q["sql"]) and "django_session" not in q["sql"]
        ]
        assert written == [], url  # a read writes nothing
        if role == "anonymous":
            assert response.status_code == 302 and "/connexion/" in response["Location"], url
        else:
            assert response.status_code == 200, (role, url)
    assert client.get(reverse("observatory_export", args=["pdf"])).status_code in (302, 404)


def test_an_account_without_role_is_refused(db, store) -> None:
    from factories import UserFactory

    client = Client()
    client.force_login(UserFactory(username="sans-role"))
    assert client.get(reverse("observatory")).status_code == 403
    assert client.get(reverse("ptce")).status_code == 403


# -- empty state ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ("agent", "admin"))
def test_empty_state_says_what_to_do(users, empty, role) -> None:
    page = client_as(users, role).get(reverse("observatory")).content.decode()
    assert "Aucun millésime SIRENE importé" in page
    # the command is for the administrator, who runs it on the server; nobody else
    # is shown command lines
    assert ("pacte observatory import --establishments" in page) == (role == "admin")
    if role == "admin":
        assert "Importez les fichiers stock" in page
    else:
        assert "Demandez à l'administrateur" in page
    ptce = client_as(users, role).get(reverse("ptce")).content.decode()
    assert "Aucun millésime SIRENE importé" in ptce
    assert ("pacte observatory import" in ptce) == (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_administrator_is_shown_the_command_line(users, store, role) -> None:
    url = reverse("observatory") + f"?territoire={TERRITORY}"
    page = client_as(users, role).get(url).content.decode()
    assert "Méthode et limites" in page
    assert ("pacte observatory indicators" in page) == (role == "admin")


def test_api_without_snapshot_is_a_french_404(users, empty) -> None:
    _, token = api_token_create(user=users["agent"], name="observatoire")
    response = Client().get(
        "/api/v1/observatory/indicators?territory=dep:81", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 404
    assert "Aucun millésime SIRENE importé" in response.json()["detail"]
    listed = Client().get("/api/v1/observatory/snapshots", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listed.json() == {"snapshots": []}


# -- one function computes, three show ---------------------------------------------------------


def test_command_line_screen_and_api_agree(users, store, var_folder, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PACTE_VAR_DIR", str(var_folder))
    # two EPCI of the département added to the comparison, the same way in the three
    chosen = [f"epci:{code}" for code in _epcis(store)[:2]]
    assert (
        main(
            [
                "observatory",
                "indicators",
                "--territory",
                TERRITORY,
                "--compare-to",
                "2025-01",
                "--compare",
                chosen[0],
                "--compare",
                chosen[1],
                "--json",
            ]
        )
        == 0
    )
    cli = json.loads(capsys.readouterr().out)
    web = client_as(users, "partner_y").get(
        reverse("observatory")
        + f"?territoire={TERRITORY}&evolution=2025-01&comparer={chosen[0]}&comparer={chosen[1]}"
    )
    _, token = api_token_create(user=users["reader"], name="observatoire")
    api = Client().get(
        f"/api/v1/observatory/indicators?territory={TERRITORY}&compare_to=2025-01"
        f"&compare={chosen[0]}&compare={chosen[1]}",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert api.status_code == 200
    assert api.json() == cli
    assert json.loads(json.dumps(web.context["result"])) == cli
    assert cli["change"]["from"] == "2025-01" and cli["total_ess"]["establishments"] > 0
    # what the screen prints is that result: key figures and the employers' table
    page = web.content.decode()
    total = cli["total_ess"]
    estimate = f"{total['employees']['estimate']:,}".replace(",", "\u202f")
    assert f"{estimate} (entre" in page
    for employer in cli["largest_employers"]:
        assert employer["siren"] in page
    # the compared figures: in the JSON of the three, and in the comparison's table
    compared = cli["compared_with"]
    assert [f"{c['territory']['level']}:{c['territory']['code']}" for c in compared] == chosen
    assert all(c["total_ess"]["establishments"] > 0 for c in compared)
    table = html.unescape(page.split('id="graphique-comparaison"', 1)[1].split("</table>", 1)[0])
    for other in compared:
        assert f"{other['territory']['name']} (EPCI, {other['territory']['code']})" in table
        assert share_fr(other["share"]["employees"]) in table
        assert decimal_fr(other["per_10000_inhabitants"]) in table
    # the downloads are the command's files, compared territories included
    csv_file = var_folder / "cli.csv"
    assert (
        main(
            [
                *("observatory", "indicators", "--territory", TERRITORY, "--csv", str(csv_file)),
                *("--compare", chosen[0], "--compare", chosen[1], "--compare-to", "2025-01"),
            ]
        )
        == 0
    )
    download = client_as(users, "agent").get(
        reverse("observatory_export", args=["csv"])
        + f"?territoire={TERRITORY}&evolution=2025-01&comparer={chosen[0]}&comparer={chosen[1]}"
    )
    assert download.content == csv_file.read_bytes()
    assert download.content.decode().count(";comparaison choisie;total_ess;") == 2
    assert download["Content-Disposition"].endswith('.csv"')


def test_downloads_xlsx_and_cadrage(users, store) -> None:
    client = client_as(users, "reader")
    expected = indicators_for(store, TERRITORY)
    xlsx = client.get(reverse("observatory_export", args=["xlsx"]) + f"?territoire={TERRITORY}")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Indicateurs", "Sources"]
    rows = list(book["Indicateurs"].iter_rows(values_only=True))
    ess = next(r for r in rows if r[4] == "total_ess")
    assert ess[6] == expected["total_ess"]["establishments"]
    docx = client.get(reverse("observatory_export", args=["docx"]) + f"?territoire={TERRITORY}")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    text = docx_text(docx.content)
    assert "Données de cadrage sur l'économie sociale et solidaire — Tarn" in text
    assert "millésime janvier 2026" in text
    assert "Principaux employeurs de l'ESS" in text
    assert expected["largest_employers"][0]["siren"] in text
    assert csv_bytes(expected).decode().count("\n") == len(rows)


# -- choosing a territory, bad input ---------------------------------------------------------


def test_search_by_name_or_code(users, store) -> None:
    client = client_as(users, "agent")
    page = client.get(reverse("observatory") + "?q=tarn").content.decode()
    assert "?territoire=dep%3A81" in page and "Tarn-et-Garonne" in page
    page = client.get(reverse("observatory") + "?q=75108").content.decode()
    assert "com%3A75056" in page  # an arrondissement leads to its commune
    page = client.get(reverse("observatory") + "?q=zzzqqq").content.decode()
    assert "Aucun territoire ne porte ce nom ou ce code" in page
    first = client.get(reverse("observatory")).content.decode()
    assert "Départements du millésime" in first and "?territoire=dep:81" in first


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("territoire=dep:999", "Territoire : département « 999 » inconnu"),
        ("territoire=xyz", "Territoire : territoire « xyz » non reconnu"),
        ("territoire=perimeter:..%2Fetc", "Territoire : nom de périmètre « ../etc » refusé"),
        ("territoire=dep:81&millesime=1999-01", "Millésime « 1999-01 » : millésime non importé"),
        ("territoire=dep:81&evolution=2024-13", "Évolution depuis « 2024-13 » : millésime non"),
        ("territoire=dep:81&nomenclature=naf1993", "Domaines « naf1993 » : naf2008 ou naf2025"),
        (
            "territoire=dep:81&comparer=epci:123",
            "Territoire à comparer « epci:123 » : EPCI « 123 » inconnu : donner son SIREN",
        ),
        (
            "territoire=dep:81&comparer=xyz",
            "Territoire à comparer « xyz » : territoire « xyz » non reconnu",
        ),
        (
            "territoire=dep:81&" + "&".join(f"comparer=dep:{n}" for n in range(10, 17)),
            "7 territoires à comparer : 6 au plus",
        ),
        (
            "territoire=dep:81&nomenclature=naf2025",
            "Tarn : ce millésime n'a pas la colonne activitePrincipaleNAF25Etablissement",
        ),
    ],
)
def test_bad_input_gets_a_french_message_naming_the_field(users, store, query, message) -> None:
    response = client_as(users, "agent").get(reverse("observatory") + "?" + query)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())


def test_add_and_remove_a_territory_to_compare(users, store) -> None:
    """The search of the screen offers « Ajouter à la comparaison » beside each territory
    found; each one added can be removed; the form keeps them."""
    client = client_as(users, "agent")
    first, second = (f"epci:{code}" for code in _epcis(store)[:2])
    page = client.get(
        reverse("observatory"), {"territoire": TERRITORY, "comparer": first, "q": second[5:]}
    )
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert 'id="comparer" name="comparer"' in text  # the field to add one by its code
    assert f'<input type="hidden" name="comparer" value="{first}">' in text
    adding = next(url for item, url in page.context["found"] if item.spec == second)
    assert "territoire=dep%3A81" in adding
    assert f"comparer={first.replace(':', '%3A')}&comparer={second.replace(':', '%3A')}" in adding
    assert f'href="{adding}">Ajouter à la comparaison' in text.replace("&amp;", "&")
    both = client.get(adding)
    assert [c["territory"]["code"] for c in both.context["result"]["compared_with"]] == [
        first[5:],
        second[5:],
    ]
    (_, name, without), _ = both.context["compared"]
    assert name.startswith("CC ") and "(EPCI, " in name
    assert f'href="{without}">retirer' in html.unescape(both.content.decode())
    assert (
        client.get(without).context["result"]["compared_with"][0]["territory"]["code"]
        == (second[5:])
    )
    # the downloads carry them (their links repeat the page's query)
    assert f"comparer={first.replace(':', '%3A')}" in both.content.decode()
    bad = client.get(reverse("observatory"), {"territoire": TERRITORY, "comparer": "epci:1"})
    assert bad.status_code == 400
    assert 'aria-describedby="comparer-erreur"' in bad.content.decode()
    assert 'value="epci:1"' in bad.content.decode()  # kept, with its link to remove it


def test_api_bad_territory_is_a_french_400(users, store) -> None:
    _, token = api_token_create(user=users["partner_x"], name="observatoire")
    response = Client().get(
        "/api/v1/observatory/indicators?territory=epci:123", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("EPCI « 123 » inconnu")
    compared = Client().get(
        "/api/v1/observatory/indicators?territory=dep:81&compare=dep:81&compare=epci:123",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert compared.status_code == 400
    assert compared.json()["detail"].startswith("territoire à comparer « epci:123 » : EPCI")
    naf2025 = Client().get(
        "/api/v1/observatory/indicators?territory=dep:81&nomenclature=naf2025",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert (
        naf2025.status_code == 400
        and "activitePrincipaleNAF25Etablissement" in naf2025.json()["detail"]
    )
    listed = Client().get("/api/v1/observatory/snapshots", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listed.json() == {"snapshots": ["2025-01", "2026-01"]}


# -- « données de cadrage » attached to a convention -------------------------------------------


def _attach(client: Client, reference: str, **extra: str):
    return client.post(
        reverse("observatory_attach"),
        {"convention": reference, "territoire": TERRITORY, "annee": "2026", **extra},
    )


def test_the_partner_attaches_the_cadrage_to_its_convention(users, store) -> None:
    client = client_as(users, "partner_y")
    page = client.get(reverse("observatory") + f"?territoire={TERRITORY}&convention={VERE}")
    assert f'value="{VERE}" selected' in page.content.decode()
    response = _attach(client, VERE)
    assert response.status_code == 302 and response["Location"].endswith("#documents")
    document = DocumentReceived.objects.get(convention__reference=VERE)
    assert (document.kind, document.year, document.uploaded_by) == (
        "activity_report",
        2026,
        users["partner_y"],
    )
    assert document.file_name == "donnees-de-cadrage-dep-81-2026-01.docx"
    with document.file.open("rb") as handle:
        assert "Données de cadrage" in docx_text(handle.read())
    convention = client.get(reverse("convention", args=[VERE])).content.decode()
    assert "donnees-de-cadrage-dep-81-2026-01.docx" in convention


def test_attach_refused_leaves_nothing(users, store) -> None:
    assert _attach(client_as(users, "reader"), VERE).status_code == 403
    assert _attach(client_as(users, "partner_x"), VERE).status_code == 404  # not its own
    assert _attach(client_as(users, "anonymous"), VERE).status_code == 302
    client = client_as(users, "partner_y")
    for bad in ({"annee": "deux mille"}, {"annee": "1990"}, {"nature": "poeme"}):
        response = _attach(client, VERE, **bad)
        assert response.status_code == 302 and "/observatoire/" in response["Location"]
    messages = [m.message for m in client.get(response["Location"]).context["messages"]]
    assert any("Nature du document « poeme » inconnue" in m for m in messages)
    response = _attach(client, VERE, territoire="dep:999")
    follow = client.get(response["Location"])
    assert any("département « 999 » inconnu" in m.message for m in follow.context["messages"])
    assert not DocumentReceived.objects.exists()


def test_the_observation_duty_links_to_the_observatory(users, store) -> None:
    page = client_as(users, "reader").get(reverse("convention", args=[VERE])).content.decode()
    assert "Devoirs d'information" in page
    assert f"/observatoire/?convention={VERE}" in page
    other = client_as(users, "agent").get(reverse("convention", args=[GWENAEL])).content.decode()
    assert "Devoirs d'information" not in other  # no reporting duty in that convention


# -- PTCE ----------------------------------------------------------------------------------------

INDICATORS = "territoire;indicateur;valeur;annee;source\n{rows}"


def _epcis(store: Path) -> list[str]:
    from pacte.observatory.report import reference_of

    return reference_of(store).epcis_of(DEMO_DEPARTEMENT)


def test_ranking_with_user_indicators_shows_components_and_sources(users, store) -> None:
    epcis = _epcis(store)
    text = INDICATORS.format(
        rows="\n".join(
            f"epci:{code};chomage;{8 + i};2025;INSEE, taux localisés"
            for i, code in enumerate(epcis)
        )
    )
    client = client_as(users, "reader")
    loaded = client.post(
        reverse("ptce"),
        {
            "departement": DEMO_DEPARTEMENT,
            "fichier": _upload(text),
        },
    )
    assert loaded.status_code == 200
    page = loaded.content.decode()
    assert 'name="poids_chomage" value="0"' in page  # a loaded indicator waits for its weight
    with CaptureQueriesContext(connection) as queries:
        ranked = client.post(
            reverse("ptce"),
            {
                "departement": DEMO_DEPARTEMENT,
                "indicateurs": text,
                "poids_ess_density": "1",
                "poids_ess_share_employees": "0",
                "poids_chomage": "-2",
            },
        )
    assert [q for q in queries if WRITE.match(q["sql"]) and "django_session" not in q["sql"]] == []
    ranking = ranked.context["ranked"]["ranking"]
    assert {r["territory"] for r in ranking} == {f"epci:{c}" for c in epcis}
    assert ranked.context["ranked"]["weights"] == {"ess_density": 1.0, "chomage": -2.0}
    page = ranked.content.decode()
    assert "INSEE, taux localisés" in page
    # the first EPCI has the lowest unemployment: a negative weight gives it the full points
    best = next(r for r in ranking if r["territory"] == f"epci:{epcis[0]}")
    chomage = next(c for c in best["components"] if c["indicator"] == "chomage")
    assert chomage["scaled"] == 1.0 and chomage["contribution"] == round(2 / 3 * 100, 2)
    assert "Retenir un territoire" not in page  # a reader does not choose


def test_ptce_bare_codes_count_and_a_code_matching_no_candidate_is_said(users, store) -> None:
    """« 200034023 » is the EPCI of that SIREN; a line whose territory is no candidate is
    named (file, line, code as written) instead of vanishing into « valeur manquante »."""
    epcis = _epcis(store)
    text = INDICATORS.format(
        rows="\n".join(f"{code};chomage;{8 + i};2025;INSEE" for i, code in enumerate(epcis))
        + "\n246700488;chomage;12;2025;INSEE"
    )
    client = client_as(users, "reader")
    loaded = client.post(
        reverse("ptce"),
        {"departement": DEMO_DEPARTEMENT, "fichier": _upload(text), "poids_chomage": "1"},
    )
    assert loaded.status_code == 200
    ranking = loaded.context["ranked"]["ranking"]
    for entry in ranking:
        chomage = next(c for c in entry["components"] if c["indicator"] == "chomage")
        assert chomage["value"] is not None, entry["territory"]
    line = len(epcis) + 2
    warning = (
        f"Fichier d'indicateurs « indicateurs.csv », ligne {line} : territoire « 246700488 » "
        "absent des territoires candidats"
    )
    assert loaded.context["ranked"]["warnings"][0].startswith(warning)
    page = html.unescape(loaded.content.decode())
    assert "Indicateurs non pris en compte" in page and warning in page
    assert "valeur manquante" not in page
    # the weights form posts the file again as text: its name goes with it
    again = client.post(
        reverse("ptce"),
        {
            "departement": DEMO_DEPARTEMENT,
            "indicateurs": text,
            "indicateurs_nom": "indicateurs.csv",
            "poids_chomage": "2",
        },
    )
    assert warning in html.unescape(again.content.decode())


def _upload(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("indicateurs.csv", text.encode(), content_type="text/csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"departement": "81", "poids_ess_density": "beaucoup"}, "Poids de « Établissements de l"),
        ({"departement": "999"}, "département « 999 » inconnu"),
        ({"departement": "reg:76"}, "« reg:76 » n'est pas un code de département"),
        ({"candidats": "epci:248100497"}, "Territoires candidats : il en faut au moins deux"),
        ({"departement": "81", "candidats": "com:99999"}, "commune « 99999 » inconnue"),
        (
            {"departement": "81", "poids_ess_density": "0", "poids_ess_share_employees": "0"},
            "au moins un poids",
        ),
        ({"departement": "81", "indicateurs": "a;b\n1;2"}, "colonne « territoire » absente"),
        ({"departement": "81", "indicateurs": "a;b\n1\x00;2"}, "fichier illisible (caractère nul)"),
        (
            {
                "departement": "81",
                "indicateurs": "territoire,indicateur,valeur,annee,source\n" + '"' + "x" * 140_000,
            },
            "ligne CSV illisible",
        ),
    ],
)
def test_ptce_bad_input(users, store, data, message) -> None:
    response = client_as(users, "agent").post(reverse("ptce"), data)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())


def _choose(client: Client, **extra: str):
    return client.post(
        reverse("ptce_choose"),
        {
            "departement": DEMO_DEPARTEMENT,
            "millesime": "2026-01",
            "poids_ess_density": "1",
            "poids_ess_share_employees": "1",
            "etape": f"{VERE}|b-ptce|1",
            "territoire": extra.pop("territoire", ""),
            "justification": "Tissu associatif dense, besoins d'emploi.",
            **extra,
        },
    )


def test_the_agent_stores_the_choice_and_downloads_the_note(users, store) -> None:
    admin = client_as(users, "admin")
    page = admin.post(reverse("ptce"), {"departement": DEMO_DEPARTEMENT, "millesime": "2026-01"})
    ranking = page.context["ranked"]["ranking"]
    assert "Retenir un territoire" in page.content.decode()
    chosen = ranking[1]["territory"]
    response = _choose(admin, territoire=chosen)
    assert response.status_code == 302 and response["Location"].endswith(f"/{VERE}/#etapes")
    choice = PtceChoice.objects.get()
    assert (choice.workstream_key, choice.step_number, choice.territory) == ("b-ptce", 1, chosen)
    assert choice.ranking == ranking and choice.snapshot == "2026-01"
    assert choice.chosen["rank"] == 2
    convention = admin.get(reverse("convention", args=[VERE])).content.decode()
    assert "Territoires retenus (PTCE)" in convention and choice.territory_name in convention
    assert f"Territoire retenu pour un PTCE : {choice.territory_name} ({chosen})" in convention
    note = client_as(users, "reader").get(reverse("ptce_note", args=[choice.pk]))
    text = docx_text(note.content)
    assert "Note au comité de pilotage" in text
    assert "Tissu associatif dense, besoins d'emploi." in text
    assert f"Territoire retenu : {choice.territory_name} ({chosen})" in text
    assert "Sélection d'un territoire d'expérimentation" in text
    # who may not see the convention does not get the note
    assert (
        client_as(users, "partner_x").get(reverse("ptce_note", args=[choice.pk])).status_code == 404
    )
    listed = client_as(users, "partner_y").get(reverse("ptce")).content.decode()
    assert choice.territory_name in listed


def test_choice_refused_leaves_nothing(users, store) -> None:
    epci = f"epci:{_epcis(store)[0]}"
    assert _choose(client_as(users, "partner_y"), territoire=epci).status_code == 403
    assert _choose(client_as(users, "reader"), territoire=epci).status_code == 403
    # the agent of Saint-Gwenaël does not see the Vère convention's steps
    assert _choose(client_as(users, "agent"), territoire=epci).status_code == 404
    admin = client_as(users, "admin")
    for bad in (
        {"territoire": "epci:000000000"},
        {"territoire": epci, "justification": "  "},
        {"territoire": epci, "poids_ess_density": "x"},
    ):
        response = _choose(admin, **bad)
        assert response.status_code == 302 and response["Location"] == reverse("ptce")
    messages = [m.message for m in admin.get(reverse("ptce")).context["messages"]]
    assert any("Justification" in m for m in messages)
    assert any("choisir l'un des territoires classés" in m for m in messages)
    assert admin.get(reverse("ptce_choose")).status_code == 405
    assert not PtceChoice.objects.exists()


def test_a_snapshot_of_another_version_is_said_not_a_500(users, settings, tmp_path) -> None:
    import duckdb

    folder = tmp_path / "ancien"
    folder.mkdir()
    con = duckdb.connect(str(folder / "sirene-2026-01.duckdb"))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('version', '0')")
    con.close()
    settings.PACTE_OBSERVATORY_DIR = folder
    client = client_as(users, "agent")
    assert client.get(reverse("observatory")).status_code == 200
    response = client.get(reverse("observatory") + f"?territoire={TERRITORY}")
    assert response.status_code == 400
    assert "construit par une autre version de Pacte" in html.unescape(response.content.decode())
    assert client.get(reverse("ptce")).status_code == 200


def test_cadrage_pdf_without_libreoffice_is_said(users, store, monkeypatch) -> None:
    from pacte import office

    monkeypatch.setattr(office, "soffice", lambda: None)
    client = client_as(users, "agent")
    page = client.get(reverse("observatory") + f"?territoire={TERRITORY}").content.decode()
    assert "Données de cadrage (PDF)" not in page
    response = client.get(reverse("observatory_export", args=["pdf"]) + f"?territoire={TERRITORY}")
    assert response.status_code == 302 and "territoire=dep%3A81" in response["Location"]
    follow = client.get(response["Location"])
    assert any(
        m.message.startswith("Données de cadrage en PDF non produites : ")
        for m in follow.context["messages"]
    )
