"""The clauses of a convention: objectives, commitments, money, term, renewal, notice,
governing bodies, workstreams and milestones, reporting duties.

Each clause is looked for in the whole body of the convention, sentence by sentence,
with the article (or numbered section) it sits in kept as its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from pacte.extraction.french import (
    Found as Hit,
)
from pacte.extraction.french import (
    Unit,
    find_amounts,
    find_dates,
    find_durations,
    find_percents,
    find_years,
    parse_number,
)
from pacte.extraction.result import Found
from pacte.extraction.segments import Block, Segments, items_in, sections_in
from pacte.extraction.sentences import Sentence, bullets, parties_named, party_aliases, sentences
from pacte.extraction.text import clean, fold

_SHEET_REFERENCE = re.compile(r"cf\.?\s*fiches?\s+actions?\s+([\d ,et]+)")
_COMMITMENT = re.compile(
    r"\b(s'engage(?:nt|ra|ront)?|s'efforcer(?:a|ont)|s'efforce(?:nt)?|s'attache(?:nt)?|se propose(?:nt)?|s'oblige(?:nt)?|veille(?:nt|ra|ront)? a)\b"
)


@dataclass(frozen=True)
class Located:
    """A sentence and the number of the article or section it belongs to."""

    sentence: Sentence
    place: str
    article: str


def _opens_paragraph(text: str, section: Block) -> bool:
    """« 3.1 La Communauté attribue … » numbers a paragraph that goes on over the next line;
    a heading (« II.2 - Engagement de la Ville ») stands alone on its line."""
    if "\n" in text[section.start : section.title_start]:
        return False
    title = clean(text[section.title_start : section.title_end])
    if re.search(r"[.;]$", title) and len(title.split()) >= 8:
        # « 4.1 – La Région contribue … en 2026. » written on one line: a sentence
        return True
    following = text[section.title_end + 1 : section.end].split("\n", 1)[0]
    return bool(following.strip())


def _located(segments: Segments) -> list[Located]:
    text = segments.text
    result = []
    for article in segments.articles:
        sections = sections_in(text, article.body_start, article.end)
        headings = [s for s in sections if not _opens_paragraph(text, s)]
        boundaries = [(article.body_start, article.number)]
        boundaries += [(s.start if s in headings else s.title_start, s.number) for s in sections]
        for index, (begin, number) in enumerate(boundaries):
            # a numbered paragraph begins after its number
            stop = sections[index].start if index < len(sections) else article.end
            for sentence in sentences(text, begin, stop):
                # section headings are not clauses
                if any(s.start <= sentence.start < s.body_start for s in headings):
                    continue
                result.append(Located(sentence, number, article.number))
    return result


_PLAIN_HEADING = re.compile(
    r"^[ \t]*([IVXLC]+|\d{1,2})[ \t]*[.)][ \t]*(?:[-–—][ \t]*)?(\S.{2,80}?)[ \t]*$"
)


def _plain_headings(
    text: str, start: int, end: int, *, capitals: bool
) -> list[tuple[int, int, re.Match[str]]]:
    """Lines « II. - MONTANT DE LA SUBVENTION » (``capitals``), or « 3. Montant du soutien »:
    a short title with a capital initial, alone between blank lines, the numbers following
    each other from 1 (a numbered list in a paragraph is not a heading)."""
    found: list[tuple[int, int, re.Match[str]]] = []
    offset = start
    previous = ""
    raw_lines = text[start:end].split("\n")
    for index, line in enumerate(raw_lines):
        match = _PLAIN_HEADING.match(line)
        if match and capitals:
            if match.group(2) == match.group(2).upper() and re.search(r"[A-Z]{3}", match.group(2)):
                found.append((offset, offset + len(line), match))
        elif match:
            title = match.group(2).strip()
            following = raw_lines[index + 1] if index + 1 < len(raw_lines) else ""
            if (
                title[:1].isupper()
                and len(title.split()) <= 10
                and not re.search(r"[.;,]$", title)
                and not previous.strip()
                and not following.strip()
            ):
                found.append((offset, offset + len(line), match))
        previous = line
        offset += len(line) + 1
    if not capitals:
        numbers = [m.group(1) for _, _, m in found]
        if numbers != [str(n) for n in range(1, len(numbers) + 1)] or len(numbers) < 3:
            return []
    return found


def _plain_articles(segments: Segments) -> list[Block]:
    """Parts headed « I. - OBJET », « II. - MONTANT DE LA SUBVENTION » (a number and a title in
    capitals on a line of its own), or « 3. Montant du soutien » (a title in small letters
    alone between blank lines, numbered 1, 2, 3 …), for a convention without « Article »
    headings."""
    if segments.convention is None:
        return []
    text = segments.text
    start = segments.parties[1] if segments.parties else segments.convention[0]
    ends = [segments.convention[1]]
    if segments.signatures:
        ends.append(segments.signatures[0])
    ends += [b.start for b in segments.annexes + segments.sheets if b.start > start]
    end = min(ends)
    found = _plain_headings(text, start, end, capitals=True)
    if len(found) < 2:
        found = _plain_headings(text, start, end, capitals=False)
    if len(found) < 2:
        return []
    blocks = []
    for index, (begin, line_end, match) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else end
        title = match.group(2).strip(" :.-–—")
        blocks.append(
            Block(
                match.group(1),
                title,
                begin,
                stop,
                begin + match.start(2),
                line_end,
                min(line_end + 1, stop),
            )
        )
    return blocks


def _sheets_cited(phrase: str) -> list[int]:
    match = _SHEET_REFERENCE.search(fold(phrase))
    return [int(n) for n in re.findall(r"\d+", match.group(1))] if match else []


def extract_clauses(found: Found, segments: Segments) -> None:
    if not segments.articles:
        articles = _plain_articles(segments)
        if not articles:
            return
        segments = replace(segments, articles=articles)
    text = segments.text
    count = len(found.get("parties") or [])
    aliases = party_aliases(found, count, text)
    located = _located(segments)
    _articles(found, segments)
    _objectives(found, segments)
    _term(found, located, {a.number: a.title for a in segments.articles})
    _renewal(found, located)
    _termination(found, located, count)
    _commitments(found, located, aliases)
    _bodies(found, segments, located, aliases)
    _grants(found, segments, located, aliases)
    _workstreams(found, segments, aliases)
    _reporting(found, segments, located, aliases)


def _articles(found: Found, segments: Segments) -> None:
    text = segments.text
    for index, article in enumerate(segments.articles):
        base = f"articles[{index}]"
        found.put(f"{base}.number", article.number, article.start, article.title_start)
        if article.title:
            found.put(f"{base}.title", article.title, article.title_start, article.title_end)
        body = "\n".join(
            clean(line)
            for line in text[article.body_start : article.end].split("\n")
            if clean(line)
        )
        if body:
            found.put(f"{base}.text", body, article.body_start, article.end, 0.95)
        for number, section in enumerate(sections_in(text, article.body_start, article.end)):
            found.put(
                f"{base}.sections[{number}]",
                {"number": section.number, "title": section.title},
                section.title_start,
                section.title_end,
            )


def _objectives(found: Found, segments: Segments) -> None:
    text = segments.text
    for article in segments.articles:
        if not re.search(r"\b(objet|objectifs?)\b", fold(article.title)):
            continue
        stop = min(
            [b.start for b in items_in(text, article.body_start, article.end)] + [article.end]
        )
        for index, item in enumerate(bullets(text, article.body_start, stop)):
            found.put(f"objectives[{index}]", item.text, item.start, item.end)
        return


def _commitments(found: Found, located: list[Located], aliases: list[list[str]]) -> None:
    """Sentences where a party « s'engage à », « s'efforcera de », « s'attache à »…"""
    index = 0
    section_party: dict[str, int] = {}
    for position, item in enumerate(located):
        match = _COMMITMENT.search(item.sentence.folded)
        if not match or "logo" in item.sentence.folded:
            continue
        subject = item.sentence.text[: match.start()]
        parties = parties_named(subject, aliases)
        if not parties and re.match(r"^\s*(elle|il)\b", fold(subject)):
            parties = [section_party[item.place]] if item.place in section_party else []
        if not parties:
            continue
        section_party[item.place] = parties[0]
        for party in parties:
            found.put(f"commitments[{index}].party", found.get(f"parties[{party}].key"))
            found.put(
                f"commitments[{index}].text",
                item.sentence.text,
                item.sentence.start,
                item.sentence.end,
            )
            found.put(f"commitments[{index}].place", {"article": item.place})
            cited = _sheets_cited(item.sentence.text)
            for following in located[position + 1 :]:
                # « (Cf. fiche action 1) » may close the explanation that follows the promise
                if following.place != item.place or _COMMITMENT.search(following.sentence.folded):
                    break
                cited += [n for n in _sheets_cited(following.sentence.text) if n not in cited]
            if cited:
                found.put(f"commitments[{index}].action_sheets", cited)
            index += 1
    _communication(found, located, aliases)


def _communication(found: Found, located: list[Located], aliases: list[list[str]]) -> None:
    index = 0
    for position, item in enumerate(located):
        if "logo" not in item.sentence.folded:
            continue
        count = len(aliases)
        everyone = re.search(
            r"chaque partie|chacune des parties|les parties|les deux parties", item.sentence.folded
        )
        named = parties_named(item.sentence.text, aliases)
        parties = list(range(count)) if everyone else named
        logos_at = item.sentence.folded.find("logo")
        logos = parties_named(item.sentence.text[logos_at:], aliases) or parties
        keys = [found.get(f"parties[{p}].key") for p in parties]
        base = f"communication[{index}]"
        found.put(f"{base}.parties", keys)
        found.put(f"{base}.text", item.sentence.text, item.sentence.start, item.sentence.end)
        found.put(f"{base}.logos", [found.get(f"parties[{p}].key") for p in logos])
        found.put(f"{base}.place", {"article": item.place})
        cited = [
            n
            for other in located[max(0, position - 3) : position + 1]
            if other.place == item.place
            for n in _sheets_cited(other.sentence.text)
        ]
        if cited:
            found.put(f"{base}.action_sheets", sorted(set(cited)))
        index += 1


_INSTALMENT_KIND = (
    ("acompte", "advance"),
    ("avance", "advance"),
    ("solde", "balance"),
    ("restant", "balance"),
    ("reliquat", "balance"),
)
_DOCUMENTS = (
    ("proces-verbal", "minutes"),
    ("compte rendu financier", "financial_report"),
    ("compte-rendu financier", "financial_report"),
    ("bilan d'activite", "activity_report"),
    ("rapport d'activite", "activity_report"),
    ("comptes annuels", "accounts"),
    ("budget previsionnel", "budget"),
    ("factures", "invoices"),
)


def _documents(phrase: str, bodies: dict[str, str]) -> list[dict[str, str]]:
    """Supporting documents named in a phrase, with the body whose minutes approve them."""
    folded = fold(phrase)
    result: list[dict[str, str]] = []
    for keyword, kind in _DOCUMENTS:
        at = folded.find(keyword)
        if at == -1 or any(d["label"] and at < len(d["_end"]) for d in result):
            continue
        stop = len(phrase)
        for mark in (",", ";", "."):
            found_at = phrase.find(mark, at)
            if found_at != -1:
                stop = min(stop, found_at)
        document = {"kind": kind, "label": clean(phrase[at:stop]), "_end": "x" * stop}
        for name, key in bodies.items():
            if name in folded[at:stop]:
                document["approved_by"] = key
        result.append(document)
    return [{k: v for k, v in d.items() if k != "_end"} for d in result]


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
        purpose = re.search(
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
            if _other_funder(lead, found, aliases, authority):
                continue  # « la Région apporte 20 000 € »: another funder's share
            if _other_agreement(sentence.text, amount.start, amount.end):
                continue  # « s'ajoute à l'aide de 3 000 € prévue par la convention-cadre »
            if re.search(r"annee pleine|par an\b|annuel", folded):
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
            months = re.search(
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
            re.search(r"conditions d'(?:utilisation|emploi)", folded)
            and found.get(f"{base}.conditions_of_use") is None
        ):
            found.put(
                f"{base}.conditions_of_use",
                item.sentence.text,
                item.sentence.start,
                item.sentence.end,
            )
        if (
            re.search(r"subvention[^.]*(?:reconduite|renouvelee)", folded)
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


_GRANTING = re.compile(
    r"\b(?:subventions?|participation|contribution|aide financiere|dotation|concours financier|"
    r"accorde|attribue|alloue|octroie|verse(?:ra)?)\b"
)
_SPENDING = re.compile(
    r"\b(?:couts?|budgets?|capital|estimee?s?|depenses?|plan de financement|fonds propres|"
    r"valoris\w*|chiffre d'affaires|autofinancement|cofinanc\w*|prix)\b|^\W*total\b"
)


_YEAR_AFTER = re.compile(
    r"\s*(?:\([^)]{0,80}\)\s*)?,?\s*(?:en|pour|au titre de)\s+(?:l'(?:annee|exercice)\s+)?((?:19|20)\d{2})\b"
)
_YEAR_BEFORE = re.compile(
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


_FUNDER = re.compile(
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


_ADDED_TO = re.compile(r"\b(?:s'ajoute(?:nt)?|vien(?:nen)?t s'ajouter|s'additionne(?:nt)?) a\b")
_OTHER_AGREEMENT = re.compile(
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


def _clause_before(sentence: str, at: int) -> str:
    """The words before an amount, back to the start of its clause (« ; », « : », a line)."""
    head = sentence[:at]
    cut = max(head.rfind(";"), head.rfind(":"), head.rfind("\n"))
    return fold(head[cut + 1 :])


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
        if re.match(r"^\W*total\b", fold(line)):
            continue
        amounts = find_amounts(line)
        line_years = [y.value for y in find_years(re.sub(r"\([^()]*\)", " ", line))]
        if amounts and len(set(line_years)) == 1:
            rows.append((line_years[0], f"{amounts[0].value:.2f}"))
    return rows if len({year for year, _ in rows}) >= 2 else []


def _body_names(found: Found) -> dict[str, str]:
    names = {}
    for body in found.get("governing_bodies") or []:
        name = fold(str(body.get("name") or ""))
        names[name] = str(body.get("key"))
        short = re.sub(r"\s+(politique|technique)$", "", name)
        names.setdefault(short, str(body.get("key")))
    return names


_SINGLE_PAYMENT = re.compile(
    r"\b(?:versee?s?|payee?s?|mandatee?s?|liquidee?s?)\b[^.]*?\b(?:en (?:sa )?totalite|en une (?:seule )?fois|en un (?:seul )?versement|versement unique)\b"
)
_SHARE_OF_COST = re.compile(
    r"\s*(?:du|des) (?:cout|budget|depenses|montant (?:total )?des depenses|plan de financement)"
)


_PAYMENT_WORDS = re.compile(r"vers|pai|acompte|avance|solde|restant|liquid|tranche")
_CAP = re.compile(
    r"(?:exceder|depasser|superieure? a|inferieure? a|limite de|plafon\w*(?: a)?|maximum de|"
    r"minimum de|au moins|au plus|jusqu'a|hauteur maximale de)\s*(?:de\s+|d')?$"
)
_EQUAL_SPLIT = re.compile(
    r"\b(?:en\s+)?(deux|trois|quatre|cinq|dix|[2-9])\s+(?:versements|fractions|tranches|echeances|"
    r"acomptes|paiements|fois)(?:\s+(?:egaux|egales|identiques))?\s+(?:de|d'un montant de)\s*$"
)
_EQUAL_WORDS = re.compile(
    r"\ben\s+(deux|trois|quatre|cinq|dix|[2-9])\s+(?:versements|fractions|tranches|echeances|"
    r"paiements)\s+(?:egaux|egales|identiques)\b|\bpar moities?\b|\ben deux moities\b"
)
_REMAINDER = re.compile(r"\b(?:le|du|au) (?:solde|reliquat|restant|reste)\b")


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
    paid = re.search(r"\bverse|\bversement", sentence.folded)
    if not percents and equal and paid and count and 100 % count == 0:
        # « en deux versements égaux », « par moitié »: equal shares, described by the
        # bullets or the words that follow
        listed = [o.sentence.text for o in listed_after(located, position)]
        words = sentence.text[equal.end() :]
        parts = listed if len(listed) == count else re.split(r"[,;]\s+(?=le |la |l')", words)
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
            if single and not re.search(r"\b(?:reversement|rembours\w*)\b", item.sentence.folded):
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


def listed_after(located: list[Located], position: int) -> list[Located]:
    """The bullet items a sentence ending in « : » introduces, in the same place."""
    item = located[position]
    if not item.sentence.text.endswith(":"):
        return []
    result = []
    for other in located[position + 1 :]:
        if other.place != item.place:
            break
        result.append(other)
        if other.sentence.text.endswith("."):
            break
    return result


def _trigger(
    found: Found, located: list[Located], position: int, phrase: str, kind: str
) -> dict[str, object]:
    """What makes a payment due, read in the words that follow its share."""
    item = located[position]
    folded = fold(phrase)
    trigger: dict[str, object] = {}
    when = re.search(
        r"((?:a|des) la (?:signature|notification)[^,;.]*?|(?:sur|apres) (?:presentation|production|reception|remise|transmission)[^,;.]*?|a (?:la )?reception[^,;.]*?|"
        r"apres (?:approbation|validation)[^,;.]*?|"
        r"dans (?:le mois|les \w+ (?:jours|mois)) (?:qui )?sui\w+ (?:la|sa) (?:signature|notification)[^,;.]*?|au plus tard le [^,;.]*?|le \d{1,2}(?:er)? \w+ \d{4})(?=\s+et (?:le|la|les|pour)\b|[,;.]|$)",
        folded,
    )
    if when:
        trigger["text"] = phrase[when.start() : when.end()].strip()
        words = when.group()
        if words.startswith(("a la signature", "a la notification", "des la", "dans ")):
            trigger["kind"] = "on_signature"
        elif words.startswith(("sur", "a la reception", "a reception")) or re.match(
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


_TERM_TITLE = re.compile(r"\b(duree|date d'effet|prise d'effet|entree en vigueur|periode)\b")
_END_VERB = re.compile(
    r"\b(?:s'acheve(?:ra|r)?|expire(?:ra|r)?|prend(?:ra|re)? fin|se termine(?:ra|r)?|"
    r"arrive(?:ra|r)? a (?:son )?(?:terme|echeance)|jusqu'au)\b"
)
_NOT_TERM_DURATION = re.compile(
    r"(?:delai|preavis)\s+(?:de\s+)?(?:d')?$|(?:par periodes?|periodes successives)\s+(?:de\s+|d')$|(?:dans les|pendant)\s+$"
)


def _period_of_term(folded: str) -> bool:
    """« … pour une durée de trois ans, du 1er janvier 2025 au … », « Elle couvre la période
    du 1er janvier 2025 au 31 décembre 2027 » (the convention as subject), « La convention est
    conclue (Nous concluons la présente convention) pour trois ans, du … au … »."""
    return (
        "duree" in folded
        or bool(
            re.match(r"(?:elle|celle-ci|la (?:presente )?convention)\b", folded)
            and re.search(r"\bperiode\b", folded)
        )
        or bool(re.search(r"\bconvention\b[^.;]*\bconclue\b|\bconclu(?:ons|ent)\b", folded))
    )


def _term_relevant(folded: str, durations: bool) -> bool:
    return bool(
        _ON_SIGNATURE.search(folded)
        or (_PERIOD.search(folded) and _period_of_term(folded))
        or (
            durations and re.search(r"\bconclu(?:e|ons|ent)\b|signee|duree|periode|valable", folded)
        )
        or re.search(r"prend(?:ra)? effet|entre(?:ra)? en vigueur", folded)
    )


_ON_SIGNATURE = re.compile(
    r"(?:debutant|prend(?:ra)? effet|entre(?:ra)? en vigueur|court|a compter)\b[^.]*\b(?:de )?(?:la |sa )?(?:date de (?:sa |la )?)?signature"
)
_PERIOD = re.compile(r"\bdu\s+(.{6,30}?)\s+au\s+(.{6,30}?\d{4})")


def _term_durations(sentence: Sentence) -> list[Hit[tuple[int, Unit]]]:
    return [
        d
        for d in find_durations(sentence.text)
        if not _NOT_TERM_DURATION.search(fold(sentence.text[max(0, d.start - 25) : d.start]))
        and not re.match(r"\s*avant\b", fold(sentence.text[d.end : d.end + 10]))
    ]


def _term(found: Found, located: list[Located], titles: dict[str, str]) -> None:
    """Start, end and duration of the convention, from the article about its term (the one
    titled « Durée », « Date d'effet »… when there is one), sentence after sentence."""
    relevant = [
        item
        for item in located
        if _term_relevant(item.sentence.folded, bool(_term_durations(item.sentence)))
    ]
    titled = [item for item in relevant if _TERM_TITLE.search(fold(titles.get(item.article, "")))]
    chosen = titled or relevant
    if not chosen:
        return
    article = chosen[0].article
    first = chosen[0].sentence
    found.put("term.place", {"article": article, "quote": first.text}, first.start, first.end)
    for item in chosen:
        if item.article != article:
            continue
        _term_sentence(found, item.sentence)
    if titled and found.get("term.end") is None:
        # « Elle demeure en vigueur jusqu'au versement du solde, et au plus tard jusqu'au
        # 31/12/2026 »: another sentence of the article on the term, about the convention
        for item in located:
            if item.article == article and re.match(
                r"^(?:elle|celle-ci|la (?:presente )?convention)\b", item.sentence.folded
            ):
                _end_date(found, item.sentence)
    if found.get("term.start_rule") is None:
        found.put("term.start_rule", "on_signature", confidence=0.5)
        found.note("Début de la convention non indiqué : supposé à la signature.")


def _term_sentence(found: Found, sentence: Sentence) -> None:
    folded = sentence.folded
    on_signature = _ON_SIGNATURE.search(folded)
    period = _PERIOD.search(sentence.text)
    if on_signature and found.get("term.start_rule") is None:
        found.put(
            "term.start_rule",
            "on_signature",
            sentence.start + on_signature.start(),
            sentence.start + on_signature.end(),
        )
    from_date = re.search(
        r"(?:a compter du|a partir du|prend(?:ra)? effet (?:le|au)|debute(?:ra)? le)\s+(?!jour)",
        folded,
    )
    if from_date and not on_signature and not period and found.get("term.start") is None:
        starts = [
            d
            for d in find_dates(sentence.text, from_date.start())
            if d.value.kind.value in ("exact", "from")
        ]
        if starts:
            found.put("term.start_rule", "fixed_date")
            found.put(
                "term.start",
                starts[0].value.value.isoformat(),
                sentence.start + starts[0].start,
                sentence.start + starts[0].end,
            )
    if period and _period_of_term(folded) and found.get("term.start") is None:
        dates = [
            d
            for d in find_dates(sentence.text, period.start(), period.end())
            if d.value.kind.value in ("exact", "deadline")
        ]
        if len(dates) >= 2:
            found.put("term.start_rule", "fixed_date")
            found.put(
                "term.start",
                dates[0].value.value.isoformat(),
                sentence.start + dates[0].start,
                sentence.start + dates[0].end,
            )
            found.put(
                "term.end",
                dates[1].value.value.isoformat(),
                sentence.start + dates[1].start,
                sentence.start + dates[1].end,
            )
    _end_date(found, sentence)
    durations = _term_durations(sentence)
    if durations and found.get("term.duration") is None:
        value, unit = durations[0].value
        found.put(
            "term.duration",
            {"value": value, "unit": unit.value},
            sentence.start + durations[0].start,
            sentence.start + durations[0].end,
        )


def _end_date(found: Found, sentence: Sentence) -> None:
    """« elle s'achève le 31 décembre 2027 », « expire le 31/12/2027 », « pour s'achever le … »"""
    if found.get("term.end") is None:
        for verb in _END_VERB.finditer(sentence.folded):
            ends = [
                d
                for d in find_dates(sentence.text, verb.start())
                if d.start <= verb.end() + 4 and d.value.kind.value in ("exact", "deadline")
            ]
            if ends:
                found.put(
                    "term.end",
                    ends[0].value.value.isoformat(),
                    sentence.start + ends[0].start,
                    sentence.start + ends[0].end,
                )
                break


_TACIT = re.compile(
    r"tacite(?:ment)? reconduction|reconduction tacite|reconduite?s? tacitement|renouvel\w* tacitement|par tacite|renouvellement tacite"
)
_NOT_TACIT = re.compile(
    r"\bn(?:e\b|')[^.;,]{0,40}?\btacite|\b(?:aucune?|pas de|toute) (?:reconduction|renouvellement) tacite|sans (?:reconduction|renouvellement) tacite"
)
_EXPRESS = re.compile(
    r"reconduction (?:est )?(?:soumise|subordonnee)|accord expres|reconduction expresse|renouvellement expres|ne (?:pourra|peut) etre (?:reconduite|renouvelee) que|"
    r"(?:renouvel|reconduit|reconduct)\w*[^.;]{0,60}?\b(?:par (?:voie d')?avenant|expres(?:se|sement)?\b|par (?:une )?decision expresse)|expressement (?:renouvel|reconduit)"
)
_NO_RENEWAL = re.compile(
    r"non (?:renouvelable|reconductible)|n'est pas (?:renouvelable|reconductible)|ne (?:sera|pourra|peut) pas (?:etre )?(?:reconduite|renouvelee)|sans (?:reconduction|renouvellement)|"
    r"\baucune? (?:reconduction|renouvellement)\b(?! (?:tacite|expres|ne |sans|que|qu'))"
)


_NEITHER = re.compile(
    r"\bni (?:de (?:maniere|facon) )?tacite(?:ment)?,? ni (?:de (?:maniere|facon) )?expres(?:se|sement)?\b|"
    r"\bni (?:de (?:maniere|facon) )?expres(?:se|sement)?,? ni (?:de (?:maniere|facon) )?tacite(?:ment)?\b"
)
"""« aucune reconduction, ni tacite ni expresse »: renewal excluded in both forms."""


def _renewal_kind(folded: str) -> str | None:
    if _NEITHER.search(folded) and re.search(r"reconduct|reconduit|renouvel", folded):
        return "none"
    if _NOT_TACIT.search(folded):
        # « ne peut être reconduite tacitement », « aucune reconduction tacite »
        return "express" if _EXPRESS.search(folded) else "none"
    if _TACIT.search(folded):
        return "tacit"
    if _EXPRESS.search(folded):
        return "express"
    if _NO_RENEWAL.search(folded):
        return "none"
    return None


def _renewal(found: Found, located: list[Located]) -> None:
    """Tacit renewal stated anywhere wins; else an express renewal (« renouvelée par avenant
    exprès » after « aucune reconduction tacite »); else none."""
    kinds = [(kind, item) for item in located if (kind := _renewal_kind(item.sentence.folded))]
    if not kinds:
        return
    order = ("tacit", "express", "none")
    kind, item = min(kinds, key=lambda k: order.index(k[0]))
    folded = item.sentence.folded
    found.put("renewal.kind", kind, item.sentence.start, item.sentence.end)
    found.put("renewal.place", {"article": item.article, "quote": item.sentence.text})
    condition = re.search(r"(?:soumise|subordonnee) a (?:l')?(.+?)\.?$", folded)
    if kind == "express" and condition:
        found.put(
            "renewal.condition",
            item.sentence.text[condition.start(1) : condition.end(1)].rstrip(" ."),
        )
    limit = re.search(r"(\w+) fois|dans la limite de (\w+)", folded)
    if limit and kind == "tacit":
        count = parse_number(limit.group(1) or limit.group(2))
        if count:
            found.put("renewal.max_renewals", count)


_ENDING = re.compile(
    r"\b(?:denonc|resili)\w*|s'opposer a (?:sa |la |leur )?(?:reconduction|renouvellement)|mettre fin a"
)
_FAULT = re.compile(r"\bfaute\b|manquement|inexecution|non-respect|mise en demeure")
_BEFORE_END = re.compile(
    r"\s*avant (?:la |l'|le |son |sa )?(?:date (?:d')?anniversaire|echeance|terme|expiration|fin|date d'(?:echeance|expiration))"
)


def _notice(sentence: Sentence, *, strict: bool) -> list[Hit[tuple[int, Unit]]]:
    """Notice periods of a sentence: « préavis de trois mois », « délai de deux mois », « deux
    mois avant la date anniversaire »; ``strict`` keeps only a « préavis »."""
    text = sentence.text
    result = []
    for duration in find_durations(text):
        before = fold(text[max(0, duration.start - 25) : duration.start])
        after = fold(text[duration.end : duration.end + 40])
        if strict:
            if "preavis" in before:
                result.append(duration)
        elif re.search(r"delai|preavis", before) or _BEFORE_END.match(after):
            result.append(duration)
    return result


def _termination(found: Found, located: list[Located], count: int) -> None:
    """The notice to terminate; a clause on termination for a breach counts only when no other
    states one, and then only its « préavis » (not the delay of a formal notice)."""
    candidates = [item for item in located if _ENDING.search(item.sentence.folded)]
    chosen = [
        (item, notice)
        for item in candidates
        if not _FAULT.search(item.sentence.folded)
        and (notice := _notice(item.sentence, strict=False))
    ] or [
        (item, notice)
        for item in candidates
        if "mise en demeure" not in item.sentence.folded
        and (notice := _notice(item.sentence, strict=True))
    ]
    for item, notice in chosen[:1]:
        folded = item.sentence.folded
        value, unit = notice[0].value
        found.put(
            "termination.notice",
            {"value": value, "unit": unit.value},
            item.sentence.start + notice[0].start,
            item.sentence.start + notice[0].end,
        )
        if re.search(r"recommande|lrar|\bar\b|(?:accuse|avis) de reception", folded):
            found.put("termination.form", "registered_letter")
        elif "lettre" in folded or "courrier" in folded:
            found.put("termination.form", "letter")
        if re.search(r"l'une ou l'autre|chacune des parties|chaque partie|les parties", folded):
            found.put("termination.by", [found.get(f"parties[{i}].key") for i in range(count)])
        found.put("termination.text", item.sentence.text, item.sentence.start, item.sentence.end)
        found.put("termination.place", {"article": item.article})


_CADENCE = (
    (r"deux fois par an|semestriel|tous les six mois|chaque semestre|par semestre", "half-yearly"),
    (r"une fois par an|annuel|chaque annee|tous les ans|au moins une fois par an", "yearly"),
    (r"trimestriel|chaque trimestre|(?:une fois )?par trimestre|tous les trois mois", "quarterly"),
    (r"mensuel|chaque mois|une fois par mois", "monthly"),
    (
        r"tant que de besoin|autant que (?:de besoin|necessaire)|a la demande|si besoin|en fonction des besoins|selon les besoins",
        "as_needed",
    ),
)
_BODY = re.compile(
    r"\b(comite (?:de pilotage|technique|de suivi|d'orientation|de selection|de coordination)(?: (?:politique|technique|strategique|operationnel))?)"
)


def _bodies(
    found: Found, segments: Segments, located: list[Located], aliases: list[list[str]]
) -> None:
    text = segments.text
    index = -1
    seen: dict[str, str] = {}
    last: tuple[str, str] | None = None
    for position, item in enumerate(located):
        folded = item.sentence.folded
        match = _BODY.search(folded)
        if not match and last and item.article == last[0] and _MEETS_AGAIN.match(folded):
            # « Il se réunit une fois par trimestre » after the body is set up
            _cadence(found, last[1], item.sentence)
            continue
        if not match or not re.search(
            r"se reuni|constitue|compose|est cree|est institue|instaure", folded
        ):
            continue
        name = item.sentence.text[match.start(1) : match.end(1)]
        if fold(name) in seen:
            # « Le comité de pilotage se réunit une fois par trimestre » after « Il est institué »
            if re.search(r"se reuni", folded):
                _cadence(found, seen[fold(name)], item.sentence)
            continue
        index += 1
        base = f"governing_bodies[{index}]"
        key = re.sub(
            r"[^a-z]+",
            "-",
            fold(name).replace("comite de pilotage", "copil").replace("comite", "comite"),
        ).strip("-")
        kind = (
            "political"
            if "politique" in fold(name)
            else "technical"
            if "technique" in fold(name)
            else "steering"
        )
        found.put(
            base,
            {"key": key, "name": name, "kind": kind},
            item.sentence.start + match.start(1),
            item.sentence.start + match.end(1),
        )
        seen[fold(name)] = base
        last = (item.article, base)
        found.put(f"{base}.place", {"article": item.article})
        _cadence(found, base, item.sentence)
        composition = re.search(
            r"(constitue|compose)e?\s+(?:de |des |du |d')[^,.;:]+?(?=\s+se reuni|\s+est |[,.;:]|$)",
            folded,
        )
        if composition and not folded[composition.end() : composition.end() + 2].startswith(":"):
            phrase = item.sentence.text[composition.start() : composition.end()]
            found.put(f"{base}.composition", phrase)
            if re.search(r"(co-?)?signataires|des parties", fold(phrase)):
                found.put(
                    f"{base}.members",
                    [
                        {"role": "co-signataire", "party": found.get(f"parties[{p}].key")}
                        for p in range(len(aliases))
                    ],
                )
        purpose = re.search(r"\bpour\s+(.+)$", item.sentence.text)
        missions: list[str] = []
        if purpose and cadence_follows(folded, purpose.start()):
            missions = [
                m.strip(" .") for m in re.split(r"\s+et\s+(?=[a-zé]+er\b)", purpose.group(1))
            ]
        before = re.search(r"^en vue de\s+(.+?),", item.sentence.text, re.IGNORECASE)
        if before:
            missions.insert(0, before.group(1))
        _body_details(found, base, located, position, item, missions, aliases, text)


_MEETS_AGAIN = re.compile(r"^(?:il|celui-ci|ce comite|cette instance)\s+(?:se reuni|est reuni)")


def _cadence(found: Found, base: str, sentence: Sentence) -> None:
    """How often a body meets, from the first cadence the sentence states; never overwritten."""
    if found.get(f"{base}.cadence") is not None:
        return
    folded = sentence.folded
    for pattern, frequency in _CADENCE:
        cadence = re.search(pattern, folded)
        if cadence:
            meets = re.search(r"se reuni\w*", folded)
            start = meets.start() if meets and meets.start() < cadence.start() else cadence.start()
            found.put(
                f"{base}.cadence",
                {"frequency": frequency, "text": sentence.text[start : cadence.end()]},
            )
            return


def cadence_follows(folded: str, at: int) -> bool:
    return bool(re.search(r"se reuni", folded[:at]))


def _body_details(
    found: Found,
    base: str,
    located: list[Located],
    position: int,
    item: Located,
    missions: list[str],
    aliases: list[list[str]],
    text: str,
) -> None:
    """Members listed after « composé : », secretariat, attendees, missions listed after « rôle »."""
    members: list[dict[str, object]] = []
    listing = bool(_LISTING.search(item.sentence.folded))
    for other in located[position + 1 :]:
        if other.article != item.article:
            break
        folded = other.sentence.folded
        if _BODY.search(folded) and re.search(r"se reuni", folded):
            break
        if _LISTING.search(folded):
            listing = True
            continue
        member = re.match(r"^(du|de la|de l'|des|d')\s*", folded)
        if listing and member and len(other.sentence.text) < 200:
            role = other.sentence.text[member.end() :].rstrip(" ;,.")
            entry: dict[str, object] = {"role": role}
            named = parties_named(role, aliases)
            if named:
                entry["party"] = found.get(f"parties[{named[-1]}].key")
            members.append(entry)
            continue
        listing = False
        if "secretariat" in folded:
            assured = re.search(r"assure\w* par\s+(?:la |le |l')?(.+?)\.?$", folded)
            if assured:
                value = other.sentence.text[assured.start(1) : assured.end(1)]
                found.put(f"{base}.secretariat", value, other.sentence.start, other.sentence.end)
                named = parties_named(value, aliases)
                if named:
                    found.put(f"{base}.secretariat_party", found.get(f"parties[{named[0]}].key"))
        elif "accompagn" in folded:
            found.put(f"{base}.attendees", other.sentence.text)
        elif re.search(r"\b(son role|ses missions|il est charge|sa mission)\b", folded):
            article_end = max(o.sentence.end for o in located if o.article == item.article)
            missions += _nested(b.text for b in bullets(text, other.sentence.end, article_end))
    if members:
        found.put(f"{base}.members", members)
    if missions:
        found.put(f"{base}.missions", missions)


_LISTING = re.compile(r"compose\w*\s*(?:de|des)?\s*:\s*$")


def _nested(items: Iterable[str]) -> list[str]:
    """Bullets where « l'évaluation : » introduces « des travaux… », « de la … » sub-items."""
    result: list[str] = []
    prefix = ""
    for item in items:
        if item.endswith(":"):
            prefix = item.rstrip(" :")
            continue
        if prefix and re.match(r"^(de|des|du|d')\b", fold(item)):
            result.append(f"{prefix} {item}")
        else:
            prefix = ""
            result.append(item)
    return result


def _workstreams(found: Found, segments: Segments, aliases: list[list[str]]) -> None:
    text = segments.text
    index = 0
    for article in segments.articles:
        for item in items_in(text, article.body_start, article.end):
            base = f"workstreams[{index}]"
            key = item.number
            found.put(base, {"key": key, "title": item.title}, item.title_start, item.title_end)
            found.put(f"{base}.place", {"article": article.number})
            body = text[item.body_start : item.end]
            named = parties_named(body, aliases)
            if named:
                found.put(f"{base}.parties", [found.get(f"parties[{p}].key") for p in named])
            steps = _steps(text, item)
            for step in steps:
                named = parties_named(str(step["title"]), aliases)
                if named:
                    step["parties"] = [found.get(f"parties[{p}].key") for p in named]
            if steps:
                found.put(f"{base}.steps", steps)
            index += 1


_ORDINAL = re.compile(
    r"\b(?:la |une |dans une |ces )?(1(?:ere|re|er)|premiere|2(?:eme|e|nde)|seconde|deuxieme|3(?:eme|e)|troisieme|(\w+) premieres?)\s+etapes?\b"
)
_CONDITION = re.compile(
    r"(dans l'hypothese ou[^.]+|sous reserve [^.]+|selon les conclusions de [^.]+?(?= a partir| des |$|\.)|conditionnee? a [^.]+|si [^.]+)"
)


def _ordinal(word: str) -> int | None:
    folded = fold(word)
    for prefix, value in (
        ("1", 1),
        ("premi", 1),
        ("2", 2),
        ("second", 2),
        ("deux", 2),
        ("3", 3),
        ("troisi", 3),
    ):
        if folded.startswith(prefix):
            return value
    return None


def _steps(text: str, item: Block) -> list[dict[str, object]]:
    """Steps of a workstream: bullets after « étapes … suivantes : », ordinal « étape » sentences,
    and a dated follow-up sentence; with their dates and conditions."""
    steps: list[dict[str, object]] = []
    parts = sentences(text, item.body_start, item.end)
    listed = re.search(r"etapes?[^.:]*suivantes?\s*:", fold(text[item.body_start : item.end]))
    if listed:
        begin = item.body_start + listed.end()
        for bullet in bullets(text, begin, item.end, one_list=True):
            title = re.split(r"\.\s+(?=[A-ZÀ-Ý])", bullet.text)[0].rstrip(" .")
            steps.append({"number": len(steps) + 1, "title": title})
    for sentence in parts:
        folded = sentence.folded
        dates = [
            d
            for d in find_dates(sentence.text)
            if d.value.kind.value in ("deadline", "end_of_year", "from", "exact")
        ]
        ordinal = _ORDINAL.search(folded)
        milestone: dict[str, object] = {}
        for found_date in dates:
            kind = found_date.value.kind.value
            if kind == "from":
                milestone["not_before"] = found_date.value.value.isoformat()
            else:
                milestone["due"] = found_date.value.value.isoformat()
        condition = _CONDITION.search(folded)
        if condition:
            milestone["condition"] = sentence.text[condition.start() : condition.end()].strip(" ,")
        if milestone:
            milestone["quote"] = sentence.text
        if ordinal and ordinal.group(2):  # « ces deux premières étapes » applies to steps 1..n
            count = parse_number(ordinal.group(2)) or 0
            for earlier in steps[:count]:
                if milestone:
                    earlier["milestone"] = dict(milestone)
            continue
        if ordinal:
            number = _ordinal(ordinal.group(1)) or len(steps) + 1
            previous = parts[parts.index(sentence) - 1] if parts.index(sentence) > 0 else None
            if (
                number == 2
                and not any(s["number"] == 1 for s in steps)
                and previous
                and re.search(r"prealabl|d'abord|dans un premier temps", previous.folded)
            ):
                steps.append({"number": 1, "title": previous.text.rstrip(" .")})
            action = re.search(
                r"(?:consistera|consiste|est consacree|sera consacree|porte(?:ra)?)\s+(?:a|sur)\s+(.+?)(?=\s+dans l'hypothese|\s+sous reserve|$)",
                folded,
            )
            title = (
                sentence.text[action.start(1) : action.end(1)]
                if action
                else sentence.text[ordinal.end() :].strip(" ,")
            )
            step: dict[str, object] = {"number": number, "title": title.rstrip(" .")}
            if number > 1 and any(s["number"] == number - 1 for s in steps):
                milestone["depends_on"] = [number - 1]
                milestone.setdefault("quote", sentence.text)
            if milestone:
                step["milestone"] = milestone
            steps = [s for s in steps if s["number"] != number] + [step]
            continue
        if (
            milestone
            and steps
            and ("not_before" in milestone or "condition" in milestone)
            and not ordinal
        ):
            subject = re.match(
                r"^(la |le |l')?(mise en (?:oeuvre|œuvre)[^,]*?|realisation[^,]*?|deploiement[^,]*?)\s+(?:pourr|ser|s'effectu|interv|debut)",
                sentence.text,
                re.IGNORECASE,
            )
            if subject:
                if "condition" in milestone:
                    milestone["depends_on"] = [len(steps)]
                steps.append(
                    {"number": len(steps) + 1, "title": subject.group(2), "milestone": milestone}
                )
    return sorted(steps, key=lambda s: int(str(s["number"])))


def _reporting(
    found: Found, segments: Segments, located: list[Located], aliases: list[list[str]]
) -> None:
    index = 0
    for item in located:
        folded = item.sentence.folded
        if not re.search(
            r"\b(faire part|transmettre|communiquer|fournir|remettre)\b[^.]*\b(donnees|informations|indicateurs|statistiques)\b",
            folded,
        ):
            continue
        named = parties_named(item.sentence.text[: folded.find(" ")] + item.sentence.text, aliases)
        if not named:
            continue
        base = f"reporting_duties[{index}]"
        found.put(f"{base}.party", found.get(f"parties[{named[0]}].key"))
        found.put(f"{base}.subject", item.sentence.text, item.sentence.start, item.sentence.end)
        scope = re.search(r"connaissance[^,]*?(?=\s(?:en|dans|sur)\s)(.*)$", folded)
        if scope:
            perimeters = [
                item.sentence.text[scope.start(1) + m.start(1) : scope.start(1) + m.end(1)].strip()
                for m in re.finditer(
                    r"\b(?:en|dans|sur)\s+(?!(?:la )?mesure\b)(?:le |la |les |l')?([^,.;]+?)(?=\s*,|\s*\.|\s+et\b|$)",
                    folded[scope.start(1) :],
                )
            ]
            if perimeters:
                found.put(f"{base}.perimeters", perimeters)
        follow = next(
            (
                o
                for o in located
                if o.sentence.start > item.sentence.start and "portent sur" in o.sentence.folded
            ),
            None,
        )
        if follow:
            # found in the folded text (same length): slice the original there, any case
            after = follow.sentence.folded.index("portent sur") + len("portent sur")
            listed = follow.sentence.text[after:]
            indicators = [
                re.sub(r"^(?:les|le|la)\s+|^l'", "", clean(p).strip(" ."), flags=re.IGNORECASE)
                for p in re.split(r",|\bet\b", listed.rstrip(". "))
            ]
            found.put(f"{base}.indicators", [i for i in indicators if i])
        found.put(f"{base}.place", {"article": item.article})
        index += 1
