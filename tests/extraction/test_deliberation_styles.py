"""Deliberations written in other styles: stated figures, represented members, vote, dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise

DOCUMENTS = Path(__file__).parent / "documents"


def _key_terms(name: str) -> dict[str, Any]:
    return extract_text((DOCUMENTS / name).read_text(encoding="utf-8"), name).key_terms


def _attendance(key: dict[str, Any]) -> tuple[Any, ...]:
    return (
        key["members_present"],
        key["members_excused"],
        key["proxies"],
        key["members_absent"],
    )


def test_municipal_deliberation_with_figures_beside_dates_and_counted_majority() -> None:
    key = _key_terms("delib-conseil-municipal.txt")
    assert key["doc_type"] == "deliberation" and key["parties"] == []
    assert key["session_date"] == "2025-03-20"
    assert key["president"] == "Thierry VALADOUX"
    # « présents : 18 » beside « … : 13/03/2025 »: the year of a date is no figure
    assert _attendance(key) == (18, 3, 2, 2)
    assert key["vote"] == {"result": "majority", "for": 17, "against": 2, "abstention": 1}
    # transmitted to the « représentant de l'État », published on the website; the posting
    # of the convocation and the delay to appeal are no dates of the act
    assert (key["publication_date"], key["prefecture_date"]) == ("2025-03-26", "2025-03-24")
    # the amount granted, not last year's nor the one requested in the report
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("8500.00", 2025)]
    assert [i["percent"] for i in key["installments"]] == ["60", "40"]
    assert key["installments"][0]["trigger"] == "à la signature de la convention"
    # the deliberation authorises the mayor to sign: it is its own authorising deliberation
    assert key["authorising_deliberation_dates"] == ["2025-03-20"]


def test_departmental_deliberation_with_dotted_figures_and_represented_members() -> None:
    key = _key_terms("delib-cd-unanime.txt")
    assert key["doc_type"] == "deliberation" and key["parties"] == []
    # « s'est réunie le seize juin … », not the committee « réunie le 2 juin » of a « Vu »
    assert key["session_date"] == "2025-06-16"
    assert key["president"] == "Anne-Laure VIGOUROUX"
    # « présents ........ 31 »; « Absents représentés » gave proxies without being excused
    assert _attendance(key) == (31, 2, 4, 1)
    assert key["vote"] == {"result": "unanimous", "for": 34, "against": 0, "abstention": 0}
    assert (key["publication_date"], key["prefecture_date"]) == ("2025-06-23", "2025-06-20")
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [
        ("32000.00", 2025),
        ("13500.00", 2025),
    ]
    assert key["amounts"][0]["label"].startswith("subvention de fonctionnement")
    assert key["installments"] == []
    assert key["authorising_deliberation_dates"] == ["2025-06-16"]


def test_unanimous_vote_with_stated_voters_counts_them_for() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n\n"
        "Nombre de conseillers : en exercice .... 15\n"
        "                        présents ....... 12\n"
        "                        votants ........ 14\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
        "- d'attribuer une subvention de 1 200 € au titre de l'année 2025 ;\n\n"
        "Adopté à l'unanimité.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert key["members_present"] == 12
    # unanimity states no count against nor abstention
    assert key["vote"] == {"result": "unanimous", "for": 14, "against": None, "abstention": None}
    # no authorisation to sign: the deliberation is no signatory's mandate
    assert key["authorising_deliberation_dates"] == []


def test_proxies_listed_with_a_mere_a() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT, M. Luc MOREL\n\n"
        "Pouvoirs : Mme Julie BOSC à M. Paul DURAND, M. Marc ROUX à Mme Anne PETIT\n\n"
        "Excusée : Mme Inès FAURE\n\n"
        "Adopté à l'unanimité.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert _attendance(key) == (3, 1, 2, None)  # no « Absents » stated


MINUTES = (
    "PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL COMMUNAUTAIRE\nDU JEUDI 6 MARS 2025\n\n"
    "Nombre de conseillers en exercice : 20 / présents : 15 / votants : 18\n\n"
    "Le six mars deux mille vingt-cinq, le Conseil communautaire s'est réuni sous la "
    "présidence de Mme Rose MARTIN, Présidente.\n\n"
    "Étaient présents :\nMme Rose MARTIN (Aubenas), M. Paul DURAND (Aubenas).\n\n"
    "Excusés ayant donné pouvoir :\nM. Luc MOREL (Vals) à M. Paul DURAND ; "
    "Mme Julie BOSC (Lalevade) à Mme Rose MARTIN ; M. Marc ROUX (Vals) à M. Paul DURAND.\n\n"
    "Excusés :\nMme Inès FAURE (Vals).\n\n"
    "Absents :\nM. Jean NOYER (Lalevade).\n\n"
    "ORDRE DU JOUR\n\n1. Procès-verbal de la séance précédente\n2. Voirie – Programme 2025\n"
    "3. Culture – Convention avec l'association « Les Tréteaux » : autoriser la Présidente "
    "à signer\n4. Personnel\n\n"
    "1. APPROBATION DU PROCÈS-VERBAL DE LA SÉANCE DU 6 FÉVRIER 2025\n\n"
    "Le procès-verbal est approuvé à l'unanimité.\n\n"
    "2. VOIRIE – PROGRAMME 2025 (délibération n° 2025-03-10)\n\n"
    "Après en avoir délibéré, le Conseil adopte le programme par 14 voix pour et 4 voix contre.\n\n"
    "3. CULTURE – CONVENTION AVEC L'ASSOCIATION « LES TRÉTEAUX » (délibération n° 2025-03-11)\n\n"
    "Il est proposé d'attribuer une subvention de 9 000 € au titre de l'année 2025, versée "
    "à hauteur de 70 % à la signature de la convention et le solde de 30 % sur présentation "
    "du bilan. L'association avait reçu 8 000 € en 2024.\n\n"
    "Après en avoir délibéré, le Conseil communautaire :\n"
    "- attribue à l'association une subvention de 9 000 € au titre de l'année 2025 ;\n"
    "- autorise la Présidente à signer la convention.\n\n"
    "Votants : 18 – Pour : 16 – Contre : 1 – Abstentions : 1.\n"
    "La délibération est adoptée à la majorité.\n\n"
    "4. PERSONNEL – CRÉATION D'UN POSTE (délibération n° 2025-03-12)\n\n"
    "Le Conseil communautaire, à l'unanimité, décide la création du poste.\n\n"
    "Publié sur le site internet le 12 mars 2025.\n"
)


MINUTES_FIRST_VOTE = {"result": "unanimous", "for": 18, "against": None, "abstention": None}
"""The approval of the previous minutes: unanimous, the 18 voters for (« 14 voix pour »
below is the next item's)."""


def test_minutes_vote_and_sums_of_the_item_authorising_a_convention() -> None:
    key = extract_text(MINUTES, "pv.txt").key_terms
    assert key["doc_type"] == "minutes" and key["session_date"] == "2025-03-06"
    # the vote is the first one stated in the session (the annotators' convention)
    assert key["vote"] == MINUTES_FIRST_VOTE
    # the sum granted by the item on the convention (not the previous year's) and its
    # instalments
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [("9000.00", 2025)]
    assert [i["percent"] for i in key["installments"]] == ["70", "30"]
    # minutes authorise many things: they are no signatory's authorising deliberation
    assert key["authorising_deliberation_dates"] == []
    assert key["publication_date"] == "2025-03-12"


def test_excused_having_given_a_proxy_are_excused_and_proxies() -> None:
    key = extract_text(MINUTES, "pv.txt").key_terms
    # « Excusés ayant donné pouvoir : M. X (commune) à M. Y » : 3 excused with a proxy
    assert _attendance(key) == (15, 4, 3, 1)


def test_minutes_without_authorised_signature_take_the_vote_on_the_subsidy() -> None:
    text = MINUTES.replace("- autorise la Présidente à signer la convention.\n", "").replace(
        "CONVENTION AVEC", "SOUTIEN À"
    )
    text = text.replace("à la signature de la convention", "au démarrage")
    key = extract_text(text, "pv.txt").key_terms
    # the first vote stated, whatever the items that follow
    assert key["vote"] == MINUTES_FIRST_VOTE
    assert key["authorising_deliberation_dates"] == []


def test_a_proxy_line_without_label_is_a_proxy_not_an_excused_member() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n"
        "Date de convocation : 27/01/2025 – Date d'affichage : 27/01/2025\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT, M. Luc MOREL\n"
        "Excusés : Mme Julie BOSC (donne pouvoir à M. Paul DURAND), Mme Inès FAURE.\n"
        "M. Marc ROUX donne pouvoir à Mme Anne PETIT.\n"
        "Absents : M. Jean NOYER.\n\n"
        "Après en avoir délibéré, le Conseil municipal AUTORISE le Maire à signer la "
        "convention.\n"
        "Adopté à l'unanimité.\n\n"
        "Mme Anne PETIT donne pouvoir à M. Luc MOREL et quitte la séance.\n\n"
        "Transmis en préfecture le 5/02/2025 et publié le 6/02/2025.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    # two excused (one with a proxy), two proxies; the one in the debates is not counted
    assert _attendance(key) == (3, 2, 2, 1)
    # the posting of the convocation, before the session, is no publication of the act
    assert (key["publication_date"], key["prefecture_date"]) == ("2025-02-06", "2025-02-05")


def test_an_excused_member_whose_proxy_is_stated_apart_counts_once() -> None:
    text = (
        "CONSEIL MUNICIPAL\nSéance du 3 février 2025\n\n"
        "Présents : M. Paul DURAND, Mme Anne PETIT, M. Luc MOREL\n"
        "Excusés : Mme Julie BOSC, Mme Inès FAURE.\n"
        "Mme Julie BOSC a donné procuration à M. Paul DURAND.\n"
        "Absents : néant.\n\n"
        "Adopté à l'unanimité.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    assert _attendance(key)[1:3] == (2, 1)


def test_stated_figures_of_represented_and_absent_members_without_names() -> None:
    text = (
        "COMMISSION PERMANENTE\nRéunion du vendredi 7 mars 2025\n\n"
        "Membres présents : 20\nMembres représentés : 4\nMembres absents : 2\n\n"
        "DÉCIDE :\nArticle 1 : D'attribuer une subvention de 5 000 € au titre de 2025.\n\n"
        "ADOPTÉ À L'UNANIMITÉ.\n"
        "Publié au recueil des actes administratifs et sur le site internet du Département "
        "le 12 mars 2025.\n"
    )
    key = extract_text(text, "essai.txt").key_terms
    # nobody is called excused: no count of excused members, not 0
    assert _attendance(key) == (20, None, 4, 2)
    assert key["publication_date"] == "2025-03-12"


def test_attendance_and_vote_laid_out_in_ascii_tables() -> None:
    raw = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU BUREAU\n\n"
        "+----------------------+----------------------------+\n"
        "| Séance du            | jeudi 3 avril 2025         |\n"
        "| Président de séance  | M. Paul DURAND             |\n"
        "+----------------------+----------------------------+\n"
        "| Présents             | M. Paul DURAND,            |\n"
        "|                      | Mme Anne PETIT             |\n"
        "+----------------------+----------------------------+\n"
        "| Excusés              | Mme Inès FAURE             |\n"
        "+----------------------+----------------------------+\n"
        "| Pouvoirs             | M. Luc MOREL à M. Paul     |\n"
        "|                      | DURAND                     |\n"
        "+----------------------+----------------------------+\n\n"
        "Après avoir entendu le rapporteur et en avoir délibéré, à la majorité :\n\n"
        "+-------------+----------------+\n"
        "| Pour        | 2              |\n"
        "| Contre      | 1 (M. X)       |\n"
        "| Abstention  | 0              |\n"
        "+-------------+----------------+\n\n"
        "ARTICLE 1 – ATTRIBUE une subvention de 3 000 € au titre de l'année 2025.\n\n"
        "ARTICLE 2 – ATTRIBUE une subvention d'équipement de 1 500 €.\n\n"
        "Fait et délibéré les jour, mois et an susdits.\n"
    )
    key = extract_text(normalise(raw), "essai.txt").key_terms
    assert key["session_date"] == "2025-04-03"
    assert key["president"] == "Paul DURAND"
    assert _attendance(key) == (2, 1, 1, None)
    assert key["vote"] == {"result": "majority", "for": 2, "against": 1, "abstention": 0}
    # the counts stated before the articles do not end the operative part
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [
        ("3000.00", 2025),
        ("1500.00", None),
    ]


def test_sums_granted_in_an_annexed_table_without_cost_basis_rate_or_total() -> None:
    raw = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n\nRéunion du lundi 3 mars 2025\n\n"
        "DÉCIDE :\n\n"
        "Article 1er : D'attribuer, au titre de l'exercice 2025, les subventions dont les "
        "montants figurent en annexe 1.\n\n"
        "Article 2 : D'approuver la convention de subvention type jointe en annexe 2.\n\n"
        "ADOPTÉ À L'UNANIMITÉ.\n\n"
        "ANNEXE 1\n\n"
        "Bénéficiaire | Dépense subventionnable | Taux | Subvention accordée\n"
        "--- | --- | --- | ---\n"
        "Association A | 10 000 € | 50 % | 5 000 €\n"
        "SCOP B | 8 000 € | 25 % | 2 000 €\n"
        "TOTAL | 18 000 € |  | 7 000 €\n"
    )
    key = extract_text(normalise(raw), "essai.txt").key_terms
    assert [(a["amount"], a["year"]) for a in key["amounts"]] == [
        ("5000.00", 2025),
        ("2000.00", 2025),
    ]


def test_board_chaired_by_a_vice_president_in_place_of_the_excused_mayor() -> None:
    key = _key_terms("set4-05_deliberation_ccas_epicerie_solidaire.txt")
    assert key["president"] == "Jean-Marc DELORME"
    # « Étaient également présents » lists the others: the chair counts too; the mayor,
    # « Maire, Président (pouvoir à …) », is excused with a proxy; sub-headings
    # « élus par le Conseil municipal : » do not end the list
    assert _attendance(key) == (9, 3, 2, 1)
    # the session authorises the signature; the earlier deliberation in a « Vu » does not
    assert key["authorising_deliberation_dates"] == ["2026-02-24"]


def test_a_title_inside_an_attendance_list_does_not_end_it() -> None:
    raw = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\n"
        "Séance du lundi 3 mars 2025\n\n"
        "Le Conseil municipal s'est réuni sous la présidence de M. Paul DURAND, Maire.\n\n"
        "Présents : M. Paul DURAND, Président de séance, Mme Anne MARTIN, "
        "M. Luc PETIT, Adjoints désignés par le Conseil municipal ; Mme Rose LEROY.\n"
        "Excusés : M. Marc BLANC, Premier adjoint, Président de la commission des finances "
        "(pouvoir à M. Paul DURAND), Mme Julie NOIR.\n"
        "Secrétaire de séance : Mme Anne MARTIN.\n\n"
        "Le Conseil municipal, après en avoir délibéré, ADOPTE à l'unanimité.\n"
    )
    key = extract_text(normalise(raw), "essai.txt").key_terms
    assert key["president"] == "Paul DURAND"
    assert _attendance(key) == (4, 2, 1, None)
