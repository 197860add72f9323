"""What the register tells the layers above it, without importing them.

``convention_stored`` is sent by ``convention_store`` inside its transaction, once the
convention and its children are written; the follow-up connects to it to recompute the
stored calendar (``pacte.followup.apps``). The register never imports the follow-up.
"""

from django.dispatch import Signal

convention_stored = Signal()
"""Sent with ``convention`` (the stored row) and ``on`` (today's date)."""
