from django.contrib import admin

from pacte.accounts.enums import Role
from pacte.accounts.models import CalendarFeed, Membership
from pacte.accounts.services import membership_remove, membership_set


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name"]
    list_select_related = ["user", "organisation"]

    # writes go through the services, which audit them
    def save_model(self, request, obj, form, change):
        saved = membership_set(
            user=obj.user, role=Role(obj.role), organisation=obj.organisation, by=request.user
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        membership_remove(user=obj.user, by=request.user)

    def has_delete_permission(self, request, obj=None):
        # bulk deletion would skip the journal
        return obj is not None and super().has_delete_permission(request, obj)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "last_used_at"]
    list_select_related = ["user"]
    # the token is a secret: it is never shown, only revoked (from « Mon compte »)
    exclude = ["token"]
    readonly_fields = ["user", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
