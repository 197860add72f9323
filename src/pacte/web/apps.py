from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "pacte.web"
    verbose_name = "Application web"
