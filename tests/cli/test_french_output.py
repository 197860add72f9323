"""No English and no machine formats reach a user: amounts « 10 000,00 € », dates
« 02/04/2026 », French messages for bad files and outputs."""

from __future__ import annotations

from pacte.cli.importing import _key_facts
from pacte.web.views.imports import _text


def test_draft_facts_in_french() -> None:
    facts = _key_facts(
        {
            "parties": [{"name": "Ville de Lorval"}],
            "signature_date": "2026-04-02",
            "amounts": [{"amount": "10000.00"}, {"amount": "1666"}],
        }
    )
    assert facts == "Ville de Lorval ; 02/04/2026 ; 10 000,00 € + 1 666,00 €"


def test_import_review_amounts_and_agreement_in_french() -> None:
    assert _text({"label": "Subvention 2026", "amount": "10000.00"}) == (
        "Subvention 2026 10 000,00 €"
    )
    party = {"name": "Département de la Vère", "role": "public_authority"}
    assert _text(party | {"representative": "M. Jean Dupont"}) == (
        "Département de la Vère (représenté par M. Jean Dupont)"
    )
