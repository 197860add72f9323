"""The deliberation: session, attendance and proxies, rapporteur, decisions, vote, dates.

Labels are found on a folded, markup-free copy of the text; names are read from the
original. One module per recogniser: ``attendance`` (present, excused, absent members,
proxies), ``counts`` (attendance figures), ``president``, ``session`` (date of the
session), ``acts`` (object, rapporteur, decisions, signatory mandated, report), ``vote``,
``publication`` (stamps) and ``amounts`` (amounts granted, instalments); ``people`` holds
the name readers they share.
"""

from __future__ import annotations

from pacte.extraction.deliberation.acts import _decisions, _mandated, _object, _rapporteur, _report
from pacte.extraction.deliberation.amounts import (
    deliberation_instalments,
    dispositif,
    granted_amounts,
)
from pacte.extraction.deliberation.attendance import _attendance
from pacte.extraction.deliberation.counts import _figures
from pacte.extraction.deliberation.excused import all_but
from pacte.extraction.deliberation.people import _labelled_name
from pacte.extraction.deliberation.president import (
    _chair_by_title,
    _chair_named,
    _presided,
    _president_in_list,
)
from pacte.extraction.deliberation.publication import _publication, convention_stamps
from pacte.extraction.deliberation.session import _session
from pacte.extraction.deliberation.statuses import _statuses
from pacte.extraction.deliberation.vote import _vote
from pacte.extraction.result import Found
from pacte.extraction.text import folded_view

__all__ = [
    "convention_stamps",
    "deliberation_instalments",
    "dispositif",
    "extract_deliberation",
    "extract_stamps",
    "granted_amounts",
]


def extract_deliberation(found: Found, text: str, start: int, end: int) -> None:
    """Fill ``deliberation`` from the region ``[start, end)`` of the text."""
    folded = folded_view(text)
    found.marks["deliberation_start"] = start
    found.marks["deliberation_end"] = end
    _session(found, text, folded, start, end)
    _labelled_name(
        found,
        text,
        folded,
        "deliberation.session.president",
        r"\bpresident(?:e)?(?: de seance)?",
        start,
        end,
    )
    _labelled_name(
        found,
        text,
        folded,
        "deliberation.session.secretary",
        r"\bsecretaire(?: de seance)?",
        start,
        end,
    )
    _presided(found, text, folded, start, end)
    _attendance(found, text, folded, start, end)
    if found.get("deliberation.session.present") is None:
        excepted = all_but(text, folded, start, end)
        if excepted is not None:
            # « Étaient présents tous les conseillers, à l'exception de X et Y, excusés »
            found.marks["all_but"] = excepted[0]
            if excepted[1]:
                found.marks[f"all_but_{excepted[1]}"] = excepted[0]
    _president_in_list(found, text, folded, start, end)
    _chair_by_title(found, text, folded, start, end)
    _chair_named(found, text, folded, start, end)
    _figures(found, folded, start, end)
    _statuses(found, text, folded, start, end)
    _object(found, text, folded, start, end)
    _rapporteur(found, text, folded, start, end)
    _decisions(found, text, folded, start, end)
    _vote(found, text, folded, start, end)
    _publication(found, text, folded, start, end)
    _mandated(found, text, folded, start, end)
    _report(found, text, end)


def extract_stamps(found: Found, text: str) -> None:
    """Publication and préfecture stamps of an act of no other known kind (an arrêté, an
    annex): « Reçu en préfecture le 12/01/2023 », « Publié le 20/02/2023 »."""
    _publication(found, text, folded_view(text), 0, len(text))
