"""The one error of the outputs: its message is French and says what to do."""


class OutputError(Exception):
    """An output cannot be produced (missing template, LibreOffice absent, unknown grant…)."""
