"""The kinds of generated documents, light enough for the command line's help."""

KINDS = {
    "convention": "convention",
    "denonciation": "lettre-denonciation",
    "avenant": "avenant",
    "versement": "demande-versement",
}
"""Document kinds (as typed on the command line) and their template names."""

KIND_LABELS = {
    "convention": "convention",
    "denonciation": "lettre de dénonciation",
    "avenant": "avenant",
    "versement": "demande de versement",
}
