from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles.views import serve as static_serve
from django.urls import include, path, re_path

from pacte.api.api import api
from pacte.web.views.two_factor import admin_login_view

urlpatterns = [
    # the administration logs in through the application's pages (second factor included)
    path("admin/login/", admin_login_view),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("pacte.web.urls")),
]

if getattr(settings, "PACTE_SERVE_STATIC", False) and not settings.DEBUG:
    # the embedded mode (``pacte serve``) has no web server in front of it: the application
    # serves its own CSS and fonts, found by the static finders (no collectstatic needed)
    prefix = settings.STATIC_URL.lstrip("/")
    urlpatterns.insert(
        0, re_path(rf"^{prefix}(?P<path>.*)$", static_serve, kwargs={"insecure": True})
    )
