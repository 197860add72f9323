"""A session ends after ``SESSION_COOKIE_AGE`` without activity.

Django renews a session's expiry only when the session is saved; saving it on every
request would make every page a database write. Here an active session is saved again
at most every five minutes, which moves its expiry forward.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

RENEW_EVERY = 300
"""Seconds between two renewals of an active session."""
KEY = "pacte_activite"


class SessionActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(request.session.get(KEY, 0)) >= RENEW_EVERY:
                request.session[KEY] = now
        return self.get_response(request)
