"""Background tasks of the API: forgetting old idempotency keys, every night.

Registered on the application of ``pacte.tasks`` (which lists this module in its
``imports``, so that workers know it) and scheduled there with the nightly refresh.
"""

from __future__ import annotations

import os
from datetime import timedelta

from pacte.tasks import app


def idempotency_days() -> int:
    """How long a write's idempotency key is kept, in days (``PACTE_IDEMPOTENCY_DAYS``).

    >>> idempotency_days()
    30
    """
    value = os.environ.get("PACTE_IDEMPOTENCY_DAYS", "").strip()
    return max(1, int(value)) if value.isdigit() else 30


@app.task(name="pacte.idempotency_keys_purge")
def idempotency_keys_purge() -> int:
    """Forget the idempotency keys older than ``idempotency_days()``; the number deleted.

    A client retries within minutes; a form sent again after that long is refused by its
    expired CSRF token and session anyway."""
    from pacte.api.services import idempotency_keys_purge as purge

    return purge(older_than=timedelta(days=idempotency_days()))
