"""Recognisers on invented snippets shaped like real acts (second round): one case per rule.

Document type from generic cues (OCR-split headings, running page headers, items of one
session, a decision of the mayor alone), attendance and votes of flattened minutes.
"""

from __future__ import annotations

import pytest

from pacte.extraction.doctype import classify
from pacte.extraction.layout import file_name
from pacte.extraction.names import bare_names, holder
from pacte.extraction.pipeline import extract_text

VOTED = " Le point est adopté à l'unanimité. Point suivant."


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the hyphen of « PROCÈS-VERBAL » lost with its « S » by OCR
        (
            "VILLE DE SAINT-PIERRE CONSEIL MUNICIPAL DU 9 JANVIER 2023 PROCE VERBAL M. le "
            "maire ouvre la séance. VU le Code général des collectivités territoriales, le "
            "conseil municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :",
            "minutes",
        ),
        # no heading kept, but the running header of the pages names the minutes
        (
            "CONSEIL MUNICIPAL DU 2 MARS 2023 Nombre de conseillers en exercice : 19 Présents : "
            "15 Après en avoir délibéré, le conseil municipal décide : Procès-verbal 2/12 "
            "Conseil municipal du 2 mars 2023",
            "minutes",
        ),
        # a session opened, then its items
        (
            "Commune de Villefranche Séance du 17 mars 2023 Le Conseil Municipal s'est réuni "
            "en session ordinaire. Présents : DUPONT Jean, MARTIN Paul Le quorum étant "
            "atteint, Monsieur le Maire ouvre la séance. Budget primitif 2023",
            "minutes",
        ),
        # three items each with its outcome
        ("Conseil municipal du 3 mai 2023. Ordre du jour." + VOTED * 3, "minutes"),
        # a decision of the mayor under delegated powers is no deliberation
        (
            "DECISION DU MAIRE PRISE LE 29 MARS 2023 EN APPLICATION DE LA DELEGATION DU "
            "CONSEIL MUNICIPAL Le Maire de Villeneuve, VU le code général des collectivités "
            "territoriales, VU la délibération du 25 mai 2020, DECIDE : Article 1 : "
            "inscrite au registre des délibérations du conseil municipal",
            "arrete",
        ),
        (
            "Date de réception préfecture : 15/12/2022 DEC 54.2022 Le Maire d'Ambly, Vu "
            "l'article L. 2122-22 du code général des collectivités territoriales, Vu la "
            "délibération du conseil municipal, DECIDE Article 1 : de solliciter une "
            "subvention. Article 2 : inscrite au registre des délibérations du conseil "
            "municipal",
            "arrete",
        ),
    ],
)
def test_document_type_from_generic_cues(text: str, kind: str) -> None:
    assert classify(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        # one outcome, twice: still one deliberation
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 3 mai 2023" + VOTED * 2,
        # a deliberation citing a decision of the mayor in its visas
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 3 mai 2023 Vu la décision du maire "
        "n° 2023-12, le conseil municipal, après en avoir délibéré, DÉCIDE :",
    ],
)
def test_a_deliberation_stays_a_deliberation(text: str) -> None:
    assert classify(text).kind == "deliberation"


# --- votes ---------------------------------------------------------------------------

SESSION = (
    "PROCES VERBAL DU CONSEIL MUNICIPAL DU 9 MARS 2023 Nombre de conseillers en exercice : "
    "23 Présents : 18 Votants : 21 Présents : M. Paul DURAND, Mme Anne PETIT "
)


def _vote(body: str) -> dict[str, object] | None:
    return extract_text(SESSION + body, "pv.txt").key_terms["vote"]


def test_the_first_vote_of_the_session_is_the_one_given() -> None:
    vote = _vote(
        "1) Approbation du procès-verbal du 2 février 2023 Le procès-verbal est adopté à "
        "l'unanimité. 2) Convention avec l'association Les Amis Le conseil municipal "
        "autorise le Maire à signer la convention par 15 voix pour et 6 voix contre."
    )
    # unanimity with stated voters: all of them for, nothing stated against
    assert vote == {"result": "unanimous", "for": 21, "against": None, "abstention": None}


def test_a_printed_grid_with_blank_fields_states_none() -> None:
    vote = _vote(
        "Désignation du secrétaire de séance VOTE : Pour : 21 Contre : Abstention : "
        "Le conseil municipal désigne M. DURAND."
    )
    # nobody against, nobody abstaining: unanimous
    assert vote == {"result": "unanimous", "for": 21, "against": 0, "abstention": 0}


def test_a_grid_after_the_unanimity_gives_its_counts() -> None:
    vote = _vote(
        "Après en avoir délibéré, le conseil municipal, à l'unanimité des membres présents "
        "et représentés : - approuve le programme de voirie ; - autorise le Maire à signer "
        "les marchés. Pour : 21 – Contre : 0 – Abstention : 0"
    )
    assert vote == {"result": "unanimous", "for": 21, "against": 0, "abstention": 0}


def test_a_majority_of_the_votes_without_counts() -> None:
    vote = _vote("À la majorité des voix, Mme Anne PETIT a été désignée secrétaire de séance.")
    assert vote is not None and vote["result"] == "majority"


# --- attendance lists ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "names"),
    [
        # surnames alone, after a plural civility, one cut by OCR, the last after « et »
        (
            "Mesdames et Messieurs JUBERT, THOMAS, BARRE, LU- CHINI et DROZDZ.",
            ["JUBERT", "THOMAS", "BARRE", "LU- CHINI", "DROZDZ"],
        ),
        # a member present for part of the session is counted
        (
            "Paul ROUX, Anne PETIT à partir du point n°7, Luc MOREL",
            ["Paul ROUX", "Anne PETIT", "Luc MOREL"],
        ),
    ],
)
def test_list_items_read_as_names(field: str, names: list[str]) -> None:
    assert [n for _, _, n in bare_names(field, 0, len(field))] == names


def test_two_surnames_are_no_list_of_surnames() -> None:
    # « ORDRE DU JOUR » is no member: single capital words count only in a list of them
    field = "Paul ROUX, ORDRE, Anne PETIT"
    assert [n for _, _, n in bare_names(field, 0, len(field))] == ["Paul ROUX", "Anne PETIT"]


def test_a_proxy_in_parentheses_names_its_holder() -> None:
    text = "Jean DUPONT (pouvoir à Luc MARTIN jusqu'au point 6), Anne PETIT (Pouvoir à Paul ROUX)"
    assert holder(text, 11, len(text)) == "Luc MARTIN"
    assert holder(text, text.index(" (Pouvoir"), len(text)) == "Paul ROUX"


def test_a_label_cut_by_a_line_break_is_one_label() -> None:
    text = (
        "PROCES VERBAL DU CONSEIL MUNICIPAL DU 13 DECEMBRE 2022 Etaient présents : Paul ROUX, "
        "Anne PETIT, Luc MOREL. Excusés ayant donné\npouvoir : Jean DUPONT (pouvoir à Paul "
        "ROUX), Marie BLANC (pouvoir à Anne PETIT). Absents : Marc NOYER. La séance est "
        "ouverte."
    )
    key = extract_text(text, "pv.txt").key_terms
    assert (key["members_present"], key["members_excused"], key["proxies"]) == (3, 2, 2)
    assert key["members_absent"] == 1


# --- president ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        "Avant-propos de M. Paul MARTIN – maire de Villefranche : « Mesdames et Messieurs »",
        "Le Maire, M. Paul MARTIN",
    ],
)
def test_the_chair_named_by_title_is_found_under_that_title(closing: str) -> None:
    text = (
        "PROCÈS VERBAL Séance du 7 décembre 2022 Sont présents : Mme Anne PETIT, M. Paul "
        "MARTIN, M. Luc MOREL. Ces formalités remplies, sous la présidence de Monsieur le "
        "maire, la séance est ouverte à 19h12. " + closing
    )
    assert extract_text(text, "pv.txt").key_terms["president"] == "Paul MARTIN"


def test_a_chair_by_title_with_nobody_bearing_it_stays_unknown() -> None:
    text = (
        "PROCÈS VERBAL Séance du 7 décembre 2022 Sont présents : Mme Anne PETIT, M. Luc "
        "MOREL. Sous la présidence de Monsieur le Maire, la séance est ouverte."
    )
    assert extract_text(text, "pv.txt").key_terms["president"] is None


# --- the file's name ---------------------------------------------------------------------

SESSION_TEXT = (
    "SÉANCE DU JEUDI 9 NOVEMBRE 2023 L'an deux mille vingt-trois, le conseil de communauté "
    "s'est réuni. Présents : M. Paul ROUX, Mme Anne PETIT. Votants : 38. Après en avoir "
    "délibéré, le conseil communautaire, à l'unanimité, décide :"
)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("https://cc.fr/wp-content/uploads/2024/03/PV-Conseil-du-09-11-23-3.pdf", "minutes"),
        ("https://ville.fr/docs/CR-du-25.01.2023.pdf", "minutes"),
        ("https://ville.fr/docs/cr_sommaire_cm_du_7_fevrier.pdf", "minutes"),
        ("https://ville.fr/CM/CM-2022-06-28_liste-deliberations.pdf", "minutes"),
        # the minutes of a session approving a convention: the name says both
        ("https://region.fr/2020-02-25_1786_PV_Convention_Region.pdf", "deliberation"),
        # no address: the text alone
        ("", "deliberation"),
    ],
)
def test_the_file_name_glued_in_front_is_a_heading(address: str, kind: str) -> None:
    assert extract_text(address + SESSION_TEXT, "a.txt").doc_type == kind


def test_a_file_named_as_a_regulation_is_another_act() -> None:
    text = (
        "http://agglo.fr/uploads/Reglement-EPU-CAPL-13-02-20.pdfLE REGLEMENT DU SERVICE Vous "
        "désigne l'abonné, titulaire du contrat de déversement auprès du service, ci-après "
        "dénommé « l'abonné »."
    )
    assert extract_text(text, "a.txt").doc_type == "other"
    assert file_name(text) == "Reglement-EPU-CAPL-13-02-20"


def test_a_law_published_in_the_journal_officiel_is_no_publication_of_the_act() -> None:
    text = (
        "ARRÊTÉ N° 2023-14 portant règlement du service Le Maire, Vu le décret d'application "
        "publié au journal officiel du 06/07/2011, ARRÊTE : Article 1"
    )
    assert extract_text(text, "a.txt").key_terms["publication_date"] is None


def test_the_heading_of_a_register_of_deliberations_is_no_publication() -> None:
    text = (
        "PUBLICATION DÉLIBÉRATIONS COMMUNAUTAIRES ANNÉE 2022 CONSEIL COMMUNAUTAIRE DU 2 MARS "
        "2022 Délibération OBJET VOTE 20220302_001 APPROBATION DU PROCES-VERBAL Accord à "
        "l'unanimité"
    )
    assert extract_text(text, "a.txt").key_terms["publication_date"] is None


@pytest.mark.parametrize(
    "proxies",
    [
        # names run on, no separator between the proxies
        "Pouvoirs : Aurélie BILLAUD avait donné pouvoir à Véronique BESSE Sandra VOLONTÉ "
        "avait donné pouvoir à Philippe ALBERT Hélène POINGT avait donné pouvoir à Jean LAUNAY",
        # dotted leaders between the giver and the holder
        "Pouvoirs : Jean MASSE .............................. à Serge LEBRUN Raymond DOUARE "
        "................................ à Eric DODET Christiane BRESSION ............... "
        "à Paul ROUX",
        # in a list of excused members, between dashes
        "Absents excusés : Isabelle BECKER - André FRANC - (ayant donné pouvoir à Jean GARDE) "
        "Gérald GONON - (ayant donné pouvoir à Damien PARET) - Nelly PORTERON (ayant donné "
        "pouvoir à Paul ROUX).",
    ],
)
def test_proxies_stated_one_by_one_are_counted(proxies: str) -> None:
    text = (
        "PROCES VERBAL Séance du 7 décembre 2022 Présents : M. Paul ROUX, Mme Anne PETIT. "
        + proxies
        + " Secrétaire de séance : M. Paul ROUX. La séance est ouverte."
    )
    assert extract_text(text, "pv.txt").key_terms["proxies"] == 3


def test_excused_with_a_proxy_under_an_avec_pouvoir_label() -> None:
    text = (
        "PROCES VERBAL Séance du 25 janvier 2023 Etaient présents : Monsieur Paul ROUX, "
        "Madame Anne PETIT. Excusés avec pouvoir : Madame Laëtitia SOUVRE donne pouvoir à "
        "Monsieur Paul ROUX Madame Nadia ROUSSEAU donne pouvoir à Madame Anne PETIT Excusés : "
        "Monsieur Laurent SINAPAH. La séance est ouverte."
    )
    key = extract_text(text, "pv.txt").key_terms
    assert (key["members_excused"], key["proxies"]) == (3, 2)


def test_votes_of_the_present_or_represented_are_no_proxies() -> None:
    text = (
        "PROCES VERBAL Séance du 7 décembre 2022 Présents : M. Paul ROUX, Mme Anne PETIT. "
        "Adoptée par 40 voix Unanimité Présents ou représentés 40 voix Exprimés 40 voix"
    )
    assert extract_text(text, "pv.txt").key_terms["proxies"] is None


def test_titles_heading_names_are_no_members() -> None:
    field = (
        "Monsieur Paul ROUX, Maire, Madame Anne PETIT, Monsieur Luc MOREL, Adjoints, Monsieur "
        "Marc BLANC, Conseillers Municipaux Délégués. Mesdames Julie BOSC, Conseillères "
        "Municipales Messieurs José CARDOSO, Jean de MONTCHALIN, Conseillers Municipaux."
    )
    assert [n for _, _, n in bare_names(field, 0, len(field))] == [
        "Paul ROUX",
        "Anne PETIT",
        "Luc MOREL",
        "Marc BLANC",
        "Julie BOSC",
        "José CARDOSO",
        "Jean de MONTCHALIN",
    ]


@pytest.mark.parametrize(
    "figures",
    [
        # one row of figures per label, a column per part of the session
        "De l'ouverture à la question 5 De la question 6 à la fin Présents : 43 44 42 "
        "Absents : 2 3 4 Pouvoirs : 10 9 10",
        # the same label repeated, one per part
        "A l'ouverture De la délibération n°1 à la n°3 Présents : 43 Présents : 44 Présents : "
        "42 Absents : 2 Absents : 3 Absents : 4 Pouvoirs : 10 Pouvoirs : 9 Pouvoirs : 10",
    ],
)
def test_figures_for_each_part_of_the_session(figures: str) -> None:
    text = (
        "CONSEIL MUNICIPAL Séance du 29 mars 2023 PROCÈS-VERBAL Nombre de membres composant "
        "le conseil : 55 " + figures + " Absents : Mme Anne PETIT, M. Luc MOREL, Mme Julie "
        "BOSC (pour la délibération n°5), M. Marc BLANC (à compter de la délibération n°10). "
        "Les membres présents forment la majorité."
    )
    key = extract_text(text, "pv.txt").key_terms
    # present at some point: the most; absent from the whole session: the fewest; the
    # stated figure of absent members before the names listed (some there part-time)
    assert (key["members_present"], key["members_absent"], key["proxies"]) == (44, 2, 10)


@pytest.mark.parametrize(
    ("chair", "listed", "president"),
    [
        # a civility in lower case before the chair's name
        ("monsieur Frédéric CUILLERIER, Maire", "Frédéric CUILLERIER", "Frédéric CUILLERIER"),
        # the chair's hyphen lost, written with it in the list of the present
        ("Monsieur JeanClaude GARDE, Maire", "Jean-Claude GARDE", "Jean-Claude GARDE"),
        # a different case is a different writing: kept as written at the chair
        (
            "Madame Constance de Pélichy, Maire",
            "Constance de PÉLICHY",
            "Constance de Pélichy",
        ),
    ],
)
def test_the_president_as_a_present_member(chair: str, listed: str, president: str) -> None:
    text = (
        "PROCÈS-VERBAL Séance du 9 décembre 2022 Le conseil municipal s'est réuni sous la "
        f"présidence de {chair}. Etaient présents : {listed} - Paul ROUX - Anne PETIT. La "
        "séance est ouverte."
    )
    assert extract_text(text, "pv.txt").key_terms["president"] == president
