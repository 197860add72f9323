from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "pacte.documents"
    verbose_name = "Documents importés"
