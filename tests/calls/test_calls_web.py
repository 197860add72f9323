"""The screens of the calls for projects, walked as every role: agents of the fund's
authority, the partner's members (reviewers), another organisation's partner, an
applicant and another applicant, a reader, the administrator and an anonymous visitor.

What a role may not see answers 404 (as for an unknown number), an anonymous visitor is
sent to the login page except on the public page of a call; a refused write answers
400 with the French message, nothing stored.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from calls_world import COMMITTEE, DURING, World, apply
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from factories import MembershipFactory, UserFactory
from pacte.accounts.enums import Role
from pacte.calls import selectors, services
from pacte.calls.enums import ApplicationState as S
from pacte.calls.models import Application, Assignment, Decision, Review

pytestmark = pytest.mark.django_db

CALL_URLS = ("calls", "call", "call_balance", "call_committee", "call_orientations")
NAMES = {
    "calls",
    "call",
    "call_balance",
    "call_committee",
    "call_orientations",
    "call_application",
    "call_application_action",
    "review",
    "public_call",
    "call_apply",
    "my_application",
    "call_document",
    "call_minutes",
    "decision_letter",
    "fund_new",
    "call_new",
}


@pytest.fixture
def scene(world: World) -> dict:
    """The call open now, one application per stage: a draft, an application in review
    (assigned to agent2 and cres1, who declared a conflict) and one decided."""
    call = world.call
    call.opens_at = timezone.now() - timedelta(days=10)
    call.closes_at = timezone.now() + timedelta(days=10)
    call.save()
    agent1, agent2 = world.agents
    cres1, cres2 = world.partners
    now = timezone.now()
    draft = apply(world, 1, Decimal("10000"), now=now)
    reviewed = apply(world, 2, Decimal("12000"), now=now)
    decided = apply(world, 3, Decimal("15000"), now=now)
    for application, applicant in ((reviewed, world.applicants[1]), (decided, world.applicants[2])):
        services.application_submit(application=application, by=applicant)
        services.application_eligibility_confirm(application=application, eligible=True, by=agent1)
    on_review = [
        services.assignment_add(application=reviewed, reviewer=r, by=agent1)
        for r in (agent2, cres1)
    ]
    services.conflict_declare(assignment=on_review[1], conflict=True, note="Lien", by=cres1)
    done = services.assignment_add(application=decided, reviewer=cres2, by=agent1)
    services.conflict_declare(assignment=done, conflict=False, by=cres2)
    services.review_save(
        assignment=done,
        scores={c.pk: 4 for c in selectors.criteria_of(call)},
        recommendation="yes",
        submit=True,
        by=cres2,
    )
    services.application_ready(application=decided, by=agent1)
    reader = MembershipFactory(
        organisation=world.fund.authority, role=Role.READER, user__username="lecteur"
    ).user
    users = {
        "agent": agent1,
        "reviewer": agent2,
        "partner": cres1,
        "partner2": cres2,
        "outsider": world.outsider,
        "applicant": world.applicants[1],
        "other_applicant": world.applicants[0],
        "reader": reader,
        "admin": UserFactory(admin=True),
    }
    return {
        "users": users,
        "draft": draft,
        "reviewed": reviewed,
        "decided": decided,
        "assignments": {"reviewer": on_review[0], "partner": on_review[1], "partner2": done},
    }


def client_as(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_url_of_calls_is_named_here() -> None:
    from pacte.web.urls import urlpatterns

    names = {p.name for p in urlpatterns if getattr(p, "name", None)}
    assert names >= NAMES


ROLES = (
    "anonymous",
    "agent",
    "reviewer",
    "partner",
    "partner2",
    "outsider",
    "applicant",
    "other_applicant",
    "reader",
    "admin",
)


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(role: str, scene: dict, world: World) -> None:
    user = scene["users"].get(role)
    client = client_as(user)
    reference = world.call.reference
    agents = role in ("agent", "reviewer", "admin")  # agent2 is an agent of the authority too

    def status(url: str) -> int:
        return client.get(url).status_code

    # the public page and the form to apply: no login
    assert status(reverse("public_call", args=[reference])) == 200
    # agents, partners, readers and the administrator do not apply
    applies = role in ("anonymous", "applicant", "other_applicant")
    assert status(reverse("call_apply", args=[reference])) == (200 if applies else 404), role
    assert status(reverse("public_call", args=["inconnu"])) == 404

    if role == "anonymous":
        for url in (
            reverse("calls"),
            reverse("call", args=[reference]),
            reverse("call_orientations", args=[reference]),
            reverse("call_application", args=[scene["reviewed"].pk]),
            reverse("review", args=[scene["assignments"]["reviewer"].pk]),
            reverse("my_application", args=[scene["reviewed"].pk]),
        ):
            response = client.get(url)
            assert response.status_code == 302 and "/connexion/" in response["Location"], url
        return

    assert status(reverse("calls")) == 200
    # an applicant (an account without a role) is sent from « À faire » to their
    # applications (the page after login); the register opens, empty
    todo = client.get(reverse("todo"))
    if role in ("applicant", "other_applicant"):
        assert todo.status_code == 302 and todo["Location"] == reverse("calls")
    else:
        assert todo.status_code == 200
    assert status(reverse("register")) == 200
    expected = 200 if agents else 404
    assert status(reverse("call", args=[reference])) == expected
    for application in ("draft", "reviewed", "decided"):
        assert status(reverse("call_application", args=[scene[application].pk])) == expected
    orientations = 200 if agents or role in ("partner", "partner2") else 404
    assert status(reverse("call_orientations", args=[reference])) == orientations
    for name, assignment in scene["assignments"].items():
        own = 200 if role == name else 404
        assert status(reverse("review", args=[assignment.pk])) == own, (role, name)
    for name, application in (("applicant", "reviewed"), ("other_applicant", "draft")):
        mine = 200 if role == name else 404
        assert status(reverse("my_application", args=[scene[application].pk])) == mine
    # the POST-only addresses
    for url in (
        reverse("call_balance", args=[reference]),
        reverse("call_committee", args=[reference]),
        reverse("call_application_action", args=[scene["reviewed"].pk, "pret"]),
    ):
        assert client.get(url).status_code == 405
        before = (Assignment.objects.count(), Decision.objects.count())
        answer = client.post(url, {}).status_code
        assert answer == (400 if agents else 404), (role, url)
        assert (Assignment.objects.count(), Decision.objects.count()) == before


def test_the_hub_lists_only_what_the_role_sees(scene: dict, world: World) -> None:
    users = scene["users"]
    page = client_as(users["partner2"]).get(reverse("calls")).content.decode()
    assert scene["decided"].reference in page
    assert scene["reviewed"].reference not in page  # not assigned to cres2
    page = client_as(users["other_applicant"]).get(reverse("calls")).content.decode()
    assert scene["draft"].reference in page and scene["reviewed"].reference not in page
    page = client_as(users["outsider"]).get(reverse("calls")).content.decode()
    assert world.call.title in page  # the open call, publicly listed
    assert scene["draft"].reference not in page and "call_orientations" not in page


def test_a_recused_reviewer_sees_the_public_summary_only(scene: dict) -> None:
    client = client_as(scene["users"]["partner"])
    page = client.get(reverse("review", args=[scene["assignments"]["partner"].pk]))
    text = page.content.decode()
    assert "Vous vous êtes déporté de ce dossier" in text
    assert "Résumé public du projet n° 2." in text
    assert "Budget prévisionnel" not in text and "éloignés de l'emploi" not in text
    # and cannot score by posting anyway
    answer = client.post(
        reverse("review", args=[scene["assignments"]["partner"].pk]),
        {"action": "transmettre", "recommendation": "yes"},
    )
    assert answer.status_code == 400
    assert "Vous vous êtes déporté" in answer.content.decode()
    assert not Review.objects.filter(assignment=scene["assignments"]["partner"]).exists()


def test_review_through_the_screens(scene: dict, world: World) -> None:
    assignment = scene["assignments"]["reviewer"]
    client = client_as(scene["users"]["reviewer"])
    url = reverse("review", args=[assignment.pk])
    first = client.get(url).content.decode()
    assert "Déclaration d'intérêts" in first and "Budget prévisionnel" not in first
    assert client.post(url, {"action": "declarer", "conflict": "0"}).status_code == 302
    criteria = selectors.criteria_of(world.call)
    data = {"action": "transmettre", "recommendation": "yes", "comment": "Solide."}
    data |= {f"score_{c.pk}": "4" for c in criteria}
    data[f"score_{criteria[2].pk}"] = "na"
    refused = client.post(url, {**data, "recommendation": ""})
    assert refused.status_code == 400
    assert "Donnez votre avis" in refused.content.decode()
    assert client.post(url, data).status_code == 302
    review = Review.objects.get(assignment=assignment)
    assert review.submitted_at is not None
    assert sorted((s.criterion_id, s.value) for s in review.scores.all()) == [
        (criteria[0].pk, 4),
        (criteria[1].pk, 4),
        (criteria[2].pk, None),
    ]


def _budget(prefix: int, lines: list[tuple[str, str, str, str, str]]) -> dict[str, str]:
    data = {}
    for i, (side, account, label, funder, amount) in enumerate(lines):
        data |= {
            f"budget_{i}_side": side,
            f"budget_{i}_account": account,
            f"budget_{i}_label": label,
            f"budget_{i}_funder": funder,
            f"budget_{i}_amount": amount,
        }
    return data


FORM = {
    "organisation_name": "Les Ateliers du Rhin",
    "organisation_kind": "association",
    "siret": "",
    "rna": "W672000001",
    "postcode": "67000",
    "city": "Strasbourg",
    "project_title": "Atelier vélo d'insertion",
    "public_summary": "Un atelier de réparation de vélos qui forme des salariés en insertion.",
    "amount_requested": "8000",
    "documents": ["statutes", "accounts", "rib", "activity_report"],
    "republican_contract": "on",
}


def test_first_application_creates_the_account_and_submission_checks(
    scene: dict, world: World
) -> None:
    url = reverse("call_apply", args=[world.call.reference])
    client = Client()
    lines = [
        ("charge", "64", "Salaires", "", "16000"),
        ("product", "74", "FD2I", "Département du Bas-Rhin", "8000"),
        ("product", "70", "Ventes", "", "6000"),
    ]
    data = {
        "compte-email": "atelier@exemple.invalid",
        "compte-password": "un-mot-de-passe-solide",
        **FORM,
        **_budget(0, lines),
    }
    bad = client.post(url, {**data, "siret": "123"})
    assert bad.status_code == 400
    assert "SIRET « 123 » : 14 chiffres attendus." in bad.content.decode()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="atelier@exemple.invalid").exists()
    response = client.post(url, data)
    assert response.status_code == 302
    application = Application.objects.get(project_title="Atelier vélo d'insertion")
    assert application.applicant.username == "atelier@exemple.invalid"
    assert application.state == S.DRAFT
    mine = reverse("my_application", args=[application.pk])
    assert response["Location"] == mine
    # submitted: refused (no SIRET, unbalanced budget), each message named
    refused = client.post(mine, {**FORM, **_budget(0, lines), "action": "deposer"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Le SIRET de la structure est obligatoire." in text
    assert "n’est pas équilibré" in text
    application.refresh_from_db()
    assert application.state == S.DRAFT
    fixed = [*lines, ("product", "74", "Ville", "Ville de Strasbourg", "2000")]
    from calls_world import luhn_siret

    ok = client.post(
        mine,
        {**FORM, **_budget(0, fixed), "siret": luhn_siret("5555555550001"), "action": "deposer"},
    )
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.state == S.SUBMITTED
    assert "Dossier déposé" in client.get(mine).content.decode()


def test_agent_screens_decide_and_create_the_convention(scene: dict, world: World) -> None:
    client = client_as(scene["users"]["agent"])
    decided = scene["decided"]
    action = reverse("call_application_action", args=[decided.pk, "decision"])
    assert client.post(action, {"outcome": "accepted"}).status_code == 400  # no committee yet
    committee = reverse("call_committee", args=[world.call.reference])
    early = client.post(committee, {"held_on": COMMITTEE.isoformat(), "members_present": "A"})
    assert early.status_code == 400
    assert "Le comité se réunit après la clôture des dépôts." in early.content.decode()
    held_on = timezone.localdate() + timedelta(days=11)
    answer = client.post(committee, {"held_on": held_on.isoformat(), "members_present": "A\nB\nC"})
    assert answer.status_code == 302
    refused = client.post(action, {"outcome": "rejected"})
    assert refused.status_code == 400
    assert "Un refus est motivé" in refused.content.decode()
    assert client.post(action, {"outcome": "accepted"}).status_code == 302
    confirm = reverse("call_application_action", args=[decided.pk, "convention"])
    assert client.post(confirm, {}).status_code == 400
    created = client.post(confirm, {"confirm": "on"})
    assert created.status_code == 302
    decided.refresh_from_db()
    assert decided.convention is not None
    assert created["Location"] == reverse("convention", args=[decided.convention.reference])
    ranking = client.get(reverse("call", args=[world.call.reference])).content.decode()
    assert "dans l&#x27;enveloppe" in ranking or "dans l'enveloppe" in ranking
    assert "15 000,00 €" in ranking
    assert DURING  # the applications were filed during the call


@pytest.mark.parametrize("role", ["agent", "reviewer", "partner2", "applicant"])
def test_reading_the_screens_writes_nothing(role: str, scene: dict, world: World) -> None:
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(scene["users"][role])
    urls = [
        reverse("calls"),
        reverse("call", args=[world.call.reference]),
        reverse("call_orientations", args=[world.call.reference]),
        reverse("public_call", args=[world.call.reference]),
        *(
            reverse("call_application", args=[scene[a].pk])
            for a in ("draft", "reviewed", "decided")
        ),
        *(reverse("review", args=[a.pk]) for a in scene["assignments"].values()),
        reverse("my_application", args=[scene["reviewed"].pk]),
    ]
    write = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        writes = [
            q["sql"] for q in queries if write.match(q["sql"]) and "django_session" not in q["sql"]
        ]
        assert writes == [], url


@pytest.mark.parametrize("role", ROLES)
def test_documents_by_role(role: str, scene: dict, world: World) -> None:
    user = scene["users"].get(role)
    client = client_as(user)
    reference = world.call.reference
    assert client.get(reverse("call_document", args=[reference])).status_code == 200
    services.committee_record(
        call=world.call,
        held_on=timezone.localdate() + timedelta(days=11),
        members_present=["A", "B", "C"],
        by=scene["users"]["agent"],
    )
    decided = scene["decided"]
    services.decision_record(
        application=decided, outcome="rejected", reason="Hors priorités", by=scene["users"]["agent"]
    )
    minutes = client.get(reverse("call_minutes", args=[reference]))
    letter = client.get(reverse("decision_letter", args=[decided.pk]))
    no_decision = client.get(reverse("decision_letter", args=[scene["reviewed"].pk]))
    if role == "anonymous":
        assert {minutes.status_code, letter.status_code, no_decision.status_code} == {302}
        return
    agents = role in ("agent", "reviewer", "admin")
    assert minutes.status_code == (200 if agents else 404)
    owner = decided.applicant == user
    assert letter.status_code == (200 if agents or owner else 404), role
    assert no_decision.status_code == 404
    if letter.status_code == 200:
        assert letter["Content-Type"].endswith("wordprocessingml.document")
    # the applicant whose application was decided reads their letter
    own = client_as(decided.applicant).get(reverse("decision_letter", args=[decided.pk]))
    assert own.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_creating_a_fund_and_a_call_is_for_agents(role: str, scene: dict) -> None:
    client = client_as(scene["users"].get(role))
    for name in ("fund_new", "call_new"):
        response = client.get(reverse(name))
        if role == "anonymous":
            assert response.status_code == 302 and "/connexion/" in response["Location"]
        elif role in ("agent", "reviewer") or (role, name) == ("admin", "call_new"):
            # the administrator creates calls of any fund, but a fund is an authority's
            assert response.status_code == 200
        else:  # partners, readers, applicants
            assert response.status_code == 404, (role, name)


def test_an_agent_creates_a_fund_then_a_call(scene: dict, world: World) -> None:
    from pacte.calls.models import Call, Fund

    client = client_as(scene["users"]["agent"])
    partner = world.fund.partner
    answer = client.post(
        reverse("fund_new"),
        {
            "name": "Fonds pour l'emploi des jeunes",
            "partner": str(partner.pk),
            "advance_percent": "60",
            "duration_months": "18",
            "quorum": "4",
        },
    )
    assert answer.status_code == 302 and answer["Location"] == reverse("call_new")
    fund = Fund.objects.get(name="Fonds pour l'emploi des jeunes")
    assert fund.authority == world.fund.authority and fund.partner == partner
    assert fund.advance_percent == Decimal("60") and fund.quorum == 4
    data = {
        "fund": str(fund.pk),
        "reference": "fej-2027",
        "year": "2027",
        "title": "Appel à projets jeunesse 2027",
        "envelope": "50 000,00",
        "opens_at": "2027-01-10T09:00",
        "closes_at": "2027-03-31T12:00",
        "committee_on": "2027-05-15",
        "criteria": "Impact pour les jeunes ; 3\nPartenariats ; 1,5\nQualité du budget",
        "eligible_kinds": ["association", "cooperative"],
        "eligible_departments": "67, 68",
        "max_rate": "80",
        "required_documents": ["statutes", "rib"],
    }
    refused = client.post(reverse("call_new"), {**data, "closes_at": "2027-01-01T09:00"})
    assert refused.status_code == 400
    import re

    errors = re.findall(r"fr-(?:error-text|message--error)[^>]*>([^<]+)", refused.content.decode())
    assert "La clôture des dépôts doit suivre leur ouverture." in refused.content.decode(), errors
    bad_weight = client.post(reverse("call_new"), {**data, "criteria": "Impact ; beaucoup"})
    assert (
        "Ligne 1 des critères : pondération « beaucoup » invalide." in bad_weight.content.decode()
    )
    assert not Call.objects.filter(reference="fej-2027").exists()
    created = client.post(reverse("call_new"), data)
    assert created.status_code == 302
    call = Call.objects.get(reference="fej-2027")
    assert call.envelope == Decimal("50000.00")
    assert timezone.localtime(call.closes_at).strftime("%d/%m/%Y %H:%M") == "31/03/2027 12:00"
    assert [(c.label, c.weight) for c in call.criteria.all()] == [
        ("Impact pour les jeunes", Decimal("3.00")),
        ("Partenariats", Decimal("1.50")),
        ("Qualité du budget", Decimal("1.00")),
    ]
    assert call.eligible_departments == ["67", "68"]
    assert call.required_documents == ["statutes", "rib"]


def test_the_administration_lists_calls_read_only(scene: dict, world: World) -> None:
    client = client_as(scene["users"]["admin"])
    for model in ("fund", "call", "orientation", "application", "assignment", "decision"):
        listing = client.get(f"/admin/calls/{model}/")
        assert listing.status_code == 200, model
        assert client.get(f"/admin/calls/{model}/add/").status_code == 403, model
    page = client.get("/admin/calls/application/").content.decode()
    assert scene["reviewed"].reference in page


def _read(client: Client, url: str):  # type: ignore[no-untyped-def]
    """GET a file to its end (a streamed response left unread keeps its file open)."""
    response = client.get(url)
    # reading to the end closes the file (the test client's wrapper); ``close()`` would
    # also send ``request_finished``, which closes the test's database connection
    response.read_content = b"".join(response.streaming_content) if response.streaming else b""
    return response


def test_documents_attached_to_a_draft_and_who_reads_them(
    scene: dict, world: World, settings, tmp_path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pacte.calls.models import ApplicationFile

    settings.MEDIA_ROOT = tmp_path
    draft = scene["draft"]
    owner = client_as(scene["users"]["other_applicant"])  # the draft's applicant
    url = reverse("my_application", args=[draft.pk])
    refused = owner.post(
        url,
        {
            "action": "joindre",
            "kind": "statutes",
            "file": SimpleUploadedFile("statuts.pdf", b"pas un PDF"),
        },
    )
    assert refused.status_code == 400
    assert "n&#x27;est pas un document PDF valide" in refused.content.decode() or (
        "n'est pas un document PDF valide" in refused.content.decode()
    )
    assert not ApplicationFile.objects.exists()
    pdf = SimpleUploadedFile("statuts.pdf", b"%PDF-1.7\n%fin\n", content_type="application/pdf")
    assert (
        owner.post(url, {"action": "joindre", "kind": "statutes", "file": pdf}).status_code == 302
    )
    attached = ApplicationFile.objects.get()
    draft.refresh_from_db()
    assert "statutes" in draft.documents
    link = reverse("application_file", args=[draft.pk, attached.pk])
    assert link in owner.get(url).content.decode()
    response = _read(owner, link)
    assert response.status_code == 200 and response.read_content.startswith(b"%PDF")
    # a second upload of the same kind replaces the first
    again = SimpleUploadedFile("statuts-2026.pdf", b"%PDF-1.7\n%bis\n")
    assert (
        owner.post(url, {"action": "joindre", "kind": "statutes", "file": again}).status_code == 302
    )
    assert list(ApplicationFile.objects.values_list("file_name", flat=True)) == ["statuts-2026.pdf"]
    attached = ApplicationFile.objects.get()
    link = reverse("application_file", args=[draft.pk, attached.pk])
    for role, expected in (
        ("agent", 200),
        ("admin", 200),
        ("reviewer", 200),  # agent2 is an agent of the authority too
        ("partner", 404),
        ("partner2", 404),
        ("applicant", 404),
        ("outsider", 404),
        ("reader", 404),
    ):
        answer = _read(client_as(scene["users"][role]), link)
        assert answer.status_code == expected, role
    assert Client().get(link).status_code == 302
    # a partner member reads them once assigned and free of any conflict
    services.application_submit(application=draft, by=scene["users"]["other_applicant"])
    agent = scene["users"]["agent"]
    services.application_eligibility_confirm(application=draft, eligible=True, by=agent)
    reviewer = scene["users"]["partner2"]
    assignment = services.assignment_add(application=draft, reviewer=reviewer, by=agent)
    assert _read(client_as(reviewer), link).status_code == 404
    services.conflict_declare(assignment=assignment, conflict=False, by=reviewer)
    assert _read(client_as(reviewer), link).status_code == 200
