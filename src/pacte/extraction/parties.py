"""Parties of a convention: names, addresses, representatives, mandates; signature blocks.

A party block is the text between « Entre » and the preamble, one block per party,
separated by a line « et ». Its first line (or its text up to the first comma) is the
name; « représenté(e) par … » gives the representative and their capacity; « habilité
par délibération … du … », « en application de la décision du conseil d'administration
… en date du … » give the mandate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pacte.extraction.french import DateValue, find_dates
from pacte.extraction.french import Found as Hit
from pacte.extraction.names import trim_name
from pacte.extraction.organisations import AUTHORITY_KINDS, department_code, organisation_kind
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.text import Line, blank_markup, clean, fold, lines
from pacte.terms.parties import siren_is_valid

_SEPARATOR = re.compile(
    r"^[ \t*]*(?:et|et :|d'une part,?(?: et)?|d'autre part,?|,? ?d'une part)[ \t*,;:]*$"
)
_ARTICLE = re.compile(r"^(?:la|le|les|l')\s+|^l'", re.IGNORECASE)
_POSTCODE = re.compile(
    r"^(?:(?:bp|cs|tsa)\s*\d+\s*[-,]?\s*)?(\d{5})\s+(.+?)\s*,?\s*$", re.IGNORECASE
)
_ADDRESS_PREFIX = re.compile(
    r"^(?:domicilie(?:e)?|sise?|situee?|dont le siege(?: social)? est (?:situe|fixe)?)\s*(?:au|a|a l'adresse)?\s*[:,]?\s*"
)
_REPRESENTED = re.compile(r"represente(?:e)?s?\s+(?:par|en la personne de)\s+")
_CIVILITY = r"(?:monsieur|madame|mademoiselle|m\.|mme|mlle|mr)"
_QUALITY = re.compile(r"en (?:sa|leur) qualite de\s+")
_MANDATE = re.compile(
    r"(?:habilite(?:e)?|autorise(?:e)?|mandate(?:e)?|agissant|en vertu|en application|conformement)[^.;]*?\b(deliberation|decision)\b"
)
_DESIGNATION = re.compile(
    r"(?:ci-?apres\s+(?:designe|denomme|appele|nomme)e?s?|(?:designe|denomme|appele|nomme)e?s?\s+ci-?apres)"
    r"\s*(?:par\s+)?(?:la\s+|le\s+|l')?[«\"“]\s*([^»\"”]+?)\s*[»\"”]"
)
_IDS = {
    "siret": re.compile(r"siret\s*(?:n[°o]\s*)?:?\s*((?:\d\s?){14})"),
    "siren": re.compile(r"siren\s*(?:n[°o]\s*)?:?\s*((?:\d\s?){9})(?!\s?\d)"),
    "rna": re.compile(r"\b(?:rna|w)\s*(?:n[°o]\s*)?:?\s*(w[0-9a-z]{9})\b"),
}
_NAME_WORD = r"[A-ZÀ-Ý][\w'’-]*"
_PERSON = re.compile(
    rf"^(?:({_CIVILITY})\s+)?((?:{_NAME_WORD}[ \t]+)*)({_NAME_WORD})$", re.IGNORECASE
)


@dataclass(frozen=True)
class PartyBlock:
    start: int
    end: int


_AND_PARTY = re.compile(r"^[ \t*]*et[ \t]+(?=(?:la|le|les|l')\b|l')")
"""« Et l'association …, représentée par … » : the next party on the same line as « Et »."""


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
        joined = _AND_PARTY.match(fold(line.raw))
        if joined and current is not None and _REPRESENTED.search(folded_line):
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
    return blocks


def person_from_name(name: str) -> dict[str, str] | None:
    """Split « Monsieur Jean-Louis Dupont » / « Guy-Dominique DURAND » into civility, names.

    >>> person_from_name("Madame Anne-Marie de La Tour")
    {'civility': 'Madame', 'first_name': 'Anne-Marie', 'last_name': 'de La Tour'}
    """
    words = clean(name).strip(" ,.;").split()
    if not words:
        return None
    person: dict[str, str] = {}
    if re.fullmatch(_CIVILITY, fold(words[0])):
        person["civility"] = words.pop(0)
    if not words:
        return None
    # the last name starts at the first particle or the first all-capitals word
    if all(w.isupper() or w in ("de", "du", "d'") for w in words):
        return {**person, "last_name": " ".join(words)}
    split = len(words) - 1
    for index, word in enumerate(words[1:], start=1):
        if fold(word) in ("de", "du", "des", "d'", "le", "la", "van", "von", "el", "ben") or (
            word.isupper() and len(word) > 1
        ):
            split = index
            break
    if split > 0:
        person["first_name"] = " ".join(words[:split])
    person["last_name"] = " ".join(words[split:])
    return person


_NOT_NAMES = re.compile(
    r"^(?:president|presidente|maire|directeur|directrice|conseil|general|generale|departement|"
    r"region|ville|commune|chambre|association|delegue|deleguee|adjoint|adjointe|secretaire|tresorier|"
    r"vice-president|vice-presidente|le|la|les|son|sa|ses|leur|pour)$"
)


def looks_like_person(text: str) -> bool:
    """Two to five capitalised words (particles allowed), none of them a title or an office."""
    words = clean(text).split()
    if not 1 < len(words) <= 5 or any(_NOT_NAMES.match(fold(w)) for w in words):
        return False
    return all(re.fullmatch(r"[A-ZÀ-Ý][\w'’-]*\.?|de|du|des|d'|van|el", w) for w in words)


_NAME_END = re.compile(
    r",|;|[ \t]\(|[ \t](?:represente(?:e)?s?|dont le siege|sise?|situee?|domiciliee?|ayant son siege)\b"
)
"""Where a party's name stops: the apposition (« , association régie par… »), the acronym
in brackets, or the representative and address that follow the name."""
_BULLET = re.compile(r"[ \t*•·–—-]*")
_ADDRESS_START = re.compile(
    r"^[ \t]*(?:\d|(?:bp|cs|tsa)\b|(?:rue|avenue|av\.|boulevard|bd|place|quai|allee|chemin|route|"
    r"cours|impasse|square|parvis|esplanade|hotel|mairie|maison|immeuble|espace|centre|parc|zone|za|zi|"
    r"palais|chateau|residence|batiment|domicilie|sis|situe|dont|represente|ayant|ci-apres|denomme|"
    r"designe)\b)"
)
_GENERIC_NOUN = re.compile(r"^(?:association|cooperative|fondation|mutuelle|federation)\s+")


def _name_end(folded: str, start: int, end: int) -> int | None:
    """The first place in ``[start, end)`` where a name stops, outside « quotes »."""
    depth = 0
    for position in range(start, end):
        char = folded[position]
        if char in "«“":
            depth += 1
        elif char in "»”" and depth:
            depth -= 1
        elif depth == 0 and _NAME_END.match(folded, position):
            return position
    return None


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


def _name_span(text: str, folded: str, block_lines: list[Line]) -> tuple[int, int]:
    """Offsets of a party's name: its first line (or wrapped sentence) up to the apposition."""
    first = block_lines[0]
    bullet = _BULLET.match(text, first.start, first.end)
    start = bullet.end() if bullet else first.start
    stop = _name_end(folded, start, first.end)
    if stop is not None:
        return start, stop
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


def _organisation_name(raw: str) -> str:
    """« L'association « Les Amis » » and « l'association Les Amis » → « Les Amis »,
    twice; « L'Association Culturelle X » and « L'Association Les Compagnons » kept (the
    capital makes the noun part of the name)."""
    name = _ARTICLE.sub("", raw, count=1)
    generic = _GENERIC_NOUN.match(fold(name))
    if generic:
        rest = name[generic.end() :]
        # a lowercase common noun before the name, or a noun before a quoted name
        if rest[:1] in '«"“' or (rest[:1].isupper() and name[0].islower()):
            name = rest
    return name.strip(' «»"“”')


_ON_BEHALF = re.compile(
    r"\bpour\s+le\s+compte\s+(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d')"
    r"|\bau\s+nom\s+(?:du\s+|de\s+la\s+|de\s+l'|des\s+|d')"
)
"""« agissant au nom et pour le compte du Département … »: the organisation the person acts for."""
_OFFICE_OF = re.compile(
    r"(?:(?:agissant\s+)?en\s+(?:sa\s+|leur\s+)?qualite\s+de\s+)?(?:(?:le|la|l')\s*)?(?:co-?|vice-)?"
    r"(?:president|presidente|maire|directeur|directrice|gerant|gerante|delegue|deleguee|"
    r"administrateur|administratrice|prefet|prefete|representant|representante)"
    r"(?:\s+(?:general|generale|delegue|deleguee|executif|executive))?\s+"
    r"(?:du\s+|de\s+la\s+|de\s+l'|des\s+|de\s+|d')"
)
"""« Président du Conseil départemental de la … », « agissant en qualité de Présidente de
l'association … »: an office followed by the organisation it is held in."""


_LEADING_NAME_END = re.compile(
    r"\n[ \t]*\n|\s+(?:par|en\s+vertu|conformement|(?:dument\s+)?(?:habilite|autorise|mandate)e?|"
    r"agissant|en\s+date|en\s+application|ci-?apres)\b"
)


@dataclass(frozen=True)
class LeadingPerson:
    """A block opening on the person who signs: « Monsieur Paul X, Président de … »."""

    person: dict[str, str]
    start: int
    end: int
    organisation: tuple[int, int] | None
    office: tuple[int, int] | None


def _leading_person(text: str, folded: str, block: PartyBlock) -> LeadingPerson | None:
    """The person a block opens on, and the organisation they act for (else ``None``).

    The organisation is the one the person acts « au nom et pour le compte de », else the
    one named after their office (« Président du Conseil départemental de … »,
    « agissant en qualité de Président de la Fondation … »).
    """
    bullet = _BULLET.match(text, block.start, block.end)
    start = bullet.end() if bullet else block.start
    stop = _clause_end(text, start, block.end)
    phrase = clean(text[start:stop].replace("\n", " "))
    if not (re.match(_CIVILITY + r"\s", fold(phrase)) and looks_like_person(phrase)):
        return None
    person = person_from_name(phrase)
    if person is None or stop >= block.end or text[stop] != ",":
        return None
    organisation = office = None
    on_behalf = _ON_BEHALF.search(folded, stop, block.end)
    after = stop
    while after < block.end and folded[after] in ", \t\n":
        after += 1
    office_of = _OFFICE_OF.match(folded, after)
    if office_of:
        office_end = _name_end(folded, office_of.end(), block.end) or block.end
        office = (office_of.start(), office_end)
    if on_behalf:
        name_from = on_behalf.end()
    elif office_of:
        name_from = office_of.end()
    else:
        return LeadingPerson(person, start, stop, None, office)
    name_to = _name_end(folded, name_from, block.end) or block.end
    # the name stops at a blank line, or where the mandate or the capacity goes on
    tail = _LEADING_NAME_END.search(folded, name_from, name_to)
    name_to = tail.start() if tail else name_to
    if text[name_from:name_to].strip():
        organisation = (name_from, name_to)
    return LeadingPerson(person, start, stop, organisation, office)


def _party(found: Found, text: str, block: PartyBlock, index: int, visas: tuple[int, int]) -> None:
    base = f"parties[{index}]"
    block_lines = [line for line in lines(text, block.start, block.end) if line.clean]
    folded = fold(text)
    leading = _leading_person(text, folded, block)
    if leading and leading.organisation:
        name_start, name_end = leading.organisation
    else:
        name_start, name_end = _name_span(text, folded, block_lines)
    raw_name = clean(text[name_start:name_end].replace("\n", " ")).rstrip(" ,")
    name = _organisation_name(raw_name)
    position = text.find(name, name_start, name_end) if name else -1
    name_start = position if position != -1 else name_start
    name = _as_written_elsewhere(text, folded, name)
    found.put(f"{base}.organisation.name", name, name_start, name_start + len(name))
    kind = organisation_kind(name)
    if kind == "other":
        kind = organisation_kind(raw_name)
    found.put(f"{base}.organisation.kind", kind)
    found.put(f"{base}.role", "public_authority" if kind in AUTHORITY_KINDS else "beneficiary")
    postcode = _address(found, text, block_lines[1:], base)
    department = department_code(name, postcode)
    if department:
        found.put(f"{base}.organisation.department", department)
    for key, pattern in _IDS.items():
        match = pattern.search(folded, block.start, block.end)
        if match:
            value = re.sub(r"\s", "", text[match.start(1) : match.end(1)]).upper()
            problem = _identifier_problem(key, value)
            if problem:
                # a masked or mistyped number is left out rather than invalidating the terms
                found.note(f"{problem} : numéro ignoré, à saisir à la relecture.")
                continue
            found.put(f"{base}.organisation.{key}", value, match.start(1), match.end(1))
    if leading and leading.organisation:
        found.put(f"{base}.representative", dict(leading.person), leading.start, leading.end)
        if leading.office:
            office = clean(text[leading.office[0] : leading.office[1]].replace("\n", " "))
            title = re.sub(
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


def _identifier_problem(key: str, value: str) -> str | None:
    """Why an identifier read in the document is not a valid one (French), else None."""
    if key == "rna":
        if re.fullmatch(r"W[0-9A-Z]{3}\d{6}", value):
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
                city = re.sub(r"\s*cedex\b.*$", "", city, flags=re.IGNORECASE)
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


_OFFICE = re.compile(
    r"(?:sa |son |leur )?(?:co-?|vice-)?(?:president|presidente|maire|directeur|directrice|gerant|gerante|"
    r"secretaire|tresorier|tresoriere|delegue|deleguee|adjoint|adjointe|administrateur|administratrice|"
    r"prefet|prefete)\b"
)


_MANDATE_NEXT = re.compile(
    r"(?:dument|agissant|habilite|autorise|mandate|en vertu|en application|conformement)\b"
)
_DESIGNATION_NEXT = re.compile(r"(?:ci-?apres|dont|sise?|situee?|domiciliee?)\b|$")
"""What follows an office without being part of it: its mandate, or the designation and
address that end the search for the person."""


def _clause_end(text: str, start: int, end: int) -> int:
    """End of the clause from ``start``: a comma, a semicolon or a blank line (a name may wrap)."""
    match = re.compile(r"[,;]|\n[ \t]*\n").search(text, start, end)
    return match.start() if match else end


_OFFICE_THEN_NAME = re.compile(
    r"^(?:son|sa|leur|le|la)\s+((?:[Vv]ice-)?[A-ZÀ-Ýa-zà-ÿ][a-zà-ÿ]+(?:\s+d[ée]l[ée]gu[ée]e?)?)\s+"
    r"((?:[A-ZÀ-Ý][\w'’-]*\s+){0,3}[A-ZÀ-Ý][\w'’-]*)$"
)
"""« son Maire Jean DURAND »: an office then a name, without a comma between them."""


def _representative(found: Found, text: str, folded: str, block: PartyBlock, base: str) -> None:
    match = _REPRESENTED.search(folded, block.start, block.end)
    if not match:
        return
    stop = _clause_end(text, match.end(), block.end)
    phrase = clean(text[match.end() : stop].replace("\n", " "))
    person = None
    trimmed = trim_name(phrase)
    office_first = _OFFICE_THEN_NAME.match(phrase)
    if re.match(_CIVILITY + r"\s", fold(phrase)) or looks_like_person(phrase):
        person = person_from_name(phrase)
    elif trimmed != phrase and (
        re.match(_CIVILITY + r"\s", fold(trimmed)) or looks_like_person(trimmed)
    ):
        # « Marie PETIT agissant en qualité de présidente »: the title trimmed
        person = person_from_name(trimmed)
        stated = re.search(r"en qualit[ée] de\s+(.+)$", phrase)
        if person and stated:
            person = {**person, "title": stated.group(1)}
    elif office_first and looks_like_person(office_first.group(2)):
        # « représentée par son Maire Jean DURAND »: the office, then the name, no comma
        person = person_from_name(office_first.group(2))
        if person:
            person = {**person, "title": office_first.group(1)}
    quality = _QUALITY.search(folded, stop, block.end)
    if person:
        found.put(f"{base}.representative", person, match.end(), stop)
        if quality and quality.start() - stop < 4:
            end = quality.end()
            while end < block.end and text[end] not in ",;\n":
                end += 1
            found.put(f"{base}.representative.title", clean(text[quality.end() : end]))
            found.put(f"{base}.capacity", clean(text[quality.start() : end]), quality.start(), end)
        elif stop < block.end and text[stop] == ",":
            # « Mme Claire DUPONT, Présidente, … »: the office follows the name
            end = _clause_end(text, stop + 1, block.end)
            office = clean(text[stop + 1 : end].replace("\n", " "))
            if _OFFICE.match(fold(office)) and len(office.split()) <= 6:
                title = re.sub(r"^(?:sa|son|leur)\s+", "", office, flags=re.IGNORECASE)
                found.put(f"{base}.representative.title", title)
                found.put(f"{base}.capacity", office, stop + 1, end)
    else:
        found.put(f"{base}.capacity", phrase, match.end(), stop)
        # « représentée par son Maire, Monsieur Paul DURAND, … »: the person follows the office,
        # which may itself run over commas (« sa Vice-Présidente déléguée à l'économie sociale
        # et solidaire, au commerce de proximité et à l'emploi, Mme … »)
        office_end = stop
        following = stop + 1
        mandate_seen = False
        for _ in range(4):
            if following >= block.end:
                break
            end = _clause_end(text, following, block.end)
            named = clean(text[following:end].replace("\n", " "))
            if re.match(_CIVILITY + r"\s", fold(named)) or looks_like_person(named):
                person = person_from_name(named)
                if person:
                    office = clean(text[match.end() : office_end].replace("\n", " "))
                    office = re.sub(
                        r"^(?:son|sa|leur|le|la|l')\s*", "", office, flags=re.IGNORECASE
                    )
                    found.put(f"{base}.representative", {**person, "title": office}, following, end)
                break
            if not _OFFICE.match(fold(phrase)) or _DESIGNATION_NEXT.match(fold(named)):
                break
            if not mandate_seen and not _MANDATE_NEXT.match(fold(named)):
                office_end = end  # the office goes on
            else:
                mandate_seen = True  # « dûment habilité à cet effet, M. … »: not the office
            following = end + 1


_REFERRED = re.compile(
    r"\b(?:susvise|precite|sus-vise|(?:vise|mentionne|cite)e?s?\s+ci-dessus|ci-dessus\s+(?:vise|mentionne)e?s?)"
)
"""« la délibération … susvisée » : the act is described in the visas, with its date."""
_VISA = re.compile(r"[^;]+")
_BOARD = re.compile(
    r"\b(?:conseil d'administration|bureau(?! (?:communautaire|municipal|metropolitain|syndical|"
    r"departemental|regional|du conseil|de la commission))|assemblee generale|conseil de surveillance|directoire|"
    r"conseil de gerance|conseil collegial)\b"
)
"""A board of an association or a company (not a « Bureau communautaire », an authority's)."""


_DATED_NEXT = re.compile(r"\s*,?\s*(?:en\s+date\s+)?du\s+$")


def _exact_dates(text: str, start: int, end: int) -> list[Hit[DateValue]]:
    """Exact dates in ``[start, end)``, without act numbers written like dates.

    ``find_dates`` already leaves out a number after « n° » or « numéro »; a date
    directly followed by « (en date) du » and another date is the act's number too.
    """
    dates = [d for d in find_dates(text, start, end) if d.value.kind.value == "exact"]
    kept = []
    for index, date in enumerate(dates):
        following = dates[index + 1] if index + 1 < len(dates) else None
        if following and _DATED_NEXT.fullmatch(fold(text[date.end : following.start])):
            continue
        kept.append(date)
    return kept


def _visa_date(
    text: str, folded: str, visas: tuple[int, int], act: str, body: str
) -> Hit[DateValue] | None:
    """The date of the act « susvisé »: the visa naming an act of that kind and that body.

    Each visa (up to its semicolon) naming the act (« délibération », « décision ») with
    a date scores the words it shares with the body named in the party block (« de la
    Commission permanente »), plus one when it approves the convention or authorises its
    signature; the best visa gives its first date after the act.
    """
    words = set(re.findall(r"[a-z]{4,}", fold(body)))
    best, best_score = None, 0
    for visa in _VISA.finditer(folded, *visas):
        where = folded.find(act, visa.start(), visa.end())
        dates = _exact_dates(text, where, visa.end()) if where != -1 else []
        if not dates:
            continue
        theirs = set(re.findall(r"[a-z]{4,}", visa.group()))
        score = len(words & theirs) + (
            1 if re.search(r"presente convention|autoris|signer", visa.group()) else 0
        )
        if score > best_score:
            best, best_score = dates[0], score
    return best


def _mandate(
    found: Found, text: str, folded: str, block: PartyBlock, base: str, visas: tuple[int, int]
) -> None:
    match = _MANDATE.search(folded, block.start, block.end)
    if not match:
        return
    dates = _exact_dates(text, match.end(), block.end)
    if dates:
        date_found = dates[0]
        body_text = text[match.end() : date_found.start]
    else:
        clause = _clause_end(text, match.end(), block.end)
        referred = _REFERRED.search(folded, match.end(), clause)
        visa = (
            _visa_date(text, folded, visas, match.group(1), text[match.end() : referred.start()])
            if referred
            else None
        )
        if referred is None or visa is None:
            return
        date_found = visa
        body_text = text[match.end() : referred.start()]
    _put_mandate(found, base, match.group(1), (match.start(1), match.end(1)), body_text, date_found)


def _put_mandate(
    found: Found,
    base: str,
    act: str,
    act_span: tuple[int, int],
    body_text: str,
    date_found: Hit[DateValue],
) -> None:
    """Record a party's mandate: the act (« délibération », « décision »), its body, its date."""
    body = re.sub(
        r"^\s*(?:n[°o]\s*\S+\s+)?(?:du|de la|de l'|des|de)\s+", "", body_text, flags=re.IGNORECASE
    )
    body = re.sub(r"\s+n[°o]\s*\S+", "", clean(body.replace("\n", " ")))
    body = re.sub(r"\s*(?:,\s*)?(?:en date )?(?:du|le)\s*$", "", body, flags=re.IGNORECASE)
    # a deliberation of an association's or a company's board is a board decision
    board = _BOARD.search(fold(body))
    kind = "deliberation" if act == "deliberation" and not board else "board_decision"
    found.put(f"{base}.mandate.kind", kind, *act_span)
    if body:
        found.put(f"{base}.mandate.body", body)
    found.put(
        f"{base}.mandate.date", date_found.value.value.isoformat(), date_found.start, date_found.end
    )


_VISA_ITEM = re.compile(
    r"^[ \t*•-]*vu[ \t]*[:,]?[ \t]+(?:[^;\n]|\n(?![ \t]*\n)(?![ \t*•-]*vu\b))*", re.MULTILINE
)
"""One visa: « VU … » up to its semicolon, a blank line or the next « VU »."""
_VISA_ACT = re.compile(r"\b(deliberation|decision)s?\b")
_AUTHORISES = re.compile(
    r"\bautoris\w*\b[^;]{0,80}?\b(?:signer|signature)\b"
    r"|\bapprouv\w*\b[^;]{0,40}?\bpresente\s+convention\b"
)
"""A visa whose act approves the present convention or authorises its signature."""


def _visa_mandates(found: Found, segments: Segments, region: tuple[int, int], count: int) -> None:
    """Mandates stated in the visas, for the parties whose block gives none.

    « VU la délibération de la Commission permanente … du 15 décembre 2023 approuvant la
    présente convention et autorisant sa signature » authorises a party's signatory. An
    act of an association's or a company's board (« Assemblée générale », « conseil
    d'administration », « bureau ») or one naming a beneficiary's designation is the
    beneficiary's; another is the public authority's.
    """
    text = segments.text
    folded = fold(text)
    start = segments.convention[0] if segments.convention else 0
    end = segments.body[0] if segments.body else region[1]
    taken = {found.get(f"parties[{i}].mandate.date") for i in range(count)}
    for visa in _VISA_ITEM.finditer(folded, start, end):
        if region[0] <= visa.start() < region[1]:
            continue
        act = _VISA_ACT.search(visa.group())
        if not act or not _AUTHORISES.search(visa.group(), act.end()):
            continue
        dates = _exact_dates(text, visa.start() + act.end(), visa.end())
        if not dates or dates[0].value.value.isoformat() in taken:
            continue
        date_found = dates[0]
        body_text = text[visa.start() + act.end() : date_found.start]
        party = _visa_party(found, body_text, count)
        if party is None:
            continue
        act_span = (visa.start() + act.start(1), visa.start() + act.end(1))
        _put_mandate(found, f"parties[{party}]", act.group(1), act_span, body_text, date_found)
        taken.add(date_found.value.value.isoformat())


def _visa_party(found: Found, body: str, count: int) -> int | None:
    """The party without a mandate whose act a visa describes (``body``: its authority)."""
    folded_body = fold(body)
    waiting = [i for i in range(count) if not found.get(f"parties[{i}].mandate.date")]
    beneficiaries = [i for i in waiting if found.get(f"parties[{i}].role") != "public_authority"]
    authorities = [i for i in waiting if found.get(f"parties[{i}].role") == "public_authority"]
    for index in beneficiaries:
        designation = fold(found.get(f"parties[{index}].designation") or "")
        designation = re.sub(r"^(?:la|le|les|l')\s*", "", designation).strip()
        if designation and re.search(rf"\b{re.escape(designation)}\b", folded_body):
            return index
    if _BOARD.search(folded_body):
        return beneficiaries[0] if beneficiaries else None
    return authorities[0] if authorities else None


_BETWEEN_LINE = re.compile(
    r"^[ \t*]*entre(?:[ \t]+les[ \t]+(?:soussigne(?:e)?s|parties(?:[ \t]+ci-dessous)?))?[ \t*]*[:,]?[ \t*]*$"
)
_REGION_END = re.compile(
    r"^[ \t*#]*(?:il[ \t]+(?:est|a[ \t]+ete)\b|preambule\b|contexte\b|expose\b|considerant\b|"
    r"vu[ \t]|apres[ \t]+avoir|etant[ \t]+prealablement|ceci[ \t]+expose|article\b|art\.)"
)
_NUMBERED_HEADING = re.compile(r"^[ \t*#]*(?:[IVXLC]+|\d+)[ \t]*[.)][ \t]*(?:[-–—][ \t]*)?[A-ZÀ-Ý]")
"""« I. - OBJET », « 1) Objet »: a numbered heading, which closes the parties."""


def _parties_region(segments: Segments) -> tuple[int, int] | None:
    """The text between « Entre » and what follows the parties, where the representatives are.

    The segmentation's region is kept when it names a representative; otherwise (a title
    « Convention … entre X et Y » read as the parties, parties followed by numbered
    headings « I. - OBJET ») the first « Entre » line whose region names one is taken.
    """
    text = segments.text
    folded = fold(text)
    if segments.parties is not None and _REPRESENTED.search(folded, *segments.parties):
        return segments.parties
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
    return segments.parties


def extract_parties(found: Found, segments: Segments) -> int:
    """Fill ``parties``; returns how many were found."""
    region = _parties_region(segments)
    if region is None:
        return 0
    text = segments.text
    blocks = _blocks(text, *region)
    visas = (segments.convention[0] if segments.convention else 0, region[0])
    for index, block in enumerate(blocks):
        _party(found, text, block, index, visas)
    roles = [found.get(f"parties[{i}].role") for i in range(len(blocks))]
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
        words = re.sub(r"^(?:la|le|les|l')\s*", "", fold(source).strip(' «»"'))
        key = re.sub(r"[^a-z0-9]+", "-", words.split(" ")[0]).strip("-") or "partie"
        candidate, number = key, 2
        while candidate in used:
            candidate, number = f"{key}-{number}", number + 1
        used.add(candidate)
        found.put(f"parties[{index}].key", candidate)


_FUNCTION = re.compile(
    r"^(?:pour\s+)?(?:le|la|l')\s*(president|presidente|maire|directeur|directrice|delegue|deleguee|"
    r"tresorier|tresoriere|secretaire|prefet|prefete|representant|representante|gerant|gerante|adjoint|adjointe|vice-president|vice-presidente)"
    r"(?:\s+general|\s+generale)?\s*(?:(?:de la|du|de l'|des|de|d')\s*(.+))?$"
)
_PLACE = re.compile(r"^[ \t]*fait[ \t]+(?:a|en)[ \t]+([^,\n]+?)(?:[ \t]*,|[ \t]+le\b|$)")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    result: list[tuple[int, int, str]] = []
    begin: int | None = None
    last = start
    for line in lines(text, start, end):
        if line.clean:
            if begin is None:
                begin = line.start
            last = line.end
        elif begin is not None:
            result.append((begin, last, clean(text[begin:last].replace("\n", " "))))
            begin = None
    if begin is not None:
        result.append((begin, last, clean(text[begin:last].replace("\n", " "))))
    return result


def _match_party(found: Found, capacity: str, count: int, taken: set[int]) -> int | None:
    words = {w for w in re.findall(r"[a-z]{4,}", fold(capacity))} - {
        "president",
        "presidente",
        "pour",
    }
    best, best_score = None, 0.0
    for index in range(count):
        if index in taken:
            continue
        described = " ".join(
            str(found.get(f"parties[{index}].{path}") or "")
            for path in ("organisation.name", "designation", "capacity")
        )
        theirs = {w for w in re.findall(r"[a-z]{4,}", fold(described))}
        score = len(words & theirs) / (len(words) or 1)
        if score > best_score:
            best, best_score = index, score
    return best


def extract_signatures(found: Found, segments: Segments, party_count: int) -> None:
    """Place, date and signature blocks after « Fait à … »; completes the representatives."""
    if segments.signatures is None:
        return
    text = segments.text
    start, end = segments.signatures
    first = next(lines(text, start, end))
    place = _PLACE.match(fold(first.raw))
    if place:
        value = clean(text[first.start + place.start(1) : first.start + place.end(1)])
        found.put("signed_at", value, first.start + place.start(1), first.start + place.end(1))
    dates = [d for d in find_dates(text, first.start, first.end) if d.value.kind.value == "exact"]
    if not dates:
        # « Fait à X, en deux exemplaires,\nle trois mai deux mille vingt-six »: the rest
        # of the statement's paragraph, up to a blank line
        blank = re.search(r"\n[ \t]*\n", text[start:end])
        stop = start + blank.start() if blank else end
        dates = [d for d in find_dates(text, start, stop) if d.value.kind.value == "exact"]
    if dates:
        found.put("signed_on", dates[0].value.value.isoformat(), dates[0].start, dates[0].end)
    capacities, names = [], []
    taken: set[int] = set()
    paragraphs = _paragraphs(text, first.end, end)
    signed = 0
    for begin, stop, _paragraph in paragraphs:
        for column in _columns(text, begin, stop):
            signed = _column_signature(found, text, column, party_count, taken, signed)
    for begin, stop, paragraph in paragraphs:
        if _columns(text, begin, stop):
            continue
        if _FUNCTION.match(fold(paragraph)):
            capacities.append((begin, stop, paragraph))
        elif looks_like_person(paragraph):
            names.append((begin, stop, paragraph))
    for index, (begin, stop, capacity) in enumerate(capacities, start=signed):
        party = _match_party(found, capacity, party_count, taken)
        if party is None:
            party = next((i for i in range(party_count) if i not in taken), None)
        if party is None:
            break
        taken.add(party)
        base = f"signatures[{index}]"
        found.put(f"{base}.party", found.get(f"parties[{party}].key"))
        found.put(f"{base}.capacity", capacity, begin, stop)
        function = _FUNCTION.match(fold(capacity))
        if function and function.group(2):
            offset = function.start(2)
            found.put(f"{base}.party_name", capacity[offset:].strip(" ,."))
        if index - signed < len(names):
            name_start, name_stop, name = names[index - signed]
            person = person_from_name(name)
            if person:
                found.put(f"{base}.signatory", person, name_start, name_stop)
                _complete_representative(found, party, person, capacity, name_start, name_stop)


_GUTTER = re.compile(r"[ \t]{3,}|\t")
"""What separates two signature columns laid side by side on the same lines."""
_ON_BEHALF_OF = re.compile(r"^pour\s+(?:le|la|les|l')?\s*\S")

Cell = tuple[int, int, str]


def _columns(text: str, start: int, end: int) -> list[list[Cell]]:
    """The columns of a paragraph whose every line holds the same number (two or more) of
    cells separated by wide gaps (« Pour la Commune      Pour l'Association »); else none."""
    rows: list[list[Cell]] = []
    for line in lines(text, start, end):
        cells: list[Cell] = []
        position = 0
        raw = line.raw.rstrip()
        for gap in [*_GUTTER.finditer(raw), None]:
            stop = gap.start() if gap else len(raw)
            cell = raw[position:stop].strip()
            if cell:
                at = (
                    line.start
                    + position
                    + (len(raw[position:stop]) - len(raw[position:stop].lstrip()))
                )
                cells.append((at, at + len(cell), clean(cell)))
            position = gap.end() if gap else stop
        rows.append(cells)
    width = len(rows[0]) if rows else 0
    if len(rows) < 2 or width < 2 or any(len(row) != width for row in rows):
        return []
    return [[row[column] for row in rows] for column in range(width)]


def _column_signature(
    found: Found, text: str, column: list[Cell], party_count: int, taken: set[int], index: int
) -> int:
    """One signature column: « Pour X », the signatory's office, then their name. Completes
    the representative of the party it names; returns the next signature index."""
    named = [cell for cell in column if looks_like_person(cell[2])]
    offices = [cell for cell in column if cell not in named]
    if not named or not offices or named[-1] is not column[-1]:
        return index
    described = " ".join(cell[2] for cell in offices)
    party = _match_party(found, described, party_count, taken)
    if party is None:
        return index
    taken.add(party)
    name_start, name_stop, name = named[-1]
    person = person_from_name(name)
    if person is None:
        return index
    office = next(
        (cell[2] for cell in offices if not _ON_BEHALF_OF.match(fold(cell[2]))), offices[-1][2]
    ).strip(" ,.")
    base = f"signatures[{index}]"
    found.put(f"{base}.party", found.get(f"parties[{party}].key"))
    found.put(f"{base}.capacity", office, offices[0][0], offices[-1][1])
    found.put(f"{base}.signatory", person, name_start, name_stop)
    _complete_representative(found, party, person, office, name_start, name_stop)
    return index + 1


def _complete_representative(
    found: Found, party: int, person: dict[str, str], capacity: str, start: int, end: int
) -> None:
    base = f"parties[{party}].representative"
    current = found.get(base)
    title = re.sub(r"^(?:pour\s+)?(?:le|la|l')\s*", "", capacity, flags=re.IGNORECASE).strip(" ,.")
    if current is None:
        found.put(base, {**person, "title": title}, start, end)
        return
    for key, value in person.items():
        current.setdefault(key, value)
    current.setdefault("title", title)
