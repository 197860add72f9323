"""The review form and what it flags « à vérifier »: only values that need a look."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from django import forms

from pacte.extraction import calibration
from pacte.web.forms.imports import AmountField, DraftCorrectionForm, PercentField
from pacte.web.import_review import build_review

CLEAN = {
    "reference": "ville-asso-2026",
    "title": "Convention de partenariat",
    "parties": [
        {
            "key": "ville",
            "role": "public_authority",
            "organisation": {"name": "Ville de Lanvern"},
            "representative": {"first_name": "Paul", "last_name": "DURAND"},
        },
        {
            "key": "asso",
            "role": "beneficiary",
            "organisation": {"name": "Les Jardins"},
            "representative": {"first_name": "Claire", "last_name": "MARTIN"},
        },
    ],
    "signed_on": "2026-01-15",
    "term": {
        "start_rule": "fixed_date",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "duration": {"value": 1, "unit": "year"},
    },
    "renewal": {"kind": "express"},
    "termination": {"notice": {"value": 3, "unit": "month"}},
    "grants": [
        {
            "key": "subvention",
            "years": [{"year": 2026, "amount": "2500.00"}],
            "instalments": [
                {"percent": "70", "trigger": {"kind": "on_signature", "text": "à la signature"}},
                {"percent": "30", "trigger": {"kind": "on_documents", "text": "sur bilan"}},
            ],
        }
    ],
    "signatures": [
        {"party": "ville", "signatory": {"first_name": "Paul", "last_name": "DURAND"}},
    ],
}
SPANS = {
    "term.start": {"start": 10, "end": 20, "confidence": 0.9, "page": 1, "text": "1er janvier"},
    "grants[0].place": {"start": 30, "end": 80, "confidence": 0.9, "page": 2, "text": "2 500 €"},
}


def review_of(data, spans=None, anchors=None):
    form = DraftCorrectionForm(data_terms=data, prefix="terms")
    return form, build_review(form, spans or SPANS, anchors or {})


def flagged(review) -> dict[str, list[str]]:
    return {row.field.name: row.flags for row in review.rows if row.flags}


def test_a_consistent_convention_flags_nothing() -> None:
    form, review = review_of(CLEAN)
    # no habilitation stated: no date field that would be dropped on saving
    assert "party_0_mandate_date" not in form.fields
    assert review.to_check == 0, flagged(review)
    assert [s.title for s in review.sections] == [
        "Le document",
        "Parties et représentants",
        "Dates et durée",
        "Montants et versements",
        "Reconduction et préavis",
    ]


def test_each_value_points_to_the_span_it_was_read_in() -> None:
    _form, review = review_of(CLEAN, anchors={"term.start": "span-1", "grants[0].place": "span-2"})
    rows = {row.field.name: row for row in review.rows}
    assert rows["term_start"].anchor == "span-1" and rows["term_start"].page == 1
    # a year's amount has no span of its own: its grant's article
    assert rows["grant_0_year_0"].anchor == "span-2" and rows["grant_0_year_0"].page == 2
    assert rows["title"].anchor is None


def test_conflicting_values_are_flagged_with_both_readings() -> None:
    data = copy.deepcopy(CLEAN)
    data["term"]["end"] = "2027-06-30"
    data["grants"][0]["instalments"][1]["percent"] = "40"
    data["signatures"][0]["signatory"] = {"first_name": "Anne", "last_name": "LE ROUX"}
    flags = flagged(review_of(data)[1])
    assert flags["term_end"] == flags["duration_value"]
    assert (
        "fin au 30 juin 2027, mais début plus 1 an mène au 31 décembre 2026" in flags["term_end"][0]
    )
    assert flags["grant_0_instalment_0"] == ["les versements font 110 %, pas 100 %"]
    assert flags["party_0_rep_last"] == [
        "représentant « Paul DURAND » en tête, mais « Anne LE ROUX » signe"
    ]
    assert set(flags) == {
        "term_end",
        "duration_value",
        "grant_0_instalment_0",
        "grant_0_instalment_1",
        "party_0_rep_last",
    }


def test_missing_values_a_convention_usually_states_are_flagged() -> None:
    data = copy.deepcopy(CLEAN)
    del data["termination"]
    del data["term"]["end"]
    del data["term"]["duration"]
    flags = flagged(review_of(data)[1])
    assert flags == {
        "term_end": ["non trouvé dans le document, d'habitude indiqué"],
        "duration_value": ["non trouvé dans le document, d'habitude indiqué"],
        "notice_value": ["non trouvé dans le document, d'habitude indiqué"],
    }


def test_values_computed_from_the_others_are_proposed() -> None:
    data = copy.deepcopy(CLEAN)
    data["term"] = {
        "start_rule": "fixed_date",
        "start": "2012-11-01",
        "duration": {"value": 3, "unit": "year"},
    }
    data["grants"][0] = {
        "key": "subvention",
        "annual_amount": "10000.00",
        "prorata": {"basis": "months"},
        "years": [
            {"year": 2012, "amount": "1666.00", "months": 2},
            {"year": 2013},
            {"year": 2014},
        ],
    }
    form, review = review_of(data)
    assert form.fields["grant_0_year_1"].initial == Decimal("10000.00")
    assert form["grant_0_year_1"].value() == "10 000,00"
    assert 'value="10 000,00"' in str(form["grant_0_year_1"])
    assert str(form.fields["term_end"].initial) == "2015-10-31"
    flags = flagged(review)
    assert flags["grant_0_year_1"] == ["proposé, pas lu : calculé : montant en année pleine"]
    assert flags["term_end"] == ["proposé, pas lu : calculée : début plus 3 ans"]
    # the stated prorata truncated to the euro: two readings, shown
    assert flags["grant_0_year_0"] == [
        "prorata exact : 1 666,67 € ; montant indiqué : 1 666,00 €, tronqué à l’euro"
    ]


def test_a_recogniser_measured_under_the_threshold_is_flagged(monkeypatch) -> None:
    monkeypatch.setattr(calibration, "MEASURED", {**calibration.MEASURED, "renewal": (3, 5)})
    flags = flagged(review_of(CLEAN)[1])
    assert flags == {
        "renewal_kind": ["lecture peu sûre pour ce genre de valeur (justesse mesurée 57 %)"]
    }


def test_a_value_deduced_rather_than_read_is_flagged() -> None:
    spans = {**SPANS, "term.start": {**SPANS["term.start"], "confidence": 0.5}}
    assert flagged(review_of(CLEAN, spans)[1]) == {
        "term_start": ["déduit du texte plutôt que lu tel quel"]
    }


def posted(form: DraftCorrectionForm, **changes: str) -> dict[str, str]:
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            data[f"terms-{name}"] = ""
        elif isinstance(field.widget, forms.Select):
            data[f"terms-{name}"] = str(value)
        else:
            data[f"terms-{name}"] = field.widget.format_value(value)
    data.update({f"terms-{k}": v for k, v in changes.items()})
    return data


def test_corrections_keep_the_value_read_beside_the_value_kept() -> None:
    form, _review = review_of(CLEAN)
    bound = DraftCorrectionForm(
        posted(form, notice_value="2", grant_0_year_0="2500", term_end="30/11/2026"),
        data_terms=CLEAN,
        prefix="terms",
    )
    assert bound.is_valid(), bound.errors
    assert bound.corrections() == [
        {"champ": "Fin de la convention", "lu": "31 décembre 2026", "corrigé": "30 novembre 2026"},
        {"champ": "Préavis de dénonciation", "lu": "3", "corrigé": "2"},
    ]
    corrected = bound.corrected()
    assert corrected["term"]["end"] == "2026-11-30"
    assert corrected["termination"]["notice"] == {"value": 2, "unit": "month"}
    assert corrected["grants"][0]["years"][0]["amount"] == "2500.00"
    assert corrected["grants"][0]["instalments"][0]["percent"] == "70"


def test_bad_values_are_refused_in_french_naming_the_field() -> None:
    form, _review = review_of(CLEAN)
    bound = DraftCorrectionForm(
        posted(
            form,
            grant_0_year_0="deux mille",
            grant_0_instalment_0="120",
            term_start="31/02/2026",
            party_1_rep_last="",
        ),
        data_terms=CLEAN,
        prefix="terms",
    )
    assert not bound.is_valid()
    assert bound.errors["grant_0_year_0"] == [
        "« deux mille » n'est pas un montant : écrivez par exemple 10 000 ou 1 666,67."
    ]
    assert bound.errors["grant_0_instalment_0"] == ["Un pourcentage ne dépasse pas 100."]
    assert bound.errors["term_start"] == [
        "Date attendue au format jj/mm/aaaa, par exemple 01/11/2012."
    ]
    assert bound.errors["party_1_rep_last"] == ["Indiquez le nom du représentant."]


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("10 000", "10000.00"), ("1 666,67", "1666.67"), ("2500,00 €", "2500.00"), ("12.5", "12.50")],
)
def test_amounts_are_typed_the_french_way(typed: str, amount: str) -> None:
    assert AmountField(required=False).clean(typed) == Decimal(amount)
    assert PercentField(required=False).clean("33,33 %") == Decimal("33.33")


def test_a_start_on_signature_is_flagged_only_when_assumed() -> None:
    data = copy.deepcopy(CLEAN)
    data["term"] = {"start_rule": "on_signature", "duration": {"value": 1, "unit": "year"}}
    flags = flagged(review_of(data)[1])
    assert flags["term_start"] == [
        "supposé à la signature : le document ne dit pas quand elle commence"
    ]
    # the end follows from the signature and the duration: not missing
    assert "term_end" not in flags
    stated = {**SPANS, "term.start_rule": {"start": 0, "end": 9, "confidence": 0.9}}
    _form, review = review_of(data, stated, {"term.start_rule": "span-4"})
    rows = {row.field.name: row for row in review.rows}
    assert "term_start" not in flagged(review) and rows["term_start"].anchor == "span-4"
    assert rows["term_start"].slot.note.startswith("À compter de la signature")
