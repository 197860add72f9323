"""French messages for argparse's own texts (usage, errors), which have no French catalogue."""

from __future__ import annotations

import argparse
from datetime import date

_FRENCH = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "expected one argument": "une valeur attendue",
}


def _translate(message: str) -> str:
    return _FRENCH.get(message, message)


def install() -> None:
    """Make argparse speak French (it looks its ``_`` up at call time)."""
    argparse._ = _translate  # type: ignore[attr-defined]


def parse_day(text: str) -> date:
    """An ISO date given on the command line; the error message is French."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date invalide « {text} » (attendu AAAA-MM-JJ)") from None
