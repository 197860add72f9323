"""The pure packages (terms, rules, extraction, observatory) import nothing from Django or the apps."""

import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

PURE = [
    name
    for name in ("pacte.terms", "pacte.rules", "pacte.extraction", "pacte.observatory")
    if find_spec(name)
]
APPS = ("audit", "config", "conventions", "deliberations", "organisations", "web", "api")


@pytest.mark.parametrize("package", PURE)
def test_importing_a_pure_package_loads_no_django(package: str) -> None:
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"package = importlib.import_module({package!r})\n"
        "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(module.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)

    forbidden = [
        name
        for name in loaded
        if name == "django"
        or name.startswith("django.")
        or any(name == f"pacte.{app}" or name.startswith(f"pacte.{app}.") for app in APPS)
    ]
    assert forbidden == []


@pytest.mark.parametrize("package", PURE)
def test_pure_package_sources_never_import_django(package: str) -> None:
    spec = find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations)))
    offenders = [
        f"{path.relative_to(folder)}:{number}"
        for path in sorted(folder.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.lstrip().startswith(("import django", "from django"))
    ]
    assert offenders == []
