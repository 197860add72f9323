"""What the register tells the layers above it, without importing them.

``convention_stored`` is sent by ``convention_store`` and ``conventions_store`` inside
their transaction, once the conventions and their children are written; the follow-up
connects to it to recompute the stored calendars (``pacte.followup.apps``) from the
terms already in memory. The register never imports the follow-up.
"""

from django.dispatch import Signal

convention_stored = Signal()
"""Sent with ``stored`` (the ``StoredConvention`` list of a batch: row, terms, created)
and ``on`` (today's date)."""

convention_deleting = Signal()
"""Sent with ``ids`` (the conventions about to be deleted) by ``convention_delete``,
inside its transaction, before the rows go: the follow-up takes them off the counts it
keeps per organisation."""
