"""The one error of the observatory: a French message saying what, where and what to do."""

from __future__ import annotations


class ObservatoryError(Exception):
    """A French message for the user (file, column, line when known); nothing was changed."""
