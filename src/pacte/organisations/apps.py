from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "pacte.organisations"
    verbose_name = "Organisations et personnes"
