"""Storing terms then reading them back gives the same terms, for every convention file."""

from pathlib import Path

import pytest
from pydantic import BaseModel

from pacte.conventions.selectors import convention_terms
from pacte.conventions.services import convention_store
from pacte.terms import Convention, load_convention_yaml

ROOT = Path(__file__).resolve().parents[2]
FULL = Path(__file__).resolve().parent / "data" / "full.yaml"
SAMPLES = sorted((ROOT / "src" / "pacte" / "samples").glob("*.yaml"))
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.yaml"))


def _load(path: Path) -> Convention:
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


def _params(paths: list[Path], what: str) -> list[object]:
    if not paths:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"aucun fichier : {what}"))]
    return [pytest.param(path, id=path.name) for path in paths]


CONVENTION_FILES = [
    pytest.param(FULL, id="full.yaml"),
    *_params(SAMPLES, "src/pacte/samples/*.yaml"),
    *_params(SEEDS, "tests/fixtures/seeds/*.yaml"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", CONVENTION_FILES)
def test_stored_convention_reads_back_equal(path: Path) -> None:
    terms = _load(path)

    stored, created = convention_store(terms=terms)

    assert created
    assert stored.to_terms() == terms
    assert convention_terms(reference=terms.reference) == terms


@pytest.mark.django_db
@pytest.mark.parametrize("path", CONVENTION_FILES)
def test_storing_twice_reads_back_equal(path: Path) -> None:
    terms = _load(path)
    convention_store(terms=terms)

    stored, created = convention_store(terms=terms)

    assert not created
    assert stored.to_terms() == terms


def _fields_set(model: BaseModel, found: dict[type, set[str]]) -> None:
    found.setdefault(type(model), set()).update(model.model_fields_set)
    for name in type(model).model_fields:
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                _fields_set(item, found)


def _all_models(model: type[BaseModel], seen: set[type]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        for kind in _flatten(field.annotation):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                _all_models(kind, seen)


def _flatten(annotation: object) -> list[object]:
    args = getattr(annotation, "__args__", None)
    return [t for arg in args for t in _flatten(arg)] if args else [annotation]


def test_full_yaml_sets_every_field_of_the_terms() -> None:
    """What makes the round trip meaningful: full.yaml leaves no field at its default."""
    found: dict[type, set[str]] = {}
    _fields_set(_load(FULL), found)
    models: set[type] = set()
    _all_models(Convention, models)

    missing = sorted(
        f"{model.__name__}.{name}"
        for model in models
        for name in model.model_fields
        if name not in found.get(model, set())
    )

    assert missing == []
