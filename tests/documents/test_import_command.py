"""``pacte import FICHIER… [--confirm]`` and ``pacte drafts``."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacte.cli import main
from pacte.conventions.models import Convention
from pacte.documents.enums import DraftStatus
from pacte.documents.models import ImportDraft, SourceDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path: Path, convention_text: str, deliberation_text: str) -> Path:
    """Documents as a batch holds them: good ones and bad ones side by side."""
    root = tmp_path / "documents"
    root.mkdir()
    (root / "convention.txt").write_text(convention_text, encoding="utf-8")
    (root / "deliberation.txt").write_text(deliberation_text, encoding="utf-8")
    (root / "abime.pdf").write_bytes(b"%PDF-1.7\n\x00\xff des octets sans PDF")
    (root / "vide.txt").write_bytes(b"")
    (root / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0 tableur")
    return root


def test_one_bad_file_is_reported_and_the_others_go_in(
    folder: Path, media: Path, files_in, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["convention.txt", "abime.pdf", "deliberation.txt", "vide.txt", "budget.xls"]

    code = main(["import", *(str(folder / name) for name in names)])

    out, err = capsys.readouterr()
    assert code == 1
    convention, deliberation = (
        ImportDraft.objects.get(source__original_filename=name)
        for name in ("convention.txt", "deliberation.txt")
    )
    assert out.splitlines()[0].startswith(
        f"[1/5] convention.txt … brouillon n° {convention.pk} créé (convention, "
    )
    assert f"[3/5] deliberation.txt … brouillon n° {deliberation.pk} créé (délibération" in out
    assert "[2/5] abime.pdf … refusé : fichier PDF illisible ou endommagé" in err
    assert "[4/5] vide.txt … refusé : fichier vide" in err
    assert "[5/5] budget.xls … refusé : format non pris en charge (.xls)" in err
    assert out.splitlines()[-1] == "5 fichiers : 2 brouillons créés, 0 déjà importé, 3 refusés"
    assert SourceDocument.objects.count() == 2
    assert len(files_in(media)) == 2
    assert Convention.objects.count() == 0


def test_the_same_file_twice_is_imported_once(
    folder: Path, media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(folder / "convention.txt")

    assert main(["import", path, path]) == 0

    out = capsys.readouterr().out
    draft = ImportDraft.objects.get()
    assert f"[2/2] convention.txt … déjà importé (brouillon n° {draft.pk})" in out
    assert out.splitlines()[-1] == "2 fichiers : 1 brouillon créé, 1 déjà importé, 0 refusé"


def test_confirm_stores_what_validates_and_lists_what_to_complete(
    folder: Path,
    media: Path,
    incomplete_text: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (folder / "objectifs.txt").write_text(incomplete_text, encoding="utf-8")
    names = ["convention.txt", "objectifs.txt", "deliberation.txt", "abime.pdf"]

    code = main(["import", "--confirm", *(str(folder / name) for name in names)])

    out = capsys.readouterr().out
    assert code == 1
    assert "  convention « convention » enregistrée" in out
    assert (
        "  à compléter : grants[0] : les versements dépassent 100 % de la subvention (total 120 %)"
    ) in out
    assert (
        "  non enregistré : ce document est une délibération seule : "
        "rien à enregistrer comme convention"
    ) in out
    assert out.splitlines()[-1] == (
        "4 fichiers : 3 brouillons créés, 0 déjà importé, 1 refusé ; "
        "1 convention enregistrée, 1 brouillon à compléter, "
        "1 délibération seule (non enregistrée)"
    )
    assert list(Convention.objects.values_list("reference", flat=True)) == ["convention"]
    statuses = dict(ImportDraft.objects.values_list("source__original_filename", "status"))
    assert statuses == {
        "convention.txt": DraftStatus.CONFIRMED,
        "objectifs.txt": DraftStatus.PENDING,
        "deliberation.txt": DraftStatus.PENDING,
    }


def test_confirm_later_confirms_the_drafts_already_imported(
    folder: Path, media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(folder / "convention.txt")
    assert main(["import", path]) == 0
    assert main(["import", "--confirm", path]) == 0
    assert main(["import", "--confirm", path]) == 0

    out = capsys.readouterr().out.splitlines()
    assert out[-1] == (
        "1 fichier : 0 brouillon créé, 1 déjà importé, 0 refusé ; 0 convention enregistrée"
    )
    assert out.count("  convention « convention » enregistrée") == 1
    assert Convention.objects.count() == 1


def test_missing_oversized_and_folder_arguments_are_refused(
    folder: Path, media: Path, settings, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.PACTE_IMPORT_MAX_BYTES = 200

    code = main(["import", str(folder / "absent.pdf"), str(folder / "convention.txt"), str(folder)])

    err = capsys.readouterr().err
    assert code == 1
    assert "[1/3] absent.pdf … refusé : fichier introuvable" in err
    assert "[2/3] convention.txt … refusé : fichier trop volumineux (" in err
    assert "[3/3] documents … refusé : ce n'est pas un fichier" in err
    assert SourceDocument.objects.count() == 0


def test_an_extractor_failure_is_reported_and_the_batch_goes_on(
    folder: Path, media: Path, monkeypatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pacte.documents import services

    real = services.extract

    def fragile(data: bytes, filename: str, **kwargs):
        if filename == "deliberation.txt":
            raise IndexError("bogue")
        return real(data, filename, **kwargs)

    monkeypatch.setattr(services, "extract", fragile)

    code = main(["import", str(folder / "deliberation.txt"), str(folder / "convention.txt")])

    out, err = capsys.readouterr()
    assert code == 1
    assert "[1/2] deliberation.txt … refusé : erreur inattendue pendant l'extraction" in err
    assert "[2/2] convention.txt … brouillon n° " in out
    assert SourceDocument.objects.count() == 1


def test_drafts_lists_the_drafts(
    folder: Path, media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["drafts"]) == 0
    assert "Aucun brouillon d'import" in capsys.readouterr().out
    main(["import", "--confirm", str(folder / "convention.txt"), str(folder / "deliberation.txt")])
    capsys.readouterr()

    assert main(["drafts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "à relire" in lines[0] and "deliberation.txt" in lines[0]
    assert "12/01/2024" in lines[0] and "2 500,00 €" in lines[0]
    assert "confirmé → convention" in lines[1] and "Commune de Saint-Aubin" in lines[1]

    assert main(["drafts", "--status", "pending"]) == 0
    assert "convention.txt" not in capsys.readouterr().out


@pytest.mark.seeds
def test_the_seed_documents_are_imported_and_confirmed(
    shared_seeds: Path, media: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pacte.conventions.selectors import convention_terms
    from pacte.terms.io import convention_from_data

    paths = [str(path) for path in sorted(shared_seeds.glob("*.txt"))]

    assert main(["import", "--confirm", *paths, paths[0]]) == 0

    out = capsys.readouterr().out
    assert out.splitlines()[-1] == (
        "3 fichiers : 2 brouillons créés, 1 déjà importé, 0 refusé ; 2 conventions enregistrées"
    )
    assert "délibération et convention" in out
    for draft in ImportDraft.objects.all():
        assert draft.status == DraftStatus.CONFIRMED
        assert convention_terms(reference=draft.convention.reference) == convention_from_data(
            draft.data
        )
