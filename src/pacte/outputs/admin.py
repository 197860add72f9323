from django.contrib import admin

from pacte.outputs.models import ScdlRecord


@admin.register(ScdlRecord)
class ScdlRecordAdmin(admin.ModelAdmin):
    list_display = ["__str__", "grant", "created_at"]
    list_select_related = ["grant"]
    readonly_fields = ["grant", "written", "source", "line", "created_at"]
