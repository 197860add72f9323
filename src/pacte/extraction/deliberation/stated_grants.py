"""Sums granted written in the prose of an act, outside its operative part.

Minutes and deliberations often state the sum of a subsidy in a sentence of the report
or of the item (« la Région s'engage à soutenir le projet pour une dotation maximale de
4 000 000 € », « décide d'attribuer une subvention de 360 € (30 € par élève) », « soit
une aide chiffrée à 4 400 euros »), not in a « DÉCIDE : » paragraph. This recogniser reads
them: a word of a grant (subvention, aide, participation, dotation, contribution, fonds de
concours), then within a short stretch of the same sentence its first sum. It leaves out
the sums described rather than granted (a subsidy that « reste stable avec 23 000 € », a
« participation 47 € » asked of the public), the sums asked for (« solliciter une
subvention de … »), the costs and budgets the grant is computed on, the items announced
by an agenda, and a sum that only follows another (its breakdown): a verb of granting
comes before the word of the grant.
"""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.french import find_amounts
from pacte.extraction.lazy import lazy
from pacte.extraction.text import clean, folded_view

_NOUN = lazy(
    r"\b(?:subventions?|aides? financieres?|aides?|participations?(?: financieres?)?|dotations?"
    r"|contributions?(?: financieres?)?|fonds de concours)\b"
)
_SENTENCE = lazy(r"[.;!?](?=\s+[A-Z0-9À-Ý«(-])|\n[ \t]*\n|:\s*\n")
_VERB = lazy(
    r"\b(?:attribu(?:er|e|ent|ant|tion)|accord(?:er|e|ent|ant)|allou(?:er|e|ent|ant)|octroi"
    r"|octroy(?:er|ant)|vers(?:er|e|ent|ement)|s'engage a (?:soutenir|verser|financer|apporter"
    r"|accorder))\b"
)
"""Granting: a subsidy given, not described (« décide d'attribuer une subvention », « le
versement d'une subvention », « s'engage à soutenir le projet pour une dotation », the
heading « Attribution de subventions … »)."""
_VERB_REACH = 100
"""Characters between the verb and the word of the grant, at most (the beneficiary may
stand between: « attribue à l'association X une subvention »)."""
_CONTENTS = lazy(r"\.{4,}|…{2,}|_{4,}")
"""Dotted leaders: an agenda or a table of contents announces items, it grants nothing."""
_REACH = 90
"""Characters between the word of the grant and its sum, at most."""
_STATED = lazy(r"\b(?:pour |d')un montant (?:global |total )?de\s*$")
_REACH_STATED = 200
"""« Attribution de subventions de fonctionnement à des structures de création et de
diffusion artistique pour un montant global de 84 000 euros »: the sum announced as such
may stand further."""
_NOT_GRANTED = lazy(
    r"\bsollicit|\bdemand(?:e|er|era|erait|erons|ons|ent)\b|\bsouhaite obtenir\b|\bcandidat|\bsolde\b"
    r"|\bremboursement\b|\bemprunt\b|\bpret\b"
)
"""A sentence that asks for a subsidy, or speaks of repaying one: nothing granted."""
_GRANTED_BEFORE = lazy(
    r"\b(?:a|avait|ont|avaient)\s+(?:deja\s+)?(?:accorde|attribue|alloue|octroye|verse|vote)\b"
)
"""« Le Conseil, lors de sa séance du 20 février, a accordé … une subvention de 60 000 € »:
a sum granted before, told in the report, not granted by this act (« lors de sa séance
du … » alone may be this session's, in a list of its deliberations)."""
_BETWEEN = lazy(
    r"\b(?:cout|couts|budget|total|depenses?|enveloppe|travaux|marche|lots?|devis|assiette|"
    r"base|plan de financement|montant (?:global|total) (?:du|des|de l'operation)|ht\b|ttc\b|"
    r"estime|estimee?s?|prix|tarif|loyer|capital)\b"
)
"""Words between the grant and the sum that make the sum another figure (its basis, a
cost, a price)."""
_PER = lazy(
    r"\s*(?:ht\b|ttc\b)?\s*(?:par|/)\s*(?:an|mois|jour|heure|eleve|enfant|habitant|repas|m2|m²|personne|participant|adherent|licencie)\b"
)
"""A rate (« 30 € par élève »), not a sum granted."""
_YEAR = lazy(
    r"\b(?:exercice|annee|au titre de (?:l'annee |l'exercice )?|budget(?: primitif)?)\s+(20\d\d)\b"
)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (a capital after the stop: the original text)."""
    spans = []
    position = start
    for stop in _SENTENCE.finditer(text, start, end):
        spans.append((position, stop.start()))
        position = stop.end()
    spans.append((position, end))
    return spans


def stated_grants(text: str, start: int = 0, end: int | None = None) -> list[dict[str, object]]:
    """Sums granted stated in the prose of ``text[start:end]``, each once, in order.

    >>> [g["amount"] for g in stated_grants(
    ...     "Après en avoir délibéré, à l'unanimité, décide d'attribuer une subvention de 360 € "
    ...     "(30 € par élève) pour le voyage. Le coût total du voyage est de 9 000 €.")]
    ['360.00']
    >>> stated_grants("Le conseil autorise le Maire à solliciter une subvention de 30 000 € "
    ...               "auprès de l'État.")
    []
    """
    stop = len(text) if end is None else end
    folded = folded_view(text)
    granted: list[dict[str, object]] = []
    seen: set[str] = set()
    for sentence_start, sentence_end in _sentences(text, start, stop):
        amounts = find_amounts(text, sentence_start, sentence_end)
        if not amounts:
            continue
        taken_until = sentence_start
        for noun in _NOUN.finditer(folded, sentence_start, sentence_end):
            if noun.start() < taken_until:
                continue
            following = [a for a in amounts if a.start >= noun.end()]
            if not following:
                break
            amount = following[0]
            between = folded[noun.end() : amount.start]
            taken_until = amount.end
            window = max(sentence_start, noun.start() - _VERB_REACH)
            verb = [v for v in _VERB.finditer(folded, window, noun.start())]
            stated = _STATED.search(between)
            if verb and verb[-1].group().startswith("attribution") and not stated:
                # « l'attribution d'une subvention de … » in a list of items: named, not
                # granted; « Attribution de subventions … pour un montant global de … »
                # heads the act that grants them
                verb = []
            if (
                not verb
                or rx.search(r"[.;]\s", folded[verb[-1].end() : noun.start()])
                or _NOT_GRANTED.search(folded, window, amount.end)
                or _GRANTED_BEFORE.search(folded, sentence_start, amount.start)
                or _CONTENTS.search(folded, window, amount.end + 20)
                or amount.start - noun.end() > (_REACH_STATED if stated else _REACH)
                or _BETWEEN.search(between)
                or _PER.match(folded, amount.end)
                or amount.value <= 0
            ):
                continue
            value = f"{amount.value:.2f}"
            if value in seen:
                continue
            seen.add(value)
            year = _YEAR.search(folded, sentence_start, sentence_end)
            label_end = amount.start
            stated = _STATED.search(folded, noun.end(), amount.start)
            if stated:
                label_end = stated.start()  # « subventions … pour un montant global de »
            label = clean(text[noun.start() : label_end].replace("\n", " ")).rstrip(" ,:")
            granted.append(
                {
                    "amount": value,
                    "year": int(year.group(1)) if year else None,
                    "label": label or "montant accordé",
                }
            )
    return granted


_VISA = lazy(r"(?:^|\n)[ \t]*vu\b")


def visa_grants(text: str, end: int) -> list[dict[str, object]]:
    """Sums granted by the deliberation a convention cites in its visas, before ``end``
    (its parties): « Vu la délibération n° … du … accordant une subvention d'un montant de
    6 650 euros à l'association … ». A sum without a year of its own takes the year the
    visas state, when they state one only (« au titre de l'exercice 2019 »)."""
    folded = folded_view(text)
    visas = list(_VISA.finditer(folded, 0, end))
    if not visas:
        return []
    start = visas[0].start()
    grants = stated_grants(text, start, end)
    years = {int(m.group(1)) for m in _YEAR.finditer(folded, start, end)}
    if len(years) == 1:
        year = years.pop()
        grants = [{**grant, "year": grant["year"] or year} for grant in grants]
    return grants
