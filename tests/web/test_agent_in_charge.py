"""The agent in charge of a convention: chosen on import and from the convention page,
journaled; « Mes conventions seulement » on « À faire » and the register; the reminders
of a convention go to its agent in charge alone when there is one."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from test_imports import CONVENTION
from web_roles import GWENAEL, MARZELLE, TODAY, VERE, VISIBLE

from factories import MembershipFactory, UserFactory
from pacte.accounts.enums import Role
from pacte.accounts.services import AssignError, convention_assign
from pacte.audit.models import AuditEntry
from pacte.conventions.models import Convention
from pacte.documents.models import ImportDraft
from pacte.reminders.selectors import alerts_for, conventions_reminded, digest_for

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "agent", "partner_x", "partner_y", "reader", "admin")


def client_as(role: str, users) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    return client


def colleague(users):
    """A second agent of the agent's authority (Saint-Gwenaël)."""
    organisation = users["agent"].membership.organisation
    user = UserFactory(username="agent2", first_name="Lou", last_name="Le Goff")
    MembershipFactory(user=user, role=Role.AGENT, organisation=organisation)
    return user


def references(sections) -> set[str]:
    return {line.reference for section in sections for line in section.lines}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_choose_the_agent_in_charge(role: str, users) -> None:
    client = client_as(role, users)
    for reference in (GWENAEL, VERE, MARZELLE):
        url = reverse("convention_agent", args=[reference])
        response = client.post(url, {"suivi-agent": ""})
        if role == "anonymous":
            assert response.status_code == 302 and "/connexion/" in response["Location"]
        elif reference not in VISIBLE[role]:
            assert response.status_code == 404
        elif role in ("agent", "admin"):
            assert response.status_code == 302
            assert response["Location"] == f"/conventions/{reference}/#agent-en-charge"
        else:
            assert response.status_code == 403, (role, reference)
        opened = client.get(url)
        if role not in ("anonymous",) and reference in VISIBLE[role]:
            assert opened["Location"] == f"/conventions/{reference}/#agent-en-charge"
    assert not Convention.objects.exclude(agent_in_charge=None).exists()


def test_an_agent_is_put_in_charge_from_the_page_and_the_journal_says_so(users) -> None:
    other = colleague(users)
    client = client_as("agent", users)
    page = html.unescape(client.get(reverse("convention", args=[GWENAEL])).content.decode())
    assert "Agent en charge" in page and "Lou Le Goff" in page
    response = client.post(
        reverse("convention_agent", args=[GWENAEL]), {"suivi-agent": str(other.pk)}
    )
    assert response.status_code == 302
    convention = Convention.objects.get(reference=GWENAEL)
    assert convention.agent_in_charge == other
    entry = AuditEntry.objects.filter(object_type="convention", object_ref=GWENAEL).latest("pk")
    assert entry.summary["description"] == "Agent en charge : Lou Le Goff"
    assert entry.summary["agent_in_charge"] == "agent2"
    page = html.unescape(client.get(reverse("convention", args=[GWENAEL])).content.decode())
    assert f'<option value="{other.pk}" selected>Lou Le Goff</option>' in page
    # a partner reads who is in charge, with no form to change it
    partner = html.unescape(
        client_as("partner_x", users).get(reverse("convention", args=[GWENAEL])).content.decode()
    )
    assert "Agent en charge : Lou Le Goff" in partner and "suivi-agent" not in partner
    # nobody in charge again
    client.post(reverse("convention_agent", args=[GWENAEL]), {"suivi-agent": ""})
    convention.refresh_from_db()
    assert convention.agent_in_charge is None


def test_an_agent_of_another_authority_cannot_be_in_charge(users) -> None:
    convention = Convention.objects.get(reference=VERE)
    with pytest.raises(AssignError, match="seul un agent d'une collectivité partie"):
        convention_assign(convention=convention, agent=users["agent"], by=users["admin"])
    # nor chosen from the page: not in the list, refused in French, nothing written
    response = client_as("admin", users).post(
        reverse("convention_agent", args=[VERE]), {"suivi-agent": str(users["agent"].pk)}
    )
    assert response.status_code == 302
    convention.refresh_from_db()
    assert convention.agent_in_charge is None
    assert not AuditEntry.objects.filter(summary__has_key="agent_in_charge").exists()


def test_mine_only_on_a_faire_and_the_register(users) -> None:
    admin = users["admin"]
    convention_assign(convention=Convention.objects.get(reference=VERE), agent=admin, by=admin)
    client = client_as("admin", users)
    everything = client.get(reverse("todo")).content.decode()
    mine = client.get(reverse("todo") + "?miens=1").content.decode()
    assert "Mes conventions seulement" in everything
    assert f"/conventions/{GWENAEL}/" in everything
    assert f"/conventions/{GWENAEL}/" not in mine and f"/conventions/{VERE}/" in mine
    register = client.get(reverse("register") + "?miens=on").context["rows"]
    assert [row.reference for row in register] == [VERE]
    assert len(client.get(reverse("register")).context["rows"]) == 3
    # a partner is offered no such filter, and the parameter changes nothing for them
    partner = client_as("partner_x", users)
    assert "Mes conventions seulement" not in partner.get(reverse("todo")).content.decode()
    assert len(partner.get(reverse("register") + "?miens=on").context["rows"]) == 1


def test_reminders_go_to_the_agent_in_charge_when_there_is_one(users) -> None:
    other = colleague(users)
    agent, admin = users["agent"], users["admin"]
    before = references(digest_for(agent, on=TODAY))
    assert GWENAEL in before and GWENAEL in references(digest_for(other, on=TODAY))
    assert GWENAEL in references(digest_for(admin, on=TODAY))

    convention_assign(convention=Convention.objects.get(reference=GWENAEL), agent=other, by=agent)
    assert GWENAEL in references(digest_for(other, on=TODAY))
    assert GWENAEL not in references(digest_for(agent, on=TODAY))
    assert GWENAEL not in references(digest_for(admin, on=TODAY))
    assert not [a for a in alerts_for(agent, on=TODAY, days=(30, 7)) if a.line.reference == GWENAEL]
    # the partner still hears about the documents it must provide
    reminded = conventions_reminded(users["partner_x"]).values_list("reference", flat=True)
    assert GWENAEL in set(reminded)


def test_the_importer_is_in_charge_of_the_convention_by_default(users) -> None:
    agent = client_as("agent", users)
    agent.post(
        reverse("import_list"), {"files": [SimpleUploadedFile("c.txt", CONVENTION.encode())]}
    )
    draft = ImportDraft.objects.get()
    page = agent.get(reverse("import_draft", args=[draft.pk]))
    form, agent_form = page.context["form"], page.context["agent_form"]
    assert agent_form["agent"].value() == str(users["agent"].pk)
    data = {f"terms-{name}": form[name].value() or "" for name in form.fields}
    data["terms-reference"] = "ville-jardins-2026"
    data["suivi-agent"] = str(users["agent"].pk)
    response = agent.post(reverse("import_confirm", args=[draft.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    convention = Convention.objects.get(reference="ville-jardins-2026")
    assert convention.agent_in_charge == users["agent"]
