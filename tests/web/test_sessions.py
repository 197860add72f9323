"""Council sessions on the web: list, page, attendance entry, extract, convention → session link.

Visibility: the administrator sees every session; an agent or a reader those of their
authority; a partner only a session that approved one of their conventions (the one
their convention page links to); anyone else a 404, as for an unknown session.
"""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from web_roles import GWENAEL

from pacte.audit.models import AuditEntry
from pacte.deliberations.enums import AttendanceStatus
from pacte.deliberations.models import Attendance, Session
from pacte.deliberations.services import council_session_store
from pacte.samples import session_sample_paths
from pacte.terms import load_council_session_yaml

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")
SEES = {"agent", "partner_x", "admin"}
ENTERS = {"agent", "admin"}


@pytest.fixture
def council(stored) -> Session:
    """The sample session of the Ville de Saint-Gwenaël, stored whole (three acts)."""
    path = session_sample_paths()[0]
    terms = load_council_session_yaml(path.read_text(encoding="utf-8"), source=path.name)
    return council_session_store(terms=terms)[0]


def client_as(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def person_id(session: Session, last_name: str) -> int:
    return session.attendances.get(person__last_name=last_name).person_id


def attendance(session: Session) -> list[tuple[int, str, int | None]]:
    return list(
        Attendance.objects.filter(session=session)
        .order_by("position")
        .values_list("person_id", "status", "proxy_to_id")
    )


def entered(client: Client, session: Session) -> dict[str, str]:
    """The attendance form as shown, ready to post again."""
    form = client.get(reverse("session_attendance", args=[session.pk])).context["form"]
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


@pytest.mark.parametrize("role", ROLES)
def test_session_pages_as_each_role(role: str, users, council) -> None:
    client = client_as(role, users)
    act = council.deliberations.get(number="DCM-2026-014")
    urls = {
        "list": reverse("sessions"),
        "page": reverse("session", args=[council.pk]),
        "attendance": reverse("session_attendance", args=[council.pk]),
        "docx": reverse("deliberation_extract", args=[council.pk, act.pk, "docx"]),
    }
    statuses = {key: client.get(url).status_code for key, url in urls.items()}
    if role == "anonymous":
        assert set(statuses.values()) == {302}
        return
    assert statuses["list"] == 200
    listed = client.get(urls["list"]).content.decode()
    assert (reverse("session", args=[council.pk]) in listed) is (role in SEES)
    if role not in SEES:
        assert statuses == {"list": 200, "page": 404, "attendance": 404, "docx": 404}
        return
    assert statuses["page"] == 200
    assert statuses["docx"] == 200
    assert statuses["attendance"] == (200 if role in ENTERS else 403)
    assert client.post(urls["attendance"], {}).status_code == (400 if role in ENTERS else 403)


def test_session_page_shows_attendance_quorum_and_acts(agent, council) -> None:
    response = agent.get(reverse("session", args=[council.pk]))
    page = response.content.decode()
    assert "Mme Soazig Le Goff (président de séance)" in page
    assert "M. Erwan Tanguy (secrétaire de séance)" in page
    assert "M. Le Roux (pouvoir à Mme Jégou)" in page
    assert "Présents (17)" in page and "Excusés (3)" in page and "Absents (3)" in page
    assert "Quorum atteint" in page and "L2121-17" in page
    assert "DCM-2026-012" in page and "DCM-2026-014" in page
    assert "à la majorité (15 pour, 3 contre, 1 abstention)" in page
    # the act approving the convention links to it, as does nothing else
    assert reverse("convention", args=[GWENAEL]) in page
    assert "Saisir les présences" in page
    first = council.deliberations.first().pk
    assert reverse("deliberation_extract", args=[council.pk, first, "docx"]) in page
    # a PDF link only where LibreOffice can produce it
    from pacte.outputs.documents import soffice

    pdf = reverse("deliberation_extract", args=[council.pk, first, "pdf"])
    assert (pdf in page) == (soffice() is not None)


def test_partner_reads_the_session_but_enters_nothing(users, council) -> None:
    client = client_as("partner_x", users)
    page = client.get(reverse("session", args=[council.pk])).content.decode()
    assert "Saisir les présences" not in page


def test_attendance_entry_valid(agent, users, council) -> None:
    data = entered(agent, council)
    gourlay, herve = person_id(council, "Gourlay"), person_id(council, "Hervé")
    data[f"statut_{gourlay}"] = AttendanceStatus.PRESENT
    data[f"pouvoir_{herve}"] = str(gourlay)
    response = agent.post(reverse("session_attendance", args=[council.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("session", args=[council.pk])
    row = council.attendances.get(person_id=herve)
    assert (row.status, row.proxy_to_id) == (AttendanceStatus.EXCUSED, gourlay)
    assert council.attendances.get(person_id=gourlay).status == AttendanceStatus.PRESENT
    entry = AuditEntry.objects.filter(object_type="session").latest("pk")
    assert entry.object_ref == "seance:2026-02-09:21560947000012"
    assert entry.actor == users["agent"]
    page = agent.get(reverse("session", args=[council.pk])).content.decode()
    assert "Présences enregistrées." in page
    assert "Présents (18)" in page and "M. Hervé (pouvoir à M. Gourlay)" in page


def refused(client: Client, session: Session, data: dict[str, str]) -> str:
    before = attendance(session)
    response = client.post(reverse("session_attendance", args=[session.pk]), data)
    assert response.status_code == 400
    assert attendance(session) == before
    return response.content.decode()


def test_attendance_entry_double_proxy(agent, council) -> None:
    data = entered(agent, council)
    jegou = person_id(council, "Jégou")
    data[f"pouvoir_{person_id(council, 'Hervé')}"] = str(jegou)
    page = refused(agent, council, data)
    assert "Les présences ne sont pas enregistrées" in page
    assert "Mme Jégou détient 2 pouvoirs ; un membre n&#x27;en détient qu&#x27;un seul" in page


def test_attendance_entry_proxy_to_an_absent_member(agent, council) -> None:
    data = entered(agent, council)
    data[f"pouvoir_{person_id(council, 'Hervé')}"] = str(person_id(council, "Gourlay"))
    page = refused(agent, council, data)
    assert "Pouvoir de M. Hervé à M. Gourlay, qui n&#x27;est pas listé parmi les présents" in page


def test_attendance_entry_proxy_from_a_present_member(agent, council) -> None:
    data = entered(agent, council)
    data[f"pouvoir_{person_id(council, 'Daniel')}"] = str(person_id(council, "Jégou"))
    page = refused(agent, council, data)
    assert "Mme Daniel n&#x27;est pas excusé" in page


def test_extract_docx_parses_back(agent, council) -> None:
    act = council.deliberations.get(number="DCM-2026-014")
    response = agent.get(reverse("deliberation_extract", args=[council.pk, act.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="extrait-dcm-2026-014.docx"'
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS" in text
    assert "Délibération n° DCM-2026-014" in text
    assert "Maison des Initiatives Solidaires du Blavet" in text
    assert "Pour extrait conforme" in text


def test_extract_pdf_without_libreoffice_says_so(agent, council, monkeypatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    act = council.deliberations.get(number="DCM-2026-014")
    url = reverse("deliberation_extract", args=[council.pk, act.pk, "pdf"])
    response = agent.get(url, follow=True)
    assert response.redirect_chain == [(reverse("session", args=[council.pk]), 302)]
    assert "LibreOffice n&#x27;est pas installé" in response.content.decode()
    # and the session page offers no PDF link it could not honour
    assert url not in response.content.decode()
    assert reverse("deliberation_extract", args=[council.pk, act.pk, "docx"]) in (
        response.content.decode()
    )


def test_extract_of_another_sessions_act_is_404(agent, council) -> None:
    other = Session.objects.create(authority=council.authority, body="Conseil", date="2026-03-01")
    act = council.deliberations.first()
    url = reverse("deliberation_extract", args=[other.pk, act.pk, "docx"])
    assert agent.get(url).status_code == 404
    url = reverse("deliberation_extract", args=[council.pk, act.pk, "odt"])
    assert agent.get(url).status_code == 404


@pytest.mark.parametrize("whole", [False, True])
def test_convention_page_links_to_its_session(agent, request, stored, whole: bool) -> None:
    """With the convention's own act, and with the session stored whole."""
    if whole:
        request.getfixturevalue("council")
    convention = stored[GWENAEL]
    convention.refresh_from_db()
    session = convention.deliberation.session
    page = agent.get(reverse("convention", args=[GWENAEL])).content.decode()
    assert "Approuvée par la <a href=" in page
    assert "délibération n° DCM-2026-014 du Conseil municipal" in page
    assert "(séance du 9 février 2026)" in page
    assert f'href="{reverse("session", args=[session.pk])}#deliberation-' in page


def test_a_partner_reads_only_the_acts_about_its_own_conventions(users, council) -> None:
    """DCM-2026-014 approves the partner's convention; the other acts of the session
    (public, but about others) are not shown to it in the application."""
    partner = client_as("partner_x", users)
    page = partner.get(reverse("session", args=[council.pk])).content.decode()
    assert "DCM-2026-014" in page
    assert "DCM-2026-012" not in page and "DCM-2026-013" not in page
    other = council.deliberations.get(number="DCM-2026-012")
    extract = reverse("deliberation_extract", args=[council.pk, other.pk, "docx"])
    assert partner.get(extract).status_code == 404
    # the authority's agent still reads every act
    agent = client_as("agent", users).get(reverse("session", args=[council.pk])).content.decode()
    assert "DCM-2026-012" in agent and "DCM-2026-013" in agent


def test_two_browsers_on_the_attendance_form_get_the_conflict_page(agent, users, council) -> None:
    """Both forms shown at once; the admin saves first. The agent's later form stores
    nothing, names who changed what, and merges: the admin's change where the agent
    left the line alone, the agent's choice where both changed it; sent again, it applies."""
    url = reverse("session_attendance", args=[council.pk])
    admin = client_as("admin", users)
    users["admin"].first_name, users["admin"].last_name = "Alice", "Martin"
    users["admin"].save()
    mine, theirs = entered(agent, council), entered(admin, council)
    gourlay, herve = person_id(council, "Gourlay"), person_id(council, "Hervé")
    holders = {int(v) for k, v in theirs.items() if k.startswith("pouvoir_") and v}
    both = next(
        row.person_id
        for row in council.attendances.order_by("position")
        if row.status == AttendanceStatus.PRESENT
        and row.person_id not in holders | {gourlay, herve}
    )
    theirs[f"statut_{gourlay}"] = AttendanceStatus.PRESENT
    theirs[f"statut_{both}"] = AttendanceStatus.ABSENT
    theirs[f"pouvoir_{both}"] = ""
    saved = admin.post(url, theirs)
    assert saved.status_code == 302, saved.context["form"].errors
    after_admin = attendance(council)

    mine[f"statut_{herve}"] = AttendanceStatus.ABSENT
    mine[f"pouvoir_{herve}"] = ""
    mine[f"statut_{both}"] = AttendanceStatus.EXCUSED
    response = agent.post(url, mine)
    assert response.status_code == 409
    assert attendance(council) == after_admin  # nothing of the agent's stored
    page = response.content.decode()
    assert "modifiées entre-temps par Alice Martin à" in page
    assert "Gourlay" in page and "(repris ci-dessous)" in page
    assert "votre choix est gardé" in page
    form = response.context["form"]
    assert form[f"statut_{gourlay}"].value() == AttendanceStatus.PRESENT  # theirs taken
    assert form[f"statut_{herve}"].value() == AttendanceStatus.ABSENT  # mine kept
    assert form[f"statut_{both}"].value() == AttendanceStatus.EXCUSED  # both: mine kept
    again = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    assert agent.post(url, again).status_code == 302
    stored = {person: status for person, status, _ in attendance(council)}
    assert stored[gourlay] == AttendanceStatus.PRESENT
    assert stored[herve] == AttendanceStatus.ABSENT
    assert stored[both] == AttendanceStatus.EXCUSED
