"""Fixtures of the calls for projects' tests (built in ``calls_world``)."""

from calls_world import world

__all__ = ["world"]
