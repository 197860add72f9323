"""Instalments: single payment, listed payments, shares of the amount, and their triggers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located, _body_names, _documents, listed_after
from pacte.extraction.french import (
    Found as Hit,
)
from pacte.extraction.french import (
    find_dates,
    find_percents,
    parse_number,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.text import fold

_INSTALMENT_KIND = (
    ("acompte", "advance"),
    ("avance", "advance"),
    ("solde", "balance"),
    ("restant", "balance"),
    ("reliquat", "balance"),
)


_SINGLE_PAYMENT = lazy(
    r"\b(?:versee?s?|payee?s?|mandatee?s?|liquidee?s?)\b[^.]*?\b(?:en (?:sa )?totalite|en une (?:seule )?fois|en un (?:seul )?versement|versement unique)\b"
)
_SHARE_OF_COST = lazy(
    r"\s*(?:du|des) (?:cout|budget|depenses|montant (?:total )?des depenses|plan de financement)"
)


_PAYMENT_WORDS = lazy(r"vers|pai|acompte|avance|solde|restant|liquid|tranche")
_CAP = lazy(
    r"(?:exceder|depasser|superieure? a|inferieure? a|limite de|plafon\w*(?: a)?|maximum de|"
    r"minimum de|au moins|au plus|jusqu'a|hauteur maximale de)\s*(?:de\s+|d')?$"
)
_EQUAL_SPLIT = lazy(
    r"\b(?:en\s+)?(deux|trois|quatre|cinq|dix|[2-9])\s+(?:versements|fractions|tranches|echeances|"
    r"acomptes|paiements|fois)(?:\s+(?:egaux|egales|identiques))?\s+(?:de|d'un montant de)\s*$"
)
_EQUAL_WORDS = lazy(
    r"\ben\s+(deux|trois|quatre|cinq|dix|[2-9])\s+(?:versements|fractions|tranches|echeances|"
    r"paiements)\s+(?:egaux|egales|identiques)\b|\bpar moities?\b|\ben deux moities\b"
)
_REMAINDER = lazy(r"\b(?:le|du|au) (?:solde|reliquat|restant|reste)\b")


def _payment_list(located: list[Located], position: int) -> list[Located]:
    """The items of the list a sentence belongs to, when a sentence ending in « : » that
    speaks of payment introduces it (« La participation est versée en deux fois : »)."""
    item = located[position]
    begin = position
    while (
        begin > 0
        and located[begin - 1].place == item.place
        and not located[begin - 1].sentence.text.endswith((":", "."))
    ):
        begin -= 1
    if begin == 0:
        return []
    intro = located[begin - 1]
    if intro.place != item.place or not intro.sentence.text.endswith(":"):
        return []
    if not _PAYMENT_WORDS.search(intro.sentence.folded):
        return []
    listed = [intro]
    for other in located[begin:]:
        if other.place != item.place:
            break
        listed.append(other)
        if other.sentence.text.endswith("."):
            break
    return listed


def _shares(sentence: str) -> list[Hit[Decimal]]:
    """Payment shares of a sentence: percents that are not a share of a cost (« 50 % des
    dépenses ») nor a cap (« ne peut excéder 70 % »)."""
    folded = fold(sentence)
    return [
        p
        for p in find_percents(sentence)
        if p.value <= 100
        and not _SHARE_OF_COST.match(folded[p.end : p.end + 40])
        and not _CAP.search(folded[max(0, p.start - 30) : p.start])
    ]


@dataclass(frozen=True)
class _Share:
    """One payment read in a sentence: its percent (``None``: the remainder), where its words
    begin in the sentence, and those words."""

    percent: Decimal | None
    at: int
    phrase: str


def _sentence_shares(located: list[Located], position: int) -> list[_Share]:
    sentence = located[position].sentence
    percents = _shares(sentence.text)
    result: list[_Share] = []
    equal = _EQUAL_WORDS.search(sentence.folded)
    count = parse_number(equal.group(1) or "deux") if equal else None
    paid = rx.search(r"\bverse|\bversement", sentence.folded)
    if not percents and equal and paid and count and 100 % count == 0:
        # « en deux versements égaux », « par moitié »: equal shares, described by the
        # bullets or the words that follow
        listed = [o.sentence.text for o in listed_after(located, position)]
        words = sentence.text[equal.end() :]
        parts = listed if len(listed) == count else rx.split(r"[,;]\s+(?=le |la |l')", words)
        if len(parts) != count:
            parts = [words] * count
        return [_Share(Decimal(100 // count), equal.start(), part) for part in parts]
    for number, percent in enumerate(percents):
        stop = percents[number + 1].start if number + 1 < len(percents) else len(sentence.text)
        phrase = sentence.text[percent.start : stop]
        split = _EQUAL_SPLIT.search(fold(sentence.text[max(0, percent.start - 60) : percent.start]))
        count = parse_number(split.group(1)) if split else None
        if count and count * percent.value == 100:
            # « en deux versements de 50 % : » then, often, one bullet for each
            bullets_text = [
                o.sentence.text
                for o in listed_after(located, position)
                if not _shares(o.sentence.text)
            ]
            for share in range(count):
                words = bullets_text[share] if share < len(bullets_text) else phrase
                result.append(_Share(percent.value, percent.start, words))
            continue
        remainder = _REMAINDER.search(fold(phrase), 1)
        if remainder and number + 1 == len(percents):
            # « 70 % à la notification, le solde sur présentation du bilan »
            result.append(_Share(percent.value, percent.start, phrase[: remainder.start()]))
            result.append(
                _Share(None, percent.start + remainder.start(), phrase[remainder.start() :])
            )
            continue
        result.append(_Share(percent.value, percent.start, phrase))
    return result


def _instalments(found: Found, located: list[Located], base: str, bodies: dict[str, str]) -> None:
    index = 0
    total = Decimal(0)
    article: str | None = None
    for position, item in enumerate(located):
        sentence = item.sentence
        if not _PAYMENT_WORDS.search(sentence.folded) and not _payment_list(located, position):
            continue
        shares = _sentence_shares(located, position)
        if not shares:
            remainder = _REMAINDER.search(sentence.folded)
            if not (index and item.article == article and remainder):
                continue
            # « - le solde, sur présentation du bilan » after « - 70 % à la notification »
            shares = [_Share(None, remainder.start(), sentence.text[remainder.start() :])]
        for share in shares:
            value = share.percent if share.percent is not None else 100 - total
            if value <= 0:
                continue
            phrase = share.phrase.rstrip(" ,;")
            folded = fold(phrase)
            before = fold(sentence.text[max(0, share.at - 25) : share.at])
            kind = (
                "balance"
                if share.percent is None
                else next(
                    (k for word, k in _INSTALMENT_KIND if word in folded or word in before),
                    "single" if len(shares) == 1 else "interim",
                )
            )
            found.put(
                f"{base}.instalments[{index}]",
                {
                    "kind": kind,
                    "percent": f"{value}",
                    "trigger": _trigger(found, located, position, phrase, kind),
                },
                sentence.start + share.at,
                sentence.start + share.at + len(phrase),
            )
            total += value
            index += 1
            article = item.article
    if index == 0:
        # « versée en totalité, en un versement unique, à la notification »: 100 % at once
        for position, item in enumerate(located):
            single = _SINGLE_PAYMENT.search(item.sentence.folded)
            if single and not rx.search(r"\b(?:reversement|rembours\w*)\b", item.sentence.folded):
                phrase = item.sentence.text[single.start() :]
                found.put(
                    f"{base}.instalments[0]",
                    {
                        "kind": "single",
                        "percent": "100",
                        "trigger": _trigger(found, located, position, phrase, "single"),
                    },
                    item.sentence.start + single.start(),
                    item.sentence.end,
                )
                break
    instalments = found.get(f"{base}.instalments") or []
    if len(instalments) >= 2:
        # unnamed shares of a split payment: the first is an advance, the last the balance
        for position, instalment in enumerate(instalments):
            if instalment["kind"] in ("single", "interim"):
                final = position == len(instalments) - 1
                instalment["kind"] = (
                    "advance" if position == 0 else "balance" if final else "interim"
                )


def _trigger(
    found: Found, located: list[Located], position: int, phrase: str, kind: str
) -> dict[str, object]:
    """What makes a payment due, read in the words that follow its share."""
    item = located[position]
    folded = fold(phrase)
    trigger: dict[str, object] = {}
    when = rx.search(
        r"((?:a|des|apres) (?:la )?(?:signature|notification)[^,;.]*?|(?:sur|apres) (?:presentation|production|reception|remise|transmission)[^,;.]*?|a (?:la )?reception[^,;.]*?|"
        r"apres (?:approbation|validation)[^,;.]*?|"
        r"dans (?:le mois|les \w+ (?:jours|mois)) (?:qui )?sui\w+ (?:la|sa) (?:signature|notification)[^,;.]*?|au plus tard le [^,;.]*?|le \d{1,2}(?:er)? \w+ \d{4})(?=\s+et (?:le|la|les|pour)\b|[,;.]|$)",
        folded,
    )
    if when:
        trigger["text"] = phrase[when.start() : when.end()].strip()
        words = when.group()
        if words.startswith("dans ") or rx.match(
            r"(?:a|des|apres) (?:la )?(?:signature|notification)", words
        ):
            trigger["kind"] = "on_signature"
        elif words.startswith(("sur", "a la reception", "a reception")) or rx.match(
            r"apres (?:presentation|production|reception|remise|transmission)", words
        ):
            trigger["kind"] = "on_documents"
            scope = (
                phrase
                if "ci-dessus" not in words
                else " ".join(
                    o.sentence.text
                    for o in located[max(0, position - 3) : position + 1]
                    if o.article == item.article
                )
            )
            documents = _documents(scope, _body_names(found))
            if documents:
                trigger["documents"] = documents
        elif words.startswith("apres"):
            trigger["kind"] = "on_approval"
        else:
            dates = find_dates(phrase)
            if dates:
                trigger["kind"] = "on_date"
                trigger["date"] = dates[0].value.value.isoformat()
    if "kind" not in trigger:
        trigger["kind"] = "on_documents" if kind == "balance" else "on_signature"
    return trigger
