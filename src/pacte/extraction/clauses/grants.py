"""Money: amounts granted by the convention, per year, other funders, amounts spent."""

from __future__ import annotations

from pacte.extraction import rx
from pacte.extraction.clauses.common import Located, _body_names, _clause_before, _documents
from pacte.extraction.clauses.instalments import _instalments
from pacte.extraction.french import (
    find_amounts,
    find_years,
    parse_number,
)
from pacte.extraction.lazy import lazy
from pacte.extraction.result import Found
from pacte.extraction.segments import Segments
from pacte.extraction.sentences import parties_named
from pacte.extraction.text import fold


def _grants(
    found: Found, segments: Segments, located: list[Located], aliases: list[list[str]]
) -> None:
    money = [item for item in located if find_amounts(item.sentence.text)]
    if not money:
        return
    base = "grants[0]"
    authority = next(
        (i for i in range(len(aliases)) if found.get(f"parties[{i}].role") == "public_authority"),
        None,
    )
    beneficiary = next(
        (i for i in range(len(aliases)) if found.get(f"parties[{i}].role") == "beneficiary"), None
    )
    found.put(f"{base}.key", "subvention")
    if authority is not None:
        found.put(f"{base}.grantor", found.get(f"parties[{authority}].key"))
    if beneficiary is not None:
        found.put(f"{base}.beneficiary", found.get(f"parties[{beneficiary}].key"))
    text = segments.text
    # where the grant is stated: the first sum said to be granted, else the first that is no
    # cost nor budget
    first = next(
        (
            item
            for test in (_granted, lambda text, at: not _spent(text, at))
            for item in money
            if any(test(item.sentence.text, a.start) for a in find_amounts(item.sentence.text))
        ),
        money[0],
    )
    found.put(
        f"{base}.place",
        {"article": first.article, "quote": first.sentence.text},
        first.sentence.start,
        first.sentence.end,
    )
    years: list[dict[str, object]] = []
    unyeared: list[tuple[str, int, int]] = []
    for item in money:
        sentence = item.sentence
        folded = sentence.folded
        purpose = rx.search(
            r"\b(?:en vue de |afin de |en )((?:soutien|soutenir)[^,.;]+?)(?=\s(?:s'|se |est |sont |lui |leur )|[,.;]|$)",
            folded,
        )
        if purpose and found.get(f"{base}.purpose") is None:
            found.put(f"{base}.purpose", sentence.text[purpose.start(1) : purpose.end(1)].strip())
        if "fonctionnement" in folded:
            found.put(f"{base}.kind", "operating")
        elif "investissement" in folded:
            found.put(f"{base}.kind", "investment")
        rows = _rows(text[sentence.start : sentence.end])
        if rows:
            # a table with one row per year (a TOTAL row left out)
            for year_number, value in rows:
                if not any(y["year"] == year_number for y in years):
                    years.append({"year": year_number, "amount": value})
            continue
        previous_end = 0
        for amount in find_amounts(sentence.text):
            value = f"{amount.value:.2f}"
            lead = sentence.text[previous_end : amount.start]
            previous_end = amount.end
            if _spent(sentence.text, amount.start):
                continue  # a cost, a budget, a capital: not a sum granted
            if _THRESHOLD.search(folded, max(0, amount.start - 40), amount.start):
                continue  # « une subvention dont le montant excède un seuil fixé à 23 000 € »
            if _other_funder(lead, found, aliases, authority):
                continue  # « la Région apporte 20 000 € »: another funder's share
            if _other_agreement(sentence.text, amount.start, amount.end):
                continue  # « s'ajoute à l'aide de 3 000 € prévue par la convention-cadre »
            if rx.search(r"annee pleine|par an\b|annuel", folded):
                found.put(
                    f"{base}.annual_amount",
                    value,
                    sentence.start + amount.start,
                    sentence.start + amount.end,
                )
                continue
            stated_years = [y.value for y in find_years(sentence.text)]
            if not stated_years:
                if _granted(sentence.text, amount.start):
                    unyeared.append(
                        (value, sentence.start + amount.start, sentence.start + amount.end)
                    )
                continue
            own = _year_of(sentence.text, amount.start, amount.end)
            year: dict[str, object] = {
                "year": own if own is not None else stated_years[0],
                "amount": value,
            }
            months = rx.search(
                r"(?:aux|les|des)\s+(\w+)\s+(?:premiers|derniers)\s+mois(?:\s+de\s+\w+)?", folded
            )
            if months and (count := parse_number(months.group(1))):
                year["months"] = count
                year["label"] = sentence.text[
                    months.start() + len(months.group().split(" ")[0]) + 1 : months.end()
                ]
            if not any(y["year"] == year["year"] for y in years):
                years.append(year)
    if (
        unyeared
        and not found.get(f"{base}.annual_amount")
        and not any("amount" in y for y in years)
    ):
        # « une subvention d'investissement d'un montant de 22 750 € »: the whole grant
        found.put(f"{base}.total_amount", unyeared[0][0], unyeared[0][1], unyeared[0][2])
    start, end = found.get("term.start"), found.get("term.end")
    if found.get(f"{base}.annual_amount") and start and end:
        # « en année pleine, pendant la durée de la convention »: every year of the term
        for year_number in range(int(start[:4]), int(end[:4]) + 1):
            if not any(y["year"] == year_number for y in years):
                years.append({"year": year_number})
        years.sort(key=lambda y: int(str(y["year"])))
    if found.get(f"{base}.annual_amount") and any("months" in y for y in years):
        found.put(f"{base}.prorata", {"basis": "months"})
    found.put(f"{base}.years", years)
    bodies = {
        fold(str(b.get("name"))): str(b.get("key")) for b in found.get("governing_bodies") or []
    }
    _instalments(found, located, base, bodies)
    for item in located:
        folded = item.sentence.folded
        if (
            rx.search(r"conditions d'(?:utilisation|emploi)", folded)
            and found.get(f"{base}.conditions_of_use") is None
        ):
            found.put(
                f"{base}.conditions_of_use",
                item.sentence.text,
                item.sentence.start,
                item.sentence.end,
            )
        if (
            rx.search(r"subvention[^.]*(?:reconduite|renouvelee)", folded)
            and found.get(f"{base}.renewal_condition") is None
        ):
            found.put(
                f"{base}.renewal_condition",
                item.sentence.text,
                item.sentence.start,
                item.sentence.end,
            )
            documents = _documents(item.sentence.text, _body_names(found))
            if documents:
                found.put(f"{base}.renewal_documents", documents)


_GRANTING = lazy(
    r"\b(?:subventions?|participation|contribution|aide financiere|dotation|concours financier|"
    r"accorde|attribue|alloue|octroie|verse(?:ra)?)\b"
)
_SPENDING = lazy(
    r"\b(?:couts?|budgets?|capital|estimee?s?|depenses?|plan de financement|fonds propres|"
    r"valoris\w*|chiffre d'affaires|autofinancement|cofinanc\w*|prix)\b|^\W*total\b"
)


_YEAR_AFTER = lazy(
    r"\s*(?:\([^)]{0,80}\)\s*)?,?\s*(?:en|pour|au titre de)\s+(?:l'(?:annee|exercice)\s+)?((?:19|20)\d{2})\b"
)
_YEAR_BEFORE = lazy(
    r"\b(?:en|pour|au titre de)\s+(?:l'(?:annee|exercice)\s+)?((?:19|20)\d{2})\s*[:,]?\s*$"
)


def _year_of(sentence: str, start: int, end: int) -> int | None:
    """The year written right beside an amount: « 54 500 € en 2025 », « pour 2026 : 57 000 € »,
    so that « 52 000 € en 2024, 54 500 € en 2025 et 57 000 € en 2026 » gives three years."""
    after = _YEAR_AFTER.match(fold(sentence[end : end + 120]))
    if after:
        return int(after.group(1))
    before = _YEAR_BEFORE.search(fold(sentence[max(0, start - 40) : start]))
    return int(before.group(1)) if before else None


_FUNDER = lazy(
    r"\b(?:l'etat|la region|le departement|la commune|la ville|la communaute(?: de communes| "
    r"d'agglomeration| urbaine)?|la metropole|l'union europeenne|l'europe|(?:les )?fonds "
    r"europeens|le feder|le fse\+?|la caf|l'ars|la drac|la dreets|l'ademe|bpifrance|"
    r"l'agence \w+)\b"
)


def _other_funder(lead: str, found: Found, aliases: list[list[str]], authority: int | None) -> bool:
    """The words before an amount (back to the previous one) name a funder that is not the
    authority granting under the convention: « la Région apporte 20 000 € et l'État … »."""
    clause = fold(lead.replace("\n", " ")).split(";")[-1]
    funders = list(_FUNDER.finditer(clause))
    if not funders or authority is None:
        return False
    if authority in parties_named(clause, aliases):
        return False
    word = funders[-1].group().split()[-1].strip("'").removeprefix("l'")
    name = fold(str(found.get(f"parties[{authority}].organisation.name") or ""))
    return word not in name and not any(word in alias for alias in aliases[authority])


_THRESHOLD = lazy(
    r"\b(?:exced\w*|depass\w*|superieure? (?:ou egale? )?a|au-dela de|seuil(?: fixe)?(?: a| de)?)"
    r"(?: un seuil(?: fixe)?(?: a| de)?)?\s*$"
)
"""A legal threshold (« dont le montant excède un seuil fixé à 23 000 euros »), no sum granted."""
_ADDED_TO = lazy(r"\b(?:s'ajoute(?:nt)?|vien(?:nen)?t s'ajouter|s'additionne(?:nt)?) a\b")
_OTHER_AGREEMENT = lazy(
    r"^[^.;]{0,40}?\b(?:prevue?s?|fixee?s?|accordee?s?|attribuee?s?|consentie?s?)\s+"
    r"(?:par|dans|a|au titre de)\s+(?:la|le|l'|une?)\s*(?!presente?\b)"
    r"(?:convention|contrat|accord)\b"
)


def _other_agreement(sentence: str, start: int, end: int) -> bool:
    """An amount of another agreement: « Cette subvention s'ajoute à l'aide annuelle de
    3 000 € prévue par la convention-cadre » (the sum it is added to, or a sum stated as
    set by another convention than this one)."""
    if _ADDED_TO.search(_clause_before(sentence, start)):
        return True
    return bool(_OTHER_AGREEMENT.match(fold(sentence[end : end + 120])))


def _spent(sentence: str, at: int) -> bool:
    """An amount a cost, a budget, a capital or a total stands for (« le coût … est estimé à
    65 000 € »), unless a grant is named after that word (« sur un budget de …, la Ville
    accorde une subvention de … »)."""
    clause = _clause_before(sentence, at)
    spent = [m.start() for m in _SPENDING.finditer(clause)]
    granted = [m.start() for m in _GRANTING.finditer(clause)]
    return bool(spent) and (not granted or max(spent) > max(granted))


def _granted(sentence: str, at: int) -> bool:
    """An amount stated as granted: a grant is named before it and no cost or budget since."""
    clause = _clause_before(sentence, at)
    return bool(_GRANTING.search(clause)) and not _spent(sentence, at)


def _rows(raw: str) -> list[tuple[int, str]]:
    """(year, amount) of a table laid out as text, one line a year (« 2025   85 000,00 € »);
    empty unless at least two lines each give one year and an amount. A period in brackets
    (« Exercice 2027 (du 1er janvier 2027 au 31 mars 2028) … 30 000 € ») does not name
    another year."""
    rows: list[tuple[int, str]] = []
    for line in raw.split("\n"):
        if rx.match(r"^\W*total\b", fold(line)):
            continue
        amounts = find_amounts(line)
        line_years = [y.value for y in find_years(rx.sub(r"\([^()]*\)", " ", line))]
        if amounts and len(set(line_years)) == 1:
            rows.append((line_years[0], f"{amounts[0].value:.2f}"))
    return rows if len({year for year, _ in rows}) >= 2 else []
