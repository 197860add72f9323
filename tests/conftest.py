"""Project-wide test helpers: where the seed fixtures and the shared folder are."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from pacte.samples import session_sample_paths
from pacte.terms import Convention, CouncilSession, load_convention_yaml, load_council_session_yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
SHARED = ROOT.parent / "shared"

# the compiled expressions' cache of the extraction (``pacte.extraction.lazy``) in a
# folder of the test run, not in the user's cache: used by the CLI's subprocesses too
os.environ.setdefault("PACTE_REGEX_CACHE", tempfile.mkdtemp(prefix="pacte-expressions-"))


def load_seed(name: str) -> Convention:
    path = SEED_FIXTURES / name
    return load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture
def dijon() -> Convention:
    return load_seed("dijon-2009.yaml")


@pytest.fixture
def bas_rhin() -> Convention:
    return load_seed("bas-rhin-2012.yaml")


@pytest.fixture
def council() -> CouncilSession:
    """The fictional sample council session: three acts, one approving a sample convention."""
    path = session_sample_paths()[0]
    return load_council_session_yaml(path.read_text(encoding="utf-8"), source=path.name)


@pytest.fixture
def shared_seeds() -> Path:
    """The original seed documents; tests using them skip on a clone without ../shared."""
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip("../shared/seeds absent (clone seul) : test ignoré")
    return folder


# no timed assertion in the suite: Hypothesis' per-example deadline is a measure of
# speed, which a shared machine cannot keep; the examples themselves stay
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("pacte", deadline=None)
_hypothesis_settings.load_profile("pacte")
