from django.contrib import admin

from pacte.observation.models import PtceChoice


@admin.register(PtceChoice)
class PtceChoiceAdmin(admin.ModelAdmin):
    list_display = ("convention", "workstream_key", "step_number", "territory_name", "chosen_at")
    readonly_fields = ("chosen_at",)
