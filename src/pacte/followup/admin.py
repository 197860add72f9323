"""Follow-up records in the administration: read-only, as every write goes through a service."""

from django.contrib import admin

from pacte.followup.models import (
    DocumentReceived,
    Meeting,
    NoticeSent,
    Payment,
    RefreshRun,
    RenewalDecision,
    Signature,
    Termination,
)


class ReadOnly(admin.ModelAdmin):
    list_select_related = ["convention"]
    search_fields = ["convention__reference"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Signature)
class SignatureAdmin(ReadOnly):
    list_display = ["convention", "party_key", "signed_on"]


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = ["convention", "grant_key", "year", "amount", "paid_on", "overpaid"]


@admin.register(DocumentReceived)
class DocumentReceivedAdmin(ReadOnly):
    list_display = ["convention", "kind", "year", "received_on", "file_name"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ["convention", "body_key", "held_on", "minutes_received_on"]


@admin.register(NoticeSent)
class NoticeSentAdmin(ReadOnly):
    list_display = ["convention", "party_key", "sent_on", "received_on"]


@admin.register(RenewalDecision)
class RenewalDecisionAdmin(ReadOnly):
    list_display = ["convention", "decided_on"]


@admin.register(Termination)
class TerminationAdmin(ReadOnly):
    list_display = ["convention", "terminated_on", "reason"]


@admin.register(RefreshRun)
class RefreshRunAdmin(ReadOnly):
    """The nightly refreshes: when, for which day, complete or not, how many conventions."""

    list_select_related: list[str] = []
    search_fields: list[str] = []
    list_display = ["day", "full", "conventions", "started_at", "finished_at"]
