"""Council sessions and their votes: quorum, proxies, tally, result, executory date.

Pure (no Django, no clock). The legal values are dated parameters (``quorum_commune``,
``proxies_per_member``, ``vote_majority``…) read at the session date.

How quorum is judged (CGCT L2121-17 for communes, L3121-14 for départements, L4132-13
for régions): more than half the members in office must be present; proxies do not
count, the president and the secretary do. The number of members in office is, in
order: the members in office on the session date when ``session.members`` lists them;
else the stated figure « en exercice »; else the members the act lists (present,
excused and absent), since a register lists every member, with a finding saying so;
else quorum is « non vérifiable ».

>>> from pacte.terms import Session
>>> session = Session.model_validate({
...     "body": "Conseil municipal", "date": "2026-03-02",
...     "president": {"last_name": "Morel"},
...     "present": [{"last_name": "Abadie"}, {"last_name": "Kouyaté"}],
...     "excused": [{"person": {"last_name": "Lestrade"}, "proxy_to": {"last_name": "Abadie"}}],
...     "absent": [{"last_name": "Vidal"}, {"last_name": "Pereira"}]})
>>> summary = session_summary(session)
>>> summary.present, len(summary.proxies), summary.voters, summary.quorum.required
(3, 1, 4, 4)
>>> summary.quorum.text
'quorum non atteint : 3 présents pour 6 membres en exercice (membres listés), il en faut au moins 4 (CGCT, article L2121-17)'
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pacte.rules.checks.findings import Finding, Location, Severity
from pacte.rules.parameters import LegalReference, parameter
from pacte.terms import Deliberation, OrganisationKind, Person, Session, Vote, VoteResult

_QUORUM_PARAMETER = {
    OrganisationKind.COMMUNE: "quorum_commune",
    # an EPCI's council sits under the communes' rules (CGCT L5211-1)
    OrganisationKind.EPCI: "quorum_commune",
    OrganisationKind.DEPARTEMENT: "quorum_departement",
    OrganisationKind.REGION: "quorum_region",
}

_BODY_KINDS = (
    (re.compile(r"d[ée]partemental|g[ée]n[ée]ral", re.IGNORECASE), OrganisationKind.DEPARTEMENT),
    (re.compile(r"r[ée]gional", re.IGNORECASE), OrganisationKind.REGION),
    (re.compile(r"communautaire|m[ée]tropolitain|syndical", re.IGNORECASE), OrganisationKind.EPCI),
    (re.compile(r"municipal", re.IGNORECASE), OrganisationKind.COMMUNE),
)


def authority_kind(session: Session, kind: OrganisationKind | None = None) -> OrganisationKind:
    """The kind of authority whose council sat: given, else read from the body's name.

    « Conseil général » is the former name of the conseil départemental; a body the name
    says nothing about is taken as a municipal council.

    >>> from pacte.terms import Session
    >>> authority_kind(Session(body="Conseil Général de la Lozère", date="2012-10-22")).value
    'departement'
    """
    if kind in _QUORUM_PARAMETER:
        return kind
    for pattern, found in _BODY_KINDS:
        if pattern.search(session.body):
            return found
    return OrganisationKind.COMMUNE


def _name(person: Person) -> str:
    return person.full_name


_GENDERS = {"m": "m", "m.": "m", "monsieur": "m", "mme": "f", "madame": "f", "mlle": "f"}
_GENDERS |= {"mademoiselle": "f", "melle": "f"}


def _key(person: Person) -> tuple[str, str, str]:
    """Who a person is for matching lists: last name, first name, and civility's gender.

    « M. MARTIN » and « Mme MARTIN » are two members; accents and case are kept apart.
    """
    gender = _GENDERS.get((person.civility or "").strip().casefold(), "")
    return (
        person.last_name.strip().casefold(),
        (person.first_name or "").strip().casefold(),
        gender,
    )


def _same(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Same last name; first names and genders agree where both are known."""
    return a[0] == b[0] and all(x == y or not x or not y for x, y in zip(a[1:], b[1:], strict=True))


@dataclass(frozen=True)
class Quorum:
    """Whether the quorum was reached, on which count, under which rule."""

    present: int
    in_office: int | None
    in_office_source: str
    """Where ``in_office`` comes from: « liste des membres », « effectif indiqué », « membres listés »."""
    required: int | None
    reached: bool | None
    """``None`` when it cannot be verified."""
    reference: LegalReference | None
    second_convocation: bool = False

    @property
    def text(self) -> str:
        """French sentence: « quorum atteint : 53 présents pour 55 membres en exercice… »."""
        where = f" ({self.reference.text.split(' (')[0]})" if self.reference else ""
        if self.second_convocation:
            return f"quorum non requis : séance sur seconde convocation{where}"
        if self.reached is None or self.in_office is None or self.required is None:
            return "quorum non vérifiable : ni la liste des membres, ni l'effectif en exercice, ni les présences ne sont connus"
        state = "atteint" if self.reached else "non atteint"
        return (
            f"quorum {state} : {self.present} présents pour {self.in_office} membres en exercice "
            f"({self.in_office_source}), il en faut au moins {self.required}{where}"
        )


@dataclass(frozen=True)
class Tally:
    """The vote counted: votes cast exclude abstentions and members not taking part."""

    votes_for: int | None
    votes_against: int | None
    abstentions: int
    not_voting: int
    result: VoteResult | None
    """The result as stated by the act."""
    computed: VoteResult | None
    """The result the counts give (``None`` without counts, or for a tie in a public vote
    whose casting vote is not known)."""
    tie: bool
    casting_vote: bool
    reference: LegalReference | None

    @property
    def cast(self) -> int | None:
        if self.votes_for is None or self.votes_against is None:
            return None
        return self.votes_for + self.votes_against

    @property
    def text(self) -> str:
        parts = []
        if self.votes_for is not None:
            parts.append(f"{self.votes_for} pour")
        if self.votes_against is not None:
            parts.append(f"{self.votes_against} contre")
        parts.append(f"{self.abstentions} abstention{'s' if self.abstentions > 1 else ''}")
        if self.not_voting:
            parts.append(f"{self.not_voting} ne prenant pas part au vote")
        result = self.result.label if self.result else "résultat non indiqué"
        tie = (
            " ; partage égal des voix, voix du président prépondérante" if self.casting_vote else ""
        )
        return f"{result} ({', '.join(parts)}){tie}"


@dataclass(frozen=True)
class SessionSummary:
    """What a reader wants to know of a session and of one act voted there."""

    body: str
    date: dt.date
    president: str | None
    secretary: str | None
    present: int
    """Members present, the president and the secretary included."""
    present_names: list[str]
    excused: int
    proxies: list[tuple[str, str]]
    """(who gave, who holds) for each proxy."""
    absent: int
    quorum: Quorum
    tally: Tally | None = None
    published_on: dt.date | None = None
    transmitted_on: dt.date | None = None
    executory_on: dt.date | None = None
    stated_in_office: int | None = None
    stated_present: int | None = None
    stated_voters: int | None = None
    absent_names: list[str] = field(default_factory=list)

    @property
    def voters(self) -> int:
        """Who could vote: present members and the proxies they hold."""
        return self.present + len(self.proxies)

    def lines(self) -> list[str]:
        """The summary as French lines, for the command line and the screens."""
        chairs = [
            f"{label} : {name}"
            for label, name in (("président", self.president), ("secrétaire", self.secretary))
            if name
        ]
        lines = [
            f"Séance : {self.body}, {self.date:%d/%m/%Y}",
            f"Présents : {self.present}" + (f" ({', '.join(chairs)} compris)" if chairs else ""),
            f"Excusés : {self.excused}, pouvoirs : {len(self.proxies)}",
            *(f"  pouvoir de {giver} à {holder}" for giver, holder in self.proxies),
            f"Absents : {self.absent}",
            f"Votants : {self.voters} (présents et pouvoirs)",
            f"Quorum : {self.quorum.text}",
        ]
        if self.tally is not None:
            lines.append(f"Vote : {self.tally.text}")
        published = f"{self.published_on:%d/%m/%Y}" if self.published_on else "non indiquée"
        transmitted = f"{self.transmitted_on:%d/%m/%Y}" if self.transmitted_on else "non indiquée"
        lines.append(f"Publication : {published} ; transmission en préfecture : {transmitted}")
        executory = (
            f"{self.executory_on:%d/%m/%Y}"
            if self.executory_on
            else "pas encore (publication et transmission requises)"
        )
        lines.append(f"Exécutoire : {executory}")
        return lines


def executory_date(published_on: date | None, transmitted_on: date | None) -> date | None:
    """An act is executory once both published and transmitted to the préfecture.

    >>> executory_date(date(2009, 4, 9), date(2009, 4, 7))
    datetime.date(2009, 4, 9)
    >>> executory_date(date(2009, 4, 9), None) is None
    True
    """
    if published_on is None or transmitted_on is None:
        return None
    return max(published_on, transmitted_on)


def _listed(session: Session) -> int:
    chairs = sum(1 for p in (session.president, session.secretary) if p is not None)
    return chairs + len(session.present) + len(session.excused) + len(session.absent)


def _present(session: Session) -> int:
    """Present members: the names listed, else the stated figure."""
    if session.present or session.president or session.secretary:
        return session.present_count
    if session.figures is not None and session.figures.present is not None:
        return session.figures.present
    return 0


def quorum(session: Session, kind: OrganisationKind | None = None) -> Quorum:
    """Quorum of a session; see the module's docstring for the count of members in office."""
    name = _QUORUM_PARAMETER[authority_kind(session, kind)]
    dated = parameter(name).at(session.date)
    reference = dated.reference if dated else None
    present = _present(session)
    stated = session.figures.in_office if session.figures else None
    in_office: int | None
    if session.members:
        in_office, source = len(session.members_in_office()), "liste des membres"
    elif stated is not None:
        in_office, source = stated, "effectif indiqué"
    elif _listed(session):
        in_office, source = _listed(session), "membres listés"
    else:
        in_office, source = None, "inconnu"
    if session.second_convocation:
        return Quorum(present, in_office, source, None, True, reference, second_convocation=True)
    if in_office is None or dated is None or (present == 0 and not _listed(session)):
        return Quorum(present, in_office, source, None, None, reference)
    required = int(Decimal(in_office) * dated.value) + 1
    return Quorum(present, in_office, source, required, present >= required, reference)


def _computed(vote: Vote, votes_for: int | None, votes_against: int | None) -> VoteResult | None:
    if votes_for is None or votes_against is None:
        return None
    if votes_for == votes_against:
        # a public vote's tie goes the president's way, which the counts do not say
        return VoteResult.REJECTED if vote.secret or votes_for == 0 else None
    if votes_for < votes_against:
        return VoteResult.REJECTED
    return VoteResult.UNANIMOUS if votes_against == 0 else VoteResult.MAJORITY


def tally(vote: Vote, voters: int | None, on: date) -> Tally:
    """Count a vote; for a unanimous vote without counts, every voter voted for.

    >>> tally(Vote(result="majority", votes_for=10, votes_against=10, casting_vote=True),
    ...       20, date(2026, 1, 1)).tie
    True
    """
    dated = parameter("vote_majority").at(on)
    abstentions, not_voting = vote.abstentions or 0, vote.not_voting or 0
    votes_for, votes_against = vote.votes_for, vote.votes_against
    if vote.result is VoteResult.UNANIMOUS:
        votes_against = 0 if votes_against is None else votes_against
        if votes_for is None and voters is not None:
            votes_for = max(voters - abstentions - not_voting, 0)
    tie = votes_for is not None and votes_for == votes_against and votes_for > 0
    return Tally(
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        not_voting=not_voting,
        result=vote.result,
        computed=_computed(vote, votes_for, votes_against),
        tie=tie,
        casting_vote=tie and not vote.secret,
        reference=dated.reference if dated else None,
    )


def session_summary(
    session: Session,
    deliberation: Deliberation | None = None,
    *,
    kind: OrganisationKind | None = None,
) -> SessionSummary:
    """Attendance, quorum, and for ``deliberation`` its vote and executory date.

    ``kind`` is the authority's kind when known (else read from ``session.body``).
    """
    figures = session.figures
    present = _present(session)
    proxies = [(_name(e.person), _name(e.proxy_to)) for e in session.excused if e.proxy_to]
    vote = deliberation.vote if deliberation else None
    return SessionSummary(
        body=session.body,
        date=session.date,
        president=_name(session.president) if session.president else None,
        secretary=_name(session.secretary) if session.secretary else None,
        present=present,
        present_names=[_name(p) for p in session.present],
        excused=len(session.excused),
        proxies=proxies,
        absent=len(session.absent),
        absent_names=[_name(p) for p in session.absent],
        quorum=quorum(session, kind),
        tally=tally(vote, present + len(proxies), session.date) if vote else None,
        published_on=deliberation.published_on if deliberation else None,
        transmitted_on=deliberation.transmitted_on if deliberation else None,
        executory_on=executory_date(deliberation.published_on, deliberation.transmitted_on)
        if deliberation
        else None,
        stated_in_office=figures.in_office if figures else None,
        stated_present=figures.present if figures else None,
        stated_voters=figures.voters if figures else None,
    )


# -- findings ---------------------------------------------------------------------------

SESSION_RULES: dict[str, tuple[Severity, str]] = {
    "session.quorum_not_reached": (
        Severity.ERROR,
        "moins de la moitié plus un des membres en exercice sont présents (pouvoirs non comptés)",
    ),
    "session.quorum_unverifiable": (
        Severity.WARNING,
        "ni la liste des membres, ni l'effectif en exercice, ni les présences ne sont connus",
    ),
    "session.quorum_from_lists": (
        Severity.INFO,
        "l'effectif en exercice n'est pas indiqué : le quorum est jugé sur les membres listés",
    ),
    "session.proxy_double": (Severity.ERROR, "un membre détient plus d'un pouvoir"),
    "session.proxy_holder_not_present": (
        Severity.ERROR,
        "un pouvoir est donné à un membre qui n'est pas présent",
    ),
    "session.listed_twice": (Severity.WARNING, "un membre figure dans deux listes de présence"),
    "session.figure_present": (
        Severity.WARNING,
        "le nombre de présents indiqué diffère des noms listés",
    ),
    "session.figure_voters": (
        Severity.WARNING,
        "le nombre de votants indiqué diffère des présents et des pouvoirs",
    ),
    "session.figure_in_office": (
        Severity.WARNING,
        "l'effectif en exercice indiqué diffère de la liste des membres, ou est inférieur aux membres listés",
    ),
    "vote.counts_exceed_voters": (
        Severity.ERROR,
        "plus de voix, abstentions et non-participants que de votants",
    ),
    "vote.result_mismatch": (Severity.ERROR, "le résultat indiqué ne suit pas les voix comptées"),
    "vote.casting_vote": (
        Severity.INFO,
        "partage égal des voix : la voix du président est prépondérante (scrutin public)",
    ),
    "deliberation.dates_before_session": (
        Severity.ERROR,
        "publication ou transmission datée d'avant la séance",
    ),
    "deliberation.not_executory": (
        Severity.INFO,
        "l'acte n'est pas encore exécutoire : publication ou transmission non indiquée",
    ),
}
"""Every finding code of this module, its severity and what it checks (for the docs)."""


def _finding(code: str, message: str, path: str) -> Finding:
    severity, _ = SESSION_RULES[code]
    return Finding(code=code, severity=severity, message=message, location=Location(path=path))


def _attendance_findings(session: Session) -> list[Finding]:
    findings: list[Finding] = []
    present = {_key(p) for p in session.present}
    present |= {_key(p) for p in (session.president, session.secretary) if p is not None}
    limit = parameter("proxies_per_member").at(session.date)
    allowed = int(limit.value) if limit else 1
    where = f" ({limit.reference.text.split(' (')[0]})" if limit else ""
    held: Counter[tuple[str, str, str]] = Counter()
    for index, excused in enumerate(session.excused):
        holder = excused.proxy_to
        if holder is None:
            continue
        path = f"session.excused[{index}].proxy_to"
        key = _key(holder)
        held[key] += 1
        if held[key] > allowed:
            findings.append(
                _finding(
                    "session.proxy_double",
                    f"{_name(holder)} détient {held[key]} pouvoirs ; un membre n'en détient "
                    f"qu'un seul{where}.",
                    path,
                )
            )
        if not any(_same(key, other) for other in present):
            findings.append(
                _finding(
                    "session.proxy_holder_not_present",
                    f"Pouvoir de {_name(excused.person)} à {_name(holder)}, qui n'est pas "
                    "listé parmi les présents : le porteur d'un pouvoir doit être présent.",
                    path,
                )
            )
    lists = [
        ("present", [*session.present]),
        ("excused", [e.person for e in session.excused]),
        ("absent", [*session.absent]),
    ]
    seen: list[tuple[tuple[str, str, str], str]] = []
    for name, people in lists:
        for index, person in enumerate(people):
            key = _key(person)
            other = next((lst for k, lst in seen if lst != name and _same(k, key)), None)
            if other is not None:
                findings.append(
                    _finding(
                        "session.listed_twice",
                        f"{_name(person)} figure à la fois parmi les {_LIST_LABELS[other]} "
                        f"et les {_LIST_LABELS[name]}.",
                        f"session.{name}[{index}]",
                    )
                )
            seen.append((key, name))
    return findings


_LIST_LABELS = {"present": "présents", "excused": "excusés", "absent": "absents"}


def _figure_findings(session: Session) -> list[Finding]:
    figures = session.figures
    if figures is None:
        return []
    findings: list[Finding] = []
    listed_present = bool(session.present)
    if figures.present is not None and listed_present and figures.present != session.present_count:
        findings.append(
            _finding(
                "session.figure_present",
                f"L'acte indique {figures.present} présents, mais {session.present_count} sont "
                "nommés (président et secrétaire compris).",
                "session.figures.present",
            )
        )
    voters = session.present_count + session.proxy_count
    if figures.voters is not None and listed_present and figures.voters != voters:
        findings.append(
            _finding(
                "session.figure_voters",
                f"L'acte indique {figures.voters} votants, mais présents et pouvoirs font "
                f"{voters}.",
                "session.figures.voters",
            )
        )
    if figures.in_office is not None:
        in_office = len(session.members_in_office()) if session.members else None
        if in_office is not None and figures.in_office != in_office:
            findings.append(
                _finding(
                    "session.figure_in_office",
                    f"L'acte indique {figures.in_office} membres en exercice, la liste des "
                    f"membres en compte {in_office} à la date de la séance.",
                    "session.figures.in_office",
                )
            )
        elif figures.in_office < _listed(session):
            findings.append(
                _finding(
                    "session.figure_in_office",
                    f"L'acte indique {figures.in_office} membres en exercice, mais en nomme "
                    f"{_listed(session)} (présents, excusés et absents).",
                    "session.figures.in_office",
                )
            )
    return findings


def _quorum_findings(summary: SessionSummary) -> list[Finding]:
    q = summary.quorum
    if q.second_convocation:
        return []
    if q.reached is None:
        message = "Quorum non vérifiable : indiquer l'effectif en exercice ou les présences."
        return [_finding("session.quorum_unverifiable", message, "session")]
    findings = []
    if not q.reached:
        message = f"Quorum non atteint : {q.text.split(' : ', 1)[1]}."
        findings.append(_finding("session.quorum_not_reached", message, "session.present"))
    if q.in_office_source == "membres listés":
        findings.append(
            _finding(
                "session.quorum_from_lists",
                "L'effectif en exercice n'est pas indiqué : le quorum est jugé sur les "
                f"{q.in_office} membres listés (présents, excusés et absents).",
                "session.figures.in_office",
            )
        )
    return findings


def _vote_findings(summary: SessionSummary, vote: Vote) -> list[Finding]:
    t = summary.tally
    if t is None:
        return []
    findings = []
    counted = sum(
        n for n in (vote.votes_for, vote.votes_against, vote.abstentions, vote.not_voting) if n
    )
    if counted > summary.voters and (summary.present_names or summary.stated_present):
        findings.append(
            _finding(
                "vote.counts_exceed_voters",
                f"{counted} voix, abstentions et non-participants comptés pour "
                f"{summary.voters} votants (présents et pouvoirs).",
                "vote",
            )
        )
    where = f" ({t.reference.text.split(' (')[0]})" if t.reference else ""
    if t.tie and t.casting_vote:
        findings.append(
            _finding(
                "vote.casting_vote",
                f"Partage égal ({t.votes_for} pour, {t.votes_against} contre) : la voix du "
                f"président est prépondérante et décide du résultat, « {vote.result.label} »{where}.",
                "vote",
            )
        )
    adopted = {VoteResult.UNANIMOUS, VoteResult.MAJORITY}
    stated, computed = vote.result, t.computed
    if computed is not None and (stated in adopted) != (computed in adopted):
        findings.append(
            _finding(
                "vote.result_mismatch",
                f"Résultat indiqué « {stated.label} », mais {t.votes_for} pour et "
                f"{t.votes_against} contre donnent « {computed.label} »{where}.",
                "vote.result",
            )
        )
    elif stated is VoteResult.UNANIMOUS and t.votes_against:
        pass  # refused by the terms already
    return findings


def _date_findings(summary: SessionSummary) -> list[Finding]:
    findings = []
    for label, day, path in (
        ("publiée", summary.published_on, "published_on"),
        ("transmise en préfecture", summary.transmitted_on, "transmitted_on"),
    ):
        if day is not None and day < summary.date:
            findings.append(
                _finding(
                    "deliberation.dates_before_session",
                    f"Délibération {label} le {day:%d/%m/%Y}, avant la séance du "
                    f"{summary.date:%d/%m/%Y}.",
                    path,
                )
            )
    if summary.executory_on is None:
        missing = [
            label
            for label, day in (
                ("la publication", summary.published_on),
                ("la transmission en préfecture", summary.transmitted_on),
            )
            if day is None
        ]
        findings.append(
            _finding(
                "deliberation.not_executory",
                f"Pas encore exécutoire : {' et '.join(missing)} n'est pas indiquée.",
                "published_on" if summary.published_on is None else "transmitted_on",
            )
        )
    return findings


def session_findings(
    session: Session,
    deliberation: Deliberation | None = None,
    *,
    kind: OrganisationKind | None = None,
) -> list[Finding]:
    """Every finding on a session and, when given, on one act voted there; errors first."""
    summary = session_summary(session, deliberation, kind=kind)
    findings = [
        *_quorum_findings(summary),
        *_attendance_findings(session),
        *_figure_findings(session),
    ]
    if deliberation is not None:
        if deliberation.vote is not None:
            findings.extend(_vote_findings(summary, deliberation.vote))
        findings.extend(_date_findings(summary))
    return sorted(findings, key=lambda f: f.severity.rank)
