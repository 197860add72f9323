"""Fixtures of the sessions and deliberations tests: the sample council session."""

from __future__ import annotations

import pytest

from pacte.samples import session_sample_paths
from pacte.terms import CouncilSession, load_council_session_yaml


@pytest.fixture
def council() -> CouncilSession:
    """The fictional sample session: three acts, one approving a sample convention."""
    path = session_sample_paths()[0]
    return load_council_session_yaml(path.read_text(encoding="utf-8"), source=path.name)
