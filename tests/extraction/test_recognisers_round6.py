"""Recognisers on invented snippets shaped like real acts (sixth round): one table per rule.

Attendance figures of flattened tables (labels without colons, then their figures), a
figure of the label before a list not read as the list's, proxies stated one sentence
after the other in a flattened text (« M. X donne pouvoir à M. Y. Mme Z donne pouvoir à
… », « Procuration de M. X à M. Y »), « dont 2 pouvoirs », a heading « Objet : » glued to
the last name of a list; votes « DÉCIDE, à la majorité (2 contre …) » and « adopté à la
majorité absolue : 14 voix pour, 3 contre »; numbers before « présents » in a sentence
are no attendance figure. Every snippet is invented; the shapes are those of real acts
(flattened text, one line).
"""

from __future__ import annotations

import pytest

from pacte.extraction.figures import table_figures
from pacte.extraction.pipeline import extract_text
from pacte.extraction.text import fold

HEAD = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 "
BODY = (
    " Objet : Subvention à l'association Les Amis du Lavoir. Le Conseil municipal, après en "
    "avoir délibéré, décide d'attribuer une subvention."
)
_ATTENDANCE = ("members_present", "members_excused", "proxies", "members_absent")


def _terms(attendance: str, body: str = BODY) -> dict[str, object]:
    return extract_text(HEAD + attendance + body, "delib.txt").key_terms


def _attendance(attendance: str) -> dict[str, object]:
    terms = _terms(attendance)
    return {k: terms[k] for k in _ATTENDANCE if terms[k] is not None}


# --- attendance figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "figures"),
    [
        # a table's header row and figures row flattened: labels without colons, then figures
        (
            "Nombre de membres En exercice Présents Votants 19 15 17",
            {"members_present": 15},
        ),
        (
            "En exercice Présents Pouvoirs Votants 19 15 2 17",
            {"members_present": 15, "proxies": 2},
        ),
        # figures first, then labels after « Conseillers » (no « Nombre de »)
        ("19 15 17 Conseillers en exercice Présents Votants", {"members_present": 15}),
        # « Conseillers en exercice : 19 Conseillers présents : 15 »: 19 is the figure of
        # the label before it, not a figure heading a list of present members
        (
            "Conseillers en exercice : 19 Conseillers présents : 15 Conseillers votants : 17",
            {"members_present": 15},
        ),
        (
            "Membres en exercice 19 Membres présents 15 Membres votants 17",
            {"members_present": 15},
        ),
        # « dont N pouvoirs »: the proxies within the voters
        (
            "Nombre de conseillers : 19 Présents : 15 Votants : 17 dont 2 pouvoirs",
            {"members_present": 15, "proxies": 2},
        ),
        (
            "En exercice : 19 Présents : 15 Votants : 17 (dont 2 procurations)",
            {"members_present": 15, "proxies": 2},
        ),
        # figures before their labels, among other figures
        ("19 en exercice, 15 présents, 17 votants", {"members_present": 15}),
    ],
)
def test_attendance_figures_of_flattened_tables(attendance: str, figures: dict[str, int]) -> None:
    assert _attendance(attendance) == figures


@pytest.mark.parametrize(
    "prose",
    [
        # a number before « présents » in a sentence is no attendance figure
        "Le quorum est fixé à 10 présents.",
        "Le maire rappelle que la fête a réuni 120 présents.",
    ],
)
def test_a_number_before_present_in_a_sentence(prose: str) -> None:
    assert _terms(prose)["members_present"] is None


def test_labels_then_figures_table() -> None:
    folded = fold("En exercice Présents Votants 19 15 17 Objet")
    assert [(k, v) for k, v, _, _ in table_figures(folded)] == [
        ("in_office", 19),
        ("present", 15),
        ("voters", 17),
    ]


# --- attendance lists ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "counts"),
    [
        # proxies stated one sentence after the other in a flattened text: the list of the
        # present members ends at the first of them
        (
            "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT. M. Luc NOIR donne "
            "pouvoir à M. Jean DUPONT. Mme Lise BLANC donne pouvoir à Mme Anne MARTIN.",
            {"members_present": 3, "proxies": 2},
        ),
        (
            "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT ; M. Luc NOIR a donné "
            "procuration à M. Jean DUPONT.",
            {"members_present": 3, "proxies": 1},
        ),
        # « Procuration de M. X à M. Y »
        (
            "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT. Procuration de M. Luc "
            "NOIR à M. Jean DUPONT.",
            {"members_present": 3, "proxies": 1},
        ),
        # « Objet : » glued to the last name of a list (surname first, no full stop)
        (
            "Présents : DUPONT Jean, MARTIN Anne, PETIT Paul, ROUX Sophie Excusés : NOIR Luc, "
            "BLANC Lise Absents : GRIS Marc",
            {"members_present": 4, "members_excused": 2, "members_absent": 1},
        ),
        (
            "Présents : DUPONT Jean, MARTIN Anne, PETIT Paul Absents : GRIS Marc, VERT Paul",
            {"members_present": 3, "members_absent": 2},
        ),
        # the forms read before stay as they were
        (
            "Présents : M. Jean DUPONT ; Mme Anne MARTIN ; M. Paul PETIT ; Mme Sophie ROUX "
            "Pouvoirs : Mme Lise BLANC à M. Jean DUPONT ; M. Luc NOIR à Mme Anne MARTIN "
            "Absent : M. Marc GRIS",
            {"members_present": 4, "proxies": 2, "members_absent": 1},
        ),
        (
            "Etaient présents : M. Jean DUPONT, Maire, Mme Anne MARTIN, M. Paul PETIT, Mme "
            "Sophie ROUX. Absents excusés : M. Luc NOIR qui donne pouvoir à M. Jean DUPONT, "
            "Mme Lise BLANC représentée par Mme Anne MARTIN.",
            {"members_present": 4, "members_excused": 2, "proxies": 2},
        ),
    ],
)
def test_attendance_lists_of_flattened_texts(attendance: str, counts: dict[str, int]) -> None:
    assert _attendance(attendance) == counts


@pytest.mark.parametrize(
    "body",
    [
        # a proxy told of in the debates, far from the lists, is none of this session's
        " Objet : Délégations. Le maire rappelle que M. Luc NOIR donne pouvoir à M. Jean "
        "DUPONT pour signer les actes. Le conseil décide.",
        # the power of someone is no proxy
        " Objet : Délégations. Le conseil rappelle le pouvoir de M. le Maire en matière de "
        "marchés et décide.",
    ],
)
def test_what_is_no_proxy(body: str) -> None:
    terms = _terms("Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT.", body)
    assert terms["proxies"] is None
    assert terms["members_present"] == 3


# --- votes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "vote"),
    [
        # « DÉCIDE, à la majorité » and the counts it names
        (
            "DÉCIDE, à la majorité (2 contre : M. NOIR, Mme BLANC), d'attribuer une subvention.",
            {"result": "majority", "for": None, "against": 2, "abstention": None},
        ),
        (
            "DÉCIDE à la majorité (3 abstentions) d'attribuer une subvention.",
            {"result": "majority", "for": None, "against": None, "abstention": 3},
        ),
        # what the majority was, between the vote and its counts
        (
            "décide d'attribuer une subvention. Adopté à la majorité absolue : 14 voix pour, 3 "
            "contre.",
            {"result": "majority", "for": 14, "against": 3, "abstention": None},
        ),
        (
            "décide d'attribuer une subvention. Adoptée à la majorité des suffrages exprimés "
            "(14 voix pour, 2 contre).",
            {"result": "majority", "for": 14, "against": 2, "abstention": None},
        ),
    ],
)
def test_votes_by_a_majority(decision: str, vote: dict[str, object]) -> None:
    text = HEAD + " Objet : Subvention. Le Conseil municipal, après en avoir délibéré, " + decision
    assert extract_text(text, "delib.txt").key_terms["vote"] == vote


@pytest.mark.parametrize(
    ("decision", "vote"),
    [
        # a printed grid without colons, each count followed by « voix », blanks read 0
        (
            "décide d'attribuer une subvention. Pour 17 voix Contre Abstention",
            {"result": "unanimous", "for": 17, "against": 0, "abstention": 0},
        ),
        (
            "décide d'attribuer une subvention. Pour 15 voix Contre 2 voix Abstention",
            {"result": "majority", "for": 15, "against": 2, "abstention": 0},
        ),
        # after « Adoptée par N voix Unanimité » and figures of the grid, lines restored
        (
            "décide d'attribuer une subvention. Adoptée par 17 voix Unanimité Présents ou "
            "représentés 17 voix Exprimés 17 voix Pour 17 voix\nContre\nAbstention NPPV",
            {"result": "unanimous", "for": 17, "against": 0, "abstention": 0},
        ),
        # counts written number first are still read (« 15 voix pour 2 voix contre »)
        (
            "décide par 15 voix pour 2 voix contre d'attribuer une subvention.",
            {"result": "majority", "for": 15, "against": 2, "abstention": None},
        ),
    ],
)
def test_printed_grids_without_colons(decision: str, vote: dict[str, object]) -> None:
    text = HEAD + " Objet : Subvention. Le Conseil municipal, après en avoir délibéré, " + decision
    assert extract_text(text, "delib.txt").key_terms["vote"] == vote


# --- excused members who gave a proxy, listed under the label of the proxies ---------------


def test_excused_label_followed_by_the_proxies() -> None:
    # « Excusés : » followed by prose, then the label of the proxies: the givers are the
    # excused members, but for those listed present (there for part of the session)
    attendance = (
        "Etaient présents : M. DUPONT, Maire, Mme MARTIN, M. PETIT, Mme ROUX (à compter de la "
        "délibération n°3), conseillers municipaux. Excusés : Conformément aux dispositions "
        "de l'article L 2121-20 du Code général des collectivités territoriales, ont donné "
        "pouvoir écrit de voter en leur nom : Mme NOIR à M. DUPONT M. GRIS à Mme MARTIN Mme "
        "ROUX à M. PETIT (jusqu'à la délibération n°2) Absent : M. VERT"
    )
    assert _attendance(attendance) == {
        "members_present": 4,
        "members_excused": 2,
        "proxies": 3,
        "members_absent": 1,
    }


# --- document type ------------------------------------------------------------------------

_STAMPS = (
    "Envoyé en préfecture le 30/01/2023 Reçu en préfecture le 30/01/2023 Publié le "
    "31/01/2023 ID : 037-213701725-20230123-2023_01_01-DE "
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a numbered annex to a deliberation is another act, whatever it says of votes
        (
            _STAMPS + "ANNEXE 1 À LA DÉLIBÉRATION N° 2023-01 Règlement intérieur du conseil "
            "municipal Article 1 : Les séances du conseil municipal sont publiques. Les "
            "délibérations sont adoptées à la majorité absolue des suffrages exprimés.",
            "other",
        ),
        # weak evidence: a report naming the council and a unanimous vote is no deliberation
        (
            _STAMPS + "Rapport d'orientations budgétaires 2023 Le débat d'orientation "
            "budgétaire se tient dans les deux mois précédant le vote du budget. Le conseil "
            "municipal a adopté le budget à l'unanimité l'an dernier.",
            "other",
        ),
        # the deliberation itself, stamped the same way, stays one
        (
            _STAMPS + "DÉPARTEMENT DU LOIRET COMMUNE DE X EXTRAIT DU REGISTRE DES "
            "DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 Nombre de "
            "conseillers en exercice : 15 Présents : 12 Votants : 14 Objet : Tarifs de la "
            "cantine Le conseil municipal, après en avoir délibéré, à l'unanimité, FIXE les "
            "tarifs.",
            "deliberation",
        ),
        (
            "Conseil municipal du 23 janvier 2023 Extrait du procès-verbal Présents : M. Jean "
            "DUPONT. Objet : Tarifs. Le conseil, après en avoir délibéré, à l'unanimité, fixe "
            "les tarifs. Pour extrait conforme, le Maire.",
            "deliberation",
        ),
    ],
)
def test_document_type_from_evidence(text: str, kind: str) -> None:
    assert extract_text(text, "acte.txt").key_terms["doc_type"] == kind


@pytest.mark.parametrize(
    ("attendance", "counts"),
    [
        # the optional plural of a form (« Présent(s) », « Représenté(s) »)
        ("Présent(s) : 15 Représenté(s) : 2 Votant(s) : 17", {"members_present": 15, "proxies": 2}),
        # « Étaient excusés et avaient donné pouvoir : »
        (
            "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT. Etaient excusés et "
            "avaient donné pouvoir : M. Luc NOIR à M. Jean DUPONT, Mme Lise BLANC à Mme Anne "
            "MARTIN.",
            {"members_present": 3, "members_excused": 2, "proxies": 2},
        ),
    ],
)
def test_labels_of_forms(attendance: str, counts: dict[str, int]) -> None:
    assert _attendance(attendance) == counts


@pytest.mark.parametrize(
    ("decision", "vote"),
    [
        # the votes of a unanimity stated beside it
        (
            "décide d'attribuer une subvention. Unanimité : 17 voix",
            {"result": "unanimous", "for": 17, "against": None, "abstention": None},
        ),
        (
            "décide d'attribuer une subvention. Adopté à l'unanimité des membres présents et "
            "représentés (17 voix).",
            {"result": "unanimous", "for": 17, "against": None, "abstention": None},
        ),
        # « (3 abstentions) » after the votes cast is no figure of the voters
        (
            "à l'unanimité des suffrages exprimés (3 abstentions), décide d'attribuer une "
            "subvention.",
            {"result": "unanimous", "for": None, "against": None, "abstention": 3},
        ),
        # the run of counts that holds the vote's own words, a bracket inside
        (
            "décide d'attribuer une subvention. La délibération est adoptée par 25 voix pour, 3 "
            "voix contre (groupe Agir) et 1 abstention.",
            {"result": "majority", "for": 25, "against": 3, "abstention": 1},
        ),
        # « adopté avec 2 abstentions »
        (
            "décide d'attribuer une subvention. Adopté avec 2 abstentions.",
            {"result": "majority", "for": None, "against": None, "abstention": 2},
        ),
    ],
)
def test_votes_and_their_counts(decision: str, vote: dict[str, object]) -> None:
    text = HEAD + " Objet : Subvention. Le Conseil municipal, après en avoir délibéré, " + decision
    assert extract_text(text, "delib.txt").key_terms["vote"] == vote


def test_the_last_name_glued_to_the_prose() -> None:
    attendance = (
        "Étaient présents : Jean DUPONT, Anne MARTIN, Paul PETIT, Sophie ROUX, Marc GRIS "
        "formant la majorité des membres en exercice. Absents : Luc NOIR."
    )
    assert _attendance(attendance) == {"members_present": 5, "members_absent": 1}


@pytest.mark.parametrize(
    "attendance",
    [
        # the powers of the mayor, the members present as words of a sentence
        "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT. Le maire rappelle ses "
        "pouvoirs de police. Les élus présents approuvent.",
        # the present or represented members are neither
        "Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul PETIT. Membres présents ou "
        "représentés : 17",
    ],
)
def test_what_is_no_attendance_figure(attendance: str) -> None:
    assert _attendance(attendance) == {"members_present": 3}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a decision of the bureau deliberates: no decision of the president alone
        (
            "BUREAU COMMUNAUTAIRE DU 23 JANVIER 2023 DÉCISION N° B2023-01 Objet : Subvention à "
            "l'association Y Le Bureau communautaire, après en avoir délibéré, à l'unanimité, "
            "décide d'attribuer une subvention de 500 €.",
            "deliberation",
        ),
        # the president's decision stays another act
        (
            "DÉCISION DU PRÉSIDENT N° 2023-01 Le Président de la communauté de communes, Vu la "
            "délibération du conseil communautaire du 12 janvier 2023 portant délégation au "
            "président, DÉCIDE Article 1 : de signer le contrat.",
            "other",
        ),
        # the address of the file before the text, a space between: its name is a heading
        (
            "https://www.ville.fr/docs/PV_CM_23012023.pdf COMMUNE DE X CONSEIL MUNICIPAL DU 23 "
            "JANVIER 2023 Présents : M. Jean DUPONT, Mme Anne MARTIN. Secrétaire de séance : "
            "Mme Anne MARTIN. Tarifs : le conseil municipal, après en avoir délibéré, fixe les "
            "tarifs à l'unanimité.",
            "minutes",
        ),
    ],
)
def test_document_type_of_decisions_and_addresses(text: str, kind: str) -> None:
    assert extract_text(text, "acte.txt").key_terms["doc_type"] == kind


@pytest.mark.parametrize(
    ("attendance", "counts"),
    [
        (
            "Présents : 15 Pouvoir(s) : 2 Absent(s) : 2",
            {"members_present": 15, "proxies": 2, "members_absent": 2},
        ),
        (
            "Nombre de membres en exercice : 19 Nombre de membres présents : 15 Nombre de "
            "membres ayant donné pouvoir : 2",
            {"members_present": 15, "proxies": 2},
        ),
    ],
)
def test_figures_of_the_proxies(attendance: str, counts: dict[str, int]) -> None:
    assert _attendance(attendance) == counts


def test_unanimously() -> None:
    text = HEAD + " Objet : Subvention. Le Conseil municipal, après en avoir délibéré, décide "
    text += "d'attribuer une subvention. Unanimement adopté."
    vote = extract_text(text, "delib.txt").key_terms["vote"]
    assert vote == {"result": "unanimous", "for": None, "against": None, "abstention": None}
