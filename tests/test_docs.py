"""The documentation stays true to the code: every field and value of the model is in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

import pacte.terms.enums as enums
from pacte.terms import Convention

ROOT = Path(__file__).resolve().parent.parent
MODEL_DOC = (ROOT / "docs" / "modele.md").read_text(encoding="utf-8")


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        for kind in _types(field.annotation):
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                _models(kind, seen)


def _types(annotation: object) -> list[object]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [t for arg in args for t in _types(arg)]


def _all_fields() -> set[str]:
    models: set[type[BaseModel]] = set()
    _models(Convention, models)
    return {name for model in models for name in model.model_fields}


@pytest.mark.parametrize("field", sorted(_all_fields()))
def test_every_field_is_documented(field: str) -> None:
    assert f"`{field}`" in MODEL_DOC


def test_every_enum_value_is_documented() -> None:
    missing = [
        f"{kind.__name__}.{member.value}"
        for kind in vars(enums).values()
        if isinstance(kind, type)
        and issubclass(kind, enums.LabelledEnum)
        and kind is not enums.LabelledEnum
        for member in kind
        if f"`{member.value}`" not in MODEL_DOC
    ]
    assert missing == []


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
