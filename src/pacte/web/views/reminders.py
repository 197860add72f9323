"""Mon compte › Rappels par courriel, and the unsubscribe link of every mail.

The link works without logging in (its token is the credential); opening it only
shows what it will do, the button stops the reminders (a GET never changes anything).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pacte.reminders.planning import DaysError
from pacte.reminders.selectors import reminder_settings, settings_for_token
from pacte.reminders.services import reminder_settings_update, reminder_unsubscribe


class ReminderForm(forms.Form):
    weekly_digest = forms.BooleanField(
        label="Recevoir chaque semaine le récapitulatif de ce qui est dû",
        help_text="Obligations en retard et à échéance dans les 30 jours, le lundi.",
        required=False,
    )
    alerts = forms.BooleanField(
        label="Recevoir une alerte avant chaque échéance",
        help_text="Dates limites de dénonciation, versements, instances (documents à fournir "
        "pour un partenaire).",
        required=False,
    )
    alert_days = forms.CharField(
        label="Jours d'avance des alertes",
        help_text="Un ou plusieurs nombres de jours séparés par des virgules, par exemple « 30, 7 ».",
        required=False,
        max_length=60,
    )


def reminders_context(request: HttpRequest, form: ReminderForm | None = None) -> dict[str, object]:
    """What « Mon compte » shows of the reminders: the form, filled with the choices."""
    prefs = reminder_settings(request.user)
    initial = {
        "weekly_digest": prefs.weekly_digest,
        "alerts": prefs.alerts,
        "alert_days": prefs.alert_days,
    }
    return {
        "reminder_form": form or ReminderForm(initial=initial),
        "reminder_email": getattr(request.user, "email", ""),
    }


@login_required
@require_POST
def reminders_update_view(request: HttpRequest) -> HttpResponse:
    form = ReminderForm(request.POST)
    if form.is_valid():
        try:
            reminder_settings_update(
                user=request.user,
                weekly_digest=form.cleaned_data["weekly_digest"],
                alerts=form.cleaned_data["alerts"],
                alert_days=form.cleaned_data["alert_days"],
            )
        except DaysError as error:
            form.add_error("alert_days", str(error))
        else:
            messages.success(request, "Vos préférences de rappel sont enregistrées.")
            return redirect("/compte/#rappels")
    from pacte.web.views.account import account_page

    return account_page(request, reminder_form=form, status=400)


def unsubscribe_view(request: HttpRequest, token: str) -> HttpResponse:
    prefs = settings_for_token(token)
    if prefs is None:
        raise Http404("Lien de désabonnement inconnu : il a peut-être déjà été remplacé.")
    done = False
    if request.method == "POST":
        reminder_unsubscribe(token=token)
        done = True
    elif request.method != "GET":
        raise Http404("Méthode non prise en charge.")
    return render(
        request,
        "web/unsubscribe.html",
        {"title": "Ne plus recevoir de rappels", "done": done, "email": prefs.user.email},
    )
