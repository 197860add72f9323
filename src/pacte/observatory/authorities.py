"""The SIREN and SIRET of a public authority that a document names without them.

SCDL exports need the SIRET of the authority granting a subsidy (``idAttribuant``), and
documents rarely state it: « la Ville de Bordeaux », « le Département de la Gironde ». The
territory reference gives the SIREN of every commune and EPCI; a SIRENE snapshot gives
the head office (siège) of every public legal unit, hence the SIRET of communes and EPCI
and the SIREN and SIRET of départements (legal category 7220) and régions (7230), found
by the département or région of their head office.

A name is matched whole, accents, case, hyphens and the usual prefixes aside (« Ville
de », « Conseil départemental du », « Communauté de communes » ↔ « CC »…); a commune
name shared by several communes needs the département (or postcode) to be chosen. No
guess: an ambiguous or unknown name gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pacte.observatory.territories import TerritoryReference, _folded

AUTHORITY_KINDS = frozenset({"commune", "epci", "departement", "region"})
"""The kinds of organisation whose SIREN and SIRET can be found (``authority_identity``)."""
DEPARTEMENT_CATEGORY = "7220"
REGION_CATEGORY = "7230"


@dataclass(frozen=True)
class HeadOffice:
    """The active head office of a public legal unit, from a SIRENE snapshot."""

    siren: str
    siret: str
    category: str
    commune: str | None
    dep: str | None
    reg: str | None


@dataclass(frozen=True)
class AuthorityIdentity:
    siren: str
    siret: str | None
    """None when no SIRENE snapshot gives the head office."""
    territory: str
    """``com:33063``, ``epci:243300316``, ``dep:33``, ``reg:75``."""
    name: str
    """The territory's name in the reference (« Bordeaux », « Gironde »)."""
    source: str
    """Where the identifiers come from, in French."""


_ARTICLES = ("de la ", "de l ", "des ", "du ", "de ", "d ", "")
"""What may follow « Département », « Région »… before the name, longest first (folded)."""
_PREFIXES = {
    "commune": tuple(
        f"{word} {a}" for word in ("ville", "commune", "mairie") for a in ("de ", "d ")
    ),
    "departement": tuple(
        f"{word} {a}"
        for word in ("conseil departemental", "conseil general", "departement")
        for a in _ARTICLES
    ),
    "region": tuple(f"{word} {a}" for word in ("conseil regional", "region") for a in _ARTICLES),
}
_EPCI_WORDS = (
    ("communaute de communes", "cc"),
    ("communaute d agglomeration", "ca"),
    ("communaute urbaine", "cu"),
)
_ARTICLE = re.compile(r"^(la|le|les|l) ")


def _plain(name: str) -> str:
    folded = _folded(name).replace("saint ", "st ").replace("sainte ", "ste ")
    return " ".join(folded.split())


def _without_prefix(kind: str, name: str) -> str:
    text = _ARTICLE.sub("", _plain(name))
    for prefix in _PREFIXES.get(kind, ()):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


def _epci_key(name: str) -> str:
    text = _ARTICLE.sub("", _plain(name))
    for words, short in _EPCI_WORDS:
        text = text.replace(words, short)
    return text


def _departement_of_postcode(postcode: str | None) -> set[str]:
    code = (postcode or "").strip()
    if not (len(code) == 5 and code.isdigit()):
        return set()
    if code.startswith("97"):
        return {code[:3]}
    if code.startswith("20"):
        return {"2A", "2B"}
    return {code[:2]}


def authority_identity(
    *,
    kind: str,
    name: str,
    reference: TerritoryReference,
    heads: Mapping[str, HeadOffice] | None = None,
    department: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
) -> AuthorityIdentity | None:
    """The SIREN (and SIRET when a snapshot has the head office) of the authority of
    ``kind`` (``commune``, ``epci``, ``departement``, ``region``) named ``name``.

    >>> reference = TerritoryReference.load()
    >>> found = authority_identity(kind="commune", name="Ville de Bordeaux", reference=reference)
    >>> (found.siren, found.siret, found.territory)
    ('213300635', None, 'com:33063')
    >>> authority_identity(kind="epci", name="Bordeaux Métropole", reference=reference).siren
    '243300316'
    """
    heads = heads or {}
    if kind == "commune":
        return _commune(name, reference, heads, department, postcode, city)
    if kind == "epci":
        return _epci(name, reference, heads)
    if kind == "departement":
        return _by_head_office("dep", name, reference, heads)
    if kind == "region":
        return _by_head_office("reg", name, reference, heads)
    return None


def _source(siret: str | None, snapshot_used: bool) -> str:
    if siret:
        return "référentiel des territoires et siège d'après SIRENE"
    return "référentiel des territoires" + (" (siège absent de SIRENE)" if snapshot_used else "")


def _commune(
    name: str,
    reference: TerritoryReference,
    heads: Mapping[str, HeadOffice],
    department: str | None,
    postcode: str | None,
    city: str | None,
) -> AuthorityIdentity | None:
    wanted = {_without_prefix("commune", name)}
    if city:
        wanted.add(_plain(city))
    departements = {department.strip().upper()} if department else set()
    departements = departements or _departement_of_postcode(postcode)
    found = [
        (code, row)
        for code, row in reference.communes.items()
        if _plain(row[0]) in wanted and (not departements or row[1] in departements)
    ]
    if len(found) != 1 or not found[0][1][5]:
        return None
    code, row = found[0]
    siren = row[5]
    head = heads.get(siren)
    siret = head.siret if head else None
    return AuthorityIdentity(siren, siret, f"com:{code}", row[0], _source(siret, bool(heads)))


def _epci(
    name: str, reference: TerritoryReference, heads: Mapping[str, HeadOffice]
) -> AuthorityIdentity | None:
    wanted = _epci_key(name)
    found = [
        (siren, epci_name)
        for siren, (epci_name, _) in reference.epcis.items()
        if _epci_key(epci_name) == wanted
    ]
    if len(found) != 1:
        return None
    siren, epci_name = found[0]
    head = heads.get(siren)
    siret = head.siret if head else None
    return AuthorityIdentity(siren, siret, f"epci:{siren}", epci_name, _source(siret, bool(heads)))


def _by_head_office(
    level: str, name: str, reference: TerritoryReference, heads: Mapping[str, HeadOffice]
) -> AuthorityIdentity | None:
    if level == "dep":
        kind, category = "departement", DEPARTEMENT_CATEGORY
        names = {code: row[0] for code, row in reference.departements.items()}
    else:
        kind, category = "region", REGION_CATEGORY
        names = dict(reference.regions)
    wanted = _without_prefix(kind, name)
    codes = [code for code, label in names.items() if _plain(label) == wanted]
    if len(codes) != 1:
        return None
    code = codes[0]
    offices = [
        head
        for head in heads.values()
        if head.category == category and (head.dep if level == "dep" else head.reg) == code
    ]
    if len(offices) != 1:
        return None
    head = offices[0]
    return AuthorityIdentity(
        head.siren,
        head.siret,
        f"{level}:{code}",
        names[code],
        "référentiel des territoires et siège d'après SIRENE",
    )


Identify = Callable[[Any], "AuthorityIdentity | None"]
"""Gives the SIREN and SIRET of an organisation named without them (or None)."""


def missing_siret_hint(siren: str) -> str:
    """What to do when only the SIREN of an authority is known (French, for the exports)."""
    return (
        f"son SIREN {siren} est connu du référentiel des territoires : importer un millésime "
        "SIRENE (pacte observatory import) donne le SIRET de son siège"
    )


def known_siret(organisation: Any, identify: Identify | None) -> tuple[str, str]:
    """The SIRET of an organisation for open data: the one stated, else the one
    ``identify`` finds (an authority named without it); and, when there is none, the
    SIREN found (for the message). Every SCDL export asks this function.
    """
    if organisation.siret:
        return organisation.siret, ""
    found = identify(organisation) if identify is not None else None
    if found is None:
        return "", ""
    return (found.siret, "") if found.siret else ("", found.siren)
