"""The vote: unanimity, majority, counts for / against / abstentions, printed grids."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.deliberation.acts import _SIGNING
from pacte.extraction.deliberation.tally import TALLY, read_tally, tallies
from pacte.extraction.lazy import lazy, made_by
from pacte.extraction.result import Found
from pacte.extraction.text import clean

_VOTE = lazy(
    r"\b(adopte(?:e)?s?|approuve(?:e)?s?|rejete(?:e)?s?|vote(?:e)?s?)\b[^.\n]{0,40}?\b(a l'unanimite|a la majorite|par\s*:?\s*\d+ voix"
    r"|avec\s+\d+\s+(?:voix\s+)?(?:contre|abstentions?)\b)"
    r"|\b(unanimite|unanimement)\b|\b(rejete(?:e)?s?)\b"
)
_ABSTAINS = lazy(r"\b(?:approuve|adopte)e?s?\s*,\s*([^,.;:]{3,80}?)\s+s'abstien(?:t|nent)\b")
"""« Le procès-verbal est approuvé, Monsieur X s'abstient de voter »: adopted, by a
majority, with the abstentions of the members named."""
_MAJORITY = lazy(
    r"\ba la majorite\b(?=[^.;]{0,40}?(?:\d+\s+(?:voix|pour|contre|abstentions?)\b"
    r"|\b(?:pour|contre|abstentions?)\s*:))"
    r"|(?<=delibere,)\s*a la majorite\b|(?<=delibere)\s+a la majorite\b"
    r"|(?<=decide,)\s*a la majorite\b|(?<=decide)\s+a la majorite\b"
    r"|\ba la majorite (?:des voix|des suffrages|des membres|absolue|qualifiee)\b"
    r"|\bvotes?\s*:\s*(?:a la )?majorite\b"
)
"""« à la majorité » alone decides the vote when counts follow it or it ends the
debate (« après en avoir délibéré, à la majorité »), not in a rule of quorum."""
_A_RULE = lazy(r"\b(?:peu(?:t|vent)|doi(?:t|vent)|sont prises|est prise|requiert|necessite)\b")
"""« le conseil municipal peut décider, sans débat, à la majorité absolue … »: the law
quoted, not a vote."""
_NAMED = lazy(r"\b(?:M\.|Mme|Monsieur|Madame)\s+[A-ZÀ-Ý]")
_NUMBER = r"(\d{1,3})"
_COUNTS = {
    "votes_for": (r"\bpour", r"(?:voix\s+)?pour\b"),
    "votes_against": (r"\bcontre", r"(?:voix\s+)?contre\b"),
    "abstentions": (r"\babstentions?", r"abstentions?\b"),
    "not_voting": (
        r"ne\s+prend(?:nent)?\s+pas\s+part\s+au\s+vote",
        r"(?:ne\s+prenant\s+pas\s+part|non-participations?)",
    ),
}
"""Each count as « Pour : 17 » (label, colon, number) or « 17 voix pour » (number first)."""


_OTHER_LABEL = lazy(r"\b(?:pour|contre|abstentions?|votants|exprimes|presents|exercice)\s*:\s*$")
"""A number that is already the value of a labelled count."""


_BARE_LABEL = lazy(r"\b(?:pour|contre|abstentions?)\s*$")
_COUNTED_LABEL = lazy(r"\d+\s+(?:voix\s+)?(?:pour|contre|abstentions?)\s*$")


def _label_without_colon(folded: str, start: int, end: int) -> bool:
    """« Pour 17 voix Contre Abstention »: 17 is the count of « Pour », written before it
    without a colon, not a count « 17 voix contre » (unlike « 15 voix pour 2 voix contre »,
    where the label before is itself a count's)."""
    return bool(
        _BARE_LABEL.search(folded, start, end) and not _COUNTED_LABEL.search(folded, start, end)
    )


_REFERENCE_BEFORE = lazy(
    r"(?:(?:parcelles?|cadastr\w*|section)[^.;\d]{0,20}\b[a-z]{1,2}|\bn[°o]|\bparcelles?|\barticles?|\blots?|"
    r"\bsections?|\bnumeros?|\bchapitres?|\bcomptes?)\s*$"
)
"""« parcelle AB 245 pour un euro »: a cadastral or other reference, not a count of votes."""


def _count(folded: str, key: str, start: int, end: int) -> re.Match[str] | None:
    label, after = _COUNTS[key]
    labelled = lazy(rf"{label}\s*:\s*{_NUMBER}\b")
    # a number first must not be the value of a preceding label (« Pour : 34  Contre : 0 »)
    stated = lazy(rf"(?<![\d/.,])\b{_NUMBER}[ \t]+{after}")
    first = next(
        (
            m
            for m in stated.finditer(folded, start, end)
            if not _OTHER_LABEL.search(folded, max(start, m.start() - 40), m.start())
            and not _label_without_colon(folded, max(start, m.start() - 40), m.start())
            and not _REFERENCE_BEFORE.search(folded, max(start, m.start() - 40), m.start())
        ),
        None,
    )
    found = [m for m in (labelled.search(folded, start, end), first) if m]
    return min(found, key=lambda m: m.start(1)) if found else None


_SUBJECT = lazy(r"\b(?:convention|subvention|aide financiere|participation financiere)s?\b")
"""What an item of the session is about when it matters to Pacte."""


_DECIDING = lazy(
    r"\b(?:decide\w*|approuv\w*|adopt\w*|autoris\w*|emet\w*|donne\w*|accept\w*|valid\w*"
    r"|vote\w*|designe\w*|elit|fixe\w*|attribu\w*|prend(?:s|re)? acte|arrete\w*|sollicit\w*"
    r"|charge\w*|confirm\w*|retien\w*|refus\w*|rejet\w*|delibere\w*|conseil|assemblee|bureau"
    r"|comite|commission|avis|suffrages?|voix|\d+ pour|\d+ contre|abstentions?"
    r"|presents?|representes?"
    r"|membres|votants|exprimes|resultat|unanimement|ratifi\w*|enterin\w*|opte\w*"
    r"|agree\w*|renouvel\w*|modifi\w*|delegu\w*|mandat\w*|approbation|adoption|constate\w*"
    r"|deliberation)\b"
)
"""Words of a decision or of a vote around « à l'unanimité »."""
_COUNT_BESIDE = lazy(r"\b(?:pour|contre)\s*(?::\s*\d|\d|a l'\s*$)")
"""« Pour : 17 (unanimité) », « Pour à l'unanimité »."""


def _a_vote(folded: str, match: re.Match[str]) -> bool:
    """« unanimité » alone is a vote when a decision or a count stands in its sentence
    near it (« à l'unanimité, décide », « Vote : unanimité »), not in a narrative (« à
    l'issue de cette réunion et à l'unanimité, les élus soutiennent … »)."""
    if match.group(3) is None:
        return True
    before = folded[max(0, match.start() - 80) : match.start()]
    before = rx.split(r"[.;!?]\s", before)[-1]
    after = rx.split(r"[.;!?](?:\s|$)", folded[match.end() : match.end() + 80])[0]
    return bool(
        _DECIDING.search(before)
        or _DECIDING.search(after)
        or _COUNT_BESIDE.search(before)
        or not before.strip(" :-(\n")
    )


def _a_rule(folded: str, match: re.Match[str], start: int) -> bool:
    """Whether « à la majorité » belongs to a rule its sentence quotes (``_A_RULE``)."""
    sentence = rx.split(r"[.;]\s", folded[max(start, match.start() - 100) : match.start()])[-1]
    return bool(_A_RULE.search(sentence))


def _vote_candidates(folded: str, start: int, end: int) -> list[re.Match[str]]:
    """Every statement of a vote, in order; one overlapping an earlier one is the same vote."""
    matches = sorted(
        [
            *(m for m in _VOTE.finditer(folded, start, end) if _a_vote(folded, m)),
            *(m for m in _MAJORITY.finditer(folded, start, end) if not _a_rule(folded, m, start)),
            *_GRID.finditer(folded, start, end),
            *_ABSTAINS.finditer(folded, start, end),
            *tallies(folded, start, end),
        ],
        key=lambda m: (m.start(), -m.end()),
    )
    votes: list[re.Match[str]] = []
    for match in matches:
        if votes and match.start() < votes[-1].end():
            continue
        votes.append(match)
    return votes


_SENTENCE_END = lazy(r"\.(?:\s|$)|\n")
_AGENDA = lazy(r"^[ \t]*ordre du jour[ \t]*:?[ \t]*$", re.MULTILINE)
_PARAGRAPH_END = lazy(r"\n[ \t]*\n")


def _after_agenda(folded: str, start: int, end: int) -> int:
    """Past the list under an « ORDRE DU JOUR » heading, if there is one."""
    agenda = _AGENDA.search(folded, start, end)
    if agenda is None:
        return start
    rest = folded[agenda.end() : end]
    body = agenda.end() + len(rest) - len(rest.lstrip())
    stop = _PARAGRAPH_END.search(folded, body, end)
    return stop.end() if stop else start


def _chosen_vote(found: Found, folded: str, start: int, end: int) -> re.Match[str] | None:
    """The vote of the key terms: the first one stated (in minutes, the first voted item,
    the approval of the previous minutes or the election of the secretary included).

    The item of a vote is the text since the previous vote. The item that authorises a
    signature and concerns a convention or a subsidy, then one that does either, is
    remembered so that, in minutes, its amounts, instalments and authorisation to sign are
    read there only.
    """
    votes = _vote_candidates(folded, start, end)
    if not votes:
        return None
    first = votes[0]
    best, best_score, best_item = votes[0], 0, (start, votes[0].end())
    previous = start
    for vote in votes:
        item = (previous, vote.end())
        # the agenda announces every item: it tells nothing of the first vote
        scored = _after_agenda(folded, *item) if previous == start else item[0]
        score = 2 * bool(_SIGNING.search(folded, scored, item[1]))
        score += bool(_SUBJECT.search(folded, scored, item[1]))
        if score > best_score:
            best, best_score, best_item = vote, score, item
        previous = vote.end()
    if best_score:
        # the item ends with the sentence of its vote (« … à l'unanimité, approuve … . »)
        stop = _SENTENCE_END.search(folded, best_item[1], min(end, best_item[1] + 400))
        found.marks["vote_item_start"] = best_item[0]
        found.marks["vote_item_end"] = stop.start() if stop else min(end, best_item[1] + 400)
    del best
    return first


def _vote(found: Found, text: str, folded: str, start: int, end: int) -> None:
    match = _chosen_vote(found, folded, start, end)
    if not match:
        return
    words = match.group()
    if made_by(match, TALLY):
        _tally(found, text, folded, match, start, end)
        return
    if made_by(match, _GRID):
        # a printed grid alone: unanimous when nobody voted against nor abstained
        fields = _grid_fields(match)
        blank = [g is None or not g.isdigit() or int(g) == 0 for g in map(match.group, fields[1:])]
        result = "unanimous" if all(blank) else "majority"
    elif made_by(match, _ABSTAINS):
        result = "majority"
        named = _NAMED.findall(text, match.start(1), match.end(1))
        found.put("deliberation.vote.abstentions", max(1, len(named)), match.start(1), match.end(1))
    elif "unanim" in words or rx.match(r"\s*unanimite\b", folded[match.end() : match.end() + 20]):
        # « Adoptée par 31 voix Unanimité »: the grid of a printed vote
        result = "unanimous"
        if rx.search(
            r"\bunanimite des (?:membres )?presents\b(?! et)",
            folded[match.start() : match.end() + 30],
        ):
            # « à l'unanimité des présents »: the present members all voted for
            found.marks["unanimous_of_present"] = 1
    elif "rejete" in words:
        result = "rejected"
    else:
        result = "majority"
    line_start = folded.rfind("\n", start, match.start()) + 1
    line_end = folded.find("\n", match.end(), end)
    line_end = end if line_end == -1 else line_end
    found.put("deliberation.vote.result", result, match.start(), match.end())
    found.put("deliberation.vote.text", clean(text[line_start:line_end]))
    if made_by(match, _GRID) and _grid_fields(match)[0] == 4:
        # a grid without colons: its own fields only (« Pour 15 voix Contre 2 voix » read
        # number first would give 15 against)
        _grid_counts(found, folded, match, match.start(), match.end())
        return
    window_end = min(end, match.end() + 300)
    for key in _COUNTS:
        count = _count(folded, key, max(start, match.start() - 300), window_end)
        if count:
            # counts belong to this vote only if no other vote stands between them, its
            # own statement included (minutes: « … par 14 voix pour » is the next item's)
            if _other_vote_between(folded, match, count):
                continue
            found.put(
                f"deliberation.vote.{key}",
                int(count.group(1)),
                count.start(1),
                count.end(1),
            )
    _grid_counts(found, folded, match, max(start, match.start() - 300), min(end, match.end() + 900))
    voices = _UNANIMOUS_VOICES.match(folded, match.end(), end) if result == "unanimous" else None
    if voices and found.get("deliberation.vote.votes_for") is None:
        found.put("deliberation.vote.votes_for", int(voices.group(1)), *voices.span(1))


_UNANIMOUS_VOICES = lazy(r"(?:\s+des\s+[a-z' ]{3,60}?)?\s*[:(]\s*(\d{1,3})\s+voix\b(?!\s+contre)")
"""« Unanimité : 17 voix », « à l'unanimité des membres présents et représentés (17 voix) »:
all the votes, for."""


def _tally(
    found: Found, text: str, folded: str, match: re.Match[str], start: int, end: int
) -> None:
    """A vote stated by its counts alone: the counts are those of the run, nothing else."""
    tally = read_tally(folded, match)
    if tally is None:
        return
    line_start = folded.rfind("\n", start, match.start()) + 1
    line_end = folded.find("\n", match.end(), end)
    found.put("deliberation.vote.result", tally.result, match.start(), match.end())
    found.put(
        "deliberation.vote.text", clean(text[line_start : end if line_end == -1 else line_end])
    )
    for key, (value, begin, stop) in tally.counts.items():
        found.put(f"deliberation.vote.{key}", value, begin, stop)
    for key in ("votes_for", "votes_against", "abstentions"):
        # a count the run left out, cut off by a page header (« Contre : 0 Procès-verbal
        # … 1/17 Abstention : 0 »), as long as no other vote stands between
        count = (
            None
            if key in tally.counts
            else _count(folded, key, match.end(), min(end, match.end() + 300))
        )
        if count and not _other_vote_between(folded, match, count):
            found.put(f"deliberation.vote.{key}", int(count.group(1)), count.start(1), count.end(1))


def _other_vote_between(folded: str, vote: re.Match[str], count: re.Match[str]) -> bool:
    """Whether another statement of a vote stands between a vote and a count."""
    if count.start() >= vote.end():
        between = folded[vote.end() : count.end()]
        # « Adoptée par 40 voix Unanimité »: the word of the printed grid is this vote's
        between = rx.sub(r"^[ \t\n]*unanimite\b", "", between)
    else:
        between = folded[count.start() : vote.start()]
    if _VOTE.search(between) or _MAJORITY.search(between):
        return True
    # a run of counts between them is another vote, unless it is the vote's own (right
    # after it: « à la majorité (17 voix pour, 2 voix contre … ; 1 abstention) »)
    if count.start() < vote.end():
        return any(
            t.start() > count.end() for t in TALLY.finditer(folded, count.start(), vote.start())
        )
    return any(
        tally.start() < count.start()
        # a run that holds the vote's own words (« adoptée par 25 voix pour, 3 voix
        # contre ») is the vote's
        and tally.start() >= vote.end()
        and not _VOTE_TAIL.fullmatch(folded, vote.end(), tally.start())
        # a run overlapping a printed grid is the grid read another way
        and (not made_by(count, _GRID) or tally.end() <= count.start())
        for tally in TALLY.finditer(folded, vote.start(), count.end())
    )


_VOTE_TAIL = lazy(
    r"[ \t\n,;:()–-]*(?:(?:absolue|relative|simple|qualifiee|des voix|des suffrages exprimes"
    r"|des membres presents(?: et representes)?)[ \t\n,;:()–-]*)?"
)
"""Between a vote and its own counts: punctuation, or what the majority was (« adopté à
la majorité absolue : 14 voix pour, 3 contre »)."""


_GRID = lazy(
    r"\bpour\s*:\s*(\d+)\s*(?:voix\s*)?[-–,;]?\s*"
    r"contre\s*:\s*(\d+|neant|-|/)?\s*(?:voix\s*)?[-–,;]?\s*"
    r"abstentions?\s*:\s*(\d+|neant|-|/)?(?=\s|$|[.;,(])"
    r"|\bpour\s+(\d+)\s+voix\s+contre(?:\s+(\d+)\s+voix)?\s+"
    r"abstentions?(?:\s+(\d+)\s+voix)?(?=\s|$|[.;,(])"
)
"""A printed grid « Pour : 28 Contre : Abstention : » or « Pour : 13 – Contre : 0 –
Abstention : 0 »: every field stated, a blank or « néant » one is none; a grid printed
without colons, each count followed by « voix » (« Pour 40 voix Contre Abstention »)."""


def _grid_fields(grid: re.Match[str]) -> tuple[int, int, int]:
    """The groups of the counts for, against and abstaining, in the form that matched."""
    return (1, 2, 3) if grid.group(1) is not None else (4, 5, 6)


def _grid_counts(found: Found, folded: str, vote: re.Match[str], start: int, end: int) -> None:
    """The counts of the vote's grid, when no other vote stands between them (a grid may
    close a deliberation well after « à l'unanimité »); blank fields are 0."""
    grid = _GRID.search(folded, start, end)
    if grid is None:
        return
    if _other_vote_between(folded, vote, grid):
        return
    fields = _grid_fields(grid)
    stated = found.get("deliberation.vote.votes_for")
    if stated is not None and stated != int(grid.group(fields[0])):
        return
    for key, group in zip(("votes_for", "votes_against", "abstentions"), fields, strict=True):
        if found.get(f"deliberation.vote.{key}") is not None:
            continue
        value = grid.group(group)
        number = int(value) if value is not None and value.isdigit() else 0
        at = (grid.start(group), grid.end(group)) if value is not None else grid.span()
        found.put(f"deliberation.vote.{key}", number, *at)
