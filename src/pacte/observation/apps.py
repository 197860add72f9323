from django.apps import AppConfig


class ObservationConfig(AppConfig):
    name = "pacte.observation"
    verbose_name = "Observatoire de l'ESS"
