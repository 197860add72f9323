"""À faire shows at most ``SHOWN`` lines per group (the oldest), and counts the others."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_each_group_is_capped_and_counts_the_rest(admin, monkeypatch) -> None:
    monkeypatch.setattr("pacte.web.views.todo.SHOWN", 1000)
    full = admin.get("/").content.decode()
    monkeypatch.setattr("pacte.web.views.todo.SHOWN", 1)
    capped = admin.get("/").content.decode()
    assert capped.count("<tr>") < full.count("<tr>")
    assert "Les 1 premières par date sont affichées" in capped
    assert "premières par date" not in full
