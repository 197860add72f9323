from django.contrib import admin

from pacte.deliberations.models import Attendance, Decision, Deliberation, Session, SessionMember


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ["person", "proxy_to"]


class SessionMemberInline(admin.TabularInline):
    model = SessionMember
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["body", "date", "authority", "place", "registered"]
    list_filter = ["registered", "second_convocation", "body", "date"]
    search_fields = ["body", "place", "authority__name"]
    date_hierarchy = "date"
    list_select_related = ["authority"]
    autocomplete_fields = ["authority", "president", "secretary"]
    inlines = [SessionMemberInline, AttendanceInline]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0


@admin.register(Deliberation)
class DeliberationAdmin(admin.ModelAdmin):
    list_display = ["number", "object", "session", "vote_result", "published_on", "transmitted_on"]
    list_filter = ["vote_result", "vote_secret", "session__body"]
    search_fields = ["number", "object", "session__body", "acknowledgement_id"]
    list_select_related = ["session"]
    autocomplete_fields = ["session", "rapporteur", "mandated"]
    inlines = [DecisionInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["person", "status", "proxy_to", "session"]
    list_filter = ["status"]
    search_fields = ["person__last_name", "session__body"]
    list_select_related = ["person", "proxy_to", "session"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["number", "text", "amount", "deliberation"]
    search_fields = ["text", "deliberation__number"]
    list_select_related = ["deliberation"]


@admin.register(SessionMember)
class SessionMemberAdmin(admin.ModelAdmin):
    list_display = ["person", "seat", "group", "since", "until", "session"]
    search_fields = ["person__last_name", "seat", "group", "session__body"]
    list_select_related = ["person", "session"]
