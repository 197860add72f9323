from django.contrib import admin

from pacte.organisations.models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "siret", "rna", "city", "department"]
    list_filter = ["kind", "department"]
    search_fields = ["name", "short_name", "siren", "siret", "rna", "city"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "kind", "legal_form", "description"]}),
        ("Identifiants", {"fields": ["siren", "siret", "rna"]}),
        (
            "Adresse",
            {"fields": ["address_lines", "postcode", "city", "cedex", "department"]},
        ),
        ("Suivi", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "civility", "title"]
    search_fields = ["last_name", "first_name", "title"]
