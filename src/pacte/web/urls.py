from django.contrib.auth import views as auth_views
from django.urls import path

from pacte.web.views import convention, register

urlpatterns = [
    path("", register.register_view, name="register"),
    path("conventions/<slug:reference>/", convention.convention_view, name="convention"),
    path(
        "connexion/",
        auth_views.LoginView.as_view(template_name="registration/login.html"),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
]
