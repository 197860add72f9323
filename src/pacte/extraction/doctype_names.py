"""Cues in the name of a file: what its authority called the document (« PV-Conseil-du-… »,
« Deliberation-… », « Convention-… »), read by ``doctype.classify`` as a heading."""

from __future__ import annotations

import re

from pacte.extraction.lazy import lazy

NAME_CUES: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    # kind, pattern on the folded name, veto
    (
        "minutes",
        lazy(
            r"(?:^|[-_ .])(?:pv|proce?s[-_ ]?verbal|comptes?[-_ ]?rendus?|cr|"
            r"liste[-_ ](?:des[-_ ])?deliberations)(?:[-_ .]|$)"
        ),
        lazy(r"conven|delib(?!erations)|extrait|annexe|approbation|odj|ordre"),
    ),
    (
        "deliberation",
        lazy(r"(?:^|[-_ .])(?:delib\w*|extrait|dcm|dbcc?)(?:[-_ .\d]|$)"),
        lazy(r"liste|registre|recueil"),
    ),
    ("convention", lazy(r"(?:^|[-_ .])(?:convention|contrat|avenant)(?:[-_ .]|$)"), None),
    (
        "arrete",
        lazy(r"(?:^|[-_ .\d])(?:arrete|decision|dec)(?:[-_ .\d]|$)"),
        lazy(r"decision[-_ ]modificative"),
    ),
    (
        "act",
        lazy(
            r"(?:^|[-_ .\d])(?:reglement|rapport|recueil|annexe|plan|pcaet|plu|odj|"
            r"ordre[-_ ]du[-_ ]jour|budget|compte[-_ ]administratif|registre|rob|dob|"
            r"decision[-_ ]modificative|cdc\w*)(?:[-_ .\d]|$)"
        ),
        None,
    ),
)
"""Cues in the name of the file (glued in front of a flattened text, or given): what
its authority called it. A name cue is a heading (it comes first); a minutes cue in a name
that also names a convention, a deliberation or an approval is not counted."""
NAME_WEIGHT = 3
"""A name cue weighs as a heading; one naming another act (règlement, rapport, recueil,
budget…) one more, above the convention's vocabulary such acts use."""
