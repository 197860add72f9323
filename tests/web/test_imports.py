"""The import screen: upload, review beside the source text, correct, confirm or reject."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from web_roles import GWENAEL

from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft
from pacte.web.import_review import span_of
from pacte.web.views.imports import highlight

pytestmark = pytest.mark.django_db

CONVENTION = """CONVENTION DE PARTENARIAT
entre la Ville de Saint-Gwenaël-sur-Blavet et l'association Les Jardins partagés

ENTRE
La Ville de Saint-Gwenaël-sur-Blavet, représentée par son Maire, Monsieur Paul DURAND, dûment habilité par délibération du conseil municipal du 12 janvier 2026,
ci-après dénommée « la Ville »,

ET
L'association Les Jardins partagés, représentée par sa Présidente, Madame Claire MARTIN,
ci-après dénommée « l'Association »,

IL EST CONVENU CE QUI SUIT :

Article 1 – Objet
La présente convention a pour objet de définir les conditions dans lesquelles la Ville soutient l'action de l'Association en faveur des jardins partagés.

Article 2 – Durée
La présente convention est conclue pour une durée d'un an à compter de sa signature.

Article 3 – Montant de la subvention
La Ville attribue à l'Association une subvention de 2 500 € pour l'année 2026.

Article 4 – Résiliation
Chaque partie peut dénoncer la présente convention par lettre recommandée avec accusé de réception, moyennant un préavis de trois mois.

Fait à Saint-Gwenaël-sur-Blavet, le 1er février 2026
"""


def upload(client, *files):
    return client.post(reverse("import_list"), {"files": list(files)})


def text_file(name="convention.txt", body=CONVENTION):
    return SimpleUploadedFile(name, body.encode())


@pytest.mark.parametrize("role", ["partner_x", "partner_y", "reader"])
def test_partners_and_readers_get_403(role, users) -> None:
    from django.test import Client

    client = Client()
    client.force_login(users[role])
    assert client.get(reverse("import_list")).status_code == 403
    assert upload(client, text_file()).status_code == 403
    draft_pk = 1
    for name in ("import_draft",):
        assert client.get(reverse(name, args=[draft_pk])).status_code == 403
    for name in ("import_confirm", "import_reject"):
        assert client.post(reverse(name, args=[draft_pk])).status_code == 403
    assert not ImportDraft.objects.exists()


def test_anonymous_is_sent_to_login(client) -> None:
    for url in (reverse("import_list"), reverse("import_draft", args=[1])):
        assert client.get(url).status_code == 302


def test_upload_several_files_and_list_the_drafts(agent) -> None:
    other = text_file("autre.txt", CONVENTION.replace("2 500", "3 000"))
    response = upload(agent, text_file(), other)
    assert response.status_code == 302
    assert ImportDraft.objects.count() == 2
    page = agent.get(reverse("import_list")).content.decode()
    assert "convention.txt" in page and "autre.txt" in page
    assert "brouillon n°" in page
    assert AuditEntry.objects.filter(object_type="import_draft").count() == 2


def test_refused_files_say_why_in_french(agent, settings) -> None:
    settings.PACTE_IMPORT_MAX_BYTES = 2000
    response = upload(
        agent,
        SimpleUploadedFile("photo.exe", b"MZ..."),
        SimpleUploadedFile("vide.txt", b""),
        text_file("gros.txt", CONVENTION * 3),
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "photo.exe : ce type de fichier n'est pas lu" in page
    assert "vide.txt : le fichier est vide" in page
    assert "au-delà de la limite" in page
    assert upload(agent).status_code == 400
    assert not ImportDraft.objects.exists()


def test_an_extractor_bug_on_one_file_keeps_the_others_and_says_so(agent, monkeypatch) -> None:
    from pacte.documents import services

    real_extract = services.extract

    def extract(data, filename, **kwargs):
        if filename == "casse.txt":
            raise IndexError("list index out of range")
        return real_extract(data, filename, **kwargs)

    monkeypatch.setattr(services, "extract", extract)
    response = upload(
        agent,
        text_file(),
        text_file("casse.txt", CONVENTION.replace("2 500", "4 000")),
        text_file("autre.txt", CONVENTION.replace("2 500", "3 000")),
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "casse.txt : erreur inattendue pendant la lecture du document" in page
    stored = sorted(d.source.original_filename for d in ImportDraft.objects.all())
    assert stored == ["autre.txt", "convention.txt"]
    assert all(d.spans and d.key_terms for d in ImportDraft.objects.all())
    assert AuditEntry.objects.filter(object_type="import_draft").count() == 2


def test_same_file_twice_is_one_draft(agent) -> None:
    upload(agent, text_file())
    upload(agent, text_file("copie.txt"))
    assert ImportDraft.objects.count() == 1


def test_draft_page_shows_fields_beside_highlighted_source(agent) -> None:
    upload(agent, text_file())
    draft = ImportDraft.objects.get()
    page = html.unescape(agent.get(reverse("import_draft", args=[draft.pk])).content.decode())
    assert '<mark id="span-1">' in page
    assert 'href="#span-' in page and "Voir dans le texte" in page
    assert "Partie 1 : Ville de Saint-Gwenaël-sur-Blavet" in page
    assert "Nom de l'organisation" in page and "Parties et représentants" in page
    assert "Non trouvé dans le document" in page and "la reconduction" in page
    assert "Préavis de dénonciation" in page
    assert 'value="DURAND"' in page and "first_name" not in page
    assert "style=" not in page.split("<main", 1)[-1].split("</main>")[0]


def test_confirm_with_corrections_stores_the_convention(agent) -> None:
    upload(agent, text_file())
    draft = ImportDraft.objects.get()
    form = agent.get(reverse("import_draft", args=[draft.pk])).context["form"]
    data = {f"terms-{name}": form[name].value() or "" for name in form.fields}
    data["terms-reference"] = "ville-jardins-2026"
    data["terms-grant_0_year_0"] = "2600"
    data["terms-renewal_kind"] = "tacit"
    response = agent.post(reverse("import_confirm", args=[draft.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("convention", args=["ville-jardins-2026"])
    convention = Convention.objects.get(reference="ville-jardins-2026")
    assert convention.to_terms().grants[0].years[0].amount == 2600
    draft.refresh_from_db()
    assert draft.status == DraftStatus.CONFIRMED
    assert AuditEntry.objects.filter(object_type="import_draft", summary__reviewed=True).exists()
    # confirmed: nothing more to confirm
    assert agent.post(reverse("import_confirm", args=[draft.pk]), data).status_code == 302


def test_invalid_corrections_are_refused_in_french(agent) -> None:
    upload(agent, text_file())
    draft = ImportDraft.objects.get()
    response = agent.post(
        reverse("import_confirm", args=[draft.pk]),
        {"terms-reference": "Pas Un Slug", "terms-title": "", "terms-notice_value": "3"},
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "Indiquez l'unité du préavis." in page
    assert ImportDraft.objects.get().status == DraftStatus.PENDING


def test_reject(agent) -> None:
    upload(agent, text_file())
    draft = ImportDraft.objects.get()
    assert agent.post(reverse("import_reject", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.REJECTED
    assert agent.get(reverse("import_draft", args=[draft.pk])).context["form"] is None


def test_an_agent_sees_only_the_drafts_of_their_organisation(agent, admin, users) -> None:
    upload(admin, text_file())
    draft = ImportDraft.objects.get()
    assert agent.get(reverse("import_draft", args=[draft.pk])).status_code == 404
    assert "convention.txt" not in agent.get(reverse("import_list")).content.decode()
    assert admin.get(reverse("import_draft", args=[draft.pk])).status_code == 200


def test_highlight_marks_the_shortest_spans_and_points_overlaps_to_them() -> None:
    text = "Durée : un an à compter de la signature."
    spans = {
        "term.place": {"start": 0, "end": 39},
        "term.duration": {"start": 8, "end": 14},
        "articles[0].text": {"start": 0, "end": 39},
    }
    segments, anchors = highlight(text, spans)
    assert "".join(s.text for s in segments) == text
    assert [s.text for s in segments if s.mark] == ["un an "]
    assert anchors == {"term.duration": "span-1", "term.place": "span-1"}
    # a value without a span of its own points to the one it was read in
    assert span_of("term.start", spans)[0] == "term.place"
    assert span_of("grants[0].years[0].amount", spans) is None
    assert span_of("term.duration", spans)[0] == "term.duration"
    assert span_of("term", spans)[0] == "term.place"


def test_the_gwenael_sample_stays_visible(agent) -> None:
    assert agent.get(reverse("convention", args=[GWENAEL])).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        Path(__file__).resolve().parents[1]
        / "extraction/documents/04_deliberation_conseil_municipal.txt",
        "Liste des courses : pain, lait, œufs.",
    ],
)
def test_a_draft_with_no_convention_still_opens_for_review(agent, body) -> None:
    text = body.read_text(encoding="utf-8") if isinstance(body, Path) else body
    upload(agent, text_file("autre.txt", text))
    draft = ImportDraft.objects.get()
    response = agent.get(reverse("import_draft", args=[draft.pk]))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Relecture de autre.txt" in page and "À compléter avant de confirmer" in page
    assert "Intitulé" in page and "Référence" in page
