from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "pacte.web"
    verbose_name = "Application web"

    def ready(self) -> None:
        from pacte.web import checks  # noqa: F401  (registers the deploy check)
