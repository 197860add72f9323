"""Sessions and deliberations between terms and rows, both ways.

``deliberation_from_terms`` writes the act a convention refers to (a new session of its
own); ``session_fill`` writes the attendance and members of a session row; the
``*_to_terms`` functions are their exact inverses (empty text reads back as ``None``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from pacte import terms
from pacte.deliberations.enums import AttendanceStatus
from pacte.deliberations.models import Attendance, Decision, Deliberation, Session, SessionMember
from pacte.organisations.models import Organisation
from pacte.organisations.selectors import organisation_to_terms, person_to_terms
from pacte.organisations.services import PersonPool


def _text(value: str | None) -> str:
    return value or ""


def _opt(value: str) -> str | None:
    return value or None


def _session_people(session: terms.Session) -> list[terms.Person | None]:
    """Everyone a session names, to find or create their rows at once."""
    return [
        session.president,
        session.secretary,
        *(member.person for member in session.members),
        *session.present,
        *(excused.person for excused in session.excused),
        *(excused.proxy_to for excused in session.excused),
        *session.absent,
    ]


def _item_people(item: terms.DeliberationItem) -> list[terms.Person | None]:
    return [item.rapporteur, item.mandated]


# -- terms → rows ---------------------------------------------------------------------


def session_fields(session: terms.Session, *, people: PersonPool | None = None) -> dict[str, Any]:
    """The columns of the ``Session`` row itself (its people found or created in
    ``people``, a ``PersonPool``, in one query)."""
    people = people or PersonPool()
    people.resolve(_session_people(session))
    figures = session.figures
    return {
        "body": session.body,
        "date": session.date,
        "place": _text(session.place),
        "kind": _text(session.kind),
        "president": people.get(session.president),
        "secretary": people.get(session.secretary),
        "second_convocation": session.second_convocation,
        "figures_stated": figures is not None,
        "stated_in_office": figures.in_office if figures else None,
        "stated_present": figures.present if figures else None,
        "stated_voters": figures.voters if figures else None,
    }


def session_fill(row: Session, session: terms.Session, *, people: PersonPool | None = None) -> None:
    """Write the members and attendance of ``row`` (which has none yet)."""
    people = people or PersonPool()
    people.resolve(_session_people(session))
    SessionMember.objects.bulk_create(
        SessionMember(
            session=row,
            position=i,
            person=people.get(member.person),
            seat=_text(member.seat),
            group=_text(member.group),
            since=member.since,
            until=member.until,
        )
        for i, member in enumerate(session.members)
    )
    attendances = [
        *((person, AttendanceStatus.PRESENT, None) for person in session.present),
        *((e.person, AttendanceStatus.EXCUSED, e.proxy_to) for e in session.excused),
        *((person, AttendanceStatus.ABSENT, None) for person in session.absent),
    ]
    Attendance.objects.bulk_create(
        Attendance(
            session=row,
            position=i,
            person=people.get(person),
            status=status,
            proxy_to=people.get(proxy_to),
        )
        for i, (person, status, proxy_to) in enumerate(attendances)
    )


def deliberation_fields(
    item: terms.DeliberationItem, *, people: PersonPool | None = None
) -> dict[str, Any]:
    """The columns of the ``Deliberation`` row itself (the vote flattened)."""
    people = people or PersonPool()
    people.resolve(_item_people(item))
    vote = item.vote
    return {
        "number": _text(item.number),
        "object": item.object,
        "rapporteur": people.get(item.rapporteur),
        "committees": list(item.committees),
        "report": _text(item.report),
        "certified_by": _text(item.certified_by),
        "published_on": item.published_on,
        "transmitted_on": item.transmitted_on,
        "prefecture": _text(item.prefecture),
        "acts_subject_code": _text(item.acts_subject_code),
        "acknowledgement_id": _text(item.acknowledgement_id),
        "url": _text(item.url),
        "mandated": people.get(item.mandated),
        "convention_references": list(item.conventions),
        "vote_result": vote.result.value if vote else "",
        "votes_for": vote.votes_for if vote else None,
        "votes_against": vote.votes_against if vote else None,
        "abstentions": vote.abstentions if vote else None,
        "not_voting": vote.not_voting if vote else None,
        "vote_text": _text(vote.text) if vote else "",
        "vote_secret": vote.secret if vote else False,
        "casting_vote": vote.casting_vote if vote else False,
    }


def decisions_store(row: Deliberation, item: terms.DeliberationItem) -> None:
    """Write the numbered decisions of ``row`` (which has none yet)."""
    Decision.objects.bulk_create(
        Decision(
            deliberation=row,
            position=i,
            number=decision.number,
            text=decision.text,
            amount=decision.amount,
        )
        for i, decision in enumerate(item.decisions)
    )


def _registered_act(
    deliberation: terms.Deliberation, authority: Organisation | None
) -> Deliberation | None:
    """The same act in a session stored whole: same authority, date, body, and number
    (or object, when unnumbered)."""
    if authority is None:
        return None
    session = deliberation.session
    acts = Deliberation.objects.filter(
        session__registered=True,
        session__authority=authority,
        session__date=session.date,
        session__body=session.body,
    )
    if deliberation.number is not None:
        return acts.filter(number=deliberation.number).order_by("pk").first()
    return acts.filter(number="", object=deliberation.object).order_by("pk").first()


def deliberation_from_terms(
    deliberation: terms.Deliberation,
    *,
    authority: Organisation | None,
    people: PersonPool | None = None,
) -> Deliberation:
    """The rows for the act that approves a convention.

    When the council session was stored whole and lists the act, that row is the act (the
    session's record wins, nothing is duplicated); else a new session and act are written.
    """
    registered = _registered_act(deliberation, authority)
    if registered is not None:
        return registered
    people = people or PersonPool()
    people.resolve([*_session_people(deliberation.session), *_item_people(deliberation)])
    session = Session.objects.create(
        authority=authority, **session_fields(deliberation.session, people=people)
    )
    session_fill(session, deliberation.session, people=people)
    row = Deliberation.objects.create(
        session=session, **deliberation_fields(deliberation, people=people)
    )
    decisions_store(row, deliberation)
    return row


# -- rows → terms ---------------------------------------------------------------------


def _session_prefetch(prefix: str) -> list[Any]:
    return [
        Prefetch(f"{prefix}attendances", Attendance.objects.select_related("person", "proxy_to")),
        Prefetch(f"{prefix}members", SessionMember.objects.select_related("person")),
    ]


DELIBERATION_PREFETCH: QuerySet[Deliberation] = Deliberation.objects.select_related(
    "session", "session__president", "session__secretary", "rapporteur", "mandated"
).prefetch_related("decisions", *_session_prefetch("session__"))
"""Deliberations with everything ``deliberation_to_terms`` reads."""

SESSION_PREFETCH: QuerySet[Session] = Session.objects.select_related(
    "authority", "president", "secretary"
).prefetch_related(
    *_session_prefetch(""),
    Prefetch(
        "deliberations",
        Deliberation.objects.select_related("rapporteur", "mandated")
        .prefetch_related("decisions")
        .order_by("pk"),
    ),
)
"""Sessions with everything ``council_session_to_terms`` reads."""


def deliberation_item_to_terms(row: Deliberation) -> terms.DeliberationItem:
    vote = None
    if row.vote_result:
        vote = terms.Vote(
            result=row.vote_result,
            votes_for=row.votes_for,
            votes_against=row.votes_against,
            abstentions=row.abstentions,
            not_voting=row.not_voting,
            text=_opt(row.vote_text),
            secret=row.vote_secret,
            casting_vote=row.casting_vote,
        )
    return terms.DeliberationItem(
        number=_opt(row.number),
        object=row.object,
        rapporteur=person_to_terms(row.rapporteur),
        committees=row.committees,
        report=_opt(row.report),
        decisions=[
            terms.Decision(number=d.number, text=d.text, amount=d.amount)
            for d in row.decisions.all()
        ],
        vote=vote,
        certified_by=_opt(row.certified_by),
        published_on=row.published_on,
        transmitted_on=row.transmitted_on,
        prefecture=_opt(row.prefecture),
        acts_subject_code=_opt(row.acts_subject_code),
        acknowledgement_id=_opt(row.acknowledgement_id),
        url=_opt(row.url),
        mandated=person_to_terms(row.mandated),
        conventions=row.convention_references,
    )


def deliberation_to_terms(row: Deliberation) -> terms.Deliberation:
    """The typed act stored in ``row``, with its session."""
    return deliberation_item_to_terms(row).in_session(session_to_terms(row.session))


def session_to_terms(row: Session) -> terms.Session:
    attendances = list(row.attendances.all())
    figures = None
    if row.figures_stated:
        figures = terms.StatedFigures(
            in_office=row.stated_in_office, present=row.stated_present, voters=row.stated_voters
        )
    return terms.Session(
        body=row.body,
        date=row.date,
        place=_opt(row.place),
        kind=_opt(row.kind),
        president=person_to_terms(row.president),
        secretary=person_to_terms(row.secretary),
        present=[
            person_to_terms(a.person) for a in attendances if a.status == AttendanceStatus.PRESENT
        ],
        excused=[
            terms.ExcusedMember(
                person=person_to_terms(a.person), proxy_to=person_to_terms(a.proxy_to)
            )
            for a in attendances
            if a.status == AttendanceStatus.EXCUSED
        ],
        absent=[
            person_to_terms(a.person) for a in attendances if a.status == AttendanceStatus.ABSENT
        ],
        figures=figures,
        members=[
            terms.Member(
                person=person_to_terms(m.person),
                seat=_opt(m.seat),
                group=_opt(m.group),
                since=m.since,
                until=m.until,
            )
            for m in row.members.all()
        ],
        second_convocation=row.second_convocation,
    )


def council_session_to_terms(row: Session) -> terms.CouncilSession:
    """A stored session with every deliberation voted there (it must have an authority)."""
    if row.authority is None:
        raise ValueError(f"la séance {row} n'est rattachée à aucune collectivité")
    return terms.CouncilSession(
        authority=organisation_to_terms(row.authority),
        session=session_to_terms(row),
        deliberations=[deliberation_item_to_terms(d) for d in row.deliberations.all()],
    )
