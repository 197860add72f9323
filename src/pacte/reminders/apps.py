from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "pacte.reminders"
    verbose_name = "Rappels par courriel"
