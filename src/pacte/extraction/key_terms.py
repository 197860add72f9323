"""The one-page summary of a document (``key_terms``), from the extracted data.

Members follow ``docs/cles.md`` (the shared key-terms specification): a member the
document does not state is ``None`` (or ``[]``), never a guess.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pacte.extraction.deliberation import deliberation_instalments, granted_amounts
from pacte.extraction.deliberation.stated_grants import stated_grants, visa_grants
from pacte.extraction.french import find_years
from pacte.extraction.lazy import lazy
from pacte.extraction.parties.mandates import mandate_dates
from pacte.extraction.result import Found
from pacte.extraction.text import fold


def _person(person: dict[str, str] | None, *, civility: bool = True) -> str | None:
    """A person's name as one string; with ``civility=False`` without « M. », « Mme »
    (the name, as the key terms write every person: representatives and the president)."""
    if not person:
        return None
    return (
        " ".join(
            p
            for p in (
                person.get("civility") if civility else None,
                person.get("first_name"),
                person.get("last_name"),
            )
            if p
        )
        or None
    )


def _duration(value: dict[str, Any] | None) -> dict[str, Any] | None:
    return {"value": value["value"], "unit": value["unit"]} if value else None


def _amount(value: Any) -> str:
    return f"{Decimal(str(value)):.2f}"


def key_terms(found: Found, doc_type: str) -> dict[str, Any]:
    get = found.get
    parties = []
    for party in get("parties") or []:
        representative = party.get("representative")
        name = (
            " ".join(
                p
                for p in (
                    (representative or {}).get("first_name"),
                    (representative or {}).get("last_name"),
                )
                if p
            )
            or None
        )
        parties.append(
            {
                "name": party["organisation"]["name"],
                "role": party.get("role", "other"),
                "representative": name,
            }
        )
    mandates = sorted(
        {p["mandate"]["date"] for p in get("parties") or [] if p.get("mandate", {}).get("date")}
    )
    if doc_type in ("convention", "deliberation+convention") and len(mandates) < max(
        2, len(get("parties") or [])
    ):
        # a party's block was not read whole (flattened, blanks left for the other party):
        # the acts authorising the signatories, in the parties' part of the text
        mandates = sorted({*mandates, *mandate_dates(found.text)})
    amounts: list[dict[str, Any]] = []
    for grant in get("grants") or []:
        if grant.get("annual_amount"):
            amounts.append(
                {
                    "amount": _amount(grant["annual_amount"]),
                    "year": None,
                    "label": "montant en année pleine",
                }
            )
        stated_years = [y for y in grant.get("years") or [] if y.get("amount") is not None]
        if grant.get("total_amount") and not grant.get("annual_amount") and not stated_years:
            # one sum granted, tied to no year
            amounts.append(
                {"amount": _amount(grant["total_amount"]), "year": None, "label": "montant total"}
            )
        for year in grant.get("years") or []:
            if year.get("amount") is not None:
                amounts.append(
                    {
                        "amount": _amount(year["amount"]),
                        "year": year["year"],
                        "label": year.get("label") or f"subvention {year['year']}",
                    }
                )
    # a deliberation alone, or the minutes of a session (the item whose vote was chosen)
    minutes = doc_type == "minutes"
    alone = doc_type in ("deliberation", "minutes") and not get("grants")
    if not amounts and alone:
        # a deliberation alone: the sums its operative part grants
        amounts = granted_amounts(found, found.text, item=minutes)
    if not amounts:
        for decision in get("deliberation.decisions") or []:
            if decision.get("amount"):
                amounts.append(
                    {
                        "amount": _amount(decision["amount"]),
                        "year": next((y.value for y in find_years(decision["text"])), None),
                        "label": "montant de la délibération",
                    }
                )
    if not amounts and alone:
        # sums granted stated in the prose (the report, the item), not in a « DÉCIDE : »
        amounts = stated_grants(found.text)
    first_party = found.spans.get("parties[0].organisation.name")
    if not amounts and doc_type == "convention" and first_party is not None:
        # the financial clauses cut off: the grant of the deliberation its visas cite
        amounts = visa_grants(found.text, first_party.start)
    instalments = [
        {
            "percent": f"{Decimal(str(i['percent'])).normalize():f}",
            "trigger": (i.get("trigger") or {}).get("text") or "",
        }
        for grant in get("grants") or []
        for i in grant.get("instalments") or []
        if i.get("percent") is not None
    ]
    if not instalments and alone:
        instalments = deliberation_instalments(found, found.text, item=minutes)
    bodies = get("governing_bodies") or []
    main = next((b for b in bodies if b.get("kind") == "political"), None) or next(
        (b for b in bodies if b.get("cadence")), None
    )
    session = get("deliberation.session") or {}
    vote = get("deliberation.vote")
    present = session.get("present")
    figures = session.get("figures") or {}
    chairs = sum(
        1 for key in ("president", "secretary") if session.get(key) and not _listed(session, key)
    )
    statuses = session.get("statuses") or {}
    counted_present = len(present) + chairs if present is not None else None
    if counted_present is None and statuses:
        # a table of members, each with a status: its rows counted
        counted_present = statuses.get("present")
    if "cut_present" in found.marks:
        counted_present = None  # the list of the present runs to where the text is cut
    if counted_present is None and "all_but" in found.marks and figures.get("in_office"):
        # « Étaient présents tous les conseillers en exercice, à l'exception de X et Y »
        counted_present = figures["in_office"] - found.marks["all_but"]
    members_present = _within(
        figures.get("present") if figures.get("present") is not None else counted_present,
        counted_present,
        figures.get("in_office"),
    )
    excused = session.get("excused")
    # members only listed as represented (« absents représentés ») gave a proxy but are
    # not called excused
    represented = found.marks.get("represented_only", 0)
    if (
        doc_type == "deliberation"
        and not get("grants")
        and session.get("date")
        and "authorises_signing" in found.marks
        and not mandates
    ):
        # the deliberation authorises the signatory: it is its own authorising deliberation
        # (minutes authorise many things in many items: they mandate no signatory of theirs)
        mandates = [session["date"]]
    return {
        "doc_type": doc_type,
        "parties": parties,
        "authorising_deliberation_dates": mandates,
        "signature_date": get("signed_on"),
        "start_date": get("term.start"),
        "end_date": get("term.end"),
        "duration": _duration(get("term.duration")),
        "renewal": get("renewal.kind"),
        "termination_notice": _duration(get("termination.notice")),
        "amounts": amounts,
        "installments": instalments,
        "steering_committee_frequency": (main or {}).get("cadence", {}).get("frequency"),
        "session_date": session.get("date"),
        # the name without its civility, as the representatives are written
        "president": _person(_as_listed(session.get("president"), present), civility=False),
        "members_present": members_present,
        "members_excused": _excused(
            found,
            None if "cut_excused" in found.marks else excused,
            represented,
            figures.get("excused")
            if figures.get("excused") is not None
            else found.marks.get("all_but_excused"),
        ),
        "proxies": _stated(
            None if "cut_proxies" in found.marks else _proxies(found, excused),
            figures.get("represented")
            if figures.get("represented") is not None
            else statuses.get("represented"),
        ),
        # a stated figure of absent members wins over names counted: lists of absent
        # members run on into the prose more than any other
        "members_absent": _absent(
            found,
            None if "cut_absent" in found.marks else session.get("absent"),
            figures.get("absent")
            if figures.get("absent") is not None
            else statuses.get("absent", found.marks.get("all_but_absent")),
        ),
        "vote": _vote(
            vote,
            figures.get("voters")
            if figures.get("voters") is not None or "unanimous_of_present" not in found.marks
            else members_present,
        ),
        "publication_date": get("deliberation.published_on"),
        "prefecture_date": get("deliberation.transmitted_on"),
    }


def _within(value: int | None, counted: int | None, in_office: int | None) -> int | None:
    """Members present cannot outnumber the members in office: a figure above it is
    another label's (or the names ran on into the prose), the names counted stand in for
    it when they fit, else nothing is stated.

    >>> _within(15, 4, 19), _within(23, 4, 19), _within(23, None, 19), _within(23, 4, None)
    (15, 4, None, 23)
    """
    if in_office is None or value is None or value <= in_office:
        return value
    return counted if counted is not None and counted <= in_office else None


def _proxies(found: Found, excused: list[dict[str, Any]] | None) -> int | None:
    """Proxies counted; none stated (``None``) when the document speaks of none."""
    if excused is None:
        return found.marks.get("proxy_statements") or None
    counted = sum(1 for e in excused if e.get("proxy_to"))
    # the proxies stated one by one in the lists, when names run on without separators
    counted = max(counted, found.marks.get("proxy_statements", 0))
    if not counted and "proxies_labelled" not in found.marks:
        return None
    return counted


def _absent(found: Found, absent: list[Any] | None, figure: int | None) -> int | None:
    """Members absent, neither excused nor represented: a stated figure wins over names
    counted (lists of absent members run on into the prose more than any other), less
    the members it counts who gave a proxy (« absents : 23 … Pouvoirs : 2 Mmes et M. X à
    Y et Z à W », X and Z among the 23 absent).

    >>> _absent(Found(text=""), [{"last_name": "X"}], None), _absent(Found(text=""), None, 4)
    (1, 4)
    """
    gave = found.marks.get("absent_gave_proxy", 0)
    if figure is not None:
        listed = len(absent) + gave if absent is not None else None
        return figure - gave if gave and listed == figure else figure
    return len(absent) if absent is not None else None


def _stated(counted: int | None, figure: int | None) -> int | None:
    """Names counted; the figure stated in their place when no name is listed, or when it
    counts more of them than are listed (a list cut short: « Procurations : 7 » above four
    names, the text ending there).

    >>> _stated(0, 5), _stated(None, 3), _stated(2, 2), _stated(None, None), _stated(4, 7)
    (5, 3, 2, None, 7)
    >>> _stated(3, 2)
    3
    """
    return figure if figure is not None and (not counted or figure > counted) else counted


def _excused(
    found: Found, excused: list[dict[str, Any]] | None, represented: int, figure: int | None
) -> int | None:
    """Members called excused: none stated when no label calls anyone excused
    (« Membres représentés : 5 » alone gives proxies, not excused members)."""
    counted = len(excused) - represented if excused is not None else None
    if not counted and "excused_labelled" not in found.marks and figure is None:
        return None
    return _stated(counted, figure)


_NOT_LETTER = lazy(r"[\W\d_]+")


def _squeezed(name: object) -> str:
    """The letters of a name, case and accents kept (only hyphens and spaces dropped)."""
    return _NOT_LETTER.sub("", str(name or ""))


def _as_listed(
    person: dict[str, str] | None, present: list[dict[str, str]] | None
) -> dict[str, str] | None:
    """The president is a present member: written as in the list of the present when only
    hyphens or spaces differ (« JeanClaude GARDE » chairs, « Jean-Claude GARDE » is listed).

    >>> _as_listed({"first_name": "JeanClaude", "last_name": "GARDE"},
    ...            [{"first_name": "Jean-Claude", "last_name": "GARDE"}])["first_name"]
    'Jean-Claude'
    >>> _person(_as_listed({"civility": "M.", "last_name": "VALLON"},
    ...                    [{"first_name": "VALLON", "last_name": "René"}]))
    'M. VALLON René'
    """
    if not person or not present:
        return person
    if not person.get("first_name"):
        # « M. VALLON ouvre la séance »: the member of that name, as listed (« VALLON René »)
        surname = _squeezed(person.get("last_name"))
        same = [
            m
            for m in present
            if surname in (_squeezed(m.get("last_name")), _squeezed(m.get("first_name")))
        ]
        if len(same) == 1 and same[0].get("first_name"):
            return {
                **person,
                "first_name": same[0]["first_name"],
                "last_name": same[0]["last_name"],
            }
    for member in present:
        if (
            _squeezed(member.get("last_name")) == _squeezed(person.get("last_name"))
            and _squeezed(member.get("first_name")) == _squeezed(person.get("first_name"))
            and member.get("first_name")
        ):
            return {**person, "first_name": member["first_name"], "last_name": member["last_name"]}
    return person


def _listed(session: dict[str, Any], key: str) -> bool:
    """Whether the president or the secretary is among the present members listed (also
    when the list completes the name the chair is given by: « sous la présidence de
    Monsieur Jean-Michel, Maire », « Jean-Michel LAPRUGNE » listed)."""
    present = session.get("present") or []
    person = session.get(key) or {}
    if any(_same_person(person, p) for p in present):
        return True
    listed = _as_listed(session.get(key), present) or {}
    return listed is not person and any(_same_person(listed, p) for p in present)


def _same_person(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """The same last name, or the same person written otherwise: two words in common
    (« Antoine TRISTAN », « Tristan Antoine »), or a surname in capitals (« Chantal
    PHILIPPE », « C. PHILIPPE »; « Sébastien BRUNEAU Approbation » read past the name).

    >>> _same_person({"first_name": "Antoine", "last_name": "TRISTAN"},
    ...              {"first_name": "Tristan", "last_name": "Antoine"})
    True
    >>> _same_person({"first_name": "Jean", "last_name": "ROUX"},
    ...              {"first_name": "Jean", "last_name": "PETIT"})
    False
    """
    if fold(str(one.get("last_name", ""))) == fold(str(other.get("last_name", ""))):
        return True
    words = [
        [w for w in f"{p.get('first_name') or ''} {p.get('last_name') or ''}".split() if len(w) > 2]
        for p in (one, other)
    ]
    common = {fold(w) for w in words[0]} & {fold(w) for w in words[1]}
    capitals = {fold(w) for w in words[0] + words[1] if w.isupper()}
    return len(common) >= 2 or bool(common & capitals)


def _vote(vote: dict[str, Any] | None, voters: int | None = None) -> dict[str, Any] | None:
    """The vote as stated; a unanimous vote with stated voters is all of them for. Counts
    against and abstentions are those stated: unanimity alone states none.

    >>> _vote({"result": "unanimous"}, 34)
    {'result': 'unanimous', 'for': 34, 'against': None, 'abstention': None}
    >>> _vote({"result": "unanimous"})
    {'result': 'unanimous', 'for': None, 'against': None, 'abstention': None}
    >>> _vote({"result": "unanimous", "votes_for": 15, "votes_against": 6}, 21)
    {'result': 'unanimous', 'for': 21, 'against': None, 'abstention': None}
    >>> _vote({"result": "unanimous", "abstentions": 2}, 17)
    {'result': 'unanimous', 'for': 15, 'against': None, 'abstention': 2}
    >>> _vote({"result": "majority", "votes_for": 17}, 17)
    {'result': 'unanimous', 'for': 17, 'against': None, 'abstention': None}
    """
    if not vote:
        return None
    counts = {
        "result": vote.get("result"),
        "for": vote.get("votes_for"),
        "against": vote.get("votes_against"),
        "abstention": vote.get("abstentions"),
    }
    stated = [n for k in ("for", "against", "abstention") if isinstance(n := counts[k], int)]
    if (counts["result"] == "unanimous" and (counts["against"] or 0) > 0) or (
        voters is not None and sum(stated) > voters
    ):
        # counts that contradict the vote (votes against a unanimous vote, more votes
        # than voters) are another item's
        counts.update({"for": None, "against": None, "abstention": None})
    if (
        counts["result"] == "majority"
        and voters
        and counts["for"] == voters
        and not counts["against"]
        and not counts["abstention"]
    ):
        # every voter voted for (« Vote : 17 voix pour », 17 voters): unanimous
        counts["result"] = "unanimous"
    if counts["result"] == "unanimous" and counts["for"] is None and voters is not None:
        # unanimity of the votes cast: those who abstained did not vote for
        abstaining = counts["abstention"] if isinstance(counts["abstention"], int) else 0
        counts["for"] = voters - abstaining if 0 <= abstaining < voters else voters
    return counts
