"""How far each recogniser of a convention can be trusted, measured on annotated documents.

The extraction gives every value a span and a fixed confidence; what tells whether a kind
of value needs a look is how often its recogniser was right on documents annotated by
hand. ``bench/calibrate_review.py`` extracts the annotated documents
(``tests/extraction/documents/*.expected.json``), counts for each key-terms member the
values stated and the values right, and writes them below (``MEASURED``).

A recogniser's score is the right share smoothed by the size of the sample (Laplace:
``(right + 1) / (stated + 2)``), so that 3 right out of 3 (0,80) is not trusted like 24
out of 24 (0,96). The import review flags « à vérifier » a value whose recogniser scores
under ``THRESHOLD``, a value whose span the extraction marked less sure than
``SPAN_THRESHOLD``, and a value that no measure covers only when something else (a
conflict, an absence) calls for it.

>>> score_of(24, 24) > THRESHOLD > score_of(3, 3)
True
>>> recogniser("grants[0].years[2].amount"), score("term.start") is not None
('amounts', True)
>>> score("workstreams[0].title") is None
True
"""

from __future__ import annotations

from pacte.extraction import rx

THRESHOLD = 0.9
"""Under this score, a recogniser's values are flagged « à vérifier »."""

SPAN_THRESHOLD = 0.8
"""Under this span confidence (an inferred value: a start « à la signature » deduced), flagged."""

RECOGNISERS: dict[str, str] = {
    "parties[].organisation.name": "parties",
    "parties[].representative": "parties",
    "parties[].role": "parties",
    "parties[].mandate.date": "authorising_deliberation_dates",
    "signed_on": "signature_date",
    "term.start": "start_date",
    "term.end": "end_date",
    "term.duration": "duration",
    "renewal.kind": "renewal",
    "termination.notice": "termination_notice",
    "grants[].annual_amount": "amounts",
    "grants[].total_amount": "amounts",
    "grants[].years[].amount": "amounts",
    "grants[].instalments[].percent": "installments",
    "governing_bodies[].cadence.frequency": "steering_committee_frequency",
}
"""Terms path (indices dropped) → the key-terms member that measures its recogniser."""

# --- measured: written by bench/calibrate_review.py ---
# 24 documents (tests/extraction/documents), 2026-12-07
MEASURED: dict[str, tuple[int, int]] = {
    "amounts": (44, 44),
    "authorising_deliberation_dates": (32, 32),
    "duration": (14, 14),
    "end_date": (10, 10),
    "installments": (38, 38),
    "parties": (32, 32),
    "renewal": (12, 12),
    "signature_date": (13, 13),
    "start_date": (11, 11),
    "steering_committee_frequency": (12, 12),
    "termination_notice": (12, 12),
}
# --- end of measured ---


def score_of(right: int, stated: int) -> float:
    """The right share, smoothed by the size of the sample."""
    return (right + 1) / (stated + 2)


def recogniser(path: str) -> str | None:
    """The key-terms member measuring the recogniser that fills ``path``, or None."""
    return RECOGNISERS.get(rx.sub(r"\[\d+\]", "[]", path))


def score(path: str) -> float | None:
    """The measured score of the recogniser filling ``path``; None when not measured."""
    member = recogniser(path)
    if member is None or member not in MEASURED:
        return None
    return score_of(*MEASURED[member])
