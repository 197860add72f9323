"""People named without a civility, in lists as real documents write them.

« Présents : PILLET Gérard ; BODIC Bernard », « Présents : Franck RAYNAL - Pascale
PAVONE », « Mesdames Anne BAILLY, Katia HARS, Messieurs Paul MOINE »: each item is a
name when it holds one to five words, each capitalised, at least one of them in
capitals or two of them capitalised. Offsets are those of the text.

>>> [n for _, _, n in bare_names("Présents : PILLET Gérard ; BODIC Bernard ; LE FUR Michel.", 11, 57)]
['PILLET Gérard', 'BODIC Bernard', 'LE FUR Michel']
>>> [n for _, _, n in bare_names("Mesdames Anne BAILLY (à partir du point 2), Katia HARS", 0, 55)]
['Anne BAILLY', 'Katia HARS']
>>> trim_name("M. Paul HEINTZ Liste"), trim_name("Anne LEROY, Maire")
('M. Paul HEINTZ', 'Anne LEROY')
"""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.text import fold

_SEPARATOR = lazy(
    r"\s*(?:;|,|•|(?:\s|(?<=\.))[-–—]{1,2}\s|\bet\b|\n|(?:(?<=[a-zà-ÿA-ZÀ-Ý]{2})(?<!\bMM)(?<!\bMr)|(?<=\d))\.(?:\s|$)"
    r"|(?<=\S)(?<!\bà)(?<!\bÀ)(?<!\ba)(?<!\bpar)(?<!\bpour)(?<!\bde)(?<!\bmandataire)\s+"
    r"(?=(?:M\.|MM\.|Mme|Mmes|Monsieur|Madame|Messieurs|Mesdames)\s))\s*"
)
"""Between two items: « ; », « , », « • », « - » (« -- », or glued to the initial before
it: « DUPONT G.– MARTIN S. »), « et », a line end, the end of a sentence (after a word or
a number: « … à partir de la délibération n°1. Jean DURAND »)
or the civility of the next name (« Mmes DARAS et THIAUX M. DARNIER »), unless it
follows « à », « par », « pour », « mandataire » (« Mme X à M. Y », « Mme X mandataire M. Y »
are one item: a proxy)."""
_PARENTHESIS = lazy(r"\([^(){}]{0,80}[)}]")
"""A parenthesis, closed by « ) » or by the « } » OCR reads for it."""
_GROUP = lazy(
    r"^(?:mesdames|messieurs|mesdames et messieurs|mmes|mm\.?|mrs|mme|m\.|monsieur|madame)\s*:?\s+",
    re.IGNORECASE,
)
_PLURAL = lazy(r"^(?:mesdames|messieurs|mmes|mm\.?|mrs)\s", re.IGNORECASE)
_PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "el", "ben", "di", "da"}
_WORD = lazy(
    r"^[A-ZÀ-Ý][\w'’-]*$|^(?:[A-ZÀ-Ý]\.){1,3}$|^[A-ZÀ-Ý](?:\.-?[A-ZÀ-Ý]){1,2}\.?$"
    r"|^(?:[A-ZÀ-Ý]\.)+[A-ZÀ-Ý]{2}[\w'’-]*$|^[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*\.[A-ZÀ-Ý]$"
)
"""A word of a name: capitalised, initials (« M.A. », « J.P » whose last dot ended the
item, « J.-L. »), an initial glued to the surname (« J.PETITPAS », « BARRABES.M »)."""
_TITLE_WORDS = (
    r"liste|maire|adjointe?|pr[ée]sidente?|vice-pr[ée]sidente?|conseill[eè]re?|secr[ée]taire|"
    r"agissant|repr[ée]sent[ée]e?|d[ée]l[ée]gu[ée]e?|en qualit[ée]"
)
_TITLES = lazy(
    rf"(?:\s*,\s*(?i:{_TITLE_WORDS})\b.*|\s+(?:Liste|Maire|Adjointe?|Pr[ée]sidente?|"
    rf"Vice-[Pp]r[ée]sidente?|Conseill[eè]re?|Secr[ée]taire|agissant|ayant (?:tout |tous )?pouvoirs?|"
    rf"d[ûu]ment|habilit[ée]e?|repr[ée]sent[ée]e?|en qualit[ée] de)\b.*)$"
)
"""A title after a name (« Anne LEROY, Maire », « X agissant en qualité de … », « X en qualité
de Président dûment habilité », « X ayant tout pouvoir à l'effet des présentes »)."""
_PART_TIME = lazy(
    r"\s*[,(]?\s*(?:(?:à|a) partir d[ue']|jusqu['’ ]|(?:arrivée?|parti(?:e)?|sortie?) (?:à|a|au|apr[eè]s)\b|"
    r"(?:à|a) compter d[ue']|pour (?:le|les) points?\b|du point\b).*$",
    re.IGNORECASE,
)
"""A member present for part of the session (« Paul ROUX à partir du point n°7 »): the
name before it is counted."""
_TITLE_RUN = lazy(
    r"^(?:(?:conseill[eè]re?s?|municipa(?:l|le|les|ux)|d[ée]l[ée]gu[ée]e?s?|adjointe?s?|"
    r"communautaires?|titulaires?|suppl[ée]ante?s?|maires?|vice-pr[ée]sidente?s?)(?:\s+|$))+"
    r"(?:(?:mesdames|messieurs|mmes|mm\.|mme|m\.|monsieur|madame)\s+)?",
    re.IGNORECASE,
)
"""Titles heading the next names of a list (« …, Adjoints, Monsieur X », « Conseillères
Municipales Messieurs José CARDOSO »): not a name, dropped before the name that follows
(a group's title with its colon, « Membres titulaires : », is dropped with ``_GROUP_TITLE``)."""
_SURNAME = lazy(
    r"^(?:(?:de|du|des|le|la|van|von|DE|DU|DES|LE|LA)[ \t]+|[dD]['’]){0,2}[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]$"
)
"""One surname in capitals (« Présents : Mesdames et Messieurs JUBERT, THOMAS, BARRE »), its
particle in lower case (« de CHASTENET », « d'ORNANO »)."""
_GIVES = lazy(
    r"\s+(?:\(?a donn[ée] pouvoir\)?\s+)?(?:à|a|À|pour|par|donne pouvoir à|pouvoir à|,?\s*mandataire\s*:?)\s+\S.*$"
)
_GAVE = lazy(
    r",?\s+(?:qui\s+)?(?:a|avait|ayant)\s+donn[ée]\s+(?:pouvoir|procuration)\s+(?:à|a|au)\s+\S.*$"
    r"|\s+(?:pouvoir|procuration)\s+(?=[A-ZÀ-Ý]).*$"
)
"""« Nathalie GESLIN qui avait donné pouvoir à Paul ROUX », « Marc JOUVE procuration Anne
PETIT »: a proxy said in full, in any list."""


_CAPS = lazy(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’-]*[A-ZÀ-Ý]$")
_CAPITALISED = lazy(r"^[A-ZÀ-Ý](?:[a-zß-ÿ'’]|-[A-ZÀ-Ý])[\w'’-]*$")


def split_run(item: str) -> list[tuple[int, str]]:
    """Names run together without separators, as a flattened column gives them
    (« Maëlle GADOT Samuel LEROUX », « MARTIN Fabien CHAUVIN Jean-Paul »): each name is
    first names then surnames in capitals, or the other way round, the order set by the
    first word. Reading stops at the first word that belongs to no name (« … Le quorum
    étant atteint »); a name left incomplete there is dropped. Returns (offset, name).

    >>> [n for _, n in split_run("Renée PEYRON Chantal PIGOT")]
    ['Renée PEYRON', 'Chantal PIGOT']
    >>> [n for _, n in split_run("MARTIN Fabien CHAUVIN Jean-Paul Le quorum étant atteint")]
    ['MARTIN Fabien', 'CHAUVIN Jean-Paul']
    >>> [n for _, n in split_run("Hassan EL AMRANI Début de séance")]
    ['Hassan EL AMRANI']
    >>> split_run("Conseil Municipal")
    []
    """
    words = [(m.start(), m.group()) for m in rx.finditer(r"\S+", item)]
    kinds = []
    for _, word in words:
        if word.lower() in _PARTICLES:
            kinds.append("particle")
        elif _CAPS.match(word):
            kinds.append("caps")
        elif _CAPITALISED.match(word):
            kinds.append("cap")
        else:
            break
    first = next((k for k in kinds if k != "particle"), None)
    if first is None:
        return []
    second = "cap" if first == "caps" else "caps"
    names: list[tuple[int, str]] = []
    current: list[tuple[int, str, str]] = []
    left: list[tuple[int, str, str]] = []
    for (offset, word), kind in zip(words, kinds, strict=False):
        if kind == first and any(k == second for _, _, k in current):
            names.append(_joined(current))
            current = []
        current.append((offset, word, kind))
    if any(k == second for _, _, k in current):
        names.append(_joined(current))
    else:
        left = current
    if len(names) >= 2:
        return names
    # one name, then the capitalised word that opens the next sentence (« Début de séance »)
    if names and left and left[0][2] == "cap" and len(kinds) < len(words):
        return names
    return []


def _joined(words: list[tuple[int, str, str]]) -> tuple[int, str]:
    while words and words[-1][2] == "particle":
        words = words[:-1]
    return words[0][0], " ".join(w for _, w, _ in words)


def trim_name(name: str) -> str:
    """A name without the title or the word that follows it (« Anne LEROY, Maire »)."""
    return _TITLES.sub("", name).strip(" ,;.-")


def is_name(item: str) -> bool:
    """Whether a list item reads as a person's name (no verb, no sentence)."""
    words = item.split()
    if not 1 <= len(words) <= 6:
        return False
    if len(words) == 1 and rx.match(r"^(?:[A-ZÀ-Ý]\.)+[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*$", item):
        return True  # « J.PETITPAS »
    capital = 0
    upper = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not _WORD.match(word):
            return False
        capital += 1
        upper += word.replace("-", "").replace("'", "").isupper() and len(word) > 1
    return (upper >= 1 and capital >= 2) or (capital >= 2 and len(words) <= 3)


_LONE_TO = lazy(r"\n([ \t]*[àÀ][ \t]*)\n")
"""« Géraldine BASTIEN\nà\nJean-Pierre BRENAS »: the « à » of a proxy alone on its line."""
_GIVEN_NAME_LINE = lazy(
    r"(?:^|(?<=[,;:])|(?<=[,;:] )|(?<=\bà )|(?<=\bÀ ))[ \t]*[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
    r"[ \t]*(\n)(?=[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\b)",
    re.MULTILINE,
)
"""« …, Louis\nCOUSTÈS, … »: a first name ending its line, its surname in capitals on the next."""


_PARTICLE_LINE = lazy(
    r"(?<=[ \t])(?:de|du|des|le|la|De|Du|Des|Le|La|DE|DU|DES|LE|LA|d'|D'|d’|D’)[ \t]*(\n)"
    r"(?=[ \t]*[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\b)"
)
"""« Mme de LA\nRAUDIERE »: a particle ending its line, the surname in capitals on the next."""


def join_wrapped(text: str) -> str:
    r"""The text with the line breaks inside a name of a list made spaces (same length).

    A list wrapped at a narrow width breaks names anywhere: « Alparslan\nCOSKUN, Louis\n
    COUSTÈS », « Géraldine\nBASTIEN\nà\nJean-Pierre\nBRENAS ».

    >>> join_wrapped("Paul ROUX, Louis\nCOUSTÈS, Eve\nBLANC\nà\nJean-Luc\nNOIR")
    'Paul ROUX, Louis COUSTÈS, Eve BLANC à Jean-Luc NOIR'
    """
    if "\n" not in text:
        return text
    chars = list(text)
    for match in _LONE_TO.finditer(text):
        chars[match.start()] = chars[match.end() - 1] = " "
    joined = "".join(chars)
    for match in _GIVEN_NAME_LINE.finditer(joined):
        chars[match.start(1)] = " "
    for match in _PARTICLE_LINE.finditer(joined):
        chars[match.start(1)] = " "
    return "".join(chars)


def bare_names(
    text: str, start: int, end: int, *, givers: bool = False
) -> list[tuple[int, int, str]]:
    """The names of a list without civilities in ``text[start:end]``; with ``givers``, the
    items are proxies (« Georges BLAVIEZ à Sébastien MOINE ») and the giver is kept.

    >>> [n for _, _, n in bare_names("Jean DUPONT à Luc MARTIN, Anne PETIT à Paul ROUX", 0, 48,
    ...                              givers=True)]
    ['Jean DUPONT', 'Anne PETIT']
    """
    found = []
    field = join_wrapped(_PARENTHESIS.sub(lambda m: " " * len(m.group()), text[start:end]))
    items: list[tuple[int, str]] = []
    position = 0
    plural = False
    # items opening a sentence (after « . »): a list glued to the prose after it ends there
    after_stop: set[int] = set()
    previous: re.Match[str] | None = None
    for separator in [*_SEPARATOR.finditer(field), None]:
        if previous is not None and "." in previous.group():
            after_stop.add(len(items))
        previous = separator
        stop = separator.start() if separator else len(field)
        item = field[position:stop]
        lead = len(item) - len(item.lstrip())
        item = item.strip().rstrip(".)}")
        if ":" in item and _GROUP_TITLE.search(item[: item.rindex(":")]):
            # « Délégués de la Communauté de communes du Val : Mmes ALLAIRE »: a group's title
            colon = item.rindex(":") + 1
            lead += colon + len(item[colon:]) - len(item[colon:].lstrip())
            item = item[colon:].strip()
        titles = _TITLE_RUN.match(item)
        if titles:
            lead += titles.end()
            item = item[titles.end() :]
        group = _GROUP.match(item)
        if group:
            plural = plural or bool(_PLURAL.match(group.group()))
            lead += group.end()
            item = item[group.end() :]
        if _HOLDER_ITEM.match(item):
            # « CLAUDINE X, POUVOIR A PIERRE Y ; … »: the holder of the item before
            position = separator.end() if separator else len(field)
            continue
        item = _GAVE.sub("", item)
        if givers:
            item = _GIVES.sub("", item)
        item = trim_name(_PART_TIME.sub("", item))
        items.append((start + position + lead, item))
        position = separator.end() if separator else len(field)
    # surnames alone count when the list is made of them (three at least, or after a
    # plural civility: « MM. NOIR, GRIS », « Mesdames PETIT et ROUX »)
    surnames = sum(1 for _, item in items if _SURNAME.match(item) and len(item) > 2)
    surnames = max(surnames, 3 * plural * (surnames >= 2))
    for index, (begin, item) in enumerate(items):
        run = split_run(item) if len(item.split()) >= 3 else []
        if len(run) < 2 and (
            is_name(item)
            or (surnames >= 3 and _SURNAME.match(item) and len(item) > 2)
            or (plural and _TITLE_SURNAME.match(item) and fold(item) not in _NOT_SURNAMES)
        ):
            found.append((begin, begin + len(item), item))
        elif run:
            found += [(begin + offset, begin + offset + len(name), name) for offset, name in run]
            if run[-1][0] + len(run[-1][1]) < len(item):
                break  # the names ran into prose: the list has ended
        elif len(item.split()) >= 4:
            # prose after the list: the list has ended, maybe after a last name glued to
            # it (« …, Marc GRIS formant la majorité des membres en exercice »), or its only
            # name is glued to it (« Excusé : Marc GRIS formant la majorité … »)
            last = _NAME_BEFORE_PROSE.match(item)
            if (
                last
                and index not in after_stop  # « … BOISSIER. Jeanick X est élue secrétaire »
                and is_name(last.group(1))
                and not split_run(last.group(1))[1:]
            ):
                found.append((begin, begin + len(last.group(1)), last.group(1)))
            if found:
                break
    return found


_GROUP_TITLE = lazy(
    r"\b(?:d[ée]l[ée]gu[ée]e?s|membres|repr[ée]sentant(?:e?s)|[ée]lu(?:e?s)|conseill[eè]re?s"
    r"|titulaires|suppl[ée]ante?s)\b",
    re.IGNORECASE,
)
"""The title of a group of members heading its names (« Délégués de la commune de X : »)."""
_HOLDER_ITEM = lazy(r"(?:pouvoir|procuration)\s+(?:à|a)\s", re.IGNORECASE)
"""An item of a list that names the holder of the proxy of the item before it."""
_TITLE_SURNAME = lazy(r"^[A-ZÀ-Ý][a-zß-ÿ'’]+(?:-[A-ZÀ-Ý][a-zß-ÿ'’]+)?$")
"""A surname written in small letters after its capital, in a list opened by a plural
civility (« Excusés : Mesdames Bacconier, Audouard, Messieurs Leclere, Cotta »)."""
_NOT_SURNAMES = frozenset(
    rx.findall(
        r"\S+",
        "mesdames messieurs madame monsieur mesdemoiselles absents absentes absent absente "
        "excuses excusees excuse presents presentes pouvoirs procurations secretaire objet "
        "etaient etait assistaient ordre",
    )
)
"""Capitalised words of a list that are no surname: civilities, labels."""
_NAME_BEFORE_PROSE = lazy(
    r"((?:[A-ZÀ-Ý][\w'’-]*[ \t]+){1,3}[A-ZÀ-Ý][\w'’-]*)[ \t]+(?=[a-zà-ÿ]{3,}\b)"
)
"""A name in capitals (initials at least) right before a word in lower case."""


def holder(text: str, name_end: int, end: int) -> str | None:
    """Who holds the proxy of the member named just before ``name_end``
    (« Jean DUPONT à Luc MARTIN », « … donne pouvoir à Luc MARTIN »).

    >>> holder("Jean DUPONT à Luc MARTIN, Anne PETIT", 11, 36)
    'Luc MARTIN'
    >>> holder("Jean DUPONT (pouvoir à Luc MARTIN jusqu'au point 6), Anne PETIT", 11, 60)
    'Luc MARTIN'
    """
    match = rx.match(
        r"\.?\s*\(\s*(?:a donn[ée] |donne )?(?i:pouvoir|procuration|d[ée]l[ée]gation de vote)\s+(?:(?:à|a)\s+)?([^,;()\n]+)\)"
        r"|\s*(?:\([^()]{0,60}\)\s*)?,?\s*(?:(?:qui )?(?:a|avait|ayant) donn[ée] |donne )?"
        r"(?:(?i:pouvoir|procuration) )?(?:à|a|À|A|pour|par|mandataire\s*:?)\s+"
        r"([^,;()\n]+)"
        r"|\s+(?:pouvoir|procuration)\s+(?=[A-ZÀ-Ý])([^,;()\n]+)",
        text[name_end:end],
    )
    if not match:
        return None
    # the holder's name ends with its sentence (« X pour Y. Z pour W »)
    held = rx.sub(
        r"(?<=[^\W\d_]{2})\.(?:\s.*)?$",
        "",
        match.group(1) or match.group(2) or match.group(3),
        flags=re.S,
    )
    held = _PART_TIME.sub("", held)
    # « X à Y et Z à W »: the holder's name ends before the next pair
    held = rx.split(r"\s+(?:et|à|À)\s+", held)[0]
    name = trim_name(rx.sub(r"^(?:M\.|Mme|Monsieur|Madame)\s+", "", held.strip()))
    return name if is_name(name) else None
