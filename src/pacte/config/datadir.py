"""Where Pacte keeps its data when it runs on one machine: database, files, secret key.

The folder never depends on the directory the command is run from:

- ``PACTE_VAR_DIR`` when set (a relative path is taken from the current directory once,
  and made absolute);
- else the user data folder of the XDG convention: ``$XDG_DATA_HOME/pacte``, or
  ``~/.local/share/pacte`` when ``XDG_DATA_HOME`` is not set.

>>> import os
>>> data_dir({"PACTE_VAR_DIR": "/srv/pacte"}) == Path("/srv/pacte")
True
>>> data_dir({"XDG_DATA_HOME": "/home/agent/.data"}) == Path("/home/agent/.data/pacte")
True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def data_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The data folder (not created here): ``PACTE_VAR_DIR``, else the XDG user data folder."""
    env = os.environ if environ is None else environ
    chosen = env.get("PACTE_VAR_DIR")
    if chosen:
        return Path(chosen).expanduser().absolute()
    xdg = env.get("XDG_DATA_HOME")
    # the XDG specification says a relative XDG_DATA_HOME is invalid and must be ignored
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "pacte"
