"""``session_attendance_set``: the attendance entered is checked by the rules, stored atomically, audited."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from docx import Document

from pacte.audit.models import AuditEntry
from pacte.cli import main
from pacte.deliberations.enums import AttendanceStatus
from pacte.deliberations.models import Session
from pacte.deliberations.services import (
    AttendanceConflict,
    AttendanceEntry,
    AttendanceError,
    council_session_store,
    session_attendance_set,
)
from pacte.samples import session_sample_paths
from pacte.terms import load_council_session_yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def session() -> Session:
    path = session_sample_paths()[0]
    terms = load_council_session_yaml(path.read_text(encoding="utf-8"), source=path.name)
    return council_session_store(terms=terms)[0]


def entries(session: Session, **changes: tuple[str, str | None]) -> list[AttendanceEntry]:
    """The stored attendance, holders as the present members, with ``changes`` by last name."""
    rows = list(session.attendances.select_related("person", "proxy_to").order_by("position"))
    by_name = {row.person.last_name: row.person_id for row in rows}
    result = []
    for row in rows:
        status, holder = row.status, row.proxy_to.last_name if row.proxy_to else None
        status, holder = changes.get(row.person.last_name, (status, holder))
        result.append(AttendanceEntry(row.person_id, status, by_name[holder] if holder else None))
    return result


def stored(session: Session) -> list[tuple[int, str, int | None]]:
    return list(session.attendances.values_list("person_id", "status", "proxy_to_id"))


def test_valid_entry_is_stored_and_audited(session: Session) -> None:
    changed = entries(
        session,
        Gourlay=(AttendanceStatus.PRESENT, None),
        Hervé=(AttendanceStatus.EXCUSED, "Gourlay"),
    )
    session_attendance_set(session=session, attendance=changed, by=None)
    statuses = {a.person.last_name: (a.status, a.proxy_to) for a in session.attendances.all()}
    assert statuses["Gourlay"] == (AttendanceStatus.PRESENT, None)
    assert statuses["Hervé"][1].last_name == "Gourlay"
    entry = AuditEntry.objects.get(object_type="session", action="updated")
    assert entry.summary["attendance"] == ["M. Hervé", "M. Gourlay"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"Hervé": (AttendanceStatus.EXCUSED, "Jégou")}, "Mme Jégou détient 2 pouvoirs"),
        (
            {"Hervé": (AttendanceStatus.EXCUSED, "Gourlay")},
            "Pouvoir de M. Hervé à M. Gourlay, qui n'est pas listé parmi les présents",
        ),
        (
            {"Jégou": (AttendanceStatus.ABSENT, None)},
            "Pouvoir de M. Le Roux à Mme Jégou, qui n'est pas listé parmi les présents",
        ),
        ({"Daniel": (AttendanceStatus.PRESENT, "Jégou")}, "Mme Daniel n'est pas excusé"),
        ({"Hervé": (AttendanceStatus.EXCUSED, "Hervé")}, "M. Hervé ne peut pas se donner pouvoir"),
    ],
)
def test_refused_entry_stores_nothing(session: Session, changes, message: str) -> None:
    before = stored(session)
    with pytest.raises(AttendanceError) as refused:
        session_attendance_set(session=session, attendance=entries(session, **changes))
    assert any(message in m for m in refused.value.messages), refused.value.messages
    assert stored(session) == before
    assert not AuditEntry.objects.filter(object_type="session", action="updated").exists()


def test_entry_must_cover_the_members(session: Session) -> None:
    with pytest.raises(AttendanceError, match="rechargez la page"):
        session_attendance_set(session=session, attendance=entries(session)[1:])


def test_cli_extract_docx(session: Session, tmp_path: Path, capsys) -> None:
    target = tmp_path / "extrait.docx"
    assert (
        main(["extrait", "seance:2026-02-09", "--deliberation", "DCM-2026-013", "-o", str(target)])
        == 0
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "Délibération n° DCM-2026-013" in text
    assert (
        main(
            [
                "extrait",
                "seance:2026-02-09:21560947000012",
                "--deliberation",
                "1",
                "-o",
                str(target),
            ]
        )
        == 0
    )
    assert "Délibération n° DCM-2026-012" in "\n".join(
        p.text for p in Document(str(target)).paragraphs
    )
    capsys.readouterr()
    assert main(["extrait", "seance:2026-02-09"]) == 1
    assert (
        "la séance compte 3 délibérations (DCM-2026-012, DCM-2026-013, DCM-2026-014)"
        in capsys.readouterr().err
    )
    assert main(["extrait", "seance:2026-02-09", "--deliberation", "X-9"]) == 1
    assert "aucune délibération « X-9 »" in capsys.readouterr().err
    assert main(["extrait", "seance:2026-02-10"]) == 1
    assert "aucune séance le 10/02/2026" in capsys.readouterr().err


def test_cli_extract_pdf_without_libreoffice(
    session: Session, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    target = tmp_path / "extrait.pdf"
    assert (
        main(
            [
                "extrait",
                "seance:2026-02-09",
                "--deliberation",
                "1",
                "--format",
                "pdf",
                "-o",
                str(target),
            ]
        )
        == 1
    )
    assert "LibreOffice n'est pas installé" in capsys.readouterr().err
    assert not target.exists()


def test_a_form_of_an_older_version_is_a_conflict_that_stores_nothing(session: Session) -> None:
    assert session.attendance_version == 0
    first = entries(session, Gourlay=(AttendanceStatus.PRESENT, None))
    session_attendance_set(session=session, attendance=first, by=None, version=0)
    session.refresh_from_db()
    assert session.attendance_version == 1
    before = stored(session)
    late = entries(session, Hervé=(AttendanceStatus.ABSENT, None))
    with pytest.raises(AttendanceConflict) as caught:
        session_attendance_set(session=session, attendance=late, by=None, version=0)
    assert stored(session) == before
    conflict = caught.value
    assert conflict.version == 1 and conflict.by == "un autre utilisateur"
    assert [(c.member, c.before, c.after) for c in conflict.changes] == [
        ("M. Gourlay", "absent", "présent")
    ]
    # sent again with the current version, it applies
    session_attendance_set(session=session, attendance=late, by=None, version=1)
    session.refresh_from_db()
    assert session.attendance_version == 2
