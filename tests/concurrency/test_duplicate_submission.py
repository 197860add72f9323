"""The same follow-up form sent twice records once; the token is drawn anew each time."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from web_roles import GWENAEL

from pacte.followup.models import Payment

pytestmark = pytest.mark.django_db

PAGE = f"/conventions/{GWENAEL}/"
PAY = f"/conventions/{GWENAEL}/enregistrer/versement/"


def _agent(users) -> Client:
    client = Client()
    client.force_login(users["agent"])
    return client


def _token(page: str) -> str:
    found = re.search(r'name="payment-submission" value="([0-9a-f]{32})"', page)
    assert found, "le formulaire de versement porte un jeton caché"
    return found.group(1)


def _payment(token: str, amount: str = "2800") -> dict[str, str]:
    return {
        "payment-grant": "subvention-2026",
        "payment-amount": amount,
        "payment-paid_on": "2026-11-02",
        "payment-year": "2026",
        "payment-reference": "M-7",
        "payment-submission": token,
    }


def test_a_double_click_records_one_payment(users) -> None:
    agent = _agent(users)
    token = _token(agent.get(PAGE).content.decode())
    first = agent.post(PAY, _payment(token))
    second = agent.post(PAY, _payment(token), follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert "déjà été envoyé" in second.content.decode()
    assert Payment.objects.count() == 1
    fresh = _token(second.content.decode())
    assert fresh != token
    assert agent.post(PAY, _payment(fresh)).status_code == 302
    assert Payment.objects.count() == 2


def test_a_refused_form_keeps_its_token_usable(users) -> None:
    agent = _agent(users)
    token = _token(agent.get(PAGE).content.decode())
    refused = agent.post(PAY, {**_payment(token), "payment-paid_on": "2030-01-01"})
    assert refused.status_code == 400
    assert _token(refused.content.decode()) == token  # the form comes back with it
    assert agent.post(PAY, _payment(token)).status_code == 302
    assert Payment.objects.count() == 1


def test_a_forged_token_is_refused_in_french(users) -> None:
    agent = _agent(users)
    response = agent.post(PAY, _payment("pas-un-jeton"))
    assert response.status_code == 400
    assert "rechargez la page" in response.content.decode()
    assert not Payment.objects.exists()
