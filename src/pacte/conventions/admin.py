"""Admin of conventions: one page per convention with its parts inline, and pages for the
parts that have children of their own (articles, grants, instalments, bodies…)."""

from django.contrib import admin

from pacte.conventions.models import (
    ActionSheet,
    Article,
    ArticleSection,
    BodyMember,
    BudgetLine,
    Commitment,
    CommunicationDuty,
    Convention,
    GoverningBody,
    Grant,
    GrantYear,
    Instalment,
    Party,
    ReportingDuty,
    SheetCommitment,
    Signature,
    Step,
    SupportingDocument,
    Workstream,
)


class PartyInline(admin.StackedInline):
    model = Party
    extra = 0
    autocomplete_fields = ["organisation", "representative"]


class ArticleInline(admin.TabularInline):
    model = Article
    extra = 0
    fields = ["position", "number", "title"]
    show_change_link = True


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["position", "party", "text", "place_article"]


class CommunicationDutyInline(admin.TabularInline):
    model = CommunicationDuty
    extra = 0
    fields = ["position", "parties", "text", "logos"]


class GrantInline(admin.TabularInline):
    model = Grant
    extra = 0
    fields = ["position", "key", "kind", "annual_amount", "total_amount"]
    show_change_link = True


class GoverningBodyInline(admin.TabularInline):
    model = GoverningBody
    extra = 0
    fields = ["position", "key", "name", "kind", "cadence_frequency"]
    show_change_link = True


class WorkstreamInline(admin.TabularInline):
    model = Workstream
    extra = 0
    fields = ["position", "key", "title"]
    show_change_link = True


class ReportingDutyInline(admin.TabularInline):
    model = ReportingDuty
    extra = 0
    fields = ["position", "party", "subject", "frequency"]


class ActionSheetInline(admin.TabularInline):
    model = ActionSheet
    extra = 0
    fields = ["position", "number", "title", "lead"]
    show_change_link = True


class SignatureInline(admin.TabularInline):
    model = Signature
    extra = 0
    autocomplete_fields = ["signatory"]


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "title",
        "kind",
        "signed_on",
        "term_start_rule",
        "renewal_kind",
        "agent_in_charge",
    ]
    list_filter = ["renewal_kind", "term_start_rule", "signed_on"]
    search_fields = ["reference", "title", "parties__organisation__name"]
    date_hierarchy = "signed_on"
    # the agent in charge is chosen on the convention's page (service, journal)
    readonly_fields = ["created_at", "updated_at", "agent_in_charge"]
    autocomplete_fields = ["deliberation"]
    inlines = [
        PartyInline,
        ArticleInline,
        CommitmentInline,
        CommunicationDutyInline,
        GrantInline,
        GoverningBodyInline,
        WorkstreamInline,
        ReportingDutyInline,
        ActionSheetInline,
        SignatureInline,
    ]
    fieldsets = [
        (None, {"fields": ["reference", "title", "kind", "deliberation"]}),
        ("Préambule", {"fields": ["preamble_title", "preamble", "objectives"]}),
        ("Signature", {"fields": ["signed_at", "signed_on"]}),
        (
            "Durée",
            {
                "fields": [
                    "term_start_rule",
                    "term_start",
                    "term_end",
                    "term_duration_value",
                    "term_duration_unit",
                    "term_place_article",
                    "term_place_quote",
                ]
            },
        ),
        (
            "Reconduction",
            {
                "fields": [
                    "renewal_kind",
                    "renewal_period_value",
                    "renewal_period_unit",
                    "renewal_max_renewals",
                    "renewal_condition",
                    "renewal_place_article",
                    "renewal_place_quote",
                ]
            },
        ),
        (
            "Dénonciation",
            {
                "fields": [
                    "termination_form",
                    "termination_notice_value",
                    "termination_notice_unit",
                    "termination_by",
                    "termination_text",
                    "termination_place_article",
                    "termination_place_quote",
                ]
            },
        ),
        ("Suivi", {"fields": ["created_at", "updated_at"]}),
    ]


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["key", "role", "organisation", "convention", "representative"]
    list_filter = ["role", "mandate_kind"]
    search_fields = ["key", "organisation__name", "convention__reference"]
    list_select_related = ["organisation", "convention", "representative"]
    autocomplete_fields = ["organisation", "representative"]


class ArticleSectionInline(admin.TabularInline):
    model = ArticleSection
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "convention"]
    search_fields = ["number", "title", "text", "convention__reference"]
    list_select_related = ["convention"]
    inlines = [ArticleSectionInline]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["text", "party", "convention", "place_article"]
    list_filter = ["party__role"]
    search_fields = ["text", "convention__reference"]
    list_select_related = ["party", "convention"]


@admin.register(CommunicationDuty)
class CommunicationDutyAdmin(admin.ModelAdmin):
    list_display = ["text", "convention"]
    search_fields = ["text", "convention__reference"]
    list_select_related = ["convention"]


class GrantYearInline(admin.TabularInline):
    model = GrantYear
    extra = 0


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0
    fields = ["position", "kind", "percent", "amount", "year", "trigger_kind", "trigger_date"]
    show_change_link = True


class RenewalDocumentInline(admin.TabularInline):
    model = SupportingDocument
    fk_name = "renewed_grant"
    extra = 0
    fields = ["position", "kind", "label", "approved_by"]
    verbose_name = "pièce pour la reconduction"
    verbose_name_plural = "pièces pour la reconduction"


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["key", "convention", "kind", "annual_amount", "total_amount", "earmarked"]
    list_filter = ["kind", "earmarked", "prorata_basis"]
    search_fields = ["key", "purpose", "convention__reference"]
    list_select_related = ["convention"]
    inlines = [GrantYearInline, InstalmentInline, RenewalDocumentInline]


class TriggerDocumentInline(admin.TabularInline):
    model = SupportingDocument
    fk_name = "instalment"
    extra = 0
    fields = ["position", "kind", "label", "approved_by"]


@admin.register(Instalment)
class InstalmentAdmin(admin.ModelAdmin):
    list_display = ["grant", "kind", "percent", "amount", "year", "trigger_kind"]
    list_filter = ["kind", "trigger_kind"]
    search_fields = ["grant__key", "grant__convention__reference", "trigger_text"]
    list_select_related = ["grant"]
    inlines = [TriggerDocumentInline]


@admin.register(SupportingDocument)
class SupportingDocumentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "instalment", "renewed_grant", "minutes_of", "approved_by"]
    list_filter = ["kind"]
    search_fields = ["label"]
    list_select_related = ["instalment", "renewed_grant", "minutes_of", "approved_by"]


class BodyMemberInline(admin.TabularInline):
    model = BodyMember
    extra = 0
    autocomplete_fields = ["person"]


class MinutesInline(admin.TabularInline):
    model = SupportingDocument
    fk_name = "minutes_of"
    extra = 0
    fields = ["position", "kind", "label", "approved_by"]
    verbose_name = "procès-verbal"
    verbose_name_plural = "procès-verbaux"


@admin.register(GoverningBody)
class GoverningBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "kind", "cadence_frequency", "convention"]
    list_filter = ["kind", "cadence_frequency"]
    search_fields = ["name", "key", "convention__reference"]
    list_select_related = ["convention"]
    inlines = [BodyMemberInline, MinutesInline]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ["position", "number", "title", "milestone_due", "milestone_not_before"]


@admin.register(Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "convention"]
    search_fields = ["title", "key", "convention__reference"]
    list_select_related = ["convention"]
    inlines = [StepInline]


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "workstream", "milestone_due", "milestone_not_before"]
    list_filter = ["milestone_due"]
    search_fields = ["title", "workstream__title"]
    list_select_related = ["workstream"]


@admin.register(ReportingDuty)
class ReportingDutyAdmin(admin.ModelAdmin):
    list_display = ["subject", "party", "frequency", "convention"]
    list_filter = ["frequency"]
    search_fields = ["subject", "convention__reference"]
    list_select_related = ["party", "convention"]


class SheetCommitmentInline(admin.TabularInline):
    model = SheetCommitment
    extra = 0


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(ActionSheet)
class ActionSheetAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "convention", "lead", "starts_on", "ends_on"]
    list_filter = ["has_budget"]
    search_fields = ["title", "convention__reference"]
    list_select_related = ["convention", "lead"]
    inlines = [SheetCommitmentInline, BudgetLineInline]


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = ["party", "signatory", "date", "convention"]
    list_filter = ["date"]
    search_fields = ["party_name", "convention__reference", "signatory__last_name"]
    list_select_related = ["party", "signatory", "convention"]


@admin.register(GrantYear)
class GrantYearAdmin(admin.ModelAdmin):
    list_display = ["year", "amount", "months", "grant"]
    list_filter = ["year"]
    search_fields = ["grant__key", "grant__convention__reference"]
    list_select_related = ["grant"]


@admin.register(ArticleSection)
class ArticleSectionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "article"]
    search_fields = ["number", "title", "text"]
    list_select_related = ["article"]


@admin.register(BodyMember)
class BodyMemberAdmin(admin.ModelAdmin):
    list_display = ["role", "body", "party", "person"]
    search_fields = ["role", "body__name"]
    list_select_related = ["body", "party", "person"]


@admin.register(SheetCommitment)
class SheetCommitmentAdmin(admin.ModelAdmin):
    list_display = ["text", "sheet", "party"]
    search_fields = ["text"]
    list_select_related = ["sheet", "party"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["label", "side", "amount", "funder", "sheet"]
    list_filter = ["side"]
    search_fields = ["label", "funder"]
    list_select_related = ["sheet"]
