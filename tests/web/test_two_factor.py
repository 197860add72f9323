"""The second factor (TOTP): switched on from « Mon compte », asked after the password,
switched off with a code; wrong codes refused in French and slowed down."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pacte.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "mot-de-passe-solide"


def code(device: TOTPDevice, *, steps: int = 0) -> str:
    """The code the app shows now (``steps`` periods of 30 s later: a fresh one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def lea():
    return get_user_model().objects.create_user("lea", password=PASSWORD)


def logged_in(lea) -> Client:
    client = Client()
    client.force_login(lea)
    return client


def switched_on(lea) -> TOTPDevice:
    client = logged_in(lea)
    assert client.post(reverse("second_factor_begin")).status_code == 302
    device = TOTPDevice.objects.get(user=lea)
    device.used_code = code(device)  # type: ignore[attr-defined]
    client.post(reverse("second_factor_confirm"), {"code": device.used_code})  # type: ignore[attr-defined]
    used = device.used_code  # type: ignore[attr-defined]
    device.refresh_from_db()
    assert device.confirmed
    device.used_code = used  # type: ignore[attr-defined]
    return device


def test_switching_on_shows_the_secret_then_needs_a_right_code(lea) -> None:
    client = logged_in(lea)
    page = client.get(reverse("account")).content.decode()
    assert "Activer la double authentification" in page
    assert client.get(reverse("second_factor_qr")).status_code == 404  # nothing begun
    client.post(reverse("second_factor_begin"))
    device = TOTPDevice.objects.get(user=lea)
    assert not device.confirmed
    page = client.get(reverse("account"))
    assert page["Cache-Control"].startswith("max-age=0")
    text = page.content.decode()
    assert reverse("second_factor_qr") in text and "clé secrète" in text
    qr = client.get(reverse("second_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content
    wrong = client.post(reverse("second_factor_confirm"), {"code": "000000"}, follow=True)
    assert "Code incorrect, expiré ou déjà utilisé" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    time.sleep(1.1)  # a wrong code slows the next try down by a second
    right = client.post(reverse("second_factor_confirm"), {"code": code(device)}, follow=True)
    assert "Double authentification activée" in right.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    entry = AuditEntry.objects.get(object_type="compte", object_ref="lea")
    assert entry.summary == {"double authentification": "activée"}


def test_without_the_second_factor_the_password_is_enough(lea) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get(reverse("account")).status_code == 200


def test_with_it_the_password_alone_does_not_log_in(lea) -> None:
    device = switched_on(lea)
    client = Client()
    response = client.post(
        reverse("login"), {"username": "lea", "password": PASSWORD, "next": "/registre/"}
    )
    assert response["Location"] == reverse("login_code")
    assert client.get(reverse("account")).status_code == 302  # not logged in yet
    page = client.get(reverse("login_code")).content.decode()
    assert "Code de vérification" in page
    wrong = client.post(reverse("login_code"), {"code": "12345x"})
    assert wrong.status_code == 400
    assert "Code incorrect" in wrong.content.decode()
    assert client.get(reverse("account")).status_code == 302
    time.sleep(1.1)
    # the code used to switch it on is spent (even if 30 s have turned since): the next
    # one of the app is needed
    spent = client.post(reverse("login_code"), {"code": device.used_code})  # type: ignore[attr-defined]
    assert spent.status_code == 400
    time.sleep(2.1)
    right = client.post(reverse("login_code"), {"code": code(device, steps=1)})
    assert right.status_code == 302 and right["Location"] == "/registre/"
    assert client.get(reverse("account")).status_code == 200


def test_too_many_wrong_codes_make_the_user_wait(lea) -> None:
    switched_on(lea)
    client = Client()
    client.post(reverse("login"), {"username": "lea", "password": PASSWORD})
    for _ in range(3):
        client.post(reverse("login_code"), {"code": "000000"})
    refused = client.post(reverse("login_code"), {"code": "000000"}).content.decode()
    assert "Trop de codes erronés : attendez" in refused


def test_the_code_page_needs_the_password_first(lea) -> None:
    response = Client().get(reverse("login_code"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Session de connexion expirée" in response.content.decode()


def test_the_next_address_stays_on_the_site(lea) -> None:
    device = switched_on(lea)
    client = Client()
    client.post(
        reverse("login"),
        {"username": "lea", "password": PASSWORD, "next": "https://ailleurs.example/"},
    )
    response = client.post(reverse("login_code"), {"code": code(device, steps=1)})
    assert response.status_code == 302 and response["Location"] == "/"


def test_switching_off_needs_a_right_code(lea) -> None:
    device = switched_on(lea)
    client = logged_in(lea)
    refused = client.post(reverse("second_factor_disable"), {"code": "111111"}, follow=True)
    assert "Code incorrect" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=lea, confirmed=True).exists()
    time.sleep(1.1)
    done = client.post(
        reverse("second_factor_disable"), {"code": code(device, steps=1)}, follow=True
    )
    assert "Double authentification désactivée" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=lea).exists()


@pytest.mark.parametrize(
    "name", ["second_factor_begin", "second_factor_confirm", "second_factor_disable"]
)
def test_the_account_actions_need_a_login_and_a_post(name: str, lea) -> None:
    url = reverse(name)
    assert Client().post(url)["Location"].startswith(reverse("login"))
    assert logged_in(lea).get(url).status_code == 405
    assert Client().get(reverse("second_factor_qr"))["Location"].startswith(reverse("login"))
