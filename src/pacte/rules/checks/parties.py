"""Parties: a name that changes between the header and the signature block, mandates.

Names are compared word by word after folding accents, case and punctuation, so
« Économie » and « Economie » are the same word. A signature block that only leaves words
out (a shorter form of the name) is not a mismatch; one that writes words the header
does not have is. A public authority may be named by the institution or by its assembly
(« Département du Nord », « Conseil départemental du Nord »): those words are set aside.

>>> name_changes("Chambre de l'Économie Sociale du Nord", "Chambre de l'Economie Sociale")
([], ['du Nord'])
>>> name_changes("Chambre de l'Économie Sociale du Nord", "Chambre de l'Economie Solidaire")
(['Solidaire'], ['Sociale du Nord'])
"""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from pacte.rules.checks.findings import Location, Severity
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.rules.checks.text import fold_words, join_fr, words
from pacte.terms import OrganisationKind, Party, PartyRole, format_date_fr

# Words that never tell two organisations apart on their own.
_LINKING_WORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur"}
)

# How an authority is named: by the institution or by its assembly, interchangeably.
_INSTITUTION_NAMES = {
    OrganisationKind.COMMUNE: ("ville", "commune", "mairie", "conseil municipal"),
    OrganisationKind.DEPARTEMENT: ("departement", "conseil general", "conseil departemental"),
    OrganisationKind.REGION: ("region", "conseil regional"),
    OrganisationKind.EPCI: ("conseil communautaire", "conseil metropolitain"),
}


def name_changes(header: str, written: str) -> tuple[list[str], list[str]]:
    """Words ``written`` adds to ``header``, and words it leaves out, as each text spells them."""
    first, second = words(header), words(written)
    matcher = SequenceMatcher(
        a=[w.folded for w in first], b=[w.folded for w in second], autojunk=False
    )
    added, dropped = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            dropped.append(header[first[i1].start : first[i2 - 1].end])
        if tag in ("replace", "insert"):
            added.append(written[second[j1].start : second[j2 - 1].end])
    return added, dropped


def _without_institution(name: str, kind: OrganisationKind) -> str:
    """The name without the words that name the institution itself (« Conseil général »)."""
    folded = " ".join(fold_words(name))
    for words_ in sorted(_INSTITUTION_NAMES.get(kind, ()), key=len, reverse=True):
        folded = f" {folded} ".replace(f" {words_} ", " ").strip()
    return folded


def _adds_words(header: str, written: str, kind: OrganisationKind) -> bool:
    added, _ = name_changes(_without_institution(header, kind), _without_institution(written, kind))
    return any(w not in _LINKING_WORDS for part in added for w in fold_words(part))


def _names(party: Party) -> list[str]:
    names = [party.organisation.name, party.organisation.short_name, party.designation]
    return [n for n in names if n]


@rule(
    "parties.name_mismatch",
    Severity.WARNING,
    "une partie est nommée autrement dans le bloc de signature que dans l'en-tête",
)
def name_mismatch(context: Context) -> Iterator[Hit]:
    for index, signature in enumerate(context.terms.signatures):
        written = signature.party_name
        if not written:
            continue
        try:
            party = context.terms.party(signature.party)
        except KeyError:
            continue
        kind = party.organisation.kind
        if not all(_adds_words(name, written, kind) for name in _names(party)):
            continue
        header = party.organisation.name
        added, dropped = name_changes(header, written)
        change = f"ajoute {join_fr([f'« {a} »' for a in added])}"
        if dropped:
            change += f" et omet {join_fr([f'« {d} »' for d in dropped])}"
        yield (
            f"La partie « {party.designation or party.name} » est nommée « {header} » en tête "
            f"de la convention, mais « {written} » "
            f"dans le bloc de signature : la signature {change}. Vérifier la dénomination "
            "exacte (statuts, répertoire SIRENE) et l'écrire de la même façon aux deux "
            "endroits.",
            Location(path=f"signatures[{index}].party_name", quote=written),
        )


def _acting(party: Party) -> str:
    person = party.representative
    who = f"représentée par {person.full_name}" if person else "représentée"
    return f"{who}, {party.capacity}" if party.capacity else who


def _signs(context: Context, party: Party) -> bool:
    return party.representative is not None or any(
        s.party == party.key for s in context.terms.signatures
    )


@rule(
    "parties.authority_mandate_missing",
    Severity.WARNING,
    "la collectivité signe sans que la convention cite la délibération qui l'y autorise",
)
def authority_mandate_missing(context: Context) -> Iterator[Hit]:
    if context.terms.deliberation is not None:
        return  # the approving deliberation is the mandate
    for index, party in enumerate(context.terms.parties):
        if party.role is not PartyRole.PUBLIC_AUTHORITY or party.mandate is not None:
            continue
        if not _signs(context, party):
            continue
        yield (
            f"« {party.name} » est {_acting(party)}, sans que la convention cite la "
            "délibération qui autorise la signature. Une collectivité signe en vertu d'une "
            "délibération de son assemblée (ou d'une délégation) : la citer, avec l'organe et "
            "la date.",
            Location(path=f"parties[{index}].mandate"),
        )


@rule(
    "parties.mandate_missing",
    Severity.INFO,
    "le signataire d'un partenaire n'a pas de mandat cité (statuts, décision du conseil d'administration)",
)
def mandate_missing(context: Context) -> Iterator[Hit]:
    for index, party in enumerate(context.terms.parties):
        if party.role is PartyRole.PUBLIC_AUTHORITY or party.mandate is not None:
            continue
        if not _signs(context, party):
            continue
        yield (
            f"« {party.name} » est {_acting(party)}, sans que la convention cite ce qui "
            "l'habilite à signer. C'est courant quand les statuts donnent ce pouvoir au "
            "président : le vérifier dans les statuts, ou citer la décision du conseil "
            "d'administration qui autorise la signature.",
            Location(path=f"parties[{index}].mandate"),
        )


@rule(
    "parties.mandate_after_signature",
    Severity.ERROR,
    "le mandat du signataire (délibération, décision) est daté après la signature",
)
def mandate_after_signature(context: Context) -> Iterator[Hit]:
    terms = context.terms
    for index, party in enumerate(terms.parties):
        signed = next(
            (s.date for s in terms.signatures if s.party == party.key and s.date),
            context.signed_on,
        )
        if signed is None:
            continue
        mandate = party.mandate
        if mandate is not None and mandate.date is not None:
            act = mandate.kind.label + (f", {mandate.body}" if mandate.body else "")
            dated, path = mandate.date, f"parties[{index}].mandate.date"
        elif (
            mandate is None
            and party.role is PartyRole.PUBLIC_AUTHORITY
            and terms.deliberation is not None
        ):
            act = f"délibération, {terms.deliberation.session.body}"
            dated, path = terms.deliberation.session.date, "deliberation.session.date"
        else:
            continue
        if dated <= signed:
            continue
        yield (
            f"« {party.name} » a signé le {format_date_fr(signed)}, mais l'acte qui l'autorise "
            f"à signer ({act}) est du {format_date_fr(dated)} : à la signature, le "
            "représentant n'était pas encore habilité. Vérifier les dates ; si elles sont "
            "exactes, faire signer de nouveau après l'acte (ou régulariser par avenant).",
            Location(path=path),
        )
