"""The same convention entered twice: as .txt then .docx, or as the YAML of a convention
already imported from its document. It is found, shown, and stored only by choice."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest
import yaml

from factories import ConventionFactory, SignatureFactory, TermsFactory
from pacte.audit.models import AuditEntry
from pacte.cli import main
from pacte.conventions.models import Convention
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft
from pacte.documents.selectors import _candidate_ids, draft_duplicates, probable_duplicates
from pacte.documents.services import DuplicateError, document_import, draft_confirm
from pacte.followup.models import Signature
from pacte.samples import sample_paths

pytestmark = pytest.mark.django_db


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def txt_then_docx(media: Path, convention_text: str) -> tuple[ImportDraft, ImportDraft]:
    """The .txt draft confirmed as « convention », the .docx of the same text pending."""
    first, _ = document_import(filename="convention.txt", data=convention_text.encode())
    draft_confirm(draft=first)
    second, created = document_import(filename="convention.docx", data=as_docx(convention_text))
    assert created  # other bytes: another draft
    return first, second


def test_the_docx_of_a_stored_txt_is_a_probable_duplicate(txt_then_docx) -> None:
    _first, second = txt_then_docx
    [found] = draft_duplicates(draft=second)
    assert found.describe() == (
        "Doublon probable de convention : mêmes parties, mêmes dates, même montant, même intitulé"
    )
    with pytest.raises(DuplicateError) as raised:
        draft_confirm(draft=second)
    assert "Rien n'a été enregistré" in str(raised.value)
    second.refresh_from_db()
    assert second.status == DraftStatus.PENDING
    assert Convention.objects.count() == 1


def test_merge_updates_the_convention_and_keeps_its_follow_up(txt_then_docx) -> None:
    first, second = txt_then_docx
    convention = Convention.objects.get()
    signature = SignatureFactory(convention=convention, signed_on=date(2024, 2, 1))  # first party
    data = {**second.data, "title": "Convention des jardins partagés (version signée)"}

    merged = draft_confirm(draft=second, data=data, merge="convention")

    assert merged.pk == convention.pk and Convention.objects.count() == 1
    assert merged.title == "Convention des jardins partagés (version signée)"
    assert Signature.objects.filter(convention=convention, party_key=signature.party_key).exists()
    second.refresh_from_db()
    assert (second.status, second.convention_id) == (DraftStatus.CONFIRMED, convention.pk)
    entry = (
        AuditEntry.objects.filter(object_type="import_draft", object_ref=str(second.pk))
        .order_by("pk")
        .last()
    )
    assert entry.summary["choice"] == "merge"
    assert entry.summary["choice_label"] == "fusionné avec convention"
    assert entry.summary["duplicates"][0]["reference"] == "convention"
    # the first draft still points to the one convention
    first.refresh_from_db()
    assert first.convention_id == convention.pk


def test_keep_both_stores_a_second_convention_and_says_so(txt_then_docx) -> None:
    _first, second = txt_then_docx
    kept = draft_confirm(draft=second, keep_both=True)
    assert kept.reference == "convention-2" and Convention.objects.count() == 2
    entry = (
        AuditEntry.objects.filter(object_type="import_draft", object_ref=str(second.pk))
        .order_by("pk")
        .last()
    )
    assert (entry.summary["choice"], entry.summary["duplicates"][0]["reference"]) == (
        "keep_both",
        "convention",
    )


def test_merge_into_an_unknown_reference_is_refused(txt_then_docx) -> None:
    from pacte.documents.services import DraftError

    with pytest.raises(DraftError, match="aucune convention « inconnue » au registre"):
        draft_confirm(draft=txt_then_docx[1], merge="inconnue")


def test_next_years_convention_is_not_a_duplicate(media: Path, convention_text: str) -> None:
    first, _ = document_import(filename="2024.txt", data=convention_text.encode())
    draft_confirm(draft=first)
    later, _ = document_import(
        filename="2025.txt", data=convention_text.replace("2024", "2025").encode()
    )
    assert draft_duplicates(draft=later) == []
    assert draft_confirm(draft=later).reference == "2025"


def test_candidates_are_narrowed_by_the_database(stored_samples, media: Path) -> None:
    one = TermsFactory(sample=sample_paths()[0], keep_reference=True)
    other = TermsFactory(sample=one)  # the same terms under another reference
    ids = _candidate_ids(other)
    stored = Convention.objects.get(reference=one.reference)
    # the one sharing its parties and amounts, not every convention of the register
    assert ids[0] == stored.pk
    assert len(ids) < Convention.objects.count()
    [found] = probable_duplicates(terms=other)
    assert found.reference == one.reference and found.likeness.score == 100
    assert probable_duplicates(terms=one) == []  # its own reference: an update


@pytest.fixture
def stored_samples(db: None) -> None:
    for path in sample_paths():
        ConventionFactory(terms__sample=path, terms__keep_reference=True)


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path, convention_text: str) -> tuple[Path, Path]:
    txt = tmp_path / "convention.txt"
    txt.write_text(convention_text, encoding="utf-8")
    other = tmp_path / "convention-signee.docx"
    other.write_bytes(as_docx(convention_text))
    return txt, other


def test_cli_import_prints_duplicates_and_refuses_them(
    files: tuple[Path, Path], media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt, other = files
    assert main(["import", str(txt), "--confirm"]) == 0
    capsys.readouterr()

    assert main(["import", str(other)]) == 0
    out = capsys.readouterr().out
    assert (
        "  Doublon probable de convention : mêmes parties, mêmes dates, même montant, "
        "même intitulé (ressemblance 100 sur 100)" in out
    )

    assert main(["import", str(other), "--confirm"]) == 0
    out = capsys.readouterr().out
    assert "non enregistré : doublon probable ; « --merge convention » met à jour convention" in out
    assert out.splitlines()[-1].endswith(
        "; 0 convention enregistrée, 1 doublon probable (non enregistré)"
    )
    assert Convention.objects.count() == 1

    assert main(["import", str(other), "--confirm", "--merge", "convention"]) == 0
    assert "convention « convention » mise à jour (fusion)" in capsys.readouterr().out
    assert Convention.objects.count() == 1
    assert ImportDraft.objects.filter(status=DraftStatus.CONFIRMED).count() == 2


def test_cli_keep_both(
    files: tuple[Path, Path], media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt, other = files
    main(["import", str(txt), "--confirm"])
    assert main(["import", str(other), "--confirm", "--keep-both"]) == 0
    assert "convention « convention-signee » enregistrée" in capsys.readouterr().out
    assert Convention.objects.count() == 2


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--merge", "convention"], "--merge et --keep-both s'emploient avec --confirm"),
        (["--confirm", "--merge", "x", "--keep-both"], "s'excluent"),
    ],
)
def test_cli_duplicate_options_are_checked(
    files: tuple[Path, Path], media: Path, capsys, options: list[str], message: str
) -> None:
    assert main(["import", str(files[0]), *options]) == 1
    assert message in capsys.readouterr().err
    assert not ImportDraft.objects.exists()


def test_cli_merge_needs_one_file(files: tuple[Path, Path], media: Path, capsys) -> None:
    assert main(["import", *map(str, files), "--confirm", "--merge", "x"]) == 1
    assert "--merge s'emploie avec un seul fichier" in capsys.readouterr().err


def test_load_of_a_yaml_duplicating_a_stored_convention_needs_keep_both(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = next(p for p in sample_paths() if "ville" in p.name)
    assert main(["load", str(sample)]) == 0
    assert main(["load", str(sample)]) == 0  # its own reference: an update, no warning
    assert "Attention" not in capsys.readouterr().err
    data = yaml.safe_load(sample.read_text(encoding="utf-8"))
    reference = data["reference"]
    data["reference"] = "copie-importee"
    copy = tmp_path / "copie.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    assert main(["load", str(copy)]) == 1
    err = capsys.readouterr().err
    assert (
        f"Attention : « copie-importee » : Doublon probable de {reference} : mêmes parties" in err
    )
    assert "Rien n'a été enregistré (--keep-both pour enregistrer quand même)." in err
    assert not Convention.objects.filter(reference="copie-importee").exists()

    assert main(["load", str(copy), "--keep-both"]) == 0
    assert Convention.objects.filter(reference="copie-importee").exists()
