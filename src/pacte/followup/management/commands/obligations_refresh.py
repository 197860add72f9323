"""``pacte manage obligations_refresh [--on AAAA-MM-JJ]``: recompute every stored calendar.

Meant for a nightly cron: it moves every convention's horizon to the day + two years.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pacte.conventions.models import Convention
from pacte.followup.services import obligations_refresh_many


class Command(BaseCommand):
    help = "Recalcule les obligations enregistrées de toutes les conventions (« À faire »)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", default="", help="jour du calcul, AAAA-MM-JJ (par défaut : aujourd'hui)"
        )

    def handle(self, *args, on, **options):
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"Date « {on} » illisible : attendu AAAA-MM-JJ.") from None
        count = obligations_refresh_many(Convention.objects.all(), on=day)
        self.stdout.write(f"Obligations recalculées pour {count} convention(s) au {day:%d/%m/%Y}.")
