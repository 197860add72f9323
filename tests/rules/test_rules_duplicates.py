"""Probable duplicates, as a reader of two files would judge them: the same text in two
formats is one convention; the same parties another year are two."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import docx
import pytest

from factories import TermsFactory
from pacte.extraction.pipeline import extract
from pacte.rules.duplicates import THRESHOLD, fingerprint, fold, likeness, name_words
from pacte.samples import sample_paths
from pacte.terms import Convention
from pacte.terms.io import convention_from_data


def base(**changes: object) -> Convention:
    data: dict[str, object] = {
        "reference": "lorval-jardins-2026",
        "title": "Convention de partenariat entre la Ville de Lorval et l'association Les Jardins",
        "signed_on": "2026-02-01",
        "term": {"start_rule": "fixed_date", "start": "2026-02-01", "end": "2027-01-31"},
        "parties": [
            {
                "key": "ville",
                "role": "public_authority",
                "organisation": {"name": "Ville de Lorval", "siret": "21560947000012"},
            },
            {
                "key": "asso",
                "role": "beneficiary",
                "organisation": {"name": "Association Les Jardins", "rna": "W563012345"},
            },
        ],
        "grants": [{"key": "subvention", "years": [{"year": 2026, "amount": "2500"}]}],
    }
    data.update(changes)
    return convention_from_data(data)


def test_identical_terms_under_another_reference_score_100() -> None:
    found = likeness(fingerprint(base()), fingerprint(base(reference="autre-reference")))
    assert found.score == 100 and found.probable
    assert found.describe() == "mêmes parties, mêmes dates, même montant, même intitulé"


def test_renamed_title_only_is_a_duplicate_with_a_lower_score() -> None:
    renamed = base(reference="x", title="Soutien aux jardins partagés de Lorval")
    found = likeness(fingerprint(base()), fingerprint(renamed))
    assert found.probable
    assert THRESHOLD <= found.score < 100
    assert found.describe().startswith("mêmes parties, mêmes dates, même montant")


def test_same_parties_another_year_is_not_a_duplicate() -> None:
    next_year = base(
        reference="lorval-jardins-2027",
        signed_on="2027-02-03",
        term={"start_rule": "fixed_date", "start": "2027-02-03", "end": "2028-02-02"},
        grants=[{"key": "subvention", "years": [{"year": 2027, "amount": "2500"}]}],
    )
    found = likeness(fingerprint(base()), fingerprint(next_year))
    assert not found.probable and found.score < THRESHOLD
    assert found.dates == "different"


def test_same_parties_budget_years_apart_without_dates_is_not_a_duplicate() -> None:
    a = base(signed_on=None, term=None)
    b = base(
        reference="b",
        signed_on=None,
        term=None,
        grants=[{"key": "subvention", "years": [{"year": 2028, "amount": "2500"}]}],
    )
    assert not likeness(fingerprint(a), fingerprint(b)).probable


def test_other_beneficiary_same_day_same_amount_is_not_a_duplicate() -> None:
    parties = base().model_dump(mode="json")["parties"]
    parties[1]["organisation"] = {"name": "Les Ateliers du Port", "rna": "W563099999"}
    other = base(reference="ateliers", parties=parties, title="Convention Ateliers du Port")
    found = likeness(fingerprint(base()), fingerprint(other))
    assert not found.parties and not found.probable


def test_identifiers_decide_over_names() -> None:
    parties = base().model_dump(mode="json")["parties"]
    # same words, another SIRET: another commune of the same name
    parties[0]["organisation"] = {"name": "Ville de Lorval", "siret": "24290741800014"}
    assert not likeness(fingerprint(base()), fingerprint(base(parties=parties))).parties
    # no identifier on one side: the names decide, articles and kinds of body aside
    parties[0]["organisation"] = {"name": "Commune de LORVAL"}
    parties[1]["organisation"] = {"name": "L'association « Les Jardins »"}
    assert likeness(fingerprint(base()), fingerprint(base(parties=parties))).probable


def test_another_amount_lowers_the_score_and_says_so() -> None:
    more = base(reference="x", grants=[{"key": "s", "years": [{"year": 2026, "amount": "3000"}]}])
    found = likeness(fingerprint(base()), fingerprint(more))
    assert "montants différents" in found.describe()
    assert found.score < likeness(fingerprint(base()), fingerprint(base(reference="y"))).score


def test_what_one_side_does_not_state_is_neutral() -> None:
    bare = base(reference="x", signed_on=None, term=None, grants=[])
    found = likeness(fingerprint(base()), fingerprint(bare))
    assert (found.dates, found.amounts) == ("unknown", "unknown")
    assert found.probable  # same parties, same title: probably the same text, less read


def test_fold_and_name_words() -> None:
    assert fold("Département du Vère") == "departement du vere"
    assert name_words("Communauté d'agglomération du Pays de Marzelle") == {"pays", "marzelle"}


# -- the same text in two formats -----------------------------------------------------------


CONVENTION = """CONVENTION DE PARTENARIAT
entre la Commune de Lorval et l'association Les Jardins partagés

ENTRE
La Commune de Lorval, représentée par son Maire, Monsieur Paul DURAND, dûment habilité par délibération du conseil municipal du 12 janvier 2024,
ci-après dénommée « la Commune »,

ET
L'association Les Jardins partagés, représentée par sa Présidente, Madame Claire MARTIN,
ci-après dénommée « l'Association »,

IL EST CONVENU CE QUI SUIT :

Article 1 – Objet
La présente convention a pour objet de définir les conditions dans lesquelles la Commune soutient l'action de l'Association en faveur des jardins partagés.

Article 2 – Durée
La présente convention est conclue pour une durée d'un an à compter de sa signature.

Article 3 – Montant de la subvention
La Commune attribue à l'Association une subvention de 2 500 € pour l'année 2024.

Fait à Lorval, le 1er février 2024
"""


def _as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _terms(data: bytes, name: str) -> Convention:
    found = extract(data, name).data
    found.setdefault("reference", name.replace(".", "-"))
    return convention_from_data({**found, "reference": name.replace(".", "-")})


def test_the_same_text_as_txt_and_docx_is_a_duplicate() -> None:
    txt = _terms(CONVENTION.encode(), "convention.txt")
    docx_terms = _terms(_as_docx(CONVENTION), "convention.docx")
    found = likeness(fingerprint(txt), fingerprint(docx_terms))
    assert found.probable and found.score == 100
    # the same file changed a little: next year's convention is not one
    later = CONVENTION.replace("2024", "2025")
    assert not likeness(fingerprint(txt), fingerprint(_terms(later.encode(), "l.txt"))).probable


def test_each_sample_is_a_duplicate_of_itself_only() -> None:
    samples = [TermsFactory(sample=path, keep_reference=True) for path in sample_paths()]
    assert len(samples) >= 2
    for one in samples:
        copy = TermsFactory(sample=one)  # under another reference
        assert likeness(fingerprint(one), fingerprint(copy)).score == 100
        for other in samples:
            if other is not one:
                assert not likeness(fingerprint(one), fingerprint(other)).probable


@pytest.mark.parametrize("amount", ["2500", "2500.00", Decimal("2500.0")])
def test_amounts_compare_as_numbers(amount: object) -> None:
    other = base(reference="x", grants=[{"key": "s", "years": [{"year": 2026, "amount": amount}]}])
    assert likeness(fingerprint(base()), fingerprint(other)).amounts == "same"
    assert date(2026, 2, 1) == fingerprint(other).signed_on
