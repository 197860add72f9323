"""Random and mutated inputs never crash the extractor: only clean French refusals."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacte.extraction.pipeline import extract, extract_text
from pacte.extraction.readers import ReadError

DOCUMENTS = Path(__file__).parent / "documents"
SAMPLE = (DOCUMENTS / "convention-article-premier.txt").read_text(encoding="utf-8")
WORDS = st.sampled_from(
    [
        "Article",
        "1er",
        "premier",
        "Entre",
        "et",
        "€",
        "%",
        "Séance du",
        "Présents :",
        "pouvoir",
        "\t",
        "\n",
        "M.",
        "Mme",
        "DUPONT",
        "2024",
        "31/02/2013",
        "représentée par",
        "ci-après dénommée",
        "Fait à",
        "le",
        "deux mil",
        "unanimité",
        "FICHE ACTION 2",
        "Budget prévisionnel",
        "a)",
        "- ",
        "**",
        "<ul>",
        "1^{er}",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_extracts_without_error(text: str) -> None:
    result = extract_text(text)
    assert isinstance(result.key_terms, dict)
    result.as_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=300).map(" ".join))
def test_document_like_noise_extracts_without_error(text: str) -> None:
    extract_text(text).as_json()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_convention_extracts_without_error(data: st.DataObject) -> None:
    text = SAMPLE
    for _ in range(data.draw(st.integers(min_value=1, max_value=20))):
        position = data.draw(st.integers(min_value=0, max_value=len(text)))
        cut = data.draw(st.integers(min_value=0, max_value=40))
        insert = data.draw(st.text(max_size=20))
        text = text[:position] + insert + text[position + cut :]
    extract_text(text).as_json()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".pdf", ".docx", ".odt", ".md", ".xls"]))
def test_random_bytes_are_refused_cleanly_or_read(data: bytes, suffix: str) -> None:
    try:
        extract(data, f"document{suffix}")
    except ReadError as error:
        assert str(error).startswith(f"document{suffix} : ")
