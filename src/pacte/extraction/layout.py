"""Layout hints for a text that lost them: same length, so every offset still holds.

Much of what reaches Pacte is text copied out of a PDF viewer or exported by a
document portal, with all whitespace collapsed to single spaces: no line breaks, the
file's address glued in front of the first word (« https://…/pv.pdfCOMPTE RENDU … »).
The readers of the extraction use line starts as hints (a label « Présents : », an
« Article 3 », a « Vu … » line). ``restore`` gives them those hints back by turning the
space before a recognised cue into a line break, and blanks a leading address; the
result has the same length as the input, character for character, so a span found in
it quotes the same words in the original.

>>> flat = "https://x.fr/a/pv.pdfSEANCE DU 3 MAI Présents : A, B Excusés : C Objet : budget"
>>> restore(flat + " et" * 200).splitlines()[1:4]
['SEANCE DU 3 MAI', 'Présents : A, B', 'Excusés : C']
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from pacte.extraction import rx
from pacte.extraction.lazy import lazy

_ADDRESS = lazy(r"\A\s*(?:https?://|www\.)\S*?\.(?:pdf|docx?|odt|rtf|txt)(?=\S|[ \t]+\S)", re.I)
"""A file's address glued in front of the first word, or a space before it (ends at its
extension)."""

_FLAT_CHARS_PER_BREAK = 300
"""A text with fewer line breaks than one per this many characters lost its layout."""

_LABEL = (
    r"(?:(?:Etaient|Étaient|ETAIENT|Était|Etait|Sont|Membres|Conseillers|Elus|Élus)\s+)?"
    r"(?:[Pp]r[ée]sent(?:e|s|es)?|PR[EÉ]SENT(?:E|S|ES)?|[Aa]bsent(?:e|s|es)?|ABSENT(?:E|S|ES)?|"
    r"[Ee]xcus[ée](?:e|s|es)?|EXCUS[EÉ](?:E|S|ES)?|[Pp]ouvoirs?|POUVOIRS?|[Pp]rocurations?|"
    r"PROCURATIONS?|[Rr]epr[ée]sent[ée](?:e|s|es)?|[Vv]otants|VOTANTS|[Ee]n exercice|EN EXERCICE|"
    r"Secr[ée]taire de [sS][ée]ance|SECR[EÉ]TAIRE DE S[EÉ]ANCE|Objet|OBJET|Pour|POUR|Contre|CONTRE|"
    r"Abstentions?|ABSTENTIONS?|Date de (?:la )?convocation|Date d'affichage|Ordre du jour|"
    r"ORDRE DU JOUR)\b[^:;.\n]{0,30}?:"
)
"""A label that opens an attendance, vote or heading field (« Absents excusés : »)."""

_CUE = lazy(
    r" (?=" + _LABEL + r"|(?:ARTICLE|Article)\s+(?:\d|[IVXL]+\b|premier|PREMIER|1er)"
    r"|(?:ART|Art)\.\s*(?:\d{1,2}(?:\.\d+)?\b|[IVXL]+\b|premier|PREMIER|1er)(?!\s*(?:du|de la|des|de l))"
    r"|(?:TITRE|CHAPITRE)\s+(?:\d|[IVXL]+\b)"
    r"|(?:VU|Vu),?\s+(?:le|la|les|l'|l’|LE|LA|LES|L')"
    r"|(?:CONSID[EÉ]RANT|Consid[ée]rant)\b"
    r"|(?:D[EÉ]CIDE|D[EÉ]LIB[EÈ]RE|ARR[EÊ]TE|APPROUVE)\b\s*:?"
    r"|(?:Entre|ENTRE)\s*(?::|les soussign|LES SOUSSIGN|,\s(?=(?:La|Le|Les|L['’])\s?)|,?\s+d['’]une part\b)"
    r"|Nous,? soussign[ée]s"
    r"|ENTRE\s+(?=(?:La|Le|Les|L['’]|la|le|les|l['’]|M\.|Mme|Monsieur|Madame)\s?)"
    r"|Entre\s+(?=(?:La|Le|L['’])\s?[A-ZÀ-Ý])"
    r"|(?:Il est|IL EST|IL A [EÉ]T[EÉ]|Il a été)\s+(?:(?:expos[ée]|EXPOS[EÉ])\s+(?:et|ET)\s+)?(?:convenu|CONVENU)"
    r"|(?:PR[EÉ]AMBULE|Pr[ée]ambule)\b"
    r"|(?:Fait à|FAIT A|Fait en|FAIT EN)\s"
    r"|(?:Et|ET)\s*:"
    r"|d'une part\b|d'autre part\b|d’une part\b|d’autre part\b"
    r"|(?:EXTRAIT DU REGISTRE|Extrait du registre|S[EÉ]ANCE DU|S[ée]ance du)\b"
    r"|(?:PROC[EÈ]S[- ]VERBAL|COMPTE[- ]RENDU|Proc[eè]s[- ]verbal de la|Compte[- ]rendu de la)\b"
    r"|(?:Apr[eè]s en avoir d[ée]lib[ée]r[ée]|APR[EÈ]S EN AVOIR D[EÉ]LIB[EÉ]R[EÉ])"
    r")"
)
"""The space before a cue that opens a line in laid-out documents."""


_AFTER_CUE = lazy(
    r"(?:\bEntre|\bENTRE|\bEt|\bET|(?<=[;,] )et)\s*:( )"
    r"|(?:\bENTRE|(?:(?<=part,)|(?<=part)) +ET,? ?|(?<=part,) +Et,? ?)( )(?=(?:La|Le|Les|L['’]|M\.|Mme|Monsieur|Madame)\s?)"
    r"|(?:\bENTRE|\bEntre) (?:LES SOUSSIGN[EÉ]S|les soussign[ée]s)(?: ci-apr[eè]s| CI-APR[EÈ]S)?\s*:?( )"
    r"|(?:\bENTRE|\bEntre),( )(?=(?:La|Le|Les|L['’])\s?)"
    r"|\b(?:Nous|NOUS),? (?:les |LES )?(?:soussign[ée]s|SOUSSIGN[EÉ]S),?( )"
)
"""« Entre : », « Entre, » and « Et : » stand on their own line above a party; so do « ENTRE » in
capitals and the « ET » after « d'une part, » before the name of a party."""
_ARTICLE_TITLE = lazy(
    r"(?:(?:ARTICLE|Article)\s+(?:\d+|[IVXL]+|premier|PREMIER|1er)|(?:ART|Art)\.\s*(?:\d{1,2}|[IVXL]+)\b"
    r"|(?<=[.:;»] )(?:\d{1,2}[.)]|[IVX]{1,4}\.))\s*[-:.–]?\s*"
    r"[^\n]{2,80}?[a-zà-ÿA-ZÀ-Ý)]( )(?=(?:La|Le|Les|L['’]|Un|Une|Il|Elle|Ils|Cette|Ce|Ces|Chaque|Dans|En|"
    r"Pour|Afin|Au|Aux|À|Par|Sur|Lors|Conformément|Toute?s?|Sauf|Si|Sous|Après|Avant|Chacune?|"
    r"Aucune?|Des|Durant|Pendant|Selon|Outre|Dès|Sans|Tous|Les parties|Elles?|Nous)\b)"
)
"""The end of an article's title, where its first sentence begins (« Article 2 : Durée La
présente convention … »)."""
_LABEL_WORD_BEFORE = lazy(
    r"(?i)\b(?:absent\w*|excus\w*|[ée]lus|membres|conseillers|pr[ée]sent\w*|[ée]taient)$"
)
"""A label word just before a cue: the cue goes on the same label (« Absents excusés : »)."""


_MONTHS = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|"
    r"d[ée]cembre|JANVIER|F[EÉ]VRIER|MARS|AVRIL|MAI|JUIN|JUILLET|AO[ÛU]T|SEPTEMBRE|OCTOBRE|"
    r"NOVEMBRE|D[EÉ]CEMBRE)"
)
_SPLIT_DAY = lazy(rf"\b([0-3]) ([0-9]) (?={_MONTHS}\b)")
"""« 1 4 MARS » read by OCR: the day's two digits apart."""
_OCR_YEAR = lazy(rf"\b{_MONTHS} ([12][0-9O]{{3}})\b")
"""« MARS 2O23 »: the letter O for a zero in a year after a month."""


_BULLET = lazy(r"[:;]( )[-–•](?= )")
"""An item of a list after « : » or « ; » (« au titre de l'année 2025 : … ; - au titre … »)."""
_NUMBERED = lazy(r"[.:;]( )\d{1,2}[.)] (?=[A-ZÀ-Ý][a-zà-ÿ'’]*\s)")
"""A numbered heading after the end of a sentence (« … En conséquence : 1. Ce que nous
faisons ensemble … 2. Combien de temps … »)."""
_AND_PARTY = lazy(r"[;,]( )et\s*:")
"""« … ci-après « le CCAS » ; et : l'Association … »: the « et : » between two parties opens
a line."""
_ROMAN_HEADING = lazy(r"[.:;»]( )[IVX]{1,4}\.\s*[-–]?\s*(?=[A-ZÀ-Ý]{3})")
"""A part numbered in Roman figures after the end of a sentence (« … le bénéficiaire ». I. -
OBJET La présente … »)."""
_SECTION_NUMBER = lazy(
    r"(?<!rticle)(?<!RTICLE)(?<!\bart\.)(?<!\bArt\.)(?<!\bART\.)(?<!\d)( )\d{1,2}\.\d{1,2}\.?\s*[-–:]?\s*"
    r"(?=[A-ZÀ-Ý][a-zà-ÿ'’]*\s)"
)
"""A numbered paragraph « 3.1 – Le coût … » run on after its article's title or the
sentence before (not « l'article 3.1 »)."""
_AMPERSAND = lazy(r"d['’]une part\b[^&\n]{0,100}?( )&( )(?=\S)", re.I)
"""« … d'une part partie dénommée ci-après “la Ville” & Le Cercle … »: the « & » between two
parties stands on its own line."""
_YEAR_ROW = lazy(
    r"(?:€|\beuros|\bEUR)( )(?=(?:Exercice|EXERCICE|Année|ANNÉE|ANNEE|Ann[ée]e budg[ée]taire)\s+20\d\d\b"
    r"|20\d\d\s*(?:[.:…]|\()|Au titre de (?:l['’]année |l['’]exercice )?20\d\d\b)"
)
"""A row of a table of yearly amounts run on after the amount of the row before (« … 18 000,00 €
Exercice 2026 ….. 24 000,00 € »)."""
_RULE = lazy(r"(?<=\S)( )_{4,}|_{4,}( )")
"""A rule drawn with underscores, on a line of its own."""
_CONVENTION_TITLE = lazy(
    r"(?<![A-ZÀ-Ý'’:«\"])( )(?:PROJET DE )?CONVENTION\s+(?:DE|D['’]|CADRE|PLURIANNUELLE|ANNUELLE|"
    r"FINANCI[EÈ]RE|RELATIVE|PORTANT|ENTRE|D['’]OBJECTIFS|ATTRIBUTIVE)\b"
)
"""The title of a convention in capitals after a letterhead (« … Réf. : DEV/2024 CONVENTION
DE PARTENARIAT … »), not within a heading in capitals (« APPROBATION DE LA CONVENTION »)
nor after a label (« OBJET : CONVENTION … »)."""
_TABLE_ROW = lazy(r"[|:]( )\|")
"""Two rows of a table drawn with « | » run together (« | 2026 | 22 000 € | | 2027 | … »)."""


_O_YEAR = lazy(r"(?<![\w/.-])[0-3O]?[0-9O][/.] ?[01O]?[0-9O][/.] ?(?:19|2[0O])[0-9O]{2}(?![\w/])")
"""A date in figures read by OCR with the letter O for a zero (« 14/O3/2O23 », « 02/
02/2O23 »)."""


_O_BY_FIGURE = lazy(r"O(?:[0-9/.]|(?<=[0-9]O))")
"""A letter O before a figure or a separator of a date, or after a figure: a date in
figures holding an O for a zero holds one (the first of its Os, or the last of a part
before its separator); without one, the two expressions above change nothing. (Led by
the O, which the matcher skips to.)"""


def _ocr_dates(chars: list[str], text: str, o_by_figure: bool = True) -> None:
    for match in _SPLIT_DAY.finditer(text):
        chars[match.start(1) : match.end()] = [match.group(1), match.group(2), " ", " "]
    if not o_by_figure:
        return
    for match in _OCR_YEAR.finditer(text):
        if "O" in match.group(1):
            chars[match.start(1) : match.end(1)] = list(match.group(1).replace("O", "0"))
    for match in _O_YEAR.finditer(text):
        if "O" in match.group() and sum(c.isdigit() for c in match.group()) >= 2:
            chars[match.start() : match.end()] = list(match.group().replace("O", "0"))


def is_flat(text: str) -> bool:
    """Whether the text lost its line breaks (long, and almost none left).

    >>> is_flat("mot " * 300), is_flat("ligne\\n" * 300)
    (True, False)
    """
    return len(text) > 600 and text.count("\n") * _FLAT_CHARS_PER_BREAK < len(text)


_WRAP_MIN_LINES = 8
_WRAP_MIN_WIDTH = 40
_WRAP_FULL = 0.6
"""A line at least this share of the wrapping width is full: the break after it is soft."""


def wrap_width(text: str) -> int | None:
    """The width a text was hard-wrapped at, or ``None`` when its line breaks are its own.

    A text whose lines were broken at a fixed width (a PDF's text layer, a mail, a
    terminal copy) has most lines nearly as long as the longest ones, and many of them
    end in the middle of a sentence (no final mark, or the next line goes on with a
    lowercase word). A laid-out text has lines of all lengths, its long lines (paragraphs)
    ending with their sentence.

    >>> prose = "la commune verse une subvention annuelle à l'association pour son projet "
    >>> wrap_width("\\n".join([prose.strip()] * 10))
    72
    >>> wrap_width("Séance du 3 mai 2023\\nPrésents : M. A, M. B\\n" * 10) is None
    True
    """
    rows = [row for row in text.split("\n") if row.strip()]
    if len(rows) < _WRAP_MIN_LINES:
        return None
    lengths = sorted(len(row) for row in rows)
    # not the longest: a word cut by a hyphen at a line end joins two lines in one
    width = lengths[int(len(lengths) * 0.75)]
    if width < _WRAP_MIN_WIDTH:
        return None
    full = sum(1 for n in lengths if n >= width * _WRAP_FULL)
    going_on = sum(
        1
        for row, following in itertools.pairwise(rows)
        if len(row) >= width * _WRAP_FULL
        and (following.lstrip()[:1].islower() or row.rstrip()[-1:] not in ".:;!?")
    )
    if full < 0.6 * len(rows) or going_on < 0.4 * (len(rows) - 1):
        return None
    return width


_SENTENCE_END = lazy(r"(?<!\bM)(?<!\bMM)(?<!\bMme)(?<!\bMlle)(?<!\bDr)[.!?]$")
"""A sentence ends a line (not a civility « M. » before a name on the next line): the break
is the writer's when the next line opens with a capital or a figure."""
_ROW_STARTS = frozenset(" \t\n\f-–•*|>")
"""A line that opens indented, with a bullet or a table cell: the break is the writer's."""


def _unwrapped(text: str, width: int) -> tuple[str, list[tuple[int, int]]]:
    """The text with the soft breaks of its wrapping turned into spaces (same length): after
    a full line, unless it ends a sentence before a capital, before a line that is not
    indented, a bullet or a table row. With it, the spans of the lines so joined and of the
    full lines: the only ones read as flat (cues open a line there)."""
    chars = list(text)
    joined: list[tuple[int, int]] = []
    opened = 0
    soft = False
    ends = [m.start() for m in rx.finditer("\n", text)] + [len(text)]
    start = 0
    for index in ends:
        row = text[start:index]
        start = index + 1
        after = text[index + 1 : index + 2]
        full = len(row.strip()) >= width * _WRAP_FULL
        if (
            full
            and after
            and after not in _ROW_STARTS
            and not (_SENTENCE_END.search(row) and not after.islower())
        ):
            chars[index] = " "
            soft = True
            continue
        if soft or full:
            joined.append((opened, index))
        opened, soft = index + 1, False
    return "".join(chars), joined


def _within(spans: list[tuple[int, int]] | None, position: int) -> bool:
    """Whether ``position`` lies in one of ``spans`` (sorted, apart); everywhere if ``None``."""
    if spans is None:
        return True
    at = bisect.bisect_right(spans, (position, 1 << 62)) - 1
    return at >= 0 and spans[at][0] <= position < spans[at][1]


def file_name(text: str) -> str:
    """The name of the file whose address is glued in front of the text, without its
    extension (« https://…/PV-CM-19-janv-2023.pdfVILLE DE … » → « PV-CM-19-janv-2023 »);
    empty when the text has none.

    >>> file_name("https://ville.fr/files/1-PV-CM-19-janv-2023.pdfVILLE DE"), file_name("Le")
    ('1-PV-CM-19-janv-2023', '')
    >>> file_name("https://ville.fr/files/PV_CM_2023.pdf VILLE DE")
    'PV_CM_2023'

    """
    address = _ADDRESS.match(text)
    if not address:
        return ""
    path = address.group().strip()
    name = rx.split(r"[/=&?]", path)[-1]
    return rx.sub(r"\.[A-Za-z]{2,4}$", "", name)


_LONG_LINE = 700
"""A line this long is a flattened page among laid-out lines (a web page's transcription: a
few lines of navigation, then the whole act on one line)."""


def _long_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of at least ``_LONG_LINE`` characters."""
    spans = []
    start = 0
    for row in text.split("\n"):
        if len(row) >= _LONG_LINE:
            spans.append((start, start + len(row)))
        start += len(row) + 1
    return spans


def _matches(
    pattern: re.Pattern[str], text: str, regions: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in each region of ``text``, in order."""
    for start, end in regions:
        yield from pattern.finditer(text, start, end)


def restore(text: str) -> str:
    """The text with a glued leading address blanked and, when it is flat, a line break in
    place of the space before each cue (same length; a laid-out text is left as it is).
    A text hard-wrapped at a fixed width is read as flat: the soft breaks of its wrapping
    become spaces first."""
    chars: list[str] | None = None
    address = _ADDRESS.match(text)
    if address:
        chars = list(text)
        for index in range(address.start(), address.end() - 1):
            if chars[index] != "\n":
                chars[index] = " "
        chars[address.end() - 1] = "\n"
    o_by_figure = _O_BY_FIGURE.search(text) is not None
    if _SPLIT_DAY.search(text) or (
        o_by_figure and (_OCR_YEAR.search(text) or _O_YEAR.search(text))
    ):
        chars = chars or list(text)
        _ocr_dates(chars, text, o_by_figure)
    width = None if is_flat(text) else wrap_width(text)
    joined: list[tuple[int, int]] | None = None
    if width is not None:
        unwrapped, joined = _unwrapped("".join(chars) if chars is not None else text, width)
        chars, text = list(unwrapped), unwrapped
    elif not is_flat(text):
        joined = _long_lines(text)
    if joined or is_flat(text):
        chars = chars or list(text)
        # long lines among laid-out ones: each cue is looked for in those lines only (whole
        # lines: a cue never starts before one and ends in it)
        regions = joined if width is None and joined else [(0, len(text))]
        for match in _matches(_CUE, text, regions):
            if _within(joined, match.start()) and not _LABEL_WORD_BEFORE.search(
                text, max(0, match.start() - 20), match.start()
            ):
                chars[match.start()] = "\n"
        for pattern in (
            _AFTER_CUE,
            _ARTICLE_TITLE,
            _BULLET,
            _NUMBERED,
            _TABLE_ROW,
            _AND_PARTY,
            _ROMAN_HEADING,
            _RULE,
            _CONVENTION_TITLE,
            _SECTION_NUMBER,
            _YEAR_ROW,
        ):
            for match in _matches(pattern, text, regions):
                group = next(g for g in range(1, (match.re.groups or 0) + 1) if match.group(g))
                if _within(joined, match.start(group)):
                    chars[match.start(group)] = "\n"
        for match in _matches(_AMPERSAND, text, regions):
            if _within(joined, match.start(1)):
                chars[match.start(1)] = chars[match.start(2)] = "\n"
    return "".join(chars) if chars is not None else text
