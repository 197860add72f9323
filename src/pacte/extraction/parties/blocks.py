"""One party's block: its name, designation, address, identifiers and representative."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.organisations import (
    AUTHORITY_KINDS,
    department_code,
    is_social_security,
    organisation_kind,
)
from pacte.extraction.parties.common import (
    PartyBlock,
)
from pacte.extraction.parties.leading import (
    _ADDRESS_START,
    _BULLET,
    _GENERIC_NOUN,
    _NAMED,
    _leading_person,
    _name_end,
)
from pacte.extraction.parties.mandates import (
    _mandate,
)
from pacte.extraction.parties.persons import (
    _CIVILITY,
)
from pacte.extraction.parties.representatives import (
    _REPRESENTED,
    _representative,
)
from pacte.extraction.result import Found
from pacte.extraction.text import Line, clean, fold, lines
from pacte.terms.identifiers import siren_is_valid

_SEPARATOR = lazy(
    r"^[ \t*]*(?:et|et :|&|d'une part,?(?: et)?|(?:et,? )?d'autre part,?|,? ?d'une part)[ \t*,;:.]*$"
)
_LABEL_LINE = lazy(
    r"^[ \t*]*(?:(?:partie|parties)[ \t]+)?(?:ci-?apres[ \t]+)?(?:designe|denomme|appele|nomme)e?s?"
    r"[ \t]+(?:ci-?apres|par)\b|^[ \t*]*ci-?apres\b"
)
"""« ci-après dénommée « la Ville » », « partie dénommée ci-après “l'association” »: the
label of the party above, on a line of its own (after its « d'une part »)."""
_ARTICLE = lazy(r"^(?:la|le|les|l')\s+|^l'", re.IGNORECASE)
_POSTCODE = lazy(r"^(?:(?:bp|cs|tsa)\s*\d+\s*[-,]?\s*)?(\d{5})\s+(.+?)\s*,?\s*$", re.IGNORECASE)
_ADDRESS_PREFIX = lazy(
    r"^(?:domicilie(?:e)?|sise?|situee?|dont le siege(?: social)? est (?:situe|fixe)?)\s*(?:au|a|a l'adresse)?\s*[:,]?\s*"
)
_DESIGNATION = lazy(
    r"(?:ci-?apres\s+(?:designe|denomme|appele|nomme)e?s?|(?:designe|denomme|appele|nomme)e?s?\s+ci-?apres)"
    r"\s*(?:par\s+)?(?:la\s+|le\s+|l')?[«\"“]\s*([^»\"”]+?)\s*[»\"”]"
)
_IDS = {
    "siret": lazy(r"siret\s*(?:n[°o]\s*)?:?\s*((?:\d\s?){14})"),
    "siren": lazy(r"siren\s*(?:n[°o]\s*)?:?\s*((?:\d\s?){9})(?!\s?\d)"),
    "rna": lazy(r"\b(?:rna|w)\s*(?:n[°o]\s*)?:?\s*(w[0-9a-z]{9})\b"),
}


_OWN_ARTICLE = lazy(
    r"(?:La|Le|Les|L['’]|LA|LE|LES) ?(?!(?i:ville|commune|r[ée]gion|d[ée]partement|communaut[ée]|"
    r"m[ée]tropole|mairie|association|centre|syndicat|[ée]tablissement|office|f[ée]d[ée]ration|fondation|"
    r"mutuelle|coop[ée]rative|soci[ée]t[ée]|agence|caisse|conseil|chambre|union|comit[ée]|[ée]tat|"
    r"pr[ée]fecture|maison|institut|groupement|entreprise|collectivit[ée]|structure|partenaire|"
    r"b[ée]n[ée]ficiaire|organisme|porteur|sous-pr[ée]fecture|territoire|pays|parc|p[ôo]le|"
    r"entente|r[ée]seau|direction|service|universit[ée]|scic|scop|sas|sarl|ccas|cias|"
    r"[ée]cole|coll[èe]ge|lyc[ée]e|h[ôo]pital|ehpad|gip|sem|spl|epci|sivu|sivom)\b)[A-ZÀ-Ý]"
)
"""« Le Cercle nautique », « Les Amis du festival »: a capitalised article that belongs to the
name (kept), as opposed to the article before the kind of body (« la Ville de Lorval », « La
Communauté de communes … », « L'ASSOCIATION … »: dropped)."""
_NUMBERED_PARTY = lazy(
    r"^[ \t*]*(?:\d{1,2}[.)]|[a-z]\)|[-–•])[ \t]+(?:[Ll][ae]s?\b|[Ll]['’]|[A-ZÀ-Ý])"
)
"""« 2. L'association … », « - La Ville de X représentée par … »: the next party of a
numbered or bulleted list."""
_AND_PARTY = lazy(
    r"^[ \t*]*et[ \t]*[:,]?[ \t]*(?:d'autre part[ \t]*,?[ \t]*)?(?<=[ \t,:])(?=(?:la|le|les|l')\b|l')"
)
"""« Et l'association …, représentée par … », « Et : L'association … », « et, d'autre part,
l'Association … »: the next party on the same line as « Et »."""


def _blocks(text: str, start: int, end: int) -> list[PartyBlock]:
    blocks: list[PartyBlock] = []
    current: int | None = None
    last_end = start
    for line in lines(text, start, end):
        folded_line = fold(line.clean)
        if _SEPARATOR.match(folded_line) and line.clean:
            if current is not None:
                blocks.append(PartyBlock(current, last_end))
            current = None
            continue
        if current is None and blocks and _LABEL_LINE.match(folded_line):
            # the label of the party closed by « d'une part »: still that party's block
            blocks[-1] = PartyBlock(blocks[-1].start, line.end)
            continue
        if current is None and blocks and len(line.clean) <= 3:
            continue  # a stray fragment between two parties (« er », a page number)
        if current is not None and _TRAILING_AND.search(line.raw):
            # « Ci-après dénommée la métropole ET »: the « ET » before the next party ends
            # the line of the label
            blocks.append(PartyBlock(current, line.end))
            current = None
            continue
        if (
            current is not None
            and _NUMBERED_PARTY.match(line.raw)
            and _REPRESENTED.search(fold(text), current, last_end)
        ):
            # « 1. La Ville de X, représentée par … » then « 2. L'association Y, … »
            blocks.append(PartyBlock(current, last_end))
            current = None
        joined = _AND_PARTY.match(fold(line.raw))
        if joined and current is None and blocks:
            # « Et : L'association … » after a party closed by its « d'une part »
            current = line.start + joined.end()
            last_end = line.end
            continue
        if (
            joined
            and current is not None
            and (_REPRESENTED.search(folded_line) or ":" in joined.group())
        ):
            blocks.append(PartyBlock(current, last_end))
            current = line.start + joined.end()
            last_end = line.end
            continue
        if line.clean and current is None:
            current = line.start
        if line.clean:
            last_end = line.end
    if current is not None:
        blocks.append(PartyBlock(current, last_end))
    blocks = [block for block in blocks if not _PAGE_NUMBER.match(text, block.start, block.end)]
    return [part for block in blocks for part in _inline_parties(text, block)]


_TRAILING_AND = lazy(
    r"(?i:ci-?apr[eè]s|d[ée]nomm|d[ée]sign|part\b).*[ \t](?:ET|Et)[ \t]*:?[ \t]*$"
    r"|(?i:[,»”\"][ \t]*d['’]une[ \t]+part)[ \t]*[,.;]?[ \t]*$"
)
"""A party's label (or « d'une part ») that ends with the « ET » opening the next party, or
with « d'une part » (« … désignée sous l'appellation « la commune », d'une part »)."""
_PAGE_NUMBER = lazy(
    r"[ \t]*(?:\(\d{1,3}\)|-[ \t]*\d{1,3}[ \t]*-|\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*$"
)
"""« (2) », « - 2 - », « 2/6 » alone after « d'autre part »: a page number, not a party."""


_INLINE_AND = lazy(
    r"(?<=[,;»”\"])\s+et\s*,?\s+(?:d'autre part\s*[,:]?\s+)?(?=(?:la|le|les|l')\b|l'|(?P<name>\w))"
    r"|(?<=[»”\"][.,;])\s+(?=(?:la|le|les|l')\s)|(?<=;)\s+(?=(?:la|le|les)\s|l')"
)
"""« …, ci-après désignée « la Ville », et la Commune de Y représentée par … »: the next
party in the same sentence (« …, et, d'autre part, l'Association … »); without an article,
a name with a capital (« … désigné(e) « X », Et Bordeaux Métropole, … représentée par … »);
none at all after a label closed by its sentence (« … ci-après désignée "la Caf". LA COMMUNE
DE X représentée par … ») or after a semicolon (« … agissant en vertu de la délibération du
24 juin 2008 ; Le Département de X, représenté par … »)."""


def _inline_parties(text: str, block: PartyBlock) -> list[PartyBlock]:
    """A block split where « , et la … » opens another party on the same line (a flattened
    text, or parties written as one sentence); each part names its representative."""
    folded = fold(text)
    cuts = [
        match
        for match in _INLINE_AND.finditer(folded, block.start, block.end)
        if _REPRESENTED.search(folded, match.end(), block.end)
        and (match.group("name") is None or text[match.end()].isupper())
    ]
    parts: list[PartyBlock] = []
    start = block.start
    for index, cut in enumerate(cuts):
        following = cuts[index + 1].start() if index + 1 < len(cuts) else block.end
        if _REPRESENTED.search(folded, start, cut.start()) and _REPRESENTED.search(
            folded, cut.end(), following
        ):
            parts.append(PartyBlock(start, cut.start()))
            start = cut.end()
    parts.append(PartyBlock(start, block.end))
    return parts


def _continues(first: Line, following: Line) -> bool:
    """Whether ``following`` carries on the wrapped sentence of ``first`` (the name goes on).

    A wrapped line is long, ends without punctuation and is followed, in the same
    paragraph, by a line which is not an address or the representative.
    """
    content = first.clean
    return (
        following.start == first.end + 1
        and len(content) >= 40
        and len(content) >= 0.7 * len(following.clean)
        and content[-1:] not in ",;.:"
        and not _ADDRESS_START.match(fold(following.clean))
    )


def _word_per_line(text: str, block_lines: list[Line]) -> list[Line]:
    """The lines of one word each that open a block, when there are at least three (blank
    lines may stand between them)."""
    run: list[Line] = []
    for line in block_lines:
        if len(line.clean.split()) != 1 or (run and text[run[-1].end : line.start].strip()):
            break
        run.append(line)
    return run if len(run) >= 3 else []


_PART_LEAD = lazy(r"[ \t]*(?:et[ \t]*,?[ \t]*)?d['’](?:une|autre)[ \t]+part[ \t]*,?[ \t]*")
_BARE_KIND = lazy(
    r"[ \t]*(?:l['’]|la |le )?(?:association|fondation|cooperative|mutuelle|federation|societe)"
    r"[ \t]*[,:]?[ \t]*$"
)
_CAPITAL_WORD = lazy(r"[^\sa-zà-ÿ]+")
_FUNCTION_WORD = frozenset(
    {"DE", "DU", "DES", "LA", "LE", "LES", "D'", "L'", "D’", "L’", "ET", "EN", "SUR", "&"}
)


def _capitals_end(text: str, start: int, stop: int) -> int:
    """Where a name in capitals stops before ordinary words run on after it (« VILLE DE
    LORVAL Hôtel de Ville - place … », « LES AMIS DU PORT Association régie … »): at
    the first capitalised word after at least two words in capitals, the last of them not a
    linking word (« COMMUNE DE Saint-Martin » is one name)."""
    words = list(rx.finditer(r"\S+", text[start:stop]))
    capitals = 0
    for index, word in enumerate(words):
        value = word.group()
        if index == 0 and value in ("La", "Le", "Les", "L'", "L’"):
            continue
        if _CAPITAL_WORD.fullmatch(value) and any(c.isalpha() for c in value):
            capitals += 1
            continue
        previous = words[index - 1].group() if index else ""
        previous_bare = rx.sub(r"^[LD][’']", "", previous)
        if (
            capitals >= 2
            and value[:1].isupper()
            and any(c.islower() for c in value)
            and previous.upper() not in _FUNCTION_WORD
            and previous_bare not in _FUNCTION_WORD
        ):
            return start + word.start()
        break
    return stop


def _name_span(text: str, folded: str, block_lines: list[Line]) -> tuple[int, int]:
    """Offsets of a party's name: its first line (or wrapped sentence) up to the apposition."""
    first = block_lines[0]
    bullet = _BULLET.match(text, first.start, first.end)
    start = bullet.end() if bullet else first.start
    part = _PART_LEAD.match(folded, start, first.end)
    if part:
        # « Entre, d'une part, la Ville de … », « et, d'autre part, l'Association … »
        start = part.end()
    if _BARE_KIND.match(folded, start, first.end) and len(block_lines) > 1:
        # « L'Association » alone on its line, the name on the next one
        first = block_lines[1]
        start = first.start
    stop = _name_end(folded, start, first.end)
    if stop is not None:
        return start, _capitals_end(text, start, stop)
    word_lines = _word_per_line(text, block_lines)
    if word_lines:
        # « La\nCommunauté\nurbaine\nde\nBordeaux,\ndont … »: a text layer that set
        # one word on each line; the name runs over those lines up to its end
        for line in word_lines:
            stop = _name_end(folded, line.start, line.end)
            if stop is not None:
                return start, stop
        return start, word_lines[-1].end
    if len(block_lines) > 1 and _continues(first, block_lines[1]):
        following = block_lines[1]
        stop = _name_end(folded, following.start, following.end)
        # the name ends inside the next line, and the sentence goes on after it
        if stop is not None and text[stop : following.end].strip(" \t,;()"):
            return start, stop
    return start, first.end


def _as_written_elsewhere(text: str, folded: str, name: str) -> str:
    """A name set in capitals in the party block, in the case the document writes it elsewhere.

    Headings and party blocks often set names in capitals for emphasis; when the same
    words appear in the text in ordinary case (« Communauté de communes … » in the
    letterhead or the visas), that spelling is the one the document uses.
    """
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) < 2 or any(c.islower() for c in letters):
        return name
    pattern = r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in fold(name).split()) + r"(?![\w-])"
    for match in re.finditer(pattern, folded):
        written = " ".join(text[match.start() : match.end()].split())
        if written[:1].isupper() and any(c.islower() for c in written):
            return written
    return name


_CALLED_QUOTED = lazy(
    r"\b(?:denommee?|appelee?|intitulee?)\s*:?\s*[«\"“]\s*([^»\"”]+?)\s*(?:[»\"”]|$)"
)


def _organisation_name(raw: str) -> str:
    """« L'association « Les Amis » » and « l'association Les Amis » → « Les Amis »,
    twice; « L'Association Culturelle X » and « L'Association Les Compagnons » kept (the
    capital makes the noun part of the name)."""
    called = _CALLED_QUOTED.search(fold(raw))
    if called:
        # « Le groupement d'employeurs dénommé « Profession sport 38 » »: the quoted name
        return raw[called.start(1) : called.end(1)].strip()
    article = _ARTICLE.match(raw)
    name = raw if article and _OWN_ARTICLE.match(raw) else _ARTICLE.sub("", raw, count=1)
    generic = _GENERIC_NOUN.match(fold(name))
    if generic:
        rest = name[generic.end() :]
        # a lowercase common noun before the name, or a noun before a quoted name
        named = _NAMED.match(fold(rest))
        if named and rest[named.end() : named.end() + 1] in '«"“':
            # « L'Association dénommée « Les Amis » »: the name is what the quotes hold
            rest = rest[named.end() :]
        elif named and (
            ":" in rest[: named.end()] or rest[named.end() : named.end() + 1].isupper()
        ):
            # « organisme dénommé : l'Association des élus … », « l'Association dénommée
            # Association des Centres sociaux … »: the name after the participle
            return _organisation_name(rest[named.end() :])
        if rest[:1] in '«"“' or (rest[:1].isupper() and name[0].islower()):
            name = rest
        quoted = rx.match(r'[«"“]\s*([^»"”]+?)\s*(?:[»"”]|$)', rest)
        if quoted:
            # « L'Association «Club X» affiliée à … »: the name is what the quotes hold
            return quoted.group(1)
    return name.strip(' «»"“”')


def _party(found: Found, text: str, block: PartyBlock, index: int, visas: tuple[int, int]) -> None:
    base = f"parties[{index}]"
    block_lines = [line for line in lines(text, block.start, block.end) if line.clean]
    folded = fold(text)
    leading = _leading_person(text, folded, block)
    if leading and leading.organisation:
        name_start, name_end = leading.organisation
    else:
        name_start, name_end = _name_span(text, folded, block_lines)
    name_start = _past_stamp(text, name_start, name_end)
    acronym = _ACRONYM.match(text, name_end)
    if acronym:
        name_end = acronym.end()  # « Syndicat … de Seine-et-Marne (SDESM) »: written with it
    raw_name = clean(text[name_start:name_end].replace("\n", " ")).rstrip(" ,").lstrip(" :;,-–")
    name = _organisation_name(raw_name)
    position = text.find(name, name_start, name_end) if name else -1
    name_start = position if position != -1 else name_start
    name = _as_written_elsewhere(text, folded, name)
    label = _DESIGNATION.search(folded, block.start, block.end)
    if label and _OFFICE_HOLDER.match(fold(name)):
        # « Madame la Maire de Paris, …, ci-après dénommée « La Ville de Paris » »: the
        # block opens on the office, unnamed; the organisation is the label, when it is one
        labelled = _ARTICLE.sub("", text[label.start(1) : label.end(1)], count=1).strip()
        if organisation_kind(labelled) != "other" and len(labelled.split()) > 1:
            name, name_start = labelled, label.start(1) + label.group(1).find(fold(labelled))
    found.put(f"{base}.organisation.name", name, name_start, name_start + len(name))
    kind = organisation_kind(name)
    if kind == "other":
        kind = organisation_kind(raw_name)
    found.put(f"{base}.organisation.kind", kind)
    if kind in AUTHORITY_KINDS:
        role = "public_authority"
    elif is_social_security(name):
        role = "other"  # a CAF, an MSA beside the authorities: a partner, not the beneficiary
    else:
        role = "beneficiary"
    found.put(f"{base}.role", role)
    postcode = _address(found, text, block_lines[1:], base)
    department = department_code(name, postcode)
    if department:
        found.put(f"{base}.organisation.department", department)
    for key, pattern in _IDS.items():
        match = pattern.search(folded, block.start, block.end)
        if match:
            value = rx.sub(r"\s", "", text[match.start(1) : match.end(1)]).upper()
            problem = _identifier_problem(key, value)
            if problem:
                # a masked or mistyped number is left out rather than invalidating the terms
                found.note(f"{problem} : numéro ignoré, à saisir à la relecture.")
                continue
            found.put(f"{base}.organisation.{key}", value, match.start(1), match.end(1))
    if leading and leading.organisation and leading.person:
        found.put(f"{base}.representative", dict(leading.person), leading.start, leading.end)
        if leading.office:
            office = clean(text[leading.office[0] : leading.office[1]].replace("\n", " "))
            title = rx.sub(
                r"^(?:agissant\s+)?en\s+(?:sa\s+|leur\s+)?qualit[ée]\s+de\s+",
                "",
                office,
                flags=re.I,
            )
            found.put(f"{base}.representative.title", title)
            found.put(f"{base}.capacity", office, *leading.office)
    else:
        _representative(found, text, folded, block, base)
    _mandate(found, text, folded, block, base, visas)
    designation = _DESIGNATION.search(folded, block.start, block.end)
    if designation:
        found.put(
            f"{base}.designation",
            text[designation.start(1) : designation.end(1)],
            designation.start(1),
            designation.end(1),
        )


_ACRONYM = lazy(
    r"[ \t]*\([ \t]*[A-ZÀ-Ý][A-ZÀ-Ý0-9&.'’-]{1,11}(?:[ \t][A-ZÀ-Ý0-9&.'’-]{1,11}){0,2}[ \t]*\)"
)
"""The acronym in brackets right after a party's name, part of the name as written."""
_STAMP_DATE = lazy(r"\b\d{1,2}/\d{1,2}/\d{2,4}[ \t]+(?=\S)")


def _past_stamp(text: str, start: int, end: int) -> int:
    """Where a party's name starts after a stamp printed over it (« Entre les soussignés :
    Accusé certifié exécutoire Réception par le préfet : 21/03/2016 La ville du … »): a
    name holds no date, the stamp ends at its last one."""
    stamps = list(_STAMP_DATE.finditer(text, start, end))
    return stamps[-1].end() if stamps else start


_OFFICE_HOLDER = lazy(
    rf"^(?:{_CIVILITY}\s+)?(?:le|la|l')\s*(?:co-?|vice-)?(?:maire|president|presidente|prefet|prefete|"
    r"directeur|directrice)\b"
)
"""« Madame la Maire de Paris », « Monsieur le Président du Conseil départemental »: an
office holder named by their office only."""


def _identifier_problem(key: str, value: str) -> str | None:
    """Why an identifier read in the document is not a valid one (French), else None."""
    if key == "rna":
        if rx.fullmatch(r"W[0-9A-Z]{3}\d{6}", value):
            return None
        return f"numéro RNA « {value} » illisible ou masqué (W suivi de 9 caractères attendu)"
    name = key.upper()
    if not siren_is_valid(value):
        return f"{name} « {value} » : clé de contrôle invalide"
    return None


def _address(found: Found, text: str, block_lines: list[Line], base: str) -> str | None:
    collected: list[str] = []
    for line in block_lines:
        folded_line = fold(line.clean)
        if _REPRESENTED.search(folded_line) or folded_line.startswith("ci-apres"):
            break
        postcode = _POSTCODE.match(line.clean)
        content = _ADDRESS_PREFIX.sub("", folded_line)
        value = (
            line.clean[len(line.clean) - len(content) :].strip(" ,")
            if content != folded_line
            else line.clean.strip(" ,")
        )
        if postcode:
            city = postcode.group(2).strip(" ,")
            cedex = "cedex" in fold(city)
            if cedex:
                city = rx.sub(r"\s*cedex\b.*$", "", city, flags=re.IGNORECASE)
            if collected:
                found.put(f"{base}.organisation.address.lines", collected)
            found.put(f"{base}.organisation.address.postcode", postcode.group(1))
            found.put(f"{base}.organisation.address.city", city, line.start, line.end)
            if cedex:
                found.put(f"{base}.organisation.address.cedex", True)
            return postcode.group(1)
        if value:
            collected.append(value)
        if len(collected) > 4:
            break
    return None
