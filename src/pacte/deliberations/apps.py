from django.apps import AppConfig


class DeliberationsConfig(AppConfig):
    name = "pacte.deliberations"
    verbose_name = "Délibérations"
