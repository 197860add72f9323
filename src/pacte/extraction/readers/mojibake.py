"""Letters lost to a wrong decoding: the replacement character « � » (U+FFFD) where an
accented letter was, « ? » where an apostrophe was (« D�lib�ration affich�e � l?H�tel »).

The letter itself cannot be known; the most likely one is put back so that the words
read as French for every later search (which folds accents away): « à » for a word of
its own, « ç » between a vowel and « a », « o », « u » (« re�u »), « è » before a
consonant and a final « e » or « s » (« premi�re », « apr�s »), « é » otherwise (the
commonest accented letter). An apostrophe comes back after an elided word (« l », « d »,
« qu »…) before a vowel or « h ».

>>> repair("D�lib�ration affich�e � la mairie, re�ue par l?Etat le 3 mai")
"Délibération affichée à la mairie, reçue par l'Etat le 3 mai"
>>> repair("la premi�re fois ? Oui")
'la première fois ? Oui'
>>> repair("autoris� � signer")
'autorisé à signer'
>>> repair("� Article premier")
'� Article premier'
"""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy

REPLACEMENT = "\ufffd"

_ALONE = lazy(r"(?<=[^\W\d_][ \t])\ufffd(?=[ \t][^\W_])")
"""« affich�e � l'Hôtel »: a word of its own inside a sentence; at the start of a line it is
more likely a bullet the decoding lost (left as it is)."""
_CEDILLA = lazy(r"(?<=[aeiouAEIOU])\ufffd(?=[aouAOU])")
_GRAVE = lazy(r"(?<=[^\W\d_])\ufffd(?=(?:[bcdfglmnprstvz]e?s?|[bcdfgptv][lr]es?)\b)")
_INSIDE = lazy(r"(?<=[^\W\d_])\ufffd|\ufffd(?=[^\W\d_])")
_ELIDED_QUESTION = lazy(
    r"(?<![^\W\d_])((?:[ldjnmstcLDJNMSTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu))\?"
    r"(?=[aeiouyhàâéèêîôûAEIOUYHÀÂÉÈÊÎÔÛ])"
)


def repair(text: str) -> str:
    """The text with lost accented letters and apostrophes put back (see the module)."""
    if REPLACEMENT not in text:
        return text
    # the letters inside words first: « autoris� � signer » has a word before « à »
    text = _CEDILLA.sub("ç", text)
    text = _GRAVE.sub(_grave, text)
    text = _INSIDE.sub("é", text)
    text = _ALONE.sub("à", text)
    return _ELIDED_QUESTION.sub(r"\1'", text)


def _grave(match: re.Match[str]) -> str:
    # « è » before a consonant ending the word with « e » or « s » (première, après,
    # système); a consonant ending the word alone is « é » (« Num�ro » is not concerned)
    tail = match.string[match.end() : match.end() + 4]
    return "è" if rx.match(r"[a-z]{1,2}(?:es?|s)\b", tail) else "é"
