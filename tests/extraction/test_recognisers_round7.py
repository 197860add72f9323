"""Recognisers on invented snippets shaped like real acts (seventh round): one table per rule.

The parties of real conventions: a cover page « ENTRE / X / ET / Y » before the real
« Entre : » clause, closed by « Il a tout d'abord été exposé »; « & » between the parties
and the label « partie dénommée ci-après … » on a line of its own after « d'une part »;
« L'Association «Club X» affiliée à … »; a party opening on its office holder (« Madame
la Maire de X, …, ci-après dénommée « La Ville de X » »); representatives after a mandate
(« représentée en vertu d'une délibération …, par Madame … »), after an office
(« son Président Monsieur Paul LE GOFF élu par … », « Monsieur le Maire Paul\\n\\nDURAND »).
Every snippet is invented; the shapes are those of real acts (line breaks in odd places,
blank lines between every line, one flattened line).
"""

from __future__ import annotations

import pytest

from pacte.extraction.pipeline import extract, extract_text

TAIL = """
Article 1 – Objet
La présente convention a pour objet de soutenir le projet associatif.

Article 2 – Durée
La présente convention est conclue pour une durée d'un an.
"""


def _parties(text: str) -> list[tuple[str, str, str | None]]:
    terms = extract_text(text, "convention.txt").key_terms
    return [(p["name"], p["role"], p["representative"]) for p in terms["parties"]]


# --- where the parties are ---------------------------------------------------------------


COVER_PAGE = """CONVENTION D'OBJECTIF

                       ENTRE

 La Communauté de communes du Val d'Orbiel

                          ET

L'Union Sportive de Sarrelac
                   USS

          1er janvier 2025 – 31 décembre 2027
Entre :

La Communauté de communes du Val d'Orbiel, domiciliée 3 rue des Tanneurs, 11600 Conques,
représentée par son Président, Michel AZAÏS, agissant en vertu de la délibération du
Conseil communautaire en date du 12 décembre 2024,
Ci-après dénommée « la collectivité »,
                                                                         d'une part,

Et :

L'Union Sportive de Sarrelac, domiciliée 4 place du Marché, 11600 Sarrelac, représentée
par sa Présidente, Odile FERRAND,
Ci-après dénommée « l'association »,
                                                                         d'autre part,

Il a tout d'abord été exposé ce qui suit :
"""

AMPERSAND = """CONVENTION ANNUELLE D'OBJECTIFS

 Entre

 La Ville de Montreval, représentée par le Maire de Montreval agissant en vertu d'une délibération du Conseil
 municipal en date du ……………

 d'une part
                                                     partie dénommée ci-après "la Ville de Montreval"

 &

 L'association Les Jardins du Coteau, ayant son siège social au 12, rue Haute – 26000
 VALENCE, régie par la loi du 1er juillet 1901, représentée
 par Madame Hélène ROCHAS, agissant en qualité de Co-Présidente,

 d'autre part
                                                      partie dénommée ci-après "l'association"

 Il est convenu ce qui suit :
"""


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a cover page « ENTRE / X / ET / Y » above the clause; « Il a tout d'abord été
        # exposé » closes the parties
        (
            COVER_PAGE,
            [
                ("Communauté de communes du Val d'Orbiel", "public_authority", "Michel AZAÏS"),
                ("Union Sportive de Sarrelac", "beneficiary", "Odile FERRAND"),
            ],
        ),
        # « & » between the parties, each label on its own line after « d'une part »
        (
            AMPERSAND,
            [
                ("Ville de Montreval", "public_authority", None),
                ("Les Jardins du Coteau", "beneficiary", "Hélène ROCHAS"),
            ],
        ),
        # « Entre d'une part : » … « Et d'autre part : »
        (
            "CONVENTION\n\nEntre d'une part :\n\nLa Ville de Lunel, représentée par son Maire, "
            "M. Pierre SOUJOL,\n\nEt d'autre part :\n\nL'association Lunel Jeunes, représentée "
            "par son Président, M. Ali BEN,\n\nIl est convenu ce qui suit :\n",
            [
                ("Ville de Lunel", "public_authority", "Pierre SOUJOL"),
                ("Lunel Jeunes", "beneficiary", "Ali BEN"),
            ],
        ),
    ],
    ids=["cover-page", "ampersand", "et-d-autre-part"],
)
def test_parties_region_and_blocks(text: str, parties: list[tuple[str, str, str | None]]) -> None:
    assert _parties(text + TAIL) == parties


# --- a party's name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "name"),
    [
        # the name in quotes after the generic noun, no comma after it
        (
            "L'Association «Entente Cycliste de Valmont» régulièrement affiliée à la "
            "Fédération Française de Cyclisme sous le n° 1234567, dont le siège est situé "
            "Vélodrome – 2 rue du Stade – 76000 VALMONT, représentée par Mr Yves LEBAS, "
            "Président,",
            "Entente Cycliste de Valmont",
        ),
        (
            'L\'association "Les Petits Pas" régie par la loi de 1901, représentée par '
            "Madame Irène COLIN, Présidente,",
            "Les Petits Pas",
        ),
        # the block opens on the office holder, unnamed: the organisation is the label
        (
            "Madame la Maire de Valmont, habilitée à cet effet par une délibération du Conseil "
            "municipal en date du ………………, ci-après dénommée « La Ville de Valmont », d'une part",
            "Ville de Valmont",
        ),
        (
            "Monsieur le Président du Conseil départemental, dûment habilité, ci-après "
            "dénommé « le Département de la Lozère »,",
            "Département de la Lozère",
        ),
    ],
    ids=["quoted-guillemets", "quoted-straight", "office-holder-ville", "office-holder-dept"],
)
def test_party_name(block: str, name: str) -> None:
    text = (
        "CONVENTION DE PARTENARIAT\n\nENTRE LES SOUSSIGNES :\n\n"
        "La Commune de Saint-Orens, représentée par son Maire, M. Paul VIDAL,\n\nET\n\n"
        f"{block}\n\nIl est convenu ce qui suit :\n"
    )
    names = [p[0] for p in _parties(text + TAIL)]
    assert names[-1] == name


# --- a party's representative --------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "representative"),
    [
        # the mandate first, then « par » and the person
        (
            "L'Association «Maison des Loisirs», déclarée en sous-préfecture le 2 mars 1980, "
            "dont le siège est sis 3 rue Neuve, et représentée en vertu d'une délibération de "
            "son Conseil d'Administration en date du 21 mars 2024, par Madame Rose TELLIER, "
            "Présidente de l'Association, d'autre part,",
            "Rose TELLIER",
        ),
        # the office, the civility and the name without a comma, a participle after it
        (
            "L'Office de Tourisme du Pays d'Arvel (OTPA), représenté par son Président\n"
            "Monsieur Jean-Marc LE GOFF élu par délibération du Comité de direction du 3 juin 2024.",
            "Jean-Marc LE GOFF",
        ),
        # « Monsieur le Maire Paul », the surname past a blank line (a line between lines)
        (
            "La Ville de Saint-Brevin représentée par son Maire en activité, Monsieur le Maire "
            "Arnaud\n\nLEVASSEUR, demeurant de droit en l'Hôtel de Ville, spécialement habilité à "
            "cet\n\neffet par délibération du conseil municipal en date du 7 juin 2024, d'une part,",
            "Arnaud LEVASSEUR",
        ),
        # « Monsieur le Maire, Jean X »: the office with its civility, then the person
        (
            "La Commune de Valsec, représentée par Monsieur le Maire, Jean DUPONT, d'une part,",
            "Jean DUPONT",
        ),
        # « son Maire en exercice Monsieur Jean X dûment habilité »: no comma at all
        (
            "La Commune de Valsec représentée par son Maire en exercice Monsieur Jean DUPONT "
            "dûment habilité, d'une part,",
            "Jean DUPONT",
        ),
        # « M. le Président du Conseil départemental, M. X »: the office is no person
        (
            "Le Département du Gard, représenté par M. le Président du Conseil départemental, "
            "M. Denis BOUAD, d'une part,",
            "Denis BOUAD",
        ),
    ],
    ids=[
        "mandate-then-par",
        "office-civility-name-participle",
        "name-past-blank-line",
        "civility-office-then-name",
        "office-in-office-no-comma",
        "civility-office-of-council",
    ],
)
def test_party_representative(block: str, representative: str) -> None:
    text = (
        "CONVENTION D'OBJECTIFS\n\nEntre les soussignés :\n\n"
        "La Commune de Saint-Orens, représentée par son Maire, M. Paul VIDAL,\n\nEt\n\n"
        f"{block}\n\nIl est convenu ce qui suit :\n"
    )
    assert _parties(text + TAIL)[-1][2] == representative


# --- parties in one sentence, parties listed without « Entre » -----------------------------

FLAT = (
    ". -1- Annexe 1 Coopération Valmont-Kara Convention 2024 Développement rural Entre, La Ville "
    "de Valmont, représentée par Jean-Luc Prat, Adjoint au Maire, agissant en cette qualité en "
    "vertu d'une délibération du Conseil Municipal en date du 5 décembre 2023 ci-après désignée "
    "par “la Ville de Valmont”, et la Commune de Kara représentée par M. Koffi Agbo, Maire, "
    "agissant en cette qualité, ciaprès désignée par “la Commune de Kara”, et L'Association "
    "«Valmont Solidarité», Association régie par la loi du 1er juillet 1901 et déclarée en "
    "Préfecture sous le n° 0442026999 ayant son siège social 8 rue Basse, représentée par "
    "M. Henri Vasseur, Président de l'Association, agissant en cette qualité, ci-après désignée "
    "par «l'Association». Vu le protocole d'accord signé en mai 2019 entre les deux villes. "
    "Il a été convenu entre les parties ce qui suit : La présente convention porte sur la "
    "deuxième année du programme. ARTICLE 1 : Objet La présente convention a pour objet de "
    "définir les conditions du soutien de la Ville de Valmont au projet de l'Association. "
    "ARTICLE 2 : Durée La présente convention est conclue pour une durée d'un an."
)

LISTED = """convention cadre de l'animation de la vie sociale

2025 - 2028

Page 2: convention cadre

État,

représenté par le Préfet de la Lozère, Monsieur Alain DUVAL

Département de la Lozère,

représenté par son Président, Monsieur Pierre BONNAL

Caisse d'Allocations Familiales de la Lozère,

représentée par sa Présidente, Madame Annie SOLIER

Mutualité Sociale Agricole Languedoc,

représentée par son Président, Monsieur Luc FABRE

ENTRE

L'animation de la vie sociale est un axe des politiques sociales.

Article 1 – Objet
La présente convention fixe le cadre commun d'intervention des signataires.
"""


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # flattened: « Entre, », then each party after « , et la … » in the same sentence
        (
            FLAT,
            [
                ("Ville de Valmont", "public_authority", "Jean-Luc Prat"),
                ("Commune de Kara", "public_authority", "Koffi Agbo"),
                ("Valmont Solidarité", "beneficiary", "Henri Vasseur"),
            ],
        ),
        # a list « Name, / représenté(e) par … » and no « Entre » before it; the social
        # security bodies are partners (« other »)
        (
            LISTED,
            [
                ("État", "public_authority", "Alain DUVAL"),
                ("Département de la Lozère", "public_authority", "Pierre BONNAL"),
                ("Caisse d'Allocations Familiales de la Lozère", "other", "Annie SOLIER"),
                ("Mutualité Sociale Agricole Languedoc", "other", "Luc FABRE"),
            ],
        ),
    ],
    ids=["flattened-one-sentence", "listed-without-entre"],
)
def test_parties_without_separate_blocks(
    text: str, parties: list[tuple[str, str, str | None]]
) -> None:
    assert _parties(text) == parties


# --- names as written: the typographic apostrophe ------------------------------------------


@pytest.mark.parametrize(
    ("source", "names"),
    [
        # a document writing « ’ » gets its parties' names back with it
        (
            COVER_PAGE.replace("'", "’"),
            ["Communauté de communes du Val d’Orbiel", "Union Sportive de Sarrelac"],
        ),
        # a document writing « ' » keeps it
        (COVER_PAGE, ["Communauté de communes du Val d'Orbiel", "Union Sportive de Sarrelac"]),
    ],
    ids=["typographic", "straight"],
)
def test_names_keep_the_documents_apostrophe(source: str, names: list[str]) -> None:
    terms = extract((source + TAIL).encode(), "convention.txt").key_terms
    assert [p["name"] for p in terms["parties"]] == names


# --- attendance and chair of a session -----------------------------------------------------

SESSION = "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 12 mars 2024\n"
ACT = (
    "\nOBJET : Subvention à l'association Les Amis du Moulin\n"
    "Le Conseil municipal, après en avoir délibéré, décide d'attribuer une subvention.\n"
)


def _session(attendance: str) -> dict[str, object]:
    return extract_text(SESSION + attendance + ACT, "delib.txt").key_terms


@pytest.mark.parametrize(
    ("attendance", "expected"),
    [
        # « Absents non excusés » are absent, not excused
        (
            "Présents : Mesdames et Messieurs VIDAL, ROUX, BLANC, NOIR.\n"
            "Absents non excusés : Monsieur GRIS.\n",
            {"members_present": 4, "members_excused": None, "members_absent": 1},
        ),
        # a surname in capitals after its particle in lower case (« de LACOSTE »)
        (
            "Présents : Mesdames et Messieurs VIDAL, ROUX, de LACOSTE, BLANC et NOIR.\n",
            {"members_present": 5},
        ),
        # the figure after a semicolon read by OCR for the colon (« Présents ; 27 »)
        (
            "Nombre de membres : En exercice : 29 Présents ; 27 Votants : 28\n",
            {"members_present": 27},
        ),
        # names wrapped at a narrow width: a first name ending its line, « à » alone
        (
            "Présent(e)s :\nPaul VIDAL, Anne ROUX, Jean-Marc\nBLANC, Alparslan\nNOIR, Louis\n"
            "GRIS\nExcusé(e)s ayant donné pouvoir : Eve MARTIN à Paul VIDAL, Géraldine\n"
            "PETIT\nà\nJean-Marc\nBLANC,\nClaudine\nLEROUX-TESSIER à Anne ROUX\n"
            "Secrétaire :\nAnne ROUX\n",
            {"members_present": 5, "members_excused": 3, "proxies": 3},
        ),
        # « Excusés non représentés » are excused without a proxy, not proxies
        (
            "Présents : M. Paul VIDAL, Mme Anne ROUX, M. Jean BLANC, Mme Eve NOIR\n"
            "Excusés représentés : M. Luc GRIS (pouvoir à M. Paul VIDAL)\n"
            "Excusés non représentés : Mme Lise BRUN\nAbsents : M. Marc LEROY\n",
            {"members_present": 4, "members_excused": 2, "proxies": 1, "members_absent": 1},
        ),
    ],
    ids=[
        "absent-not-excused",
        "particle-surname",
        "ocr-semicolon",
        "wrapped-names",
        "excused-not-represented",
    ],
)
def test_attendance(attendance: str, expected: dict[str, object]) -> None:
    terms = _session(attendance)
    assert {key: terms[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("attendance", "president"),
    [
        # « Paul X, Maire, présidant la séance » after the sentence that announces the list
        (
            "Etaient présents Mmes et MM. les Membres du Conseil dont les noms suivent :\n"
            "Paul VIDAL, Maire, présidant la séance\nPrésent(e)s :\nPaul VIDAL, Anne ROUX, "
            "Jean BLANC\n",
            "Paul VIDAL",
        ),
    ],
    ids=["presidant-la-seance"],
)
def test_president(attendance: str, president: str) -> None:
    assert _session(attendance)["president"] == president


def test_session_date_under_the_register_heading() -> None:
    # « Extrait des délibérations du Conseil Municipal Du 25 juin » is this session, not
    # another act; the date of the letter (« Valmont, le 3 juillet ») comes first
    text = (
        "MAIRIE DE VALMONT Valmont, le 03 juillet 2024 COMPTE RENDU Extrait des délibérations du "
        "Conseil Municipal Du 25 juin 2024 SALLE DES FÊTES 18 h 00- Présents : VIDAL Paul, "
        "ROUX Anne, BLANC Jean, NOIR Eve. Secrétaire de séance : Anne ROUX. Le Conseil "
        "municipal, après en avoir délibéré, approuve à l'unanimité le compte de gestion."
    )
    assert extract_text(text, "cr.txt").key_terms["session_date"] == "2024-06-25"


@pytest.mark.parametrize(
    ("period", "dates"),
    [
        # the period alone on its line on the cover: start and end as stated
        ("          1er janvier 2025 – 31 décembre 2027", ("2025-01-01", "2027-12-31")),
        ("Du 1er avril 2025 au 31 mars 2026", ("2025-04-01", "2026-03-31")),
        # years only: not stated dates
        ("          2025 – 2027", (None, None)),
    ],
    ids=["dash", "du-au", "years-only"],
)
def test_period_on_the_cover(period: str, dates: tuple[str | None, str | None]) -> None:
    text = COVER_PAGE.replace("          1er janvier 2025 – 31 décembre 2027", period)
    terms = extract_text(text, "convention.txt").key_terms
    assert (terms["start_date"], terms["end_date"]) == dates


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # the representative on the line under the name, the label on the line after it
        (
            "CONVENTION DE PARTENARIAT\n\nENTRE\n\nLA COMMUNE DE SAINT-ORENS\nReprésentée par son "
            "Maire, Monsieur Alain BRUN\nci-après dénommée « la Commune »\n\nET\n\nL'ASSOCIATION "
            "ORENS ANIMATION\nReprésentée par sa Présidente, Madame Eva COSTE\nci-après dénommée "
            "« l'Association »\n\nIl est convenu ce qui suit :",
            [
                ("COMMUNE DE SAINT-ORENS", "public_authority", "Alain BRUN"),
                ("ASSOCIATION ORENS ANIMATION", "beneficiary", "Eva COSTE"),
            ],
        ),
        # parties numbered « 1. », « 2. », no « Et » between them
        (
            "CONVENTION\n\nEntre les soussignés :\n\n1. La Ville de Kerlann, représentée par son "
            "Maire, M. Yann LE BRAS,\n\n2. L'association Kerlann Accueil, représentée par sa "
            "Présidente, Mme Lina KERBOUL,\n\nIl est convenu ce qui suit :",
            [
                ("Ville de Kerlann", "public_authority", "Yann LE BRAS"),
                ("Kerlann Accueil", "beneficiary", "Lina KERBOUL"),
            ],
        ),
        # the signatory first, acting « au nom et pour le compte de la Commune »: the
        # organisation is the one of their office, not the bare noun
        (
            "CONVENTION\n\nEntre :\n\nMonsieur Jean FAURE, Maire de la Commune de Lussac-sur-Vienne, "
            "agissant au nom et pour le compte de la Commune en vertu d'une délibération du 5 mai "
            "2024,\nd'une part,\n\nEt :\n\nMadame Sophie GIRAUD, Présidente de l'association "
            "Lussac Loisirs, agissant au nom et pour le compte de l'association,\nd'autre part,"
            "\n\nIl est convenu ce qui suit :",
            [
                ("Commune de Lussac-sur-Vienne", "public_authority", "Jean FAURE"),
                ("Lussac Loisirs", "beneficiary", "Sophie GIRAUD"),
            ],
        ),
    ],
    ids=["label-under-representative", "numbered-parties", "on-behalf-of-bare-noun"],
)
def test_party_block_shapes(text: str, parties: list[tuple[str, str, str | None]]) -> None:
    assert _parties(text + TAIL) == parties
