from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FollowupConfig(AppConfig):
    name = "pacte.followup"
    verbose_name = "Suivi des conventions"

    def ready(self) -> None:
        from pacte.conventions.signals import convention_deleting, convention_stored

        convention_stored.connect(_refresh, dispatch_uid="followup-refresh-on-store")
        convention_deleting.connect(_forget, dispatch_uid="followup-forget-on-delete")
        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="followup-after-migrate")


def _refresh(sender: object, *, stored: object, on: object, **_: object) -> None:
    """Conventions stored: their obligations, states and figures are recomputed from
    the terms just written."""
    from pacte.followup.calendars import obligations_refresh_stored

    obligations_refresh_stored(stored, on=on)  # type: ignore[arg-type]


def _forget(sender: object, *, ids: object, **_: object) -> None:
    """Conventions about to be deleted: their stored calendars go first, taken off the
    counts kept per organisation."""
    from pacte.followup.calendars import calendars_forget

    calendars_forget(ids)  # type: ignore[arg-type]


def _after_migrate(
    sender: object, *, using: str = "default", verbosity: int = 1, **_: object
) -> None:
    """After ``migrate``: the calendars a migration cleared, or that stop too early, are
    computed again, so that no page has to write while it is read."""
    from pacte.followup.calendars import calendars_stale_refresh

    count = calendars_stale_refresh(using=using)
    if count and verbosity:
        print(f"Calendriers des obligations recalculés : {count} convention(s).")
