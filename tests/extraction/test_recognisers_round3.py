"""Recognisers on invented snippets shaped like real acts (third round): one table per rule.

Attendance labels (« Assistaient à la réunion », « Absents non représentés », « ont donné
pouvoir écrit de voter en leur nom »), proxies paired by « par » / « pour » / « À »,
lists whose items end with a number (« … délibération n°1. »), bullets, and the voters
stated as « Votes comptabilisés ».
"""

from __future__ import annotations

import pytest

from pacte.extraction.names import bare_names, holder
from pacte.extraction.pipeline import extract_text

OPENING = "PROCES VERBAL Séance du 7 décembre 2022 "
CLOSING = " Secrétaire de séance : M. Paul ROUX. La séance est ouverte."


def key_terms(attendance: str) -> dict[str, object]:
    return extract_text(OPENING + attendance + CLOSING, "pv.txt").key_terms


# --- attendance labels -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "member", "count"),
    [
        # « Assistaient à la réunion » lists the present members
        (
            "Assistaient à la réunion : Paul ROUX, Anne PETIT, Luc MOREL. Excusés : Marc BLANC.",
            "members_present",
            3,
        ),
        ("Assistaient à la séance : M. Paul ROUX, Mme Anne PETIT.", "members_present", 2),
        # « absents non représentés » are absent, not represented
        (
            "Présents : M. Paul ROUX, Mme Anne PETIT. MEMBRES ABSENTS NON REPRÉSENTÉS : "
            "Mme Julie BOSC, M. José CARDOSO.",
            "members_absent",
            2,
        ),
        (
            "Présents : M. Paul ROUX, Mme Anne PETIT. MEMBRES ABSENTS NON REPRÉSENTÉS : "
            "Mme Julie BOSC, M. José CARDOSO.",
            "proxies",
            None,
        ),
        # the proxies announced by a sentence ending with a colon
        (
            "Présents : M. Paul ROUX, Mme Anne PETIT. Conformément à l'article L 2121-20, ont "
            "donné pouvoir écrit de voter en leur nom : Mme Julie BOSC à M. Paul ROUX, "
            "M. José CARDOSO à Mme Anne PETIT.",
            "proxies",
            2,
        ),
    ],
)
def test_attendance_labels(attendance: str, member: str, count: int | None) -> None:
    assert key_terms(attendance)[member] == count


# --- proxies -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "proxies",
    [
        # « X par Y » under « Membres représentés », civilities, no separator
        "MEMBRES REPRÉSENTÉS : Mme Julie BOSC par Mme Anne PETIT M. José CARDOSO par "
        "M. Paul ROUX M. Marc BLANC par Mme Anne PETIT",
        # « X pour Y. » one sentence each, bullets left by the layout, a part-time proxy
        # whose sentence ends with a number
        "Pouvoirs : • • • Julie BOSC pour Anne PETIT. José CARDOSO pour Paul ROUX, à partir de "
        "la délibération n°1. Marc BLANC pour Anne PETIT.",
        # a capital « À » between the giver and the holder
        "Absents ayant donné pouvoir : Julie BOSC À Anne PETIT, José CARDOSO À Paul ROUX, "
        "Marc BLANC À Anne PETIT.",
    ],
)
def test_proxies_paired_by_par_pour_or_capital_a(proxies: str) -> None:
    attendance = "Présents : M. Paul ROUX, Mme Anne PETIT. " + proxies
    assert key_terms(attendance)["proxies"] == 3


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Julie BOSC pour Anne PETIT. José CARDOSO pour Paul ROUX",
            ["Julie BOSC", "José CARDOSO"],
        ),
        ("• • Julie BOSC À Anne PETIT • José CARDOSO", ["Julie BOSC", "José CARDOSO"]),
        (
            "Julie BOSC, à partir de la délibération n°1. José CARDOSO",
            ["Julie BOSC", "José CARDOSO"],
        ),
    ],
)
def test_list_items(text: str, names: list[str]) -> None:
    assert [n for _, _, n in bare_names(text, 0, len(text), givers=True)] == names


@pytest.mark.parametrize(
    ("text", "held_by"),
    [
        (" pour Anne PETIT. José CARDOSO pour Paul ROUX", "Anne PETIT"),
        (" par Mme Anne PETIT", "Anne PETIT"),
        (" À Anne PETIT, José CARDOSO", "Anne PETIT"),
    ],
)
def test_the_holder_of_a_proxy_ends_with_its_sentence(text: str, held_by: str) -> None:
    assert holder(text, 0, len(text)) == held_by


# --- vote --------------------------------------------------------------------------------


def test_votes_counted_are_the_voters_of_a_unanimous_vote() -> None:
    attendance = (
        "Présents : M. Paul ROUX, Mme Anne PETIT. Nombre de présents 33 Nombre de pouvoirs 6 "
        "Votes comptabilisés 39 Vote pour l'adoption du procès-verbal > Approbation à "
        "l'unanimité."
    )
    vote = key_terms(attendance)["vote"]
    assert vote == {"result": "unanimous", "for": 39, "against": None, "abstention": None}
