from django.contrib import admin

from pacte.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "object_type", "object_ref", "actor"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_ref"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    # the journal is written by services only
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
