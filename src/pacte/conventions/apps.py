from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "pacte.conventions"
    verbose_name = "Conventions"
