from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "pacte.calls"
    verbose_name = "Appels à projets"
