from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "pacte.followup"
    verbose_name = "Suivi des conventions"
