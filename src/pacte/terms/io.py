"""Read and write terms as YAML or JSON, with French error messages that say where.

>>> convention = load_convention_yaml('''
... reference: essai
... title: Convention d'essai
... parties:
...   - key: ville
...     role: sponsor
...     organisation: {name: Ville de Lorient}
... ''', source="essai.yaml")
Traceback (most recent call last):
...
pacte.terms.io.TermsError: essai.yaml, ligne 6, parties[0].role : valeur « sponsor » inconnue ; valeurs admises : public_authority, beneficiary, other
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from pacte.terms.convention import Convention, _loc_text
from pacte.terms.deliberation import CouncilSession


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a terms file: where (path, line) and what, in French."""

    path: str
    message: str
    line: int | None = None

    def describe(self, source: str | None = None) -> str:
        where = [w for w in (source, f"ligne {self.line}" if self.line else None) if w]
        prefix = ", ".join(where)
        location = f"{prefix}, {self.path}" if prefix and self.path else prefix or self.path
        return f"{location} : {self.message}" if location else self.message


class TermsError(ValueError):
    """Terms that cannot be read; ``problems`` lists each one with its place."""

    def __init__(self, problems: list[Problem], source: str | None = None) -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(p.describe(source) for p in problems))


class _Loader(yaml.SafeLoader):
    """Safe YAML loader that keeps dates as text, so impossible dates get a French message."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _path(loc: tuple[int | str, ...]) -> str:
    return _loc_text(loc)


_MESSAGES = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu (vérifier l'orthographe)",
    "string_type": "texte attendu",
    "string_too_short": "ne doit pas être vide",
    "string_too_long": "texte trop long",
    "string_pattern_mismatch": "format invalide",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "bool_type": "oui/non attendu (true ou false)",
    "bool_parsing": "oui/non attendu (true ou false)",
    "list_type": "liste attendue",
    "dict_type": "objet attendu (clé: valeur)",
    "model_type": "objet attendu (clé: valeur)",
    "model_attributes_type": "objet attendu (clé: valeur)",
    "date_type": "date attendue (AAAA-MM-JJ)",
    "date_parsing": "date attendue (AAAA-MM-JJ)",
    "too_short": "liste trop courte",
}


def _french(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"valeur « {value} » inconnue ; valeurs admises : {expected}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "")
        sign = {
            "greater_than": ">",
            "greater_than_equal": "≥",
            "less_than": "<",
            "less_than_equal": "≤",
        }[kind]
        return f"valeur {value} hors limites : doit être {sign} {bound}"
    if kind == "too_short" and "min_length" in ctx:
        return f"au moins {ctx['min_length']} élément(s) attendu(s)"
    if kind == "string_pattern_mismatch":
        return f"format invalide « {value} »"
    return _MESSAGES.get(kind, f"valeur invalide ({error['msg']})")


def _line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """Line (1-based) of the YAML node at ``loc``, or of its deepest existing ancestor."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
            if found is None:
                return line
            # a wrong key points at the key itself
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
        else:
            return line
        line = node.start_mark.line + 1
    return line


def _extra_key_line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    parent = _line_of(root, loc[:-1])
    node = root
    for part in loc[:-1]:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            return parent
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if getattr(key, "value", None) == loc[-1]:
                return int(key.start_mark.line) + 1
    return parent


def problems_from(error: ValidationError, root: yaml.Node | None = None) -> list[Problem]:
    """Translate a pydantic error into French problems, located in the YAML when given."""
    problems = []
    for detail in error.errors():
        loc = tuple(part for part in detail["loc"] if not _is_internal(part))
        if detail["type"] == "unresolved_reference":
            for inner, message in detail.get("ctx", {}).get("problems", []):
                where = (*loc, *inner)
                problems.append(
                    Problem(path=_path(where), message=message, line=_line_of(root, where))
                )
            continue
        if detail["type"] == "extra_forbidden":
            line = _extra_key_line(root, loc)
        else:
            line = _line_of(root, loc)
        problems.append(Problem(path=_path(loc), message=_french(detail), line=line))
    return problems


def _is_internal(part: int | str) -> bool:
    # pydantic adds validator names such as "function-after[...]" to locations
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def convention_from_data(
    data: Any, source: str | None = None, root: yaml.Node | None = None
) -> Convention:
    if not isinstance(data, dict):
        raise TermsError(
            [Problem(path="", message="le fichier doit décrire une convention (clé: valeur)")],
            source,
        )
    try:
        return Convention.model_validate(data)
    except ValidationError as error:
        raise TermsError(problems_from(error, root), source) from None


# the parsers explain in English: their usual reasons, said in French (by prefix)
_YAML_REASONS = {
    "mapping values are not allowed": "« : » inattendu (mettre entre guillemets une valeur qui contient « : », ou corriger l'indentation)",
    "could not find expected ':'": "« : » attendu après la clé",
    "found character '\\t'": "tabulation interdite : indenter avec des espaces",
    "found character": "caractère inattendu en début de valeur (mettre la valeur entre guillemets)",
    "found unexpected end of stream": "fin du fichier atteinte avant la fin de la valeur (guillemet non fermé ?)",
    "found unexpected ':'": "« : » inattendu (mettre la valeur entre guillemets)",
    "did not find expected key": "indentation incohérente : une clé était attendue ici",
    "did not find expected ',' or ']'": "« , » ou « ] » attendu (crochet non fermé ?)",
    "did not find expected ',' or '}'": "« , » ou « } » attendu (accolade non fermée ?)",
    "did not find expected '-' indicator": "indentation incohérente dans une liste (« - » attendu)",
    "did not find expected node content": "valeur attendue",
    "did not find expected alphabetic or numeric character": "nom d'ancre ou d'alias invalide",
    "found undefined alias": "alias « * » inconnu",
    "expected <block end>": "indentation incohérente",
    "expected a single document": "un seul document attendu (retirer les « --- » en trop)",
    "found unknown escape character": "séquence « \\ » inconnue entre guillemets doubles",
    "found duplicate anchor": "ancre « & » en double",
}
_JSON_REASONS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets doubles attendu (virgule en trop ?)",
    "Expecting ',' delimiter": "« , » attendue entre deux éléments",
    "Expecting ':' delimiter": "« : » attendu après le nom du champ",
    "Unterminated string": "texte entre guillemets non fermé",
    "Invalid control character": "caractère de contrôle interdit dans un texte",
    "Extra data": "texte en trop après la fin du document",
    "Invalid \\escape": "séquence « \\ » invalide",
    "Invalid \\uXXXX escape": "séquence « \\u » invalide",
}


def _french_reason(reason: str, reasons: dict[str, str]) -> str:
    """The French reason of a parser's message, else a general one (never English).

    >>> _french_reason("mapping values are not allowed here", _YAML_REASONS)
    "« : » inattendu (mettre entre guillemets une valeur qui contient « : », ou corriger l'indentation)"
    >>> _french_reason("Something new", _JSON_REASONS)
    'syntaxe incorrecte'
    """
    for prefix, french in reasons.items():
        if reason.startswith(prefix):
            return french
    return "syntaxe incorrecte"


def read_yaml(text: str, source: str | None = None) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML text and its node tree (for lines); ``TermsError`` if unreadable."""
    try:
        root = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = _french_reason(getattr(error, "problem", None) or "", _YAML_REASONS)
        column = f", colonne {mark.column + 1}" if mark is not None else ""
        raise TermsError(
            [Problem(path="", message=f"YAML illisible{column} : {reason}", line=line)], source
        ) from None
    return data, root


def load_convention_yaml(text: str, source: str | None = None) -> Convention:
    """Read a convention from YAML text; raise ``TermsError`` naming each problem."""
    data, root = read_yaml(text, source)
    return convention_from_data(data, source, root)


def is_council_session_data(data: Any) -> bool:
    """Whether read data describes a council session (``session:`` and ``deliberations:``).

    >>> is_council_session_data({"session": {}, "deliberations": []}), is_council_session_data([])
    (True, False)
    """
    return isinstance(data, dict) and "session" in data and "deliberations" in data


def council_session_from_data(
    data: Any, source: str | None = None, root: yaml.Node | None = None
) -> CouncilSession:
    if not isinstance(data, dict):
        raise TermsError(
            [Problem(path="", message="le fichier doit décrire une séance (clé: valeur)")],
            source,
        )
    try:
        return CouncilSession.model_validate(data)
    except ValidationError as error:
        raise TermsError(problems_from(error, root), source) from None


def load_council_session_yaml(text: str, source: str | None = None) -> CouncilSession:
    """Read a council session and its deliberations from YAML; ``TermsError`` says where."""
    data, root = read_yaml(text, source)
    return council_session_from_data(data, source, root)


def dump_council_session_yaml(council: CouncilSession) -> str:
    data = council.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def load_convention_json(text: str, source: str | None = None) -> Convention:
    """Read a convention from JSON text; raise ``TermsError`` naming each problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TermsError(
            [
                Problem(
                    path="",
                    message=f"JSON illisible, colonne {error.colno} : "
                    + _french_reason(error.msg, _JSON_REASONS),
                    line=error.lineno,
                )
            ],
            source,
        ) from None
    return convention_from_data(data, source)


def convention_to_data(convention: Convention) -> dict[str, Any]:
    """Plain data (JSON types) without empty or default members."""
    data: dict[str, Any] = convention.model_dump(mode="json", exclude_defaults=True)
    return data


def dump_convention_yaml(convention: Convention) -> str:
    return yaml.safe_dump(
        convention_to_data(convention), allow_unicode=True, sort_keys=False, width=100
    )


def dump_convention_json(convention: Convention) -> str:
    return json.dumps(convention_to_data(convention), ensure_ascii=False, indent=2)
