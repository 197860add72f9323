from django.contrib import admin, messages

from pacte.api.models import ApiToken
from pacte.api.services import api_token_create, api_token_revoke


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name", "prefix"]
    fields = ["user", "name"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # writes go through the services, which audit them; the clear token is shown once
    def save_model(self, request, obj, form, change):
        token, clear = api_token_create(user=obj.user, name=obj.name, by=request.user)
        obj.pk = token.pk
        messages.warning(
            request, f"Jeton créé, à copier maintenant (il ne sera plus affiché) : {clear}"
        )

    @admin.action(description="Révoquer les jetons choisis")
    def revoke(self, request, queryset):
        count = sum(api_token_revoke(token=t, by=request.user) for t in queryset)
        messages.success(request, f"{count} jeton(s) révoqué(s).")
