"""The cache of compiled expressions (``pacte.extraction.lazy``): an expression built from
its cached code is the expression ``re.compile`` gives, and a cache that is missing,
damaged or turned off changes nothing but the time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from test_lazy_patterns import PATTERNS

from pacte.extraction import lazy as module

SAMPLES = (
    "Entre la Commune de Lorval, représentée par son Maire, M. Paul MARTIN, d'une part, "
    "et l'association Les Jardins, d'autre part. Le 14 mars 2023, 17 voix pour, 2 contre. "
    "Présents : 15 ; Votants : 17. La subvention de 12 500 € (douze mille cinq cents "
    "euros) est versée en deux fois. CONVE NTION du 1 4 MARS 2O23, article 1er, 3 (trois) ans."
)


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and the module as if the process had just started."""
    monkeypatch.setenv("PACTE_REGEX_CACHE", str(tmp_path))
    monkeypatch.setattr(module, "_cache", None)
    monkeypatch.setattr(module, "_added", {})
    return tmp_path


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    module.regex_cache_write()
    monkeypatch.setattr(module, "_cache", None)
    monkeypatch.setattr(module, "_added", {})


def _same(built: re.Pattern[str], compiled: re.Pattern[str]) -> None:
    assert isinstance(built, re.Pattern)
    assert (built.pattern, built.flags, built.groups, built.groupindex) == (
        compiled.pattern,
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    )
    for text in (SAMPLES, SAMPLES.upper(), SAMPLES.replace(" ", "\n")):
        assert [(m.span(), m.groups()) for m in built.finditer(text)] == [
            (m.span(), m.groups()) for m in compiled.finditer(text)
        ]


def test_every_expression_from_the_cache_is_the_compiled_one(fresh, monkeypatch) -> None:
    for _, pattern in PATTERNS:
        module._compile(pattern.pattern, pattern._flags)
    _restart(monkeypatch)
    path = module.regex_cache_path()
    assert path is not None and path.parent == fresh and path.exists()
    cached = module._cached()
    assert len(cached) == len({(p.pattern, int(p._flags)) for _, p in PATTERNS})
    for _, pattern in PATTERNS:
        _same(
            module._compile(pattern.pattern, pattern._flags),
            re.compile(pattern.pattern, pattern._flags),
        )
    assert module._added == {}  # nothing compiled again


def test_a_damaged_cache_is_never_used(fresh, monkeypatch) -> None:
    """The matcher runs code it is given without always checking it (wrong matches, not
    an error): a file whose checksum is wrong is ignored whole, and compiled anew."""
    source, flags = r"(?P<n>\d+)\s*voix\s+pour", re.IGNORECASE
    module._compile(source, flags)
    _restart(monkeypatch)
    path = module.regex_cache_path()
    assert path is not None and module._cached()
    data = bytearray(path.read_bytes())
    for position in (len(data) // 2, len(data) - 3):  # a byte of the code, of the tail
        damaged = data.copy()
        damaged[position] ^= 0xFF
        path.write_bytes(bytes(damaged))
        monkeypatch.setattr(module, "_cache", None)
        assert module._cached() == {}
        _same(module._compile(source, flags), re.compile(source, flags))
    path.write_bytes(b"not marshal data")
    monkeypatch.setattr(module, "_cache", None)
    _same(module._compile(source, flags), re.compile(source, flags))
    _restart(monkeypatch)  # written again, whole
    assert (source, int(flags)) in module._cached()
    with pytest.raises(re.error):
        module._compile("(unclosed", 0)


def test_no_cache_when_turned_off(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PACTE_REGEX_CACHE", "0")
    monkeypatch.setattr(module, "_cache", None)
    monkeypatch.setattr(module, "_added", {})
    assert module.regex_cache_path() is None
    _same(module._compile(r"\d+ pour", 0), re.compile(r"\d+ pour"))
    module.regex_cache_write()
    assert module._added == {}


def test_the_command_writes_the_cache_and_reads_the_same_terms_with_it(tmp_path) -> None:
    document = Path(__file__).parent / "documents" / "convention-article-premier.txt"
    command = [str(Path(sys.executable).parent / "pacte"), "extract", str(document), "--json"]
    env = {**os.environ, "PACTE_REGEX_CACHE": str(tmp_path / "cache")}
    first = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    files = list((tmp_path / "cache").glob("expressions-*.marshal"))
    assert len(files) == 1 and files[0].stat().st_size > 1000
    second = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    off = subprocess.run(
        command, capture_output=True, text=True, env={**env, "PACTE_REGEX_CACHE": "0"}, check=True
    )
    assert json.loads(first.stdout) == json.loads(second.stdout) == json.loads(off.stdout)


def test_where_matches_start_is_kept_and_read_back_the_same(fresh, monkeypatch) -> None:
    """What is learnt of each expression (its literals, its head, its alternatives) is
    kept with its code: the next process reads it instead of parsing the expression."""
    learnt = {
        (p.pattern, int(p._flags)): module.learnt_starts(p.pattern, int(p._flags))
        for _, p in PATTERNS
    }
    _restart(monkeypatch)

    kinds = Counter(value[0] for value in learnt.values())
    assert kinds["literals"] and kinds["head"] and kinds["branches"] and kinds["none"]
    for key, value in learnt.items():
        assert module.learnt_starts(*key) == value
    assert module._added == {}  # nothing learnt again


def test_expressions_whose_starts_come_from_the_cache_find_the_same_matches(
    fresh, monkeypatch
) -> None:
    for _, pattern in PATTERNS:
        module.learnt_starts(pattern.pattern, int(pattern._flags))
    _restart(monkeypatch)
    long_texts = [(SAMPLES + "\n") * 40, (SAMPLES.lower() + " ") * 40]

    for _, pattern in PATTERNS:
        fresh_pattern = module.LazyPattern(pattern.pattern, pattern._flags)
        compiled = re.compile(pattern.pattern, pattern._flags)
        for text in long_texts:
            assert [m.span() for m in fresh_pattern.finditer(text)] == [
                m.span() for m in compiled.finditer(text)
            ], pattern.pattern
            found, expected = fresh_pattern.search(text, 7), compiled.search(text, 7)
            assert (found and found.span()) == (expected and expected.span())
    assert [key for key in module._added if "starts" in key] == []  # nothing learnt again


def test_what_another_version_learnt_is_not_used(fresh, monkeypatch) -> None:
    source, flags = r"\bsubventions?\s+de\s+(\d+)", 0
    module.learnt_starts(source, flags)
    _restart(monkeypatch)
    monkeypatch.setattr(module, "_tag", "une-autre-version")

    module.learnt_starts(source, flags)

    assert list(module._added) == [(source, flags, "starts", "une-autre-version")]
