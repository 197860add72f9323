"""Calls for projects in the administration: read-only, as every write goes through a
service (``pacte.calls.services``) that checks it and writes the journal."""

from django.contrib import admin

from pacte.calls.models import Application, Assignment, Call, Decision, Fund, Orientation


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Fund)
class FundAdmin(ReadOnly):
    list_display = ["name", "authority", "partner", "advance_percent", "duration_months", "quorum"]
    list_select_related = ["authority", "partner"]


@admin.register(Call)
class CallAdmin(ReadOnly):
    list_display = ["reference", "title", "fund", "envelope", "opens_at", "closes_at"]
    list_select_related = ["fund"]
    search_fields = ["reference", "title"]


@admin.register(Orientation)
class OrientationAdmin(ReadOnly):
    list_display = ["call", "version", "drafted_by", "drafted_at", "validated_by", "validated_at"]
    list_select_related = ["call", "drafted_by", "validated_by"]


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ["__str__", "organisation_name", "siret", "amount_requested", "state"]
    list_filter = ["state", "call"]
    list_select_related = ["call"]
    search_fields = ["organisation_name", "siret", "project_title"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly):
    list_display = ["application", "reviewer", "conflict", "declared_at"]
    list_select_related = ["application__call", "reviewer"]


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["application", "outcome", "amount", "decided_at"]
    list_select_related = ["application__call"]
