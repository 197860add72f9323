"""Amounts granted by a deliberation (operative part, annexed tables) and its instalments."""

from __future__ import annotations

import re

from pacte.extraction import rx
from pacte.extraction.deliberation.stated_grants import _GRANTED_BEFORE
from pacte.extraction.deliberation.vote import _PARAGRAPH_END
from pacte.extraction.french import find_amounts, find_percents, find_years
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import clean, fold, folded_view, lines

_DISPOSITIF = lazy(
    r"\b(?:apres|et) en avoir delibere\b|^[ \t]*(?:decide|delibere|arrete)\s*:|\b(?:decide|delibere|arrete)\s*:",
    re.MULTILINE,
)
"""Where the operative part begins: what comes before is the report and its figures
(« Après avoir entendu l'exposé du rapporteur et en avoir délibéré »)."""
_DISPOSITIF_END = lazy(
    r"\bresultat du vote\b|\bfait et delibere\b|\bpour (?:extrait|copie) conforme\b"
    r"|\bau registre sont\b|^[ \t]*(?:pour|contre|abstentions?)\s*:"
    # the heading of an annex (« ANNEXE 1 – LISTE DES BÉNÉFICIAIRES »)
    r"|^[ \t]*annexes?(?:[ \t]+(?:n°[ \t]*)?(?:\d+|[ivx]+|unique))?[ \t]*(?:[-:][^\n]*)?$",
    re.MULTILINE,
)
_COUNT_LINE = lazy(r"^[ \t]*(?:pour|contre|abstentions?)\s*:", re.MULTILINE)
_ITEM = lazy(
    r"^[ \t]*(?:[-–•*][ \t]+|\d{1,2}[ \t]*(?:°\)|[-–.)°])[ \t]*|article[ \t]+(?:\d+(?:er)?|premier)[ \t]*[:.–-]|[a-z]\)[ \t]+)",
    re.MULTILINE,
)
_GRANTING = lazy(
    r"\b(?:attribu|accord|allou|octroi|versement|subvention|aide financiere|participation|"
    r"contribution|dotation|financement)"
)
_LABEL_WORD = lazy(
    r"\b((?:subvention|aide|participation|contribution|dotation)\b[^,;:\d€]{0,70}?)"
    r"(?:\s+(?:d'un montant )?(?:de|d'un montant|pour un montant de|a hauteur de))?\s*$"
)
_YEAR_OF = lazy(r"\b(?:exercice|annee|au titre de|budget(?: primitif)?)\s+(\d{4})\b")


def _label(text: str, folded: str, start: int, end: int) -> str | None:
    """« Subvention de fonctionnement (plateforme) » written before an amount."""
    while end > start and folded[end - 1] in " \t\n.…_":
        end -= 1
    match = _LABEL_WORD.search(folded, start, end)
    if not match:
        return None
    words = clean(text[match.start(1) : match.end(1)].replace("\n", " ")).rstrip(" -–")
    return words[:1].lower() + words[1:] if words else None


def _region(found: Found, item: bool = False) -> tuple[int | None, int | None]:
    """The deliberation, or (``item``: minutes of a session) the item about a convention or
    a subsidy; none when no item is: the sums of minutes belong to their many items
    (markets awarded, budgets, accounts), not to the session."""
    if item:
        return found.marks.get("vote_item_start"), found.marks.get("vote_item_end")
    return found.marks.get("deliberation_start"), found.marks.get("deliberation_end")


def dispositif(found: Found, text: str, *, item: bool = False) -> tuple[int, int] | None:
    """The operative part of the deliberation (« DÉCIDE : » … before the vote), if found;
    with ``item``, in minutes of a session, that of the item whose vote was chosen."""
    start, end = _region(found, item)
    if start is None or end is None:
        return None
    folded = folded_view(text)
    begin = _DISPOSITIF.search(folded, start, end)
    if begin is None:
        return None
    stop = _DISPOSITIF_END.search(folded, begin.end(), end)
    while stop and _COUNT_LINE.match(folded, stop.start()):
        # counts stated right after « après en avoir délibéré », before any decision: the
        # decisions follow the vote (« Pour : 16 … » then « ARTICLE 1 – ATTRIBUE … »)
        if _ITEM.search(folded, begin.end(), stop.start()) or find_amounts(
            text, begin.end(), stop.start()
        ):
            break
        paragraph = _PARAGRAPH_END.search(folded, stop.end(), end)
        if paragraph is None or not _ITEM.search(folded, paragraph.end(), end):
            break
        stop = _DISPOSITIF_END.search(folded, paragraph.end(), end)
    return begin.start(), stop.start() if stop else end


def granted_amounts(found: Found, text: str, *, item: bool = False) -> list[dict[str, object]]:
    """Sums the deliberation grants: amounts of its operative part tied to a grant.

    Amounts of the report (the previous year's sum, the amount requested) are not
    granted; a sum also written in words (« 8 500 € (huit mille cinq cents euros) ») is
    one amount; a table of aid under an item (« les subventions suivantes : ») gives one
    amount per row.
    """
    region = dispositif(found, text, item=item)
    if region is None:
        return []
    start, end = region
    folded = folded_view(text)
    items = [m.start() for m in _ITEM.finditer(folded, start, end)] or [start]
    granted: list[dict[str, object]] = []
    signing: list[bool] = []
    seen: set[tuple[int, object]] = set()
    for amount in find_amounts(text, start, end):
        item_start = max([i for i in items if i <= amount.start] or [start])
        following = [i for i in items if i > amount.start]
        item_end = following[0] if following else end
        before = folded[item_start : amount.start]
        line_start = folded.rfind("\n", start, amount.start) + 1
        row = folded[line_start : amount.start]
        if not _GRANTING.search(before) and not _GRANTING.search(row):
            continue
        if rx.search(r"\b(?:total|cout|budget)\b[^\n]{0,30}$", before):
            continue
        if granted_before(folded, max(item_start, amount.start - 300), amount.start):
            continue
        key = (item_start, amount.value)
        if key in seen:
            continue
        seen.add(key)
        stated = _YEAR_OF.search(folded[item_start:item_end])
        years = [y.value for y in find_years(text, item_start, item_end)]
        year = int(stated.group(1)) if stated else (years[0] if years else None)
        words = _label(text, folded, line_start, amount.start) or _label(
            text, folded, item_start, amount.start
        )
        signing.append(bool(_SIGNING.search(folded, item_start, item_end)))
        granted.append(
            {
                "amount": f"{amount.value:.2f}",
                "year": year,
                "label": words or "montant de la délibération",
            }
        )
    # « autorise le Maire à signer l'avenant … en vue de l'attribution d'une subvention de
    # 305 000 € » then « Une subvention de 305 000 € est attribuée … »: one sum, granted once
    granted = [
        grant
        for grant, signs in zip(granted, signing, strict=True)
        if not signs
        or not any(
            other["amount"] == grant["amount"] and not other_signs
            for other, other_signs in zip(granted, signing, strict=True)
        )
    ]
    # no sum tied to a year by its item: the year the operative part states, when it states
    # one only (« exercice 2010 » in the article charging the expense); a sum without a year
    # beside one with its own (an equipment grant beside the year's) stays without
    stated_years = {int(m.group(1)) for m in _YEAR_OF.finditer(folded, start, end)}
    if len(stated_years) == 1 and all(grant["year"] is None for grant in granted):
        year = stated_years.pop()
        granted = [{**grant, "year": year} for grant in granted]
    if not granted:
        granted = _annexed_amounts(found, text, folded, items, region, item=item)
    if not granted:
        granted = _proposed_list(found, text, folded, region, item=item)
    return granted


_PROPOSED = lazy(
    r"\b(?:vote|approuve|accorde|attribue|valide|adopte)\w*\s+(?:les|ces)\s+"
    r"(?:subventions|aides|participations)\s+(?:proposees|suivantes|ci-dessus|enumerees|presentees)\b"
)
_LIST_HEAD = lazy(r"\b(?:subventions|aides|participations)\s+suivantes\s*:")
_BULLET = lazy(r"[ \t]*(?:[-–•*✓][ \t]*)?")


def _proposed_list(
    found: Found, text: str, folded: str, region: tuple[int, int], *, item: bool = False
) -> list[dict[str, object]]:
    """« Il est proposé au Conseil de voter les subventions suivantes : • X : 150 € … »,
    then « le Conseil vote les subventions proposées »: one sum per line of the list the
    decision refers to, written before it."""
    start, end = region
    item_start, _ = _region(found, item)
    if item_start is None or not _PROPOSED.search(folded, start, end):
        return []
    heads = list(_LIST_HEAD.finditer(folded, item_start, start))
    if not heads:
        return []
    granted: list[dict[str, object]] = []
    for line in lines(text, heads[-1].end(), start):
        amounts = find_amounts(text, line.start, line.end)
        if len(amounts) != 1:
            continue
        bullet = _BULLET.match(text, line.start, amounts[0].start)
        label_start = bullet.end() if bullet else line.start
        label = clean(text[label_start : amounts[0].start]).rstrip(" :-–")
        granted.append(
            {"amount": f"{amounts[0].value:.2f}", "year": None, "label": label or "subvention"}
        )
    return granted


def granted_before(folded: str, start: int, at: int) -> bool:
    """Whether the sentence of the amount at ``at`` (back to ``start``) tells of a sum
    granted before (``_GRANTED_BEFORE``)."""
    sentence = rx.split(r"\.\s|\n", folded[start:at])[-1]
    return bool(_GRANTED_BEFORE.search(sentence))


_SIGNING = lazy(r"\ba signer\b")
"""An item authorising the signature of a convention, which may restate its sum."""


_IN_ANNEX = lazy(r"\b(?:en annexe|annexee?s?\b|ci-annexee?s?\b|figurant a l'annexe)")
_GRANT_COLUMN = lazy(
    r"^(?:montant\s+)?(?:subvention|aide|participation|contribution|dotation|montant)\b"
)
_NOT_GRANT_COLUMN = lazy(
    r"subventionnable|eligible|retenue?|cout|depense|base|assiette|taux|budget|demande|sollicite"
)
_TOTAL_ROW = lazy(r"^(?:sous-)?total\b")


def _annexed_amounts(
    found: Found,
    text: str,
    folded: str,
    items: list[int],
    region: tuple[int, int],
    *,
    item: bool = False,
) -> list[dict[str, object]]:
    """Sums granted in a table the operative part refers to (« les subventions dont la liste
    et les montants figurent en annexe 1 »): one per row of the column of the sums granted
    (« Subvention régionale », « Montant attribué »), not the cost basis, the rate or the
    TOTAL line. The year is the one the granting item states."""
    start, end = region
    _, stop = _region(found, item)
    if stop is None:
        return []
    refers = None
    items = sorted({start, *items})
    for index, item_start in enumerate(items):
        item_end = items[index + 1] if index + 1 < len(items) else end
        body = folded[item_start:item_end]
        if _GRANTING.search(body) and _IN_ANNEX.search(body):
            refers = (item_start, item_end)
            break
    if refers is None:
        return []
    stated = _YEAR_OF.search(folded, *refers)
    years = [y.value for y in find_years(text, *refers)]
    year = int(stated.group(1)) if stated else (years[0] if years else None)
    granted: list[dict[str, object]] = []
    column = None
    for line in lines(text, end, stop):
        cells = line.raw.split("\t")
        if len(cells) < 3:
            continue
        names = [fold(clean(c)) for c in cells]
        if column is None:
            wanted = [
                i
                for i, name in enumerate(names)
                if _GRANT_COLUMN.match(name) and not _NOT_GRANT_COLUMN.search(name)
            ]
            if wanted:
                column = wanted[-1]
            continue
        if column >= len(cells) or any(_TOTAL_ROW.match(name) for name in names):
            continue
        amounts = find_amounts(cells[column])
        if amounts:
            granted.append(
                {
                    "amount": f"{amounts[0].value:.2f}",
                    "year": year,
                    "label": clean(cells[1] if column > 1 else cells[0]) or "montant annexé",
                }
            )
    return granted


_PAYMENT = lazy(r"\b(?:vers|pai|acompte|avance|solde|tranche|liquid|en (?:deux|trois) fois)")


def deliberation_instalments(
    found: Found, text: str, *, item: bool = False
) -> list[dict[str, str]]:
    """The shares of payment a deliberation states (« 60 % à la signature … et le solde
    de 40 % au vu du bilan »): the first sentence whose percentages make up the whole sum.
    With ``item``, in minutes of a session, only in the item whose vote was chosen."""
    start, end = _region(found, item)
    if start is None or end is None:
        return []
    for sentence in rx.split(r"(?<=[.;:])\s+(?=[A-ZÀ-Ý-])|\n[ \t]*\n", text[start:end]):
        folded = fold(sentence)
        if not _PAYMENT.search(folded):
            continue
        percents = [p for p in find_percents(sentence) if 0 < p.value <= 100]
        if not percents or sum(p.value for p in percents) != 100:
            continue
        shares = []
        for number, percent in enumerate(percents):
            stop = percents[number + 1].start if number + 1 < len(percents) else len(sentence)
            phrase = clean(sentence[percent.end : stop].replace("\n", " "))
            phrase = rx.split(r"\s+et\s+(?:le |la )?(?=solde\b|\d)|[;.]", phrase)[0].strip(" ,")
            before = fold(sentence[max(0, percent.start - 20) : percent.start])
            if "solde" in before and not fold(phrase).startswith("solde"):
                phrase = f"solde {phrase}"
            shares.append({"percent": f"{percent.value.normalize():f}", "trigger": phrase})
        return shares
    return []
