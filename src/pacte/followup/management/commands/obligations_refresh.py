"""``pacte manage obligations_refresh [--on AAAA-MM-JJ] [--all]``: the nightly refresh.

Meant for a nightly cron (or ``pacte scheduler``): it recomputes the stored calendars
that may have changed since the last run (``calendars.refresh_plan``); ``--all``
recomputes every convention, moving every horizon to the day + two years.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pacte.followup.calendars import obligations_refresh_nightly


class Command(BaseCommand):
    help = (
        "Recalcule les obligations enregistrées (« À faire ») des conventions qui ont pu "
        "changer depuis le dernier recalcul, ou de toutes avec --all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", default="", help="jour du calcul, AAAA-MM-JJ (par défaut : aujourd'hui)"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="full",
            help="recalculer toutes les conventions (par défaut : celles qui ont pu changer)",
        )

    def handle(self, *args, on, full, **options):
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"Date « {on} » illisible : attendu AAAA-MM-JJ.") from None
        run = obligations_refresh_nightly(on=day, full=full)
        kind = "recalcul complet" if run.full else "recalcul de ce qui a pu changer"
        self.stdout.write(
            f"Obligations recalculées pour {run.conventions} convention(s) au "
            f"{day:%d/%m/%Y} ({kind})."
        )
