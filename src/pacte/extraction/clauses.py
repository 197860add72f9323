"""The clauses of a convention: objectives, commitments, money, term, renewal, notice,
governing bodies, workstreams and milestones, reporting duties.

Each clause is looked for in the whole body of the convention, sentence by sentence,
with the article (or numbered section) it sits in kept as its place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from pacte.extraction.french import (
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


def _located(segments: Segments) -> list[Located]:
    text = segments.text
    result = []
    for article in segments.articles:
        sections = sections_in(text, article.body_start, article.end)
        boundaries = [(article.body_start, article.number)]
        boundaries += [(s.start, s.number) for s in sections]
        for index, (begin, number) in enumerate(boundaries):
            stop = boundaries[index + 1][0] if index + 1 < len(boundaries) else article.end
            for sentence in sentences(text, begin, stop):
                # section headings are not clauses
                if any(s.start <= sentence.start < s.body_start for s in sections):
                    continue
                result.append(Located(sentence, number, article.number))
    return result


def _sheets_cited(phrase: str) -> list[int]:
    match = _SHEET_REFERENCE.search(fold(phrase))
    return [int(n) for n in re.findall(r"\d+", match.group(1))] if match else []


def extract_clauses(found: Found, segments: Segments) -> None:
    if not segments.articles:
        return
    text = segments.text
    count = len(found.get("parties") or [])
    aliases = party_aliases(found, count, text)
    located = _located(segments)
    _articles(found, segments)
    _objectives(found, segments)
    _term(found, located)
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
    first = money[0]
    found.put(
        f"{base}.place",
        {"article": first.article, "quote": first.sentence.text},
        first.sentence.start,
        first.sentence.end,
    )
    years: list[dict[str, object]] = []
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
        for amount in find_amounts(sentence.text):
            value = f"{amount.value:.2f}"
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
                continue
            year: dict[str, object] = {"year": stated_years[0], "amount": value}
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


def _body_names(found: Found) -> dict[str, str]:
    names = {}
    for body in found.get("governing_bodies") or []:
        name = fold(str(body.get("name") or ""))
        names[name] = str(body.get("key"))
        short = re.sub(r"\s+(politique|technique)$", "", name)
        names.setdefault(short, str(body.get("key")))
    return names


def _instalments(found: Found, located: list[Located], base: str, bodies: dict[str, str]) -> None:
    index = 0
    for position, item in enumerate(located):
        sentence = item.sentence
        percents = [p for p in find_percents(sentence.text) if p.value <= 100]
        if not percents or not re.search(
            r"vers|pai|acompte|avance|solde|restant|liquid|tranche", sentence.folded
        ):
            continue
        for number, percent in enumerate(percents):
            stop = percents[number + 1].start if number + 1 < len(percents) else len(sentence.text)
            phrase = sentence.text[percent.start : stop]
            folded = fold(phrase)
            before = fold(sentence.text[max(0, percent.start - 25) : percent.start])
            kind = next(
                (k for word, k in _INSTALMENT_KIND if word in folded or word in before),
                "single" if len(percents) == 1 else "interim",
            )
            trigger: dict[str, object] = {}
            when = re.search(
                r"(a la (?:signature|notification)[^,;.]*?|sur (?:presentation|production|reception)[^,;.]*?|a (?:la )?reception[^,;.]*?|"
                r"apres (?:approbation|validation)[^,;.]*?|au plus tard le [^,;.]*?|le \d{1,2}(?:er)? \w+ \d{4})(?=\s+et (?:le|la|les|pour)\b|[,;.]|$)",
                folded,
            )
            if when:
                trigger["text"] = phrase[when.start() : when.end()].strip()
                words = when.group()
                if words.startswith(("a la signature", "a la notification")):
                    trigger["kind"] = "on_signature"
                elif words.startswith(("sur", "a la reception", "a reception")):
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
            path = f"{base}.instalments[{index}]"
            found.put(
                path,
                {"kind": kind, "percent": f"{percent.value}", "trigger": trigger},
                sentence.start + percent.start,
                sentence.start + stop,
            )
            index += 1
    instalments = found.get(f"{base}.instalments") or []
    if len(instalments) >= 2:
        # unnamed shares of a split payment: the first is an advance, the last the balance
        for position, instalment in enumerate(instalments):
            if instalment["kind"] in ("single", "interim"):
                last = position == len(instalments) - 1
                instalment["kind"] = (
                    "advance" if position == 0 else "balance" if last else "interim"
                )


def _term(found: Found, located: list[Located]) -> None:
    for item in located:
        folded = item.sentence.folded
        on_signature = re.search(
            r"(?:debutant|prend(?:ra)? effet|entre(?:ra)? en vigueur|court|a compter)\b[^.]*\b(?:de )?(?:la |sa )?(?:date de (?:sa |la )?)?signature",
            folded,
        )
        period = re.search(r"\bdu\s+(.{6,30}?)\s+au\s+(.{6,30}?\d{4})", item.sentence.text)
        durations = [
            d
            for d in find_durations(item.sentence.text)
            if not re.search(
                r"(delai|preavis)\s+(?:de\s+)?(?:d')?$",
                fold(item.sentence.text[max(0, d.start - 20) : d.start]),
            )
        ]
        relevant = (
            on_signature
            or (period and "duree" in folded)
            or (durations and re.search(r"conclue|signee|duree|periode|valable", folded))
            or re.search(r"prend(?:ra)? effet|entre(?:ra)? en vigueur", folded)
        )
        if not relevant or found.get("term.start_rule"):
            continue
        found.put(
            "term.place",
            {"article": item.article, "quote": item.sentence.text},
            item.sentence.start,
            item.sentence.end,
        )
        if on_signature:
            found.put(
                "term.start_rule",
                "on_signature",
                item.sentence.start + on_signature.start(),
                item.sentence.start + on_signature.end(),
            )
        from_date = re.search(
            r"(?:a compter du|a partir du|prend(?:ra)? effet (?:le|au)|debute(?:ra)? le)\s+(?!jour)",
            folded,
        )
        if from_date and not on_signature and not period:
            starts = [
                d
                for d in find_dates(item.sentence.text, from_date.start())
                if d.value.kind.value in ("exact", "from")
            ]
            if starts:
                found.put("term.start_rule", "fixed_date")
                found.put(
                    "term.start",
                    starts[0].value.value.isoformat(),
                    item.sentence.start + starts[0].start,
                    item.sentence.start + starts[0].end,
                )
        if period:
            dates = [
                d
                for d in find_dates(item.sentence.text, period.start(), period.end())
                if d.value.kind.value in ("exact", "deadline")
            ]
            if len(dates) >= 2:
                found.put("term.start_rule", "fixed_date")
                found.put(
                    "term.start",
                    dates[0].value.value.isoformat(),
                    item.sentence.start + dates[0].start,
                    item.sentence.start + dates[0].end,
                )
                found.put(
                    "term.end",
                    dates[1].value.value.isoformat(),
                    item.sentence.start + dates[1].start,
                    item.sentence.start + dates[1].end,
                )
        if durations:
            value, unit = durations[0].value
            found.put(
                "term.duration",
                {"value": value, "unit": unit.value},
                item.sentence.start + durations[0].start,
                item.sentence.start + durations[0].end,
            )
        if found.get("term.start_rule") is None:
            found.put("term.start_rule", "on_signature", confidence=0.5)
            found.note("Début de la convention non indiqué : supposé à la signature.")


def _renewal(found: Found, located: list[Located]) -> None:
    for item in located:
        folded = item.sentence.folded
        if re.search(
            r"tacite(?:ment)? reconduction|reconduction tacite|reconduite? tacitement|renouvel\w* tacitement|par tacite",
            folded,
        ):
            kind = "tacit"
        elif re.search(
            r"reconduction (?:est )?(?:soumise|subordonnee)|accord expres|reconduction expresse|renouvellement expres|ne (?:pourra|peut) etre (?:reconduite|renouvelee) que",
            folded,
        ):
            kind = "express"
        elif re.search(
            r"non (?:renouvelable|reconductible)|ne (?:sera|pourra) pas (?:etre )?(?:reconduite|renouvelee)|sans (?:reconduction|renouvellement)",
            folded,
        ):
            kind = "none"
        else:
            continue
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
        return


def _termination(found: Found, located: list[Located], count: int) -> None:
    for item in located:
        folded = item.sentence.folded
        if not re.search(r"\b(denonc|resili)\w*", folded) or re.search(
            r"\bfaute\b|manquement|inexecution|non-respect|mise en demeure", folded
        ):
            continue
        notice = [
            d
            for d in find_durations(item.sentence.text)
            if re.search(
                r"(delai|preavis)", fold(item.sentence.text[max(0, d.start - 25) : d.start])
            )
        ]
        if not notice:
            continue
        value, unit = notice[0].value
        found.put(
            "termination.notice",
            {"value": value, "unit": unit.value},
            item.sentence.start + notice[0].start,
            item.sentence.start + notice[0].end,
        )
        if re.search(r"recommande|lrar|\bar\b|accuse de reception", folded):
            found.put("termination.form", "registered_letter")
        elif "lettre" in folded or "courrier" in folded:
            found.put("termination.form", "letter")
        if re.search(r"l'une ou l'autre|chacune des parties|chaque partie|les parties", folded):
            found.put("termination.by", [found.get(f"parties[{i}].key") for i in range(count)])
        found.put("termination.text", item.sentence.text, item.sentence.start, item.sentence.end)
        found.put("termination.place", {"article": item.article})
        return


_CADENCE = (
    (r"deux fois par an|semestriel|tous les six mois|chaque semestre", "half-yearly"),
    (r"une fois par an|annuel|chaque annee|tous les ans|au moins une fois par an", "yearly"),
    (r"trimestriel|chaque trimestre|une fois par trimestre|tous les trois mois", "quarterly"),
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
    seen: set[str] = set()
    for position, item in enumerate(located):
        folded = item.sentence.folded
        match = _BODY.search(folded)
        if not match or not re.search(
            r"se reuni|constitue|compose|est cree|est institue|instaure", folded
        ):
            continue
        name = item.sentence.text[match.start(1) : match.end(1)]
        if fold(name) in seen:
            continue
        seen.add(fold(name))
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
        found.put(f"{base}.place", {"article": item.article})
        for pattern, frequency in _CADENCE:
            cadence = re.search(pattern, folded)
            if cadence:
                meets = re.search(r"se reuni\w*", folded)
                start = (
                    meets.start() if meets and meets.start() < cadence.start() else cadence.start()
                )
                found.put(
                    f"{base}.cadence",
                    {"frequency": frequency, "text": item.sentence.text[start : cadence.end()]},
                )
                break
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
            listed = follow.sentence.text.split("portent sur", 1)[1]
            indicators = [
                re.sub(r"^(?:les|le|la)\s+|^l'", "", clean(p).strip(" ."), flags=re.IGNORECASE)
                for p in re.split(r",|\bet\b", listed.rstrip(". "))
            ]
            found.put(f"{base}.indicators", [i for i in indicators if i])
        found.put(f"{base}.place", {"article": item.article})
        index += 1
