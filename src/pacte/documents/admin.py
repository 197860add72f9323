"""Admin of imported documents: sources and drafts are written by the import services only."""

from django.contrib import admin

from pacte.documents.models import ImportDraft, SourceDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    """Sources and drafts change through ``pacte.documents.services`` (journaled), not here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ImportDraftInline(admin.TabularInline):
    model = ImportDraft
    extra = 0
    fields = ["status", "doc_type", "convention", "created_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["original_filename", "format", "size", "uploaded_by", "created_at"]
    list_filter = ["format", "created_at"]
    search_fields = ["original_filename", "sha256"]
    date_hierarchy = "created_at"
    list_select_related = ["uploaded_by"]
    readonly_fields = [
        "original_filename",
        "file",
        "sha256",
        "size",
        "format",
        "uploaded_by",
        "created_at",
    ]
    inlines = [ImportDraftInline]


@admin.register(ImportDraft)
class ImportDraftAdmin(ReadOnlyAdmin):
    list_display = ["pk", "source", "status", "doc_type", "convention", "created_at"]
    list_filter = ["status", "doc_type", "created_at"]
    search_fields = ["source__original_filename", "convention__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["source", "convention"]
    readonly_fields = [
        "source",
        "status",
        "doc_type",
        "data",
        "key_terms",
        "spans",
        "notes",
        "missing",
        "problems",
        "convention",
        "confirmed_by",
        "confirmed_at",
        "created_at",
    ]
