"""The second factor (TOTP), optional per user: switched on from « Mon compte » with an
authenticator app (FreeOTP, Google Authenticator, Aegis…), then asked after the password.

The password step (``LoginView``, counted by django-axes) does not log in a user who has
the second factor: it keeps who is waiting, for five minutes, in the session, and sends
to the code page; a right code logs in (``django.contrib.auth.login``) and records the
device (``django_otp.login``). The administration's login page sends to the same pages.
"""

from __future__ import annotations

import base64
import io
import time

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from pacte.accounts.selectors import second_factor_of, user_by_pk
from pacte.accounts.services import (
    SecondFactorRefused,
    second_factor_begin,
    second_factor_confirm,
    second_factor_disable,
    second_factor_verify,
)

PENDING = "pacte_second_factor"
PENDING_SECONDS = 300
"""How long the password step stays valid while the code is awaited."""


class PacteLoginView(LoginView):
    """The password step; a user with the second factor goes on to the code page."""

    template_name = "registration/login.html"

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        user = form.get_user()
        if second_factor_of(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": getattr(user, "backend", ""),
            "at": time.time(),
            "next": self.get_success_url(),
        }
        return redirect("login_code")


def _pending(request: HttpRequest) -> dict | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending


@never_cache
def login_code_view(request: HttpRequest) -> HttpResponse:
    """The code step: six digits from the app; a wrong code says so and slows down."""
    pending = _pending(request)
    user = user_by_pk(pending["user"]) if pending else None
    if user is None:
        messages.warning(
            request,
            "Session de connexion expirée : saisissez de nouveau votre identifiant et votre mot de passe.",
        )
        return redirect("login")
    error = ""
    if request.method == "POST":
        try:
            device = second_factor_verify(user=user, code=request.POST.get("code", ""))
        except SecondFactorRefused as refused:
            error = refused.message
        else:
            target = pending.get("next") or "/"
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = "/"
            request.session.pop(PENDING, None)
            auth_login(request, user, backend=pending.get("backend") or None)
            otp_login(request, device)
            return redirect(target)
    return render(
        request,
        "registration/login_code.html",
        {"title": "Code de vérification", "error": error},
        status=400 if error else 200,
    )


def admin_login_view(request: HttpRequest) -> HttpResponse:
    """The administration's login page: the same steps as the application's."""
    query = request.GET.urlencode()
    return redirect(reverse("login") + (f"?{query}" if query else ""))


def _secret(device) -> str:  # type: ignore[no-untyped-def]
    """The secret as typed into an app by hand: base 32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def second_factor_context(request: HttpRequest) -> dict:
    """What « Mon compte » shows of the second factor."""
    active = second_factor_of(request.user)
    waiting = None if active else second_factor_of(request.user, confirmed=False)
    return {
        "second_factor": active,
        "second_factor_waiting": waiting,
        "second_factor_secret": _secret(waiting) if waiting else "",
    }


@login_required
@require_POST
def second_factor_begin_view(request: HttpRequest) -> HttpResponse:
    second_factor_begin(user=request.user)
    return redirect(reverse("account") + "#double-authentification")


@never_cache
@login_required
def second_factor_qr_view(request: HttpRequest) -> HttpResponse:
    """The QR code of the secret waiting for confirmation (SVG), for the app to scan."""
    import qrcode
    import qrcode.image.svg

    waiting = second_factor_of(request.user, confirmed=False)
    if waiting is None:
        raise Http404("Aucune activation de la double authentification en cours.")
    image = qrcode.make(waiting.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@login_required
@require_POST
def second_factor_confirm_view(request: HttpRequest) -> HttpResponse:
    try:
        device = second_factor_confirm(user=request.user, code=request.POST.get("code", ""))
    except SecondFactorRefused as refused:
        messages.error(request, refused.message)
    else:
        otp_login(request, device)
        messages.success(
            request,
            "Double authentification activée : à chaque connexion, Pacte vous demandera un "
            "code de votre application après le mot de passe.",
        )
    return redirect(reverse("account") + "#double-authentification")


@login_required
@require_POST
def second_factor_disable_view(request: HttpRequest) -> HttpResponse:
    try:
        second_factor_disable(user=request.user, code=request.POST.get("code", ""))
    except SecondFactorRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "Double authentification désactivée.")
    return redirect(reverse("account") + "#double-authentification")
