"""Parties of a convention: names, addresses, representatives, mandates; signature blocks.

One module per reader: ``persons`` (a person's name), ``blocks`` (one party's block),
``mandates`` (the signatory's mandate, in the block or the visas), ``signatures`` (the
signature blocks), ``common`` (what they share); this module finds the parties' region.
A party block is the text between « Entre » and the preamble, one block per party,
separated by a line « et ». Its first line (or its text up to the first comma) is the
name; « représenté(e) par … » gives the representative and their capacity; « habilité
par délibération … du … », « en application de la décision du conseil d'administration
… en date du … » give the mandate.
"""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.organisations import is_social_security
from pacte.extraction.parties.blocks import _blocks, _party
from pacte.extraction.parties.common import PartyBlock
from pacte.extraction.parties.listed import listed_blocks
from pacte.extraction.parties.mandates import _visa_mandates
from pacte.extraction.parties.persons import looks_like_person, person_from_name
from pacte.extraction.parties.representatives import _REPRESENTED
from pacte.extraction.parties.signatures import extract_signatures
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.text import blank_markup, fold, lines

_BETWEEN_LINE = lazy(
    r"^[ \t*]*entre(?:[ \t]+les[ \t]+(?:soussigne(?:e)?s|parties)(?:[ \t]+ci-(?:dessous|apres))?)?[ \t*]*[:,]?[ \t*]*$"
)
_REGION_END = lazy(
    r"^[ \t*#]*(?:il[ \t]+(?:est|a[ \t]+(?:(?:tout[ \t]+)?d'abord[ \t]+|prealablement[ \t]+)?ete)\b|preambule\b|contexte\b|expose\b|considerant\b|"
    r"vu[ \t,]|apres[ \t]+avoir|etant[ \t]+prealablement|ceci[ \t]+expose|article\b|art\.)"
)
_NUMBERED_HEADING = lazy(r"^[ \t*#]*(?:[IVXLC]+|\d+)[ \t]*[.)][ \t]*(?:[-–—][ \t]*)?[A-ZÀ-Ý]")
"""« I. - OBJET », « 1) Objet »: a numbered heading, which closes the parties."""


def _after_last_between(text: str, folded: str, region: tuple[int, int]) -> tuple[int, int]:
    """The region from its last « Entre : » line on, when a representative follows it.

    A cover page « ENTRE / La Commune de X / ET / L'association Y » read as the start of
    the parties leaves its title lines in front of the real clause « Entre : … ».
    """
    begin = region[0]
    for line in lines(text, *region):
        if (
            line.start > region[0]
            and _BETWEEN_LINE.match(fold(blank_markup(line.raw)))
            and _REPRESENTED.search(folded, line.end, region[1])
        ):
            begin = line.end
    return begin, region[1]


def _parties_region(segments: Segments) -> tuple[int, int] | None:
    """The text between « Entre » and what follows the parties, where the representatives are.

    The segmentation's region is kept when it names a representative; otherwise (a title
    « Convention … entre X et Y » read as the parties, parties followed by numbered
    headings « I. - OBJET ») the first « Entre » line whose region names one is taken.
    """
    text = segments.text
    folded = fold(text)
    if segments.parties is not None and _REPRESENTED.search(folded, *segments.parties):
        return _after_last_between(text, folded, segments.parties)
    begin: int | None = None
    for line in lines(text, segments.convention[0] if segments.convention else 0):
        view = fold(blank_markup(line.raw))
        if begin is None:
            if _BETWEEN_LINE.match(view):
                begin = line.end
            continue
        if _REGION_END.match(view) or (
            _NUMBERED_HEADING.match(blank_markup(line.raw)) and len(line.clean) < 80
        ):
            if _REPRESENTED.search(folded, begin, line.start):
                return begin, line.start
            begin = None
    if segments.parties is None and begin is not None and _REPRESENTED.search(folded, begin):
        # an excerpt cut inside the parties (« … d'une part, / Et » and nothing after)
        return begin, len(text)
    return segments.parties


_TITLE_ASSOCIATION = lazy(r"\b(?:a|avec|de|pour|en faveur de) l'association\s+")
"""« Convention … relative au soutien apporté à l'association X »: the association of the
title, on a line of its own."""


def _title_association(text: str, end: int) -> tuple[int, int] | None:
    """Offsets of the association the head of the convention names, before ``end``."""
    for line in lines(text, 0, end):
        match = _TITLE_ASSOCIATION.search(fold(line.raw))
        if match is None or len(line.raw) > 200:
            continue
        start = line.start + match.end()
        if not rx.match(r"[\"«“]?\s*[A-ZÀ-Ý]", text[start : start + 3]):
            continue  # « à l'association de son choix »: no name
        stop = line.end
        while stop > start and text[stop - 1] in ' \t.,;»”"':
            stop -= 1
        while start < stop and text[start] in '«“" ':
            start += 1
        if stop - start > 3:
            return start, stop
    return None


_OPERATOR = lazy(
    r"\betablissement public\b|\bepic\b|[«\"]\s*(?:l')?(?:operateur|gestionnaire)\s*[»\"]"
)
"""A public establishment, or a party the convention calls its « Opérateur » or
« Gestionnaire »."""


def _state_operators(
    found: Found, text: str, blocks: list[PartyBlock], roles: list[object]
) -> None:
    """In a convention with the State, a public establishment or agency (« l'Agence … »,
    « établissement public », « l'« Opérateur » ») runs a programme for it: a party of
    role ``other``, not a beneficiary."""
    names = [
        fold(str(found.get(f"parties[{i}].organisation.name") or "")) for i in range(len(blocks))
    ]
    if "state" not in {found.get(f"parties[{i}].organisation.kind") for i in range(len(blocks))}:
        return
    for index, block in enumerate(blocks):
        if roles[index] != "beneficiary":
            continue
        if names[index].startswith("agence ") or _OPERATOR.search(
            fold(text[block.start : block.end])
        ):
            found.put(f"parties[{index}].role", "other")
            roles[index] = "other"


def _family_fund(found: Found, roles: list[object]) -> None:
    """A CAF or an MSA with one authority only (« convention d'objectifs et de financement »
    of a commune's leisure centre): the fund pays, the authority receives."""
    if sorted(map(str, roles)) != ["other", "public_authority"]:
        return
    fund = roles.index("other")
    if not is_social_security(str(found.get(f"parties[{fund}].organisation.name") or "")):
        return
    found.put(f"parties[{fund}].role", "public_authority")
    found.put(f"parties[{1 - fund}].role", "beneficiary")
    roles[fund], roles[1 - fund] = "public_authority", "beneficiary"


def extract_parties(found: Found, segments: Segments) -> int:
    """Fill ``parties``; returns how many were found."""
    region = _parties_region(segments)
    text = segments.text
    listed = []
    if region is None or not _REPRESENTED.search(fold(text), *region):
        # no « Entre » naming a representative: the parties may be listed on the cover page
        listed = listed_blocks(text)
    if listed:
        blocks, region = listed, (listed[0].start, listed[-1].end)
    elif region is not None:
        blocks = _blocks(text, *region)
    else:
        return 0
    visas = (segments.convention[0] if segments.convention else 0, region[0])
    for index, block in enumerate(blocks):
        _party(found, text, block, index, visas)
    roles = [found.get(f"parties[{i}].role") for i in range(len(blocks))]
    _state_operators(found, text, blocks, roles)
    _family_fund(found, roles)
    if len(blocks) == 1 and roles == ["public_authority"]:
        # the other party's block is cut off: the association the title names
        named = _title_association(text, region[0])
        if named:
            found.put("parties[1].organisation.name", text[named[0] : named[1]], *named)
            found.put("parties[1].organisation.kind", "association")
            found.put("parties[1].role", "beneficiary")
            blocks.append(PartyBlock(*named))
            roles.append("beneficiary")
    if blocks and "public_authority" not in roles:
        found.put("parties[0].role", "public_authority")
        found.note(
            "Aucune collectivité reconnue parmi les parties : la première est supposée accorder la subvention."
        )
    _visa_mandates(found, segments, region, len(blocks))
    _keys(found, len(blocks))
    return len(blocks)


def _keys(found: Found, count: int) -> None:
    used: set[str] = set()
    for index in range(count):
        designation = found.get(f"parties[{index}].designation") or ""
        source = (
            designation
            if 0 < len(designation) <= 25
            else found.get(f"parties[{index}].organisation.kind", "partie")
        )
        words = rx.sub(r"^(?:la|le|les|l')\s*", "", fold(source).strip(' «»"'))
        key = rx.sub(r"[^a-z0-9]+", "-", words.split(" ")[0]).strip("-") or "partie"
        candidate, number = key, 2
        while candidate in used:
            candidate, number = f"{key}-{number}", number + 1
        used.add(candidate)
        found.put(f"parties[{index}].key", candidate)


__all__ = ["extract_parties", "extract_signatures", "looks_like_person", "person_from_name"]
