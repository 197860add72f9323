from django.apps import AppConfig


class OutputsConfig(AppConfig):
    name = "pacte.outputs"
    label = "outputs"
    verbose_name = "Sorties (données ouvertes, documents, tableurs)"
