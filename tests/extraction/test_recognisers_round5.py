"""Recognisers on invented snippets shaped like real acts (fifth round): one table per rule.

Votes stated by their counts alone, in any order and with or without colons; attendance
figures beside labels without colons; cross-field checks (a vote cannot exceed the voters,
the present members cannot exceed the members in office). Every snippet is invented; the
shapes are those of real acts (flattened text, one line, page headers in the middle).
"""

from __future__ import annotations

import pytest

from pacte.extraction.deliberation.stated_grants import stated_grants
from pacte.extraction.deliberation.tally import TALLY, read_tally
from pacte.extraction.layout import restore
from pacte.extraction.parties.mandates import mandate_dates
from pacte.extraction.pipeline import extract_text
from pacte.extraction.text import fold

DELIBERATION = (
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 "
    "Nombre de conseillers en exercice : 19 Présents : 15 Votants : 17 Objet : Subvention à "
    "l'association Les Amis du Lavoir. Le Conseil municipal, après en avoir délibéré, "
)


def _vote(decision: str) -> dict[str, object] | None:
    return extract_text(DELIBERATION + decision, "delib.txt").key_terms["vote"]


# --- votes stated by their counts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "vote"),
    [
        # « par N voix pour … » before the decision, no « adopté »
        (
            "par 15 voix pour, 2 voix contre, décide d'attribuer une subvention.",
            {"result": "majority", "for": 15, "against": 2, "abstention": None},
        ),
        (
            "par 14 voix pour et 3 abstentions, décide d'attribuer une subvention.",
            {"result": "majority", "for": 14, "against": None, "abstention": 3},
        ),
        # labels without colons, dashes between
        (
            "décide d'attribuer une subvention. Vote : Pour 15 - Contre 1 - Abstention 1.",
            {"result": "majority", "for": 15, "against": 1, "abstention": 1},
        ),
        # figures first, no « voix »
        (
            "décide d'attribuer une subvention. Résultat du vote : 15 pour, 1 contre, 1 "
            "abstention.",
            {"result": "majority", "for": 15, "against": 1, "abstention": 1},
        ),
        # any order
        (
            "décide d'attribuer une subvention. Contre : 2 Abstention : 1 Pour : 14",
            {"result": "majority", "for": 14, "against": 2, "abstention": 1},
        ),
        # names of the members between brackets
        (
            "décide, par 15 voix pour, 1 voix contre (M. DURAND) et 1 abstention (Mme "
            "LEROY), d'attribuer une subvention.",
            {"result": "majority", "for": 15, "against": 1, "abstention": 1},
        ),
        # « Votes Pour : … Votes Contre : … »
        (
            "décide d'attribuer une subvention. Votes Pour : 15 Votes Contre : 1 Abstentions : 1",
            {"result": "majority", "for": 15, "against": 1, "abstention": 1},
        ),
        (
            "décide d'attribuer une subvention. Adoptée avec 15 voix pour, 2 contre.",
            {"result": "majority", "for": 15, "against": 2, "abstention": None},
        ),
        # nobody against nor abstaining: unanimous
        (
            "décide d'attribuer une subvention. Vote : Pour 17 - Contre 0 - Abstention 0.",
            {"result": "unanimous", "for": 17, "against": 0, "abstention": 0},
        ),
        # more against than for: rejected
        (
            "ne retient pas la proposition. Vote : contre 10, pour 7.",
            {"result": "rejected", "for": 7, "against": 10, "abstention": None},
        ),
        # « Vote : Majorité » with the count against
        (
            "décide d'attribuer une subvention. Vote : Majorité (3 contre)",
            {"result": "majority", "for": None, "against": 3, "abstention": None},
        ),
        # unanimity beside a count
        (
            "décide d'attribuer une subvention. Pour : 17 (unanimité)",
            {"result": "unanimous", "for": 17, "against": None, "abstention": None},
        ),
        # unanimity of the votes cast: the abstentions are not votes for (17 voters)
        (
            "décide d'attribuer une subvention. Décision adoptée à l'unanimité des suffrages "
            "exprimés (2 abstentions).",
            {"result": "unanimous", "for": 15, "against": None, "abstention": 2},
        ),
        # every voter voted for: unanimous
        (
            "décide d'attribuer une subvention. Vote : 17 voix pour.",
            {"result": "unanimous", "for": 17, "against": None, "abstention": None},
        ),
        # the forms read before stay as they were
        (
            "décide d'attribuer une subvention. Adopté par 16 voix pour et 1 voix contre.",
            {"result": "majority", "for": 16, "against": 1, "abstention": None},
        ),
        (
            "à la majorité (15 voix pour, 2 voix contre : M. Paul BRUN, Mme Ida ROUX), décide "
            "d'attribuer une subvention.",
            {"result": "majority", "for": 15, "against": 2, "abstention": None},
        ),
    ],
)
def test_votes_stated_by_their_counts(decision: str, vote: dict[str, object]) -> None:
    assert _vote(decision) == vote


@pytest.mark.parametrize(
    ("text", "vote"),
    [
        # « à l'unanimité » in the narrative of another meeting is no vote of the session
        (
            "Le Maire rappelle la réunion du 17 janvier. A l'issue de cette réunion et à "
            "l'unanimité, les élus soutiennent la création d'un nouveau plateau.",
            None,
        ),
        # … but it is one beside a decision, a count or alone after « Vote : »
        (
            "Le conseil, à l'unanimité, émet un avis favorable au projet.",
            {"result": "unanimous", "for": None, "against": None, "abstention": None},
        ),
        (
            "Attribution d'une subvention au club. Vote : unanimité.",
            {"result": "unanimous", "for": None, "against": None, "abstention": None},
        ),
    ],
)
def test_unanimity_is_a_vote_only_beside_a_decision(
    text: str, vote: dict[str, object] | None
) -> None:
    head = "COMPTE RENDU DU CONSEIL MUNICIPAL Séance du 10 février 2023 "
    assert extract_text(head + text, "pv.txt").key_terms["vote"] == vote


def test_a_run_of_counts_cut_by_a_page_header() -> None:
    # the grid of the first item is cut by the running header of the minutes
    text = (
        "PROCÈS-VERBAL DU BUREAU COMMUNAUTAIRE DU 6 MARS 2023 Présents : M. Jean PRADE, Mme "
        "Julie MARC. Approbation du procès-verbal de la séance précédente. Pour : 15 Contre : "
        "0 Procès-verbal du bureau communautaire du 6 mars 2023 Abstention : 0 1/17 Vu le code "
        "général des collectivités territoriales, après en avoir délibéré, le Bureau attribue "
        "une aide."
    )
    vote = extract_text(text, "pv.txt").key_terms["vote"]
    assert vote == {"result": "unanimous", "for": 15, "against": 0, "abstention": 0}


def test_the_counts_of_another_item_are_not_the_first_votes() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 Présents : M. Jean PRADE, "
        "Mme Julie MARC. Votants : 21 1) Approbation du procès-verbal du 2 janvier 2023 : le "
        "procès-verbal est adopté à l'unanimité. 2) Cession d'un terrain : le conseil décide, "
        "par 15 voix pour et 6 voix contre, de céder la parcelle."
    )
    vote = extract_text(text, "pv.txt").key_terms["vote"]
    assert vote == {"result": "unanimous", "for": 21, "against": None, "abstention": None}


@pytest.mark.parametrize(
    "text",
    [
        # one count alone is no vote (except « par N voix pour »)
        "une subvention pour 3 associations",
        # a duration, a rate, a sum after « pour »
        "pour 3 ans contre 2 ans auparavant",
        "pour 15 % contre 20 % l'an dernier",
        # the same kind twice: two votes run together, left to the other readers
        "pour : 12 pour : 14",
    ],
)
def test_what_is_no_run_of_counts(text: str) -> None:
    folded = fold(text)
    assert all(read_tally(folded, m) is None for m in TALLY.finditer(folded))


# --- attendance ---------------------------------------------------------------------------

MINUTES = "COMPTE RENDU DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 "
CLOSING = (
    " Secrétaire de séance : M. Paul ROUX. Le quorum étant atteint, la séance est ouverte. "
    "1. Approbation du procès-verbal. Adopté à l'unanimité."
)


def _attendance(attendance: str) -> dict[str, object]:
    terms = extract_text(MINUTES + attendance + CLOSING, "pv.txt").key_terms
    return {k: terms[k] for k in ("members_present", "members_excused", "members_absent")}


@pytest.mark.parametrize(
    ("attendance", "counts"),
    [
        # labels without colons, each followed by its figure: 19 is not the present
        ("Conseillers en exercice 19 Présents 15 Votants 17", (15, None, None)),
        ("Membres en exercice 23 Présents 18 Absents 5 Votants 20", (18, None, 5)),
        # the figure between brackets before the names
        ("Présents (15) : Anne DURAND, Julie MARC, Luc VIDAL.", (15, None, None)),
        # « Étaient présents les conseillers municipaux suivants : »
        (
            "Étaient présents les conseillers municipaux suivants : Anne DURAND, Julie MARC, "
            "Luc VIDAL. Étaient absents les membres suivants : Paul NOIR.",
            (4, None, 1),
        ),
        # surnames after a plural civility, two of them only
        (
            "PRESENTS : MM. DURAND, MARC, VIDAL ABSENTS EXCUSES : MM. NOIR, GRIS ABSENTS : M. "
            "JAUNE",
            (4, 2, 1),
        ),
        ("Présents : Mmes DURAND et MARC. Excusés : Mesdames NOIR et GRIS.", (3, 2, None)),
        # labels and figures in inclusive French
        (
            "Présent(e)s : Jean DUPONT, Anne MARTIN, Paul PETIT Absent(e)s excusé(e)s : Marc "
            "NOIR Procuration(s) : Lise BLANC à Jean DUPONT",
            (4, 1, None),
        ),
        ("Présent·e·s : 15 Excusé.e.s : 2 Absent(e)s : 1 Votant(e)s : 17", (15, 2, 1)),
        # the label ends its line (one paragraph each, as from a .docx): the line under it is
        # its list, even when it opens with « X donne pouvoir à Y »
        (
            "Présents : Anne DURAND, Julie MARC.\nÉtaient absents excusés :\nM. Luc NOEL donne "
            "pouvoir à Mme Anne DURAND, M. Eddy VINCENT.\n",
            (3, 2, None),
        ),
    ],
)
def test_attendance_figures_and_lists(attendance: str, counts: tuple[object, ...]) -> None:
    got = _attendance(attendance)
    assert (got["members_present"], got["members_excused"], got["members_absent"]) == counts


@pytest.mark.parametrize(
    ("number", "figures"),
    [
        # the row of the range that holds the deliberation's number
        ("412", {"members_present": 38, "proxies": 9, "members_absent": 6}),
        # none holds it: the first row, the start of the session
        ("99", {"members_present": 40, "proxies": 7, "members_absent": 6}),
    ],
)
def test_figures_per_range_of_deliberations(number: str, figures: dict[str, int]) -> None:
    text = (
        f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DÉLIBÉRATION n°{number} Séance du 7 mars 2023 "
        "Nombre de conseillers en exercice 53 N° de délibération Présents Absents représentés "
        "Votants 401 à 410 40 6 7 47 411 à 430 38 6 9 47 Objet : Convention avec la Région. "
        "Après en avoir délibéré, le conseil approuve la convention."
    )
    terms = extract_text(text, "delib.txt").key_terms
    assert {k: terms[k] for k in figures} == figures


@pytest.mark.parametrize(
    ("attendance", "present"),
    [
        # a figure above the members in office is not the present members': the names
        # counted stand in for it
        ("En exercice : 15 Présents : 27 Présents : Anne DURAND, Julie MARC, Luc VIDAL.", 4),
        # … and nothing is stated when the names do not fit either
        ("En exercice : 2 Présents : 27", None),
        ("En exercice : 27 Présents : 15", 15),
    ],
)
def test_present_members_cannot_outnumber_those_in_office(
    attendance: str, present: int | None
) -> None:
    assert _attendance(attendance)["members_present"] == present


# --- document type ------------------------------------------------------------------------

_ONE_DELIBERATION = (
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 13 février 2023 "
    "Étaient présents : M. Jean PRADE, Maire, Mme Julie MARC, M. Luc VIDAL. Excusés : M. "
    "Paul NOIR. Objet : {object}. Le Conseil municipal, après en avoir délibéré, à "
    "l'unanimité, approuve. "
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # the deliberations of one session transcribed one after the other, each with its
        # attendance: the minutes of the session, not one deliberation
        (
            "".join(
                _ONE_DELIBERATION.format(object=o)
                for o in ("Budget primitif", "Tarifs de la cantine", "Subvention au club")
            ),
            "minutes",
        ),
        # one deliberation, its attendance stated once
        (_ONE_DELIBERATION.format(object="Tarifs de la cantine"), "deliberation"),
        # the narrative of a session without a heading (the first page cut off)
        (
            "Après avoir constaté que le quorum était atteint, le Président procède à "
            "l'ouverture de la séance. Il propose que le secrétariat soit assuré par M. "
            "BRUN. Monsieur le Président met le procès-verbal aux voix. Le procès-verbal est "
            "adopté à l'unanimité. Le conseil passe à l'ordre du jour. Vu le code général des "
            "collectivités territoriales, après en avoir délibéré, le conseil communautaire "
            "décide à l'unanimité d'attribuer une subvention.",
            "minutes",
        ),
    ],
)
def test_document_type_from_the_shape_of_the_text(text: str, kind: str) -> None:
    assert extract_text(text, "acte.txt").key_terms["doc_type"] == kind


def test_the_heading_after_the_stamps_of_every_page() -> None:
    # the stamps of the préfecture, repeated for each page, fill the first 1 500 characters
    stamp = (
        "Envoyé en préfecture le 01/07/2022 Reçu en préfecture le 01/07/2022 Affiché le 1er "
        "juillet 2022 ID : 077-200000001-20220701-DEL20220624_01-DE "
    )
    text = stamp * 14 + (
        "CONVENTION DE MISE À DISPOSITION DE DONNÉES GÉOGRAPHIQUES. Les données sont fournies "
        "gratuitement pour l'année 2022."
    )
    assert extract_text(text, "acte.txt").key_terms["doc_type"] == "convention"


# --- sums granted written in the prose ----------------------------------------------------


@pytest.mark.parametrize(
    ("prose", "amounts"),
    [
        # a decision without « DÉCIDE : », a rate after the sum
        (
            "Délibération n°10/2020 à l'unanimité, décide d'attribuer une subvention de 360 € "
            "(30 € par élève) pour un voyage pédagogique. l'unanimité, décide d'attribuer une "
            "subvention de 180 € (30 € par élève) pour un voyage en Grèce.",
            [("360.00", None), ("180.00", None)],
        ),
        # the report: a grant promised by another authority, then its breakdown
        (
            "La Région s'engage à soutenir le projet pour une dotation maximale de 4 000 000 € "
            "répartie sur un équipement (3 132 000 €) et les espaces publics (868 000 €).",
            [("4000000.00", None)],
        ),
        (
            "n°2023-001 Signature de la convention ayant pour objet le versement d'une "
            "subvention pour un montant de 19 855€ au titre du fonds numérique.",
            [("19855.00", None)],
        ),
        # the beneficiary between the verb and the grant; the year of the grant
        (
            "Le conseil attribue à l'association Les Amis du Lavoir une subvention de 1 200 € "
            "au titre de l'exercice 2023.",
            [("1200.00", 2023)],
        ),
        # asked for, not granted
        (
            "Le conseil autorise le Maire à solliciter une subvention de 30 000 € auprès de l'État.",
            [],
        ),
        ("Il demandera que la communauté accorde la même subvention de 10 000 € au cinéma.", []),
        # described, not granted: no verb of granting before the grant
        ("La subvention attribuée au théâtre reste stable avec 23 000 €.", []),
        ("Pièce de théâtre le 21 mars, participation 47 € comprenant le transport.", []),
        # a cost between the grant and the sum
        ("Le conseil attribue une subvention calculée sur un coût total de 50 000 €.", []),
        # an agenda with dotted leaders announces the items
        (
            "Autorisation de signer une convention pour verser une subvention de 389 567 € "
            "............ 22",
            [],
        ),
    ],
)
def test_sums_granted_in_the_prose(prose: str, amounts: list[tuple[str, int | None]]) -> None:
    assert [(g["amount"], g["year"]) for g in stated_grants(prose)] == amounts


def test_sums_granted_in_the_prose_of_minutes() -> None:
    text = (
        "PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022 Présents : M. Jean PRADE, Mme "
        "Julie MARC. La séance est ouverte. 1. Voyage scolaire : à l'unanimité, le conseil "
        "décide d'attribuer une subvention de 360 € (30 € par élève) au collège."
    )
    terms = extract_text(text, "pv.txt").key_terms
    assert [(a["amount"], a["year"]) for a in terms["amounts"]] == [("360.00", None)]


# --- dates of the deliberations authorising the signatories -------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a flattened convention, blanks left for the other party: its block is not read,
        # the mandate of the first party still is
        (
            "Envoyé en préfecture le 01/07/2022 Reçu en préfecture le 01/07/2022 CONVENTION DE "
            "MISE À DISPOSITION ENTRE le Syndicat des Énergies du Val, dont le siège est 1, rue "
            "Haute, représenté par M. Marc BLANC en qualité de Président dûment habilité aux "
            "présentes, par délibération n° 2022-28 du comité syndical du 06 avril 2022, "
            "ci-après dénommé « le Syndicat » ET ……………………, représentée par …………… en qualité de "
            "…………… dûment habilité(e) par délibération du …………… ci-après dénommée « la "
            "Commune ». Article 1 : Objet",
            ["2022-04-06"],
        ),
        # the visa of the deliberation authorising the signature
        (
            "CONVENTION D'OBJECTIFS VU la délibération du Conseil communautaire n° 2024-219 du "
            "12 décembre 2024 portant création du fonds ; VU la délibération du Bureau "
            "communautaire n° B-2026-031 du 17 mars 2026 attribuant la subvention et autorisant "
            "le Président à signer la présente convention ; ENTRE la Communauté ET la SCOP. "
            "Article 1 : Objet",
            ["2026-03-17"],
        ),
        # a deliberation cited in an article is no mandate
        (
            "CONVENTION ENTRE la Ville ET l'association Les Amis. Article 1 : Objet. En "
            "application de la délibération du 3 mai 2023, la Ville verse une subvention.",
            [],
        ),
    ],
)
def test_dates_of_the_authorising_deliberations(text: str, dates: list[str]) -> None:
    assert mandate_dates(text) == dates


def test_a_table_of_members_with_their_status() -> None:
    # one row per member, the rules of the table left as « | » and « _ » by the OCR
    rows = [
        ("Vitré", "Mme", "AUBRY Nadège", "Présent"),
        ("Rennes", "M.", "BARRE Alain", "Présent"),
        ("Vitré", "Mme", "CARON | Sylvie", "Repr. Mme Aubry"),
        ("Dinard", "M.__", "DAVID Thierry |", "Absent"),
        ("Rennes", "Mme", "ESNAULT Annie-Paule", "Présent"),
        ("Fougères", "M.", "FAURE Pierre", "Présent"),
        ("Dinard", "Mme", "GILLET | Lina .|", "Absent"),
        ("Rennes", "M.", "HAMON Rémi", "Présent"),
        ("Vitré", "M.", "JOLY Pierre", "Repr. M. Barre"),
        ("Rennes", "Mme", "LEROY Marie", "Présent"),
    ]
    table = " ".join(
        f"{town} {civility} | {name} {status} P" for town, civility, name, status in rows
    )
    text = (
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 25 février 2023 DÉLIBÉRATION n° 12 "
        "Ville Titre NOM Prénom Présent A donné pouvoir à | Vote " + table + " Secrétaire de "
        "séance : M. Rémi HAMON. Après en avoir délibéré, le conseil approuve la convention."
    )
    terms = extract_text(text, "delib.txt").key_terms
    assert (terms["members_present"], terms["proxies"], terms["members_absent"]) == (6, 2, 2)


# --- a convention flattened (whitespace collapsed, no line breaks) ------------------------

CONVENTION = """CONVENTION D'OBJECTIFS ET DE MOYENS 2024-2026
ENTRE LES SOUSSIGNÉS :
La Commune de Belval, représentée par son Maire, Monsieur Jean DUPONT, dûment habilité par
délibération du conseil municipal en date du 12 décembre 2023, ci-après dénommée « la
Commune », d'une part,
ET
L'association Les Amis du Lavoir, association loi 1901, dont le siège social est situé 3 rue
Haute, 35000 Belval, représentée par sa présidente, Madame Anne PETIT, autorisée par décision
du conseil d'administration du 8 janvier 2024, ci-après dénommée « l'Association », d'autre
part,
PRÉAMBULE
L'Association anime un lavoir solidaire.
IL A ÉTÉ CONVENU CE QUI SUIT :
ARTICLE 1er - OBJET DE LA CONVENTION
La présente convention a pour objet de définir les engagements réciproques des parties.
ARTICLE 2 - DURÉE
La présente convention est conclue pour une durée de trois ans à compter du 1er janvier 2024.
Elle ne peut être reconduite que de manière expresse.
Article 3 : Montant de la subvention
La Commune s'engage à verser à l'Association une subvention de 12 000 € au titre de l'année
2024.
Article 4 : Résiliation
La présente convention peut être résiliée par lettre recommandée avec un préavis de trois mois.
Article 5 : Comité de suivi
Un comité de suivi se réunit une fois par an.
Fait à Belval, le 15 janvier 2024, en deux exemplaires.
"""


@pytest.mark.parametrize("layout", ["laid out", "flattened", "flattened, address glued"])
def test_a_flattened_convention_reads_as_laid_out(layout: str) -> None:
    text = {
        "laid out": CONVENTION,
        "flattened": " ".join(CONVENTION.split()),
        "flattened, address glued": "https://www.belval.fr/files/cpo-lavoir.pdf"
        + " ".join(CONVENTION.split()),
    }[layout]
    terms = extract_text(text, "convention.txt").key_terms
    assert terms["doc_type"] == "convention"
    assert [(p["name"], p["representative"]) for p in terms["parties"]] == [
        ("Commune de Belval", "Jean DUPONT"),
        ("Les Amis du Lavoir", "Anne PETIT"),
    ]
    assert terms["authorising_deliberation_dates"] == ["2023-12-12", "2024-01-08"]
    assert (terms["signature_date"], terms["start_date"]) == ("2024-01-15", "2024-01-01")
    assert terms["duration"] == {"value": 3, "unit": "year"}
    assert terms["renewal"] == "express"
    assert terms["termination_notice"] == {"value": 3, "unit": "month"}
    assert [(a["amount"], a["year"]) for a in terms["amounts"]] == [("12000.00", 2024)]
    assert terms["steering_committee_frequency"] == "yearly"


@pytest.mark.parametrize(
    ("flat", "lines"),
    [
        # a list after a colon, each item after « ; »
        (
            "la subvention est fixée : - au titre de 2025 : 12 400 € ; - au titre de 2026 : 12 800 €.",
            [
                "la subvention est fixée :",
                "- au titre de 2025 : 12 400 € ;",
                "- au titre de 2026 : 12 800 €.",
            ],
        ),
        # numbered headings after the end of a sentence, their title apart from the text
        (
            "En conséquence : 1. Objet Nous mettons un local à disposition. 2. Durée Nous "
            "concluons la convention pour trois ans.",
            [
                "En conséquence :",
                "1. Objet",
                "Nous mettons un local à disposition.",
                "2. Durée",
                "Nous concluons la convention pour trois ans.",
            ],
        ),
        # the rows of a table drawn with « | »
        (
            "les sommes suivantes : | Année | Montant | | 2026 | 22 000 € | | 2027 | 3 800 € |",
            [
                "les sommes suivantes :",
                "| Année | Montant |",
                "| 2026 | 22 000 € |",
                "| 2027 | 3 800 € |",
            ],
        ),
        # an article's title in capitals, then its first sentence
        (
            "ARTICLE 8 - RÉSILIATION Chacune des parties peut résilier la convention.",
            ["ARTICLE 8 - RÉSILIATION", "Chacune des parties peut résilier la convention."],
        ),
    ],
)
def test_line_breaks_restored_in_a_flattened_text(flat: str, lines: list[str]) -> None:
    padding = " Suite du texte." * 50  # a long text without line breaks: flattened
    restored = restore(flat + padding)
    assert len(restored) == len(flat + padding)
    got = restored.split("\n")[: len(lines)]
    assert got[:-1] == lines[:-1]
    assert got[-1].startswith(lines[-1])
