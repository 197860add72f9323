"""Import services: a document becomes a stored file and a draft; a draft becomes a convention."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

from factories import UserFactory
from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.conventions.selectors import convention_terms
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft, SourceDocument
from pacte.documents.selectors import draft_get, draft_list
from pacte.documents.services import (
    DELIBERATION_ONLY_MESSAGE,
    NOTHING_FOUND_MESSAGE,
    DraftError,
    DuplicateError,
    document_import,
    draft_confirm,
    draft_reject,
)
from pacte.extraction.readers import ReadError
from pacte.terms import TermsError
from pacte.terms.io import convention_from_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(username="agent")


def test_a_convention_text_becomes_a_draft_and_its_file_is_stored(
    media: Path, user, convention_text, files_in
) -> None:
    data = convention_text.encode()
    draft, created = document_import(filename="dossiers/convention.txt", data=data, by=user)

    assert created
    source = draft.source
    sha = hashlib.sha256(data).hexdigest()
    assert (source.original_filename, source.sha256, source.size, source.format) == (
        "convention.txt",
        sha,
        len(data),
        "txt",
    )
    assert source.uploaded_by == user
    assert source.file.name == f"sources/{sha[:2]}/{sha}.txt"
    assert files_in(media) == [media / "sources" / sha[:2] / f"{sha}.txt"]
    with source.file.open("rb") as stored:
        assert stored.read() == data

    assert draft.status == DraftStatus.PENDING
    assert draft.doc_type == "convention"
    assert draft.problems == []
    names = [party["organisation"]["name"] for party in draft.data["parties"]]
    assert names[0] == "Commune de Saint-Aubin"
    assert names[1].endswith("Les Jardins partagés")
    assert draft.data["term"]["duration"] == {"value": 1, "unit": "year"}
    assert draft.data["grants"][0]["years"] == [{"year": 2024, "amount": "2500.00"}]
    assert draft.key_terms["signature_date"] == "2024-02-01"
    assert draft.spans["signed_on"]["text"] == "1er février 2024"
    assert "la reconduction" in draft.missing

    entry = AuditEntry.objects.get(object_type="import_draft")
    assert (entry.action, entry.object_ref, entry.actor) == ("created", str(draft.pk), user)
    assert entry.summary["filename"] == "convention.txt"
    assert entry.summary["sha256"] == sha


def test_the_same_bytes_again_give_back_the_first_draft(
    media: Path, convention_text, files_in
) -> None:
    first, _ = document_import(filename="convention.txt", data=convention_text.encode())
    files, entries = files_in(media), AuditEntry.objects.count()

    again, created = document_import(filename="copie.txt", data=convention_text.encode())

    assert not created
    assert again == first
    assert (SourceDocument.objects.count(), ImportDraft.objects.count()) == (1, 1)
    assert files_in(media) == files
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("filename", "data", "problem"),
    [
        ("convention.pdf", b"%PDF-1.4\n\x00\x93garbage, not a PDF", "PDF illisible"),
        ("vide.txt", b"", "fichier vide"),
        ("budget.xls", b"\xd0\xcf\x11\xe0 tableur", "format non pris en charge (.xls)"),
        ("blanc.txt", b"   \n\n  ", "aucun texte"),
    ],
)
def test_a_file_that_cannot_be_read_leaves_nothing(
    media: Path, filename: str, data: bytes, problem: str, files_in
) -> None:
    with pytest.raises(ReadError) as raised:
        document_import(filename=filename, data=data)

    assert problem in str(raised.value)
    assert str(raised.value).startswith(f"{filename} : ")
    assert (SourceDocument.objects.count(), ImportDraft.objects.count()) == (0, 0)
    assert AuditEntry.objects.count() == 0
    assert files_in(media) == []


def test_a_file_over_the_configured_size_is_refused(
    media: Path, settings, convention_text, files_in
) -> None:
    settings.PACTE_IMPORT_MAX_BYTES = 100
    with pytest.raises(ReadError, match="trop volumineux"):
        document_import(filename="convention.txt", data=convention_text.encode())
    assert files_in(media) == []


def test_a_failure_after_the_file_is_written_removes_it(
    media: Path, monkeypatch, convention_text, files_in
) -> None:
    def broken(**kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr("pacte.documents.services.audit_record", broken)
    with pytest.raises(RuntimeError):
        document_import(filename="convention.txt", data=convention_text.encode())
    assert files_in(media) == []
    assert SourceDocument.objects.count() == 0


def test_a_file_left_by_a_rolled_back_import_is_used_again(
    media: Path, convention_text, files_in
) -> None:
    data = convention_text.encode()
    sha = hashlib.sha256(data).hexdigest()
    left = media / "sources" / sha[:2] / f"{sha}.txt"
    left.parent.mkdir(parents=True)
    left.write_bytes(data)

    draft, created = document_import(filename="convention.txt", data=data)

    assert created
    assert draft.source.file.name == f"sources/{sha[:2]}/{sha}.txt"
    assert files_in(media) == [left]


def test_confirm_stores_the_convention_with_the_extracted_terms(
    media: Path, user, convention_text
) -> None:
    draft, _ = document_import(filename="convention.txt", data=convention_text.encode())

    convention = draft_confirm(draft=draft, by=user)

    assert convention_terms(reference=convention.reference) == convention_from_data(draft.data)
    assert convention.reference == "convention"
    assert convention.signed_on.isoformat() == "2024-02-01"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.CONFIRMED
    assert (draft.convention, draft.confirmed_by) == (convention, user)
    assert draft.confirmed_at is not None
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.object_type, e.action) for e in entries] == [
        ("import_draft", "created"),
        ("convention", "created"),
        ("import_draft", "updated"),
    ]
    assert entries.last().summary == {
        "status": "confirmed",
        "convention": "convention",
        "reviewed": False,
    }


def test_an_import_never_replaces_a_convention_it_did_not_create(
    media: Path, convention_text
) -> None:
    first, _ = document_import(filename="convention.txt", data=convention_text.encode())
    other_text = convention_text.replace("2 500 €", "3 000 €")
    second, _ = document_import(filename="convention.txt", data=other_text.encode())

    assert draft_confirm(draft=first).reference == "convention"
    # the same text with another amount: probably the same convention, kept only knowingly
    with pytest.raises(DuplicateError) as raised:
        draft_confirm(draft=second)
    assert "Doublon probable de convention : mêmes parties, mêmes dates, montants différents" in (
        str(raised.value)
    )
    assert draft_confirm(draft=second, keep_both=True).reference == "convention-2"

    assert Convention.objects.count() == 2
    second.refresh_from_db()
    assert second.data["reference"] == "convention-2"


def test_an_incomplete_draft_is_kept_and_confirm_says_what_to_complete(
    media: Path, incomplete_text: str
) -> None:
    draft, created = document_import(filename="objectifs.txt", data=incomplete_text.encode())
    assert created
    problem = "grants[0] : les versements dépassent 100 % de la subvention (total 120 %)"
    assert draft.problems == [problem]

    with pytest.raises(TermsError) as raised:
        draft_confirm(draft=draft)

    assert str(raised.value) == f"objectifs.txt, {problem}"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING
    assert Convention.objects.count() == 0
    assert AuditEntry.objects.filter(action="updated").count() == 0


def test_confirm_with_reviewed_data_completes_the_draft(media: Path, incomplete_text: str) -> None:
    draft, _ = document_import(filename="objectifs.txt", data=incomplete_text.encode())
    reviewed = copy.deepcopy(draft.data)
    reviewed["reference"] = "saint-aubin-jardins-2024"
    reviewed["grants"][0]["instalments"][1]["percent"] = "30"

    with pytest.raises(TermsError, match=r"parties\[0\]\.role : champ obligatoire manquant"):
        draft_confirm(draft=draft, data={**reviewed, "parties": [{"key": "x"}]})
    convention = draft_confirm(draft=draft, data=reviewed)

    assert convention.reference == "saint-aubin-jardins-2024"
    assert convention_terms(reference=convention.reference) == convention_from_data(reviewed)
    draft.refresh_from_db()
    assert draft.data == reviewed
    assert draft.problems == []
    entry = AuditEntry.objects.filter(object_type="import_draft").order_by("pk").last()
    assert entry.summary["reviewed"]


def test_a_deliberation_alone_is_a_draft_that_confirm_refuses(
    media: Path, deliberation_text
) -> None:
    draft, created = document_import(filename="deliberation.txt", data=deliberation_text.encode())

    assert created
    assert draft.doc_type == "deliberation"
    assert draft.key_terms["session_date"] == "2024-01-12"
    assert draft.key_terms["members_present"] == 4
    assert draft.key_terms["vote"]["result"] == "unanimous"
    assert draft.problems == [DELIBERATION_ONLY_MESSAGE]
    assert draft.missing == []

    with pytest.raises(TermsError) as raised:
        draft_confirm(draft=draft)

    assert str(raised.value) == (
        "deliberation.txt : ce document est une délibération seule : "
        "rien à enregistrer comme convention"
    )
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PENDING
    assert Convention.objects.count() == 0


def test_reject_then_no_more_change(media: Path, user, convention_text) -> None:
    draft, _ = document_import(filename="convention.txt", data=convention_text.encode())

    draft_reject(draft=draft, by=user)

    draft.refresh_from_db()
    assert draft.status == DraftStatus.REJECTED
    entry = AuditEntry.objects.order_by("pk").last()
    assert (entry.action, entry.actor, entry.summary) == ("updated", user, {"status": "rejected"})
    with pytest.raises(DraftError, match=r"convention\.txt : le brouillon n° \d+ est déjà rejeté"):
        draft_confirm(draft=draft)
    with pytest.raises(DraftError, match="déjà rejeté"):
        draft_reject(draft=draft)
    assert Convention.objects.count() == 0
    again, created = document_import(filename="convention.txt", data=convention_text.encode())
    assert (again, created) == (draft, False)


def test_a_confirmed_draft_cannot_be_confirmed_twice(media: Path, convention_text) -> None:
    draft, _ = document_import(filename="convention.txt", data=convention_text.encode())
    draft_confirm(draft=draft)
    with pytest.raises(DraftError, match="déjà confirmé"):
        draft_confirm(draft=draft)
    assert Convention.objects.count() == 1


def test_selectors(
    media: Path, django_assert_num_queries, convention_text, deliberation_text
) -> None:
    convention_draft, _ = document_import(filename="convention.txt", data=convention_text.encode())
    deliberation_draft, _ = document_import(filename="delib.txt", data=deliberation_text.encode())
    draft_confirm(draft=convention_draft)

    with django_assert_num_queries(1):
        rows = [(d.pk, d.source.original_filename, d.convention) for d in draft_list()]
    assert [row[0] for row in rows] == [deliberation_draft.pk, convention_draft.pk]
    assert list(draft_list(status=DraftStatus.PENDING)) == [deliberation_draft]
    assert draft_get(pk=convention_draft.pk).convention.reference == "convention"
    with pytest.raises(ImportDraft.DoesNotExist):
        draft_get(pk=0)


@pytest.mark.seeds
def test_the_seed_documents_become_drafts_then_conventions(
    media: Path, shared_seeds, files_in
) -> None:
    paths = sorted(shared_seeds.glob("*.txt"))
    assert len(paths) == 2

    drafts = [document_import(filename=p.name, data=p.read_bytes())[0] for p in paths]

    assert [d.doc_type for d in drafts] == ["deliberation+convention", "convention"]
    assert [d.problems for d in drafts] == [[], []]
    assert len(files_in(media)) == 2
    for draft in drafts:
        convention = draft_confirm(draft=draft)
        assert convention_terms(reference=convention.reference) == convention_from_data(draft.data)
    dijon = drafts[0]
    dijon.refresh_from_db()
    assert dijon.key_terms["session_date"] == "2009-03-30"
    assert dijon.convention.deliberation is not None


def test_a_document_with_no_convention_in_it_is_a_draft_to_complete_or_reject(
    media: Path,
) -> None:
    text = "Bonjour,\nvoici le compte rendu de la réunion de quartier.\n"
    draft, created = document_import(filename="note.txt", data=text.encode())

    assert created
    assert draft.doc_type == "other"
    assert draft.problems == [NOTHING_FOUND_MESSAGE]
    with pytest.raises(TermsError, match=r"note\.txt : aucun terme de convention"):
        draft_confirm(draft=draft)
    draft_reject(draft=draft)
