from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "pacte.followup"
    verbose_name = "Suivi des conventions"

    def ready(self) -> None:
        from pacte.conventions.signals import convention_stored

        convention_stored.connect(_refresh, dispatch_uid="followup-refresh-on-store")


def _refresh(sender: object, *, convention: object, on: object, **_: object) -> None:
    """A convention stored: its obligations, states and figures are recomputed."""
    from pacte.followup.services import obligations_refresh

    obligations_refresh(convention=convention, on=on)  # type: ignore[arg-type]
