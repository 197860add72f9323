from django.contrib.auth import views as auth_views
from django.urls import path

from pacte.web.views import (
    account,
    actions,
    agent_in_charge,
    api_tokens,
    calendar_feed,
    calls,
    convention,
    files,
    generated,
    legal,
    observatory,
    register,
    reminders,
    todo,
    two_factor,
)
from pacte.web.views.dashboard import dashboard_view
from pacte.web.views.imports import (
    import_batch_view,
    import_confirm_view,
    import_draft_view,
    import_list_view,
    import_reject_view,
)
from pacte.web.views.session import session_view
from pacte.web.views.session_attendance import session_attendance_view
from pacte.web.views.session_extract import deliberation_extract_view
from pacte.web.views.sessions import sessions_view

urlpatterns = [
    path("", todo.todo_view, name="todo"),
    path("a-faire/<slug:slug>/", todo.todo_section_view, name="todo_section"),
    path("calendriers/recalculer/", todo.calendars_refresh_view, name="calendars_refresh"),
    path("registre/", register.register_view, name="register"),
    path("registre/export.<str:fmt>", register.register_export_view, name="register_export"),
    path("conventions/<slug:reference>/", convention.convention_view, name="convention"),
    path(
        "conventions/<slug:reference>/enregistrer/<slug:slug>/",
        actions.action_view,
        name="convention_action",
    ),
    path(
        "conventions/<slug:reference>/agent-en-charge/",
        agent_in_charge.convention_agent_view,
        name="convention_agent",
    ),
    path(
        "conventions/<slug:reference>/documents/<int:pk>/",
        files.document_file_view,
        name="document_file",
    ),
    path(
        "conventions/<slug:reference>/reunions/<int:pk>/proces-verbal/",
        files.meeting_minutes_view,
        name="meeting_minutes",
    ),
    path(
        "conventions/<slug:reference>/produits/<slug:kind>.<str:fmt>",
        generated.generated_document_view,
        name="generated_document",
    ),
    path(
        "conventions/<slug:reference>/produits/versement/<slug:grant>/<int:year>/<int:rank>.<str:fmt>",
        generated.payment_request_view,
        name="payment_request_document",
    ),
    path(
        "conventions/<slug:reference>/avenants/<int:pk>/avenant.<str:fmt>",
        generated.amendment_document_view,
        name="amendment_document",
    ),
    path(
        "conventions/<slug:reference>/avenants/<int:pk>/fichier/",
        generated.amendment_file_view,
        name="amendment_file",
    ),
    path(
        "conventions/<slug:reference>/source/<int:pk>/",
        generated.source_document_view,
        name="source_document",
    ),
    path("imports/", import_list_view, name="import_list"),
    path("imports/<int:pk>/", import_draft_view, name="import_draft"),
    path("imports/lots/<str:batch>/", import_batch_view, name="import_batch"),
    path("imports/<int:pk>/confirmer/", import_confirm_view, name="import_confirm"),
    path("imports/<int:pk>/rejeter/", import_reject_view, name="import_reject"),
    path("tableau-de-bord/", dashboard_view, name="dashboard"),
    path("seances/", sessions_view, name="sessions"),
    path("seances/<int:pk>/", session_view, name="session"),
    path("seances/<int:pk>/presences/", session_attendance_view, name="session_attendance"),
    path(
        "seances/<int:pk>/deliberations/<int:deliberation>/extrait.<str:format>",
        deliberation_extract_view,
        name="deliberation_extract",
    ),
    path("observatoire/", observatory.observatory_view, name="observatory"),
    path(
        "observatoire/export.<str:fmt>",
        observatory.observatory_export_view,
        name="observatory_export",
    ),
    path("observatoire/joindre/", observatory.observatory_attach_view, name="observatory_attach"),
    path("observatoire/ptce/", observatory.ptce_view, name="ptce"),
    path("observatoire/ptce/choisir/", observatory.ptce_choose_view, name="ptce_choose"),
    path("observatoire/ptce/<int:pk>/note.docx", observatory.ptce_note_view, name="ptce_note"),
    path("compte/", account.account_view, name="account"),
    path("compte/calendrier/", account.calendar_regenerate_view, name="calendar_regenerate"),
    path("compte/calendrier/revoquer/", account.calendar_revoke_view, name="calendar_revoke"),
    path("compte/jetons/", api_tokens.api_token_create_view, name="api_token_create"),
    path("compte/rappels/", reminders.reminders_update_view, name="reminders_update"),
    path(
        "rappels/desabonnement/<str:token>/",
        reminders.unsubscribe_view,
        name="reminders_unsubscribe",
    ),
    path(
        "compte/jetons/<int:pk>/revoquer/",
        api_tokens.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("calendrier/<str:token>.ics", calendar_feed.calendar_feed_view, name="calendar_feed"),
    path("connexion/", two_factor.PacteLoginView.as_view(), name="login"),
    path("connexion/code/", two_factor.login_code_view, name="login_code"),
    path(
        "compte/double-authentification/activer/",
        two_factor.second_factor_begin_view,
        name="second_factor_begin",
    ),
    path(
        "compte/double-authentification/qr.svg",
        two_factor.second_factor_qr_view,
        name="second_factor_qr",
    ),
    path(
        "compte/double-authentification/confirmer/",
        two_factor.second_factor_confirm_view,
        name="second_factor_confirm",
    ),
    path(
        "compte/double-authentification/desactiver/",
        two_factor.second_factor_disable_view,
        name="second_factor_disable",
    ),
    path("accessibilite/", legal.accessibility_view, name="accessibility"),
    path("mentions-legales/", legal.legal_notice_view, name="legal_notice"),
    path("donnees-personnelles/", legal.personal_data_view, name="personal_data"),
    path("cookies/", legal.cookies_view, name="cookies"),
    path("plan-du-site/", legal.sitemap_view, name="sitemap"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    # calls for projects (#16)
    path("appels/", calls.calls_view, name="calls"),
    path("appels/dossiers/<int:pk>/", calls.application_agent_view, name="call_application"),
    path(
        "appels/dossiers/<int:pk>/<slug:action>/",
        calls.application_action_view,
        name="call_application_action",
    ),
    path("appels/dispositifs/nouveau/", calls.fund_new_view, name="fund_new"),
    path("appels/nouvel-appel/", calls.call_new_view, name="call_new"),
    path("appels/<slug:reference>/", calls.call_view, name="call"),
    path("appels/<slug:reference>/designation/", calls.call_balance_view, name="call_balance"),
    path("appels/<slug:reference>/comite/", calls.call_committee_view, name="call_committee"),
    path(
        "appels/<slug:reference>/orientations/",
        calls.call_orientations_view,
        name="call_orientations",
    ),
    path("evaluations/<int:pk>/", calls.review_view, name="review"),
    path("appels-a-projets/<slug:reference>/", calls.public_call_view, name="public_call"),
    path("appels-a-projets/<slug:reference>/deposer/", calls.apply_view, name="call_apply"),
    path("mes-dossiers/<int:pk>/", calls.my_application_view, name="my_application"),
    path(
        "appels-a-projets/<slug:reference>/appel.docx",
        calls.call_document_view,
        name="call_document",
    ),
    path(
        "appels/<slug:reference>/proces-verbal.docx", calls.call_minutes_view, name="call_minutes"
    ),
    path(
        "appels/dossiers/<int:pk>/lettre.docx", calls.decision_letter_view, name="decision_letter"
    ),
    path(
        "appels/dossiers/<int:pk>/pieces/<int:file_pk>/",
        calls.application_file_view,
        name="application_file",
    ),
]
