"""Words in capitals that OCR or typography spaced out, joined again.

A heading or a label in capitals comes out of a scan letter-spaced (« P R É S E N T S : »)
or cut in two (« CONVE NTION », « PRÉSE NTS »); a title set in spaced capitals does the
same in a text layer. Every later search looks for the word whole: the reader joins it
(the text gets shorter, before any offset is taken).

A run of single capitals is joined whatever it spells (a name letter-spaced in a list of
members is still a name), and cut back into label words when it is made of them (the
spaces between the words are lost with the spaces between the letters: « M E M B R E S
A B S E N T S »). Two pieces of capitals are joined only when they make a label word and
the first is not one already: a name in capitals is never glued to the next.
"""

from __future__ import annotations

import itertools
import re

from pacte.extraction.lazy import lazy
from pacte.extraction.text import fold

_SPACED = lazy(r"(?<![\w'’])[A-ZÀ-Ý](?: [A-ZÀ-Ý]){3,}(?![\w'’])")
"""Four capitals or more, each alone between single spaces (« P R É S E N T S »)."""
_GIVEN_NAME = lazy(r" [A-ZÀ-Ý][a-zà-ÿ]")
"""A given name after a surname in capitals (« DUPONT Paul »)."""
_CAPITALS = lazy(r"(?<![\w'’])[A-ZÀ-Ý]+(?![\w'’])")
"""A word in capitals, or a piece of one."""
_WORDS = """
present presents presente presentes absent absents absente absentes excuse excuses
excusee excusees pouvoir pouvoirs procuration procurations represente representes
representee representees votants votant exercice secretaire seance seances deliberation
deliberations delibere convention conventions proces verbal compte rendu conseil
municipal communautaire departemental extrait registre objet prefecture publication
affichage affiche publie transmis convocation abstention abstentions contre unanimite
article decide arrete considerant president presidence presidente etaient membres
conseillers adopte adoptee approuve preambule convenu soussignes suffrages exprimes
vote votes non titulaires suppleants
"""
LABEL_WORDS = frozenset(_WORDS.split())
"""Words of the labels and headings the extraction looks for (folded)."""
_LONGEST_WORD = max(map(len, LABEL_WORDS))
_LONGEST_RUN = 80
"""A longer run of letters is no heading: left whole, not searched for words."""


def split_labels(word: str) -> str:
    """A run of letters cut back into label words when it is made only of them.

    >>> split_labels("MEMBRESABSENTSEXCUSÉS"), split_labels("DUPONT")
    ('MEMBRES ABSENTS EXCUSÉS', 'DUPONT')
    """
    if len(word) > _LONGEST_RUN:
        return word
    folded = fold(word)
    cuts: dict[int, list[int]] = {0: []}
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST_WORD), end):
            if start in cuts and end not in cuts and folded[start:end] in LABEL_WORDS:
                cuts[end] = [*cuts[start], end]
    if len(cuts.get(len(word), [])) < 2:
        return word
    bounds = [0, *cuts[len(word)]]
    return " ".join(word[a:b] for a, b in itertools.pairwise(bounds))


def _spaced(match: re.Match[str]) -> str:
    run = match.group()
    tail = ""
    if run.endswith(" À"):  # « S T A L L A À Hélène … »: the proxy's « à » stays a word
        run, tail = run[:-2], " À"
    letters = run.replace(" ", "")
    if len(letters) < 4 or len(set(letters)) == 1:  # « X X X X »: the crosses of a table
        return match.group()
    if (
        letters[0] == "M"
        and len(letters) >= 5
        and not tail
        and _GIVEN_NAME.match(match.string, match.end())
        and fold(letters) not in LABEL_WORDS
    ):
        return "M " + letters[1:]  # « M D U P O N T Paul »: the civility before a surname
    return split_labels(letters) + tail


def join_spaced_capitals(text: str) -> str:
    """Letter-spaced capitals joined, a label word cut in two joined.

    >>> join_spaced_capitals("P R É S E N T S : M. DUPONT ; CONVE NTION ; PRÉSE NTS")
    'PRÉSENTS : M. DUPONT ; CONVENTION ; PRÉSENTS'
    >>> join_spaced_capitals("M E M B R E S A B S E N T S : D U R A N D Léa À M. PETIT")
    'MEMBRES ABSENTS : DURAND Léa À M. PETIT'
    >>> join_spaced_capitals("M J A R S A U D Paul ; M A I R E de Belval ; M. D U P O N T Luc")
    'M JARSAUD Paul ; MAIRE de Belval ; M. DUPONT Luc'
    >>> join_spaced_capitals("CONSEIL COMM UNAUTAIRE ; M. LE FUR ; X X X X")
    'CONSEIL COMMUNAUTAIRE ; M. LE FUR ; X X X X'
    """
    text = _SPACED.sub(_spaced, text)
    pieces = list(_CAPITALS.finditer(text))
    out: list[str] = []
    position = 0
    for first, second in itertools.pairwise(pieces):
        if first.start() < position or text[first.end() : second.start()] != " ":
            continue
        word = first.group() + second.group()
        if (
            len(first.group()) >= 2
            and fold(word) in LABEL_WORDS
            and fold(first.group()) not in LABEL_WORDS
        ):
            out.append(text[position : first.start()] + word)
            position = second.end()
    out.append(text[position:])
    return "".join(out)
