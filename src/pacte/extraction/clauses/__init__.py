"""The clauses of a convention: objectives, commitments, money, term, renewal, notice,
governing bodies, workstreams and milestones, reporting duties.

Each clause is looked for in the whole body of the convention, sentence by sentence,
with the article (or numbered section) it sits in kept as its place. One module per
clause family: ``commitments`` (objectives, commitments, communication, reporting),
``grants`` (amounts), ``instalments``, ``term`` (duration, dates), ``renewal``,
``termination`` (notice), ``governance`` (bodies and how often they meet) and
``workstreams``; ``common`` holds what they share.
"""

from __future__ import annotations

from dataclasses import replace

from pacte.extraction.clauses.commitments import _commitments, _objectives, _reporting
from pacte.extraction.clauses.common import _articles, _located, _plain_articles, _whole_body
from pacte.extraction.clauses.governance import _bodies
from pacte.extraction.clauses.grants import _grants
from pacte.extraction.clauses.renewal import _renewal
from pacte.extraction.clauses.term import _term, cover_period
from pacte.extraction.clauses.termination import _termination
from pacte.extraction.clauses.workstreams import _workstreams
from pacte.extraction.parties.representatives import _REPRESENTED
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.sentences import party_aliases
from pacte.extraction.text import fold

__all__ = ["extract_clauses"]


def extract_clauses(found: Found, segments: Segments) -> None:
    if not segments.articles:
        articles = _plain_articles(segments) or _whole_body(segments)
        if not articles:
            _cover(found, segments)
            return
        segments = replace(segments, articles=articles)
    text = segments.text
    count = len(found.get("parties") or [])
    aliases = party_aliases(found, count, text)
    located = _located(segments)
    _articles(found, segments)
    _objectives(found, segments)
    _term(found, located, {a.number: a.title for a in segments.articles})
    _cover(found, segments)
    _renewal(found, located)
    _termination(found, located, count)
    _commitments(found, located, aliases)
    _bodies(found, segments, located, aliases)
    _grants(found, segments, located, aliases)
    _workstreams(found, segments, aliases)
    _reporting(found, segments, located, aliases)


def _cover(found: Found, segments: Segments) -> None:
    """The period stated on the cover, above the parties, when no clause states the term."""
    if segments.convention is None or segments.parties is None:
        return
    start = segments.convention[0]
    # the cover ends where the first party is represented (a cover « ENTRE / X / ET / Y »
    # may stand before the clause « Entre : »)
    represented = _REPRESENTED.search(fold(segments.text), start, segments.parties[1])
    cover_period(found, segments.text, start, represented.start() if represented else start)
