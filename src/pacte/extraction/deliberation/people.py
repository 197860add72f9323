"""Names of members in a deliberation: civility-led names, labelled names, keys."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.lazy import lazy
from pacte.extraction.names import bare_names, join_wrapped, trim_name
from pacte.extraction.parties import person_from_name
from pacte.extraction.result import Found, Span
from pacte.extraction.text import clean, fold

_CIVILITY = (
    r"(?:M\.|MM\.|Mme|Mmes|MME|MMES|Mlle|Melle|Monsieur|Madame|Mademoiselle|MONSIEUR|MADAME|"
    r"Mr\.?|Dr\.?|Mmc|Mrne)"
)
"""Civilities, in capitals too, and as OCR misreads « Mme » (« Mmc », « Mrne »)."""
_LEAD = rf"(?:{_CIVILITY}[ \t]+|M\.(?=[A-ZÀ-Ý]{{2}})|M[ \t]+(?=[A-ZÀ-Ý]{{2,}}\b))"
"""A civility before a name, or « M.SERRA » without a space, or « M VALLON » without a
dot (then before a surname in capitals)."""
_NAME = lazy(
    rf"\b{_CIVILITY}[ \t]+(?:[A-ZÀ-Ý][\w'’-]*\.?[ \t]+){{0,3}}?[A-ZÀ-Ý][A-ZÀ-Ý'’ -]*[A-ZÀ-Ý]\b(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?"
)
_NAME_ANY = lazy(
    rf"\b{_LEAD}(?:(?:de|du|le|la)[ \t]+(?=[A-ZÀ-Ý]{{2}})|d['’](?=[A-ZÀ-Ý]{{2}}))?"
    rf"[A-ZÀ-Ý](?:\.(?=[ \t]+[A-ZÀ-Ý]{{2}})|[\w'’-]*)"
    rf"(?:[ \t]+(?!{_CIVILITY}[ \t]|M[ \t.])(?:de |du |d'|le |la )?[A-ZÀ-Ý][\w'’-]*){{0,3}}"
)
_OCR_MME = lazy(r"^(?:Mmc|Mrne)(?= )")
_BARE_M = lazy(r"^M(?:\.(?=\S)| )")


def _civility(name: str) -> str:
    """« Mmc X » → « Mme X »; « M.SERRA » and « M SERRA » → « M. SERRA ».

    >>> _civility("Mrne Anne PETIT"), _civility("M.SERRA Elie"), _civility("M VALLON")
    ('Mme Anne PETIT', 'M. SERRA Elie', 'M. VALLON')
    """
    name = _OCR_MME.sub("Mme", name)
    return _BARE_M.sub("M. ", name).replace("M.  ", "M. ")


def _names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    segment = join_wrapped(text[start:end])  # « Mme de LA\nRAUDIERE »: one name
    found = []
    for match in _NAME_ANY.finditer(segment):
        name = trim_name(clean(match.group()).rstrip(" -,;"))
        found.append((start + match.start(), start + match.start() + len(name), _civility(name)))
    return found


def _listed_names(
    text: str, start: int, end: int, *, givers: bool = False
) -> list[tuple[int, int, str]]:
    """Names of a list: with their civilities (« M. X, Mme Y »), or without when that
    reads more of them (« PILLET Gérard ; BODIC Bernard », « Anne BAILLY - Paul ROUX »)."""
    named = _outside_brackets(text, start, _names(text, start, end))
    bare = bare_names(text, start, end, givers=givers)
    if len(bare) <= len(named):
        return named
    # « J. ROLLAND, M. DUBOIS, A. LEFEBVRE »: the initial « M. » reads as a civility, and
    # the name it leads is missed by the bare reading: it is kept where nothing overlaps it
    missed = [n for n in named if not any(n[0] < b[1] and b[0] < n[1] for b in bare)]
    return sorted(bare + missed) if missed else bare


def _outside_brackets(
    text: str, start: int, names: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The names not written inside brackets (« M. X (Procuration de Mme Y) »: Y is not
    one of the members listed); « } » closes a bracket, as the OCR reads it.

    >>> t = "M. Paul ROUX (Procuration de MME Anne PETIT}, M. Luc MOREL"
    >>> [n for _, _, n in _outside_brackets(t, 0, _names(t, 0, len(t)))]
    ['M. Paul ROUX', 'M. Luc MOREL']
    """
    kept = []
    depth, position = 0, start
    for name in names:
        for char in text[position : name[0]]:
            if char == "(":
                depth += 1
            elif char in ")}" and depth:
                depth -= 1
        position = name[0]
        if not depth:
            kept.append(name)
    return kept


def _key(person: object) -> str:
    return fold(str((person or {}).get("last_name", ""))) if isinstance(person, dict) else ""


def _span(start: int, end: int) -> Span:
    return Span(start, end, 0.8)


def _labelled_name(
    found: Found, text: str, folded: str, path: str, label: str, start: int, end: int
) -> None:
    match = re.search(label + r"\s*:\s*", folded[start:end])
    if not match:
        return
    begin = start + match.end()
    # a name with its civility, or without (« Président de séance : Franck RAYMOND »)
    for names in (_names(text, begin, min(end, begin + 120)), _bare(text, begin, end)):
        if names and names[0][0] - begin < 3:
            name_start, name_end, name = names[0]
            found.put(path, person_from_name(name), name_start, name_end)
            return


def _bare(text: str, begin: int, end: int) -> list[tuple[int, int, str]]:
    """The first name without civility at ``begin``, read to the end of its line."""
    stop = text.find("\n", begin, min(end, begin + 80))
    return bare_names(text, begin, stop if stop >= 0 else min(end, begin + 80))[:1]


_LIST_WORDS = frozenset(
    rx.findall(
        r"\S+",
        """
    a à au aux de du des d la le les l et ou en par pour sa son ses qui avait ayant
    donne donné donnée donnant pouvoir pouvoirs procuration procurations représenté
    représentée représentés représentées représentant représentante jusqu jusqu'à
    jusqu’à partir compter point points délibération délibérations dossier n arrivé
    arrivée parti partie départ excusé excusée excusés excusées maire adjoint adjointe
    adjoints adjointes conseiller conseillère conseillers conseillères municipal
    municipale municipaux municipales communautaire communautaires délégué déléguée
    délégués déléguées titulaire titulaires suppléant suppléante suppléants suppléantes
    président présidente vice-président vice-présidente membre membres élu élue élus
    élues première premier er e ème h heures commission commissions finances séance
    chargé chargée chargés délégation secrétaire général générale services
""",
    )
)
"""Lowercase words a list of members may hold between names: proxies (« qui a donné
procuration à »), titles (« Première Adjointe au Maire »), part-time notes."""
_VERBS = frozenset(rx.findall(r"\S+", "est été sont était étaient sera ouvre procède déclare"))
"""Words that make a sentence of a gap by themselves (« M. X a été élu secrétaire »)."""
_BRACKETED = lazy(r"\([^(){}]{0,200}[)}]")
_LOWER_WORD = lazy(r"(?<![\w'’])[a-zß-ÿ][\w'’-]*")


def _prose_in(gap: str) -> re.Match[str] | None:
    """The second word of prose in a gap between names (« étant absent », « a été élu »),
    brackets left out; None when the gap holds only separators, titles and proxies."""
    gap = _BRACKETED.sub(lambda m: " " * len(m.group()), gap)
    seen = 0
    for word in _LOWER_WORD.finditer(gap):
        if all(not part or part in _LIST_WORDS for part in rx.split(r"['’]", word.group())):
            continue
        seen += 2 if word.group() in _VERBS else 1
        if seen >= 2:
            return word
    return None


_NEXT_GROUP = lazy(r"[ \t]*,[^\n]{0,120}\.?[ \t]*\n[ \t]*$")
"""« …, Vice-présidents, membres de la Commission permanente.⏎ »: the group's role closes
its line, the next group of the same list opens the next one."""
_LISTED_ON = lazy(r"[ \t]*[,(]")
"""After a name, the list goes on (« , », « ( »), where prose would follow a subject."""


def list_end(text: str, start: int, end: int) -> int:
    """Where a list of members written with civilities ends: at the first prose between
    two names. A name followed by a separator then prose closes the list (« M. Christophe
    LEFORT, L'assemblée étant en nombre… »); a name followed by prose at once is the
    subject of a sentence, left out (« Mme X, Mme Y. Monsieur Z a été élu secrétaire »).

    >>> t = "Absents : Mme Anne PETIT, M. Luc MOREL. M. Paul ROUX a été élu secrétaire."
    >>> t[10:list_end(t, 10, len(t))]
    'Mme Anne PETIT, M. Luc MOREL. '
    >>> t = "Excusés : M. Luc MOREL, M. Marc BLANC Séance enregistrée et retransmise"
    >>> t[10:list_end(t, 10, len(t))]
    'M. Luc MOREL, M. Marc BLANC'
    >>> t = "Présents : M. Luc MOREL, qui a donné procuration à Mme Anne PETIT, M. Marc BLANC"
    >>> list_end(t, 11, len(t)) == len(t)
    True
    """
    names = _NAME_ANY.finditer(text, start, end)
    following = next(names, None)
    while following is not None:
        match, following = following, next(names, None)
        gap = text[match.end() : following.start() if following else end]
        if _prose_in(gap) is None or (
            _NEXT_GROUP.match(gap) and _LISTED_ON.match(text, following.end() if following else end)
        ):
            continue
        lead = gap.lstrip(" \t")
        if not lead[:1].islower():
            return match.end() + len(gap) - len(lead) + 1
        # « M. Paul ROUX Séance enregistrée … »: the sentence opens on the last word read
        last = rx.search(r"[ \t]+([A-ZÀ-Ý][a-zß-ÿ][\w'’-]*)$", match.group())
        if last and len(match.group()[: last.start()].split()) >= 3:
            return match.start() + last.start()
        return match.start()
    return end


def cut_short(text: str, start: int, stop: int) -> bool:
    """Whether a list runs on to the end of the text, cut there (an excerpt, a text cut
    at a given length: « … Mme Anne PETIT à M. Paul RO »): how many it held is unknown."""
    rest = text.rstrip()
    if stop < len(rest) or stop <= start or rest[-1:] in ".)»":
        return False
    if _SIGNED.search(fold(text[start : len(rest)])):
        return False  # « … Julie BRUN / Le Maire, Paul ROCHE »: the act's signature ends it
    # names all the way (a list), not prose the field ran into before the end
    words = [w for w in _WORD_OF.findall(text, start, len(rest)) if w.lower() not in _LIST_WORDS]
    lower = sum(1 for w in words if w[0].islower())
    # the text stops inside a name or a pair (« … à M. Lou », « … Anne PETIT, »)
    inside = rest[-1:] in ",;–-" or rest.endswith((" à", " a")) or rest.split()[-1][:1].isupper()
    return bool(words) and lower * 4 < len(words) and inside


_SIGNED = lazy(r"\b(?:le|la) (?:maire|presidente?)\b")
_WORD_OF = lazy(r"[^\W\d_][\w'’-]*")
