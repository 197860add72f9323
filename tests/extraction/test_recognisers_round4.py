"""Recognisers on invented snippets shaped like real acts (fourth round): one table per rule.

Names run together by a flattened column, civilities as OCR and hurried typists write
them, lists that run into prose, labels of attendance met in real minutes, the first
block of lists only (not the transcription of an earlier session), figures beside
labels, substitutes and part-time absences. Every snippet is invented; the shapes are
those of the real acts (flattened text, one line, OCR errors).
"""

from __future__ import annotations

import pytest

from pacte.extraction.deliberation.people import list_end
from pacte.extraction.names import bare_names, split_run
from pacte.extraction.pipeline import extract_text

OPENING = "PROCES VERBAL Séance du 7 décembre 2022 "
CLOSING = " Secrétaire de séance : M. Paul ROUX. La séance est ouverte."


def key_terms(attendance: str, closing: str = CLOSING) -> dict[str, object]:
    return extract_text(OPENING + attendance + closing, "pv.txt").key_terms


# --- names run together ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("run", "names"),
    [
        # first names then surnames, no separator (a flattened column)
        ("Maëlle GADOT Samuel LEROUX Gabin ABEL", ["Maëlle GADOT", "Samuel LEROUX", "Gabin ABEL"]),
        # surnames first, then first names; the prose after them is left
        (
            "MARTIN Fabien CHAUVIN Jean-Paul Le quorum étant atteint",
            ["MARTIN Fabien", "CHAUVIN Jean-Paul"],
        ),
        # compound surnames and particles stay in one name
        (
            "Anne-Marie DE LA TOUR Jean BERNARD-MOINE",
            ["Anne-Marie DE LA TOUR", "Jean BERNARD-MOINE"],
        ),
        # one name, then the sentence that follows the list
        ("Hassan EL AMRANI Début de séance : 17 h 35", ["Hassan EL AMRANI"]),
        # not names: one name alone, or capitalised words of a sentence
        ("Jean Bernard WEIGEL", []),
        ("Conseil Municipal ADOPTE la délibération", []),
    ],
)
def test_names_run_together(run: str, names: list[str]) -> None:
    assert [n for _, n in split_run(run)] == names


@pytest.mark.parametrize(
    ("field", "names"),
    [
        # two names of a « - » list joined by a lost dash
        (
            "Michel DURAND - Joëlle FAURE - Renée PEYRON Chantal PIGOT – Nelly PORTE",
            ["Michel DURAND", "Joëlle FAURE", "Renée PEYRON", "Chantal PIGOT", "Nelly PORTE"],
        ),
        # a civility inside an item starts the next name
        (
            "Mmes DARAS, PITOU et THIAUX M. DARNIER, DELMAS",
            ["DARAS", "PITOU", "THIAUX", "DARNIER", "DELMAS"],
        ),
        # a bracket closed by the « } » of the OCR, a stray « ) »
        (
            "M. GOUTAL Michel (Procuration de M. COSTE Cyril}, Mme RAIMOND Aline), LAFON Jules",
            ["GOUTAL Michel", "RAIMOND Aline", "LAFON Jules"],
        ),
        # a proxy said in full after a name without civility
        (
            "Muriel ARNOUX, Nathalie GESLIN qui avait donné pouvoir à Patrick JUDE, Perrine FIX",
            ["Muriel ARNOUX", "Nathalie GESLIN", "Perrine FIX"],
        ),
    ],
)
def test_bare_lists(field: str, names: list[str]) -> None:
    assert [n for _, _, n in bare_names(field, 0, len(field))] == names


# --- civilities as written ---------------------------------------------------------------


@pytest.mark.parametrize(
    "present",
    [
        "Présents : MME LEBON Céline, M. HEIM Philippe, MME VIGNE Nawel.",
        # « M.SANTI » without a space, « M VALOIS » without a dot
        "Présents : M.SANTI Elie, M VALOIS René, Mme CARRE Véronique.",
        # civilities misread by the OCR
        "Présents : Mmc LEBON Céline, M. HEIM Philippe, Mrne VIGNE Nawel.",
    ],
)
def test_civilities_as_written(present: str) -> None:
    assert key_terms(present)["members_present"] == 4  # the secretary is not listed


# --- a list ends at prose ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a name, a separator, then prose: the name is the last of the list
        (
            "Absent : Monsieur Luc LEFORT, L'assemblée étant en nombre pour délibérer, "
            "Madame Lise PAUL, désignée, prend place au Bureau.",
            "Monsieur Luc LEFORT,",
        ),
        # a name then prose at once: the subject of a sentence, left out
        (
            "Absents : Mme Anne GRELON, Mme Rose BAETE. Monsieur Paul DORAN a été élu "
            "secrétaire de séance.",
            "Mme Anne GRELON, Mme Rose BAETE. ",
        ),
        # the first word of the sentence read as part of the name
        (
            "Excusés : M. Marc DURANT, M. Luc DESCAMPS Séance enregistrée et retransmise",
            "M. Marc DURANT, M. Luc DESCAMPS",
        ),
        # titles, proxies and part-time notes are not prose
        (
            "Présents : Madame Rose TUDEL, Première Adjointe au Maire, Monsieur Jean GARCES "
            "(arrivé à 19 heures 06), Madame Marie DONAT, qui a donné procuration à "
            "Madame Rose TUDEL",
            None,
        ),
    ],
)
def test_a_list_ends_at_prose(text: str, kept: str | None) -> None:
    start = text.index(":") + 2
    end = list_end(text, start, len(text))
    assert (text[start:end] if end < len(text) else None) == kept


def test_prose_ends_the_list_of_present_members() -> None:
    terms = key_terms(
        "Présents : M. Jean PRADE, Mme Julie MARC, M. Luc VIDAL, Conseillers Municipaux. "
        "Absents ayant voté par procuration en application de l'article L 2121-20 du Code "
        "général des collectivités territoriales : Monsieur Paul CONTE, qui a donné "
        "procuration à M. Jean PRADE Madame Marie SALVA, qui a donné procuration à Mme "
        "Julie MARC Absent : Monsieur Luc LEFORT, L'assemblée étant en nombre pour "
        "délibérer, le Maire déclare la séance ouverte. Madame Julie MARC, désignée, prend "
        "place au Bureau."
    )
    assert (terms["members_present"], terms["proxies"], terms["members_absent"]) == (4, 2, 1)


# --- labels of attendance ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "member", "count"),
    [
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents /Excusés : Mme Anne MAILLE, "
            "M. Pierre BONNAL, Mme Célia GIRAUT",
            "members_excused",
            3,
        ),
        (
            "18 membres du Bureau étaient présents : Mme Anne BROSSE, M. Gérard SAUVE. Étaient "
            "absents/excusés : M. Gilles BRANCHE, Mme Evelyne PICARD",
            "members_excused",
            2,
        ),
        # excused members giving a proxy, then excused members without one
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents excusés donnant procuration : "
            "M. Adrien WEIL (donne procuration à M. Jean PRADE) M. Marc EGLI (donne procuration "
            "à Mme Julie MARC) Absents excusés Mme Béatrice HOLTZ",
            "members_excused",
            3,
        ),
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents excusés donnant procuration : "
            "M. Adrien WEIL (donne procuration à M. Jean PRADE) M. Marc EGLI (donne procuration "
            "à Mme Julie MARC) Absents excusés Mme Béatrice HOLTZ",
            "proxies",
            2,
        ),
        # « Excusé étant représenté » gave a proxy
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Excusé étant représenté : M. Patrick "
            "TALMONT (Martailly) représenté par M. Jean PRADE",
            "proxies",
            1,
        ),
        # people who are not members: their list ends the one before and counts nowhere
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents excusés : Monsieur Luc JUBIN a "
            "donné pouvoir à Madame Julie MARC Monsieur Gilles CELLIER Assistaient également : "
            "Mesdames Christine CARRA, Pascale PAULIN, membres suppléants",
            "members_excused",
            2,
        ),
        (
            "Présents : M. Jean PRADE, Mme Julie MARC, M. Luc VIDAL. Assiste : M. Olivier "
            "THOMAS M. Luc VIDAL est désigné secrétaire de séance.",
            "members_present",
            4,
        ),
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Participait également : Mme Alice "
            "CAILLOU, Directrice générale des services",
            "members_present",
            3,
        ),
    ],
)
def test_attendance_labels(attendance: str, member: str, count: int | None) -> None:
    assert key_terms(attendance)[member] == count


# --- one block of lists ------------------------------------------------------------------


def test_only_the_first_block_of_lists_counts() -> None:
    # the minutes of the previous session, transcribed further on, list other members
    terms = key_terms(
        "Etaient présents: Mrs BOUSSAC, CAPEL, DEJEAN. Mmes BELMONT et PONSOT. A donné "
        "pouvoir: Mme RIGAUD à M. CAPEL Absents excusés Mmes DARRAS, PITRE et THIOU "
        "Secrétaire de séance : Émilie BELMONT OBJET : APPROBATION DU PROCÈS VERBAL DE LA "
        "SÉANCE DU 9 DÉCEMBRE 2022 Monsieur le Maire donne lecture aux membres présents du "
        "dernier procès-verbal du Conseil municipal en date du 9 décembre 2022 et propose à "
        "l'assemblée de l'adopter. Après en avoir délibéré, le Conseil Municipal, à "
        "l'unanimité, décide d'adopter le procès-verbal du 9 décembre 2022 joint à la "
        "présente. Fait et délibéré les jours mois et an que susdit. Pour copie conforme "
        "au registre sont les signatures. TRANSCRIPTION SÉANCE DU CONSEIL MUNICIPAL DU 9 "
        "DÉCEMBRE 2022 Etaient présents: Mrs BOUSSAC, CAPEL, DARRAS. A donné pouvoir: "
        "M. DEJEAN à M. CAPEL Absents excusés: Mmes PITRE et SALVAT",
        closing=".",
    )
    # a member who only gave a proxy is not called excused
    assert (terms["members_excused"], terms["proxies"]) == (3, 1)


def test_a_later_label_of_another_kind_still_counts() -> None:
    # the proxies announced after the designation of the secretary
    terms = key_terms(
        "27 élus présents : PILON Gérard ; BODIN Bernard ; OLIVE Sylvie. ABSENTE EXCUSEE : "
        "LE TALLEC Sandra SECRETAIRE DE SEANCE : OLIVE Sylvie Date de convocation du "
        "Conseil municipal : le 23 janvier 2020. M. le Maire procède à la vérification du "
        "quorum. Le quorum étant atteint, il ouvre la séance à 19h30. Conformément aux "
        "dispositions du Code Général des Collectivités Territoriales, le Conseil municipal "
        "propose comme secrétaire de séance Mme OLIVE Sylvie. Le conseil municipal désigne "
        "OLIVE Sylvie comme secrétaire de séance. M. le Maire informe l'assemblée des "
        "pouvoirs conformes aux règles en vigueur. 1 POUVOIR : Mme LE TALLEC Sandra donne "
        "pouvoir à M. BODIN Bernard. M. le Maire donne lecture de l'ordre du jour.",
        closing="",
    )
    assert terms["proxies"] == 1


# --- figures beside labels ---------------------------------------------------------------


def test_a_figure_then_its_names() -> None:
    terms = key_terms(
        "Conseillers municipaux présents : 4 Mmes et MM. ASCHE Caroline, ASSAY Denis, "
        "BAUNE Yves, BIGOT Monique. Conseillers municipaux absents : 3 Mmes et M. BATTE "
        "Damien, CIRON Fabien, SIRET Michel. Pouvoirs : 2 Mmes et M. BATTE Damien à ASCHE "
        "Caroline et SIRET Michel à BIGOT Monique. Secrétaire de séance : ASSAY Denis",
        closing="",
    )
    # absent: those of the three who gave a proxy are represented
    assert (terms["members_present"], terms["proxies"], terms["members_absent"]) == (4, 2, 1)


# --- substitutes, brackets, part-time absences -------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "member", "count"),
    [
        # a substitute is no proxy holder
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents excusés : Monsieur Luc JUBIN a "
            "donné pouvoir à Madame Julie MARC Monsieur Christian BORDE, représenté par sa "
            "suppléante Madame Catherine DROUX",
            "proxies",
            1,
        ),
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Absents excusés : Monsieur Luc JUBIN a "
            "donné pouvoir à Madame Julie MARC Monsieur Christian BORDE, représenté par sa "
            "suppléante Madame Catherine DROUX",
            "members_excused",
            2,
        ),
        # a name in brackets is not a member of the list
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Excusés : Mme Isabelle DUGUET "
            "(remplacée par M Laurent VAGNER), Mme Hélène VAGNER, M LE PAGE Clément.",
            "members_excused",
            3,
        ),
        # an absent member whose proxy is stated is represented
        (
            "Présents : Denis FAGNE, Gisèle VINCENT. Absents : Juliette SALAN (procuration à "
            "Gisèle VINCENT), Bernard LHOST (procuration à Denis FAGNE), Noémie DEUTSCH, "
            "Alexandre ARIZA",
            "members_absent",
            2,
        ),
        (
            "Présents : Denis FAGNE, Gisèle VINCENT. Absents : Juliette SALAN (procuration à "
            "Gisèle VINCENT), Bernard LHOST (procuration à Denis FAGNE), Noémie DEUTSCH, "
            "Alexandre ARIZA",
            "proxies",
            2,
        ),
        # absent for part of the session only: present the rest of it
        (
            "Présents : Mmes et Ms MELLIN, LANDRY, COLOMBE, SEHLA (à partir du point 7), "
            "GONTRAN (à partir du point 6). Absents : Reda SEHLA (jusqu'au point 6), Patricia "
            "GONTRAN (jusqu'au point 5), Pascal RENAULT.",
            "members_absent",
            1,
        ),
    ],
)
def test_who_is_not_counted(attendance: str, member: str, count: int) -> None:
    assert key_terms(attendance)[member] == count


# --- the president -----------------------------------------------------------------------

HEAD = "PROCES VERBAL DU CONSEIL MUNICIPAL Séance du 7 décembre 2022 "


@pytest.mark.parametrize(
    ("text", "president"),
    [
        # labelled, written without civility
        (
            "Présents : Franck RAYMOND - Pascale PAVIN - Stéphane MAROT Président de séance : "
            "Franck RAYMOND Secrétaire de séance : Pascale PAVIN",
            "Franck RAYMOND",
        ),
        # « sous la présidence de Monsieur le Président, X », « d’X »
        (
            "Le Conseil s'est réuni sous la présidence de Monsieur le Président, Antoine "
            "TRISTAN. Présents : M. Antoine TRISTAN, Mme Anne PETIT.",
            "Antoine TRISTAN",
        ),
        (
            "Le Conseil s'est réuni sous la présidence d’Emmanuel DENIAU, Maire. Etaient "
            "présents : Emmanuel DENIAU, Alice WANNER.",
            "Emmanuel DENIAU",
        ),
        # the session opened by its president, named after the title
        (
            "Séance plénière ouverte par son président, Monsieur Lebreton, sur convocation "
            "individuelle. Présents : M. Jean PRADE, Mme Julie MARC.",
            "Lebreton",
        ),
        # what the chair does
        (
            "La séance commence à 19h00. Patrick JUDE est Président de la séance. Luc HURAUT "
            "est désigné secrétaire de séance. Assistaient à la réunion : Patrick JUDE, Luc "
            "HURAUT, Anne PETIT.",
            "Patrick JUDE",
        ),
        (
            "Présents : M GROS Henri, M VALLON René, Mme PONS Sylvie. M VALLON ouvre la séance.",
            "VALLON René",
        ),
        # the chair by title (« Monsieur le Maire ouvre la séance »), named in the signature
        (
            "Présents : MM. MMES TAGUET Philippe, PRIEUR Désiré, BATTU Pascal. Le quorum étant "
            "atteint, Monsieur le Maire ouvre la séance à 20 h 30. La séance est levée à 21 h "
            "45. Le Maire, Philippe TAGUET",
            "Philippe TAGUET",
        ),
        # who convened the council, when nothing else names the chair
        (
            "Les membres du bureau se sont réunis sur la convocation qui leur a été adressée par "
            "la Présidente, Mme Annick BROSSARD. 3 membres du Bureau étaient présents : Mme "
            "Annick BROSSARD, M. Gérard SAUVE, M. Alain REULLON.",
            "Annick BROSSARD",
        ),
    ],
)
def test_the_president(text: str, president: str) -> None:
    assert extract_text(HEAD + text, "pv.txt").key_terms["president"] == president


def test_the_chair_listed_otherwise_is_counted_once() -> None:
    # « M. Trystram Antoine » in the list, « Antoine TRYSTRAM » in the chair: one member
    terms = extract_text(
        HEAD + "Sous la présidence de Monsieur le Président, Antoine TRISTAN. Présents : "
        "M. Tristan Antoine ; Mme Frapier Sylvie ; M. Poulle Guy. Secrétaire de séance : "
        "Mme Frapier Sylvie",
        "pv.txt",
    ).key_terms
    assert terms["members_present"] == 3


# --- figures -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "member", "value"),
    [
        # a figure heading its list
        (
            "En exercice : 37 Quorum : 19 27 puis 28 conseillers communautaires étaient "
            "présents : M. Jean AUBRY, M. Paul BECK",
            "members_present",
            28,
        ),
        (
            "En exercice : 20 18 membres du Bureau étaient présents : Mme Anne BROSSE",
            "members_present",
            18,
        ),
        # the voters stated as « ayant pris part au vote »
        (
            "Présents : 51 Ayant pris part au vote : 53 (51+2 pouvoir). Le Conseil, à "
            "l'unanimité, approuve le règlement.",
            "vote",
            {"result": "unanimous", "for": 53, "against": None, "abstention": None},
        ),
        # « présents ou représentés » is neither figure
        (
            "Présents : M. Jean PRADE, Mme Julie MARC. Conseillers présents ou représentés : "
            "38 Membres en exercice : 41",
            "proxies",
            None,
        ),
    ],
)
def test_figures_in_sentences(text: str, member: str, value: object) -> None:
    assert extract_text(HEAD + text, "pv.txt").key_terms[member] == value


# --- initials ----------------------------------------------------------------------------


def test_names_with_initials() -> None:
    field = "E. BAHIN, JP GRUBER, M.A. MANIN (20h00), J.PETITJEAN, C. PHILIPPE. Délibération n°1"
    assert [n for _, _, n in bare_names(field, 0, len(field))] == [
        "E. BAHIN",
        "JP GRUBER",
        "M.A. MANIN",
        "J.PETITJEAN",
        "C. PHILIPPE",
    ]


# --- amounts of minutes ------------------------------------------------------------------

MINUTES = (
    "PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 12 DÉCEMBRE 2022 Présents : M. Jean PRADE, "
    "Mme Julie MARC. 1. Approbation du procès-verbal de la séance du 26 septembre 2022. Le "
    "Conseil municipal, après en avoir délibéré, à l'unanimité, adopte le procès-verbal. "
)


@pytest.mark.parametrize(
    ("items", "amounts"),
    [
        # no item about a convention or a subsidy: the sums of the minutes are not granted
        (
            "2. Attribution des lots du marché de travaux de l'école. Après en avoir délibéré, "
            "à l'unanimité, le Conseil attribue le lot n°1 à la société ROUTE pour un montant "
            "de 578 554,90 € HT et le lot n°2 à la société ALBERT pour un montant de 1 769 "
            "841,78 € HT. 3. Décision modificative n°4. Après en avoir délibéré, à "
            "l'unanimité, le Conseil approuve les écritures suivantes : dépenses de "
            "fonctionnement, autres impôts + 260 €, intérêts des emprunts + 460 €.",
            [],
        ),
        # the item about a subsidy, to the end of the sentence of its vote
        (
            "2. Subvention au collège. Après en avoir délibéré, le Conseil, à l'unanimité, "
            "attribue une subvention de 360 € au collège pour le voyage en Angleterre. 3. "
            "Travaux de voirie. Après en avoir délibéré, à l'unanimité, le Conseil attribue "
            "le marché à la société ROUTE pour un montant de 45 000 € HT.",
            [{"amount": "360.00", "year": None}],
        ),
    ],
)
def test_amounts_of_minutes(items: str, amounts: list[dict[str, object]]) -> None:
    terms = extract_text(MINUTES + items, "pv.txt").key_terms
    assert terms["doc_type"] == "minutes"
    assert [{k: a[k] for k in ("amount", "year")} for a in terms["amounts"]] == amounts


# --- votes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "vote"),
    [
        # an abstention named after the approval
        (
            "Présents : 14 LECTURE DU PROCES-VERBAL DE LA SEANCE PRECEDENTE Le procès-verbal "
            "est approuvé, Monsieur Serge LACAN s'abstient de voter. Vente d'un terrain : le "
            "Conseil accepte à l'unanimité.",
            {"result": "majority", "for": None, "against": None, "abstention": 1},
        ),
        # unanimity of the present members: as many votes for as members present
        (
            "Présents : M. Jean PRADE, Mme Julie MARC, M. Luc VIDAL. Le PV du dernier Bureau "
            "est adopté à l'unanimité des présents.",
            {"result": "unanimous", "for": 3, "against": None, "abstention": None},
        ),
        # … but not of the present and represented members, whose number is not stated
        (
            "Présents : M. Jean PRADE, Mme Julie MARC, M. Luc VIDAL. Le procès-verbal est "
            "adopté à l'UNANIMITÉ des présents et représentés.",
            {"result": "unanimous", "for": None, "against": None, "abstention": None},
        ),
        # « adoptée par : 46 voix Pour, 1 abstention »
        (
            "Désignation d'un représentant au CCAS. Délibération adoptée par : 46 voix Pour, "
            "1 abstention et 5 ne prenant pas part au vote.",
            {"result": "majority", "for": 46, "against": None, "abstention": 1},
        ),
        # a printed result: « Adoptée par 40 voix Unanimité »
        (
            "Je vous invite à procéder au vote. Adoptée par 40 voix Unanimité Présents ou "
            "représentés 40 voix.",
            {"result": "unanimous", "for": None, "against": None, "abstention": None},
        ),
    ],
)
def test_votes(text: str, vote: dict[str, object]) -> None:
    assert extract_text(HEAD + text, "pv.txt").key_terms["vote"] == vote


# --- publication and préfecture ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "publication", "prefecture"),
    [
        # the date whose slashes the OCR spaced; « Date de réception AR »
        (
            "Date de mise en ligne de l'acte : 02/ 02/2023 EXTRAIT DU REGISTRE DES "
            "DÉLIBÉRATIONS Séance du 23 janvier 2023. Le Conseil, à l'unanimité, décide. Date "
            "de réception AR 31/01/2023 Numéro de l'acte 1_202311",
            "2023-02-02",
            "2023-01-31",
        ),
        # a stamp left blank: the date after it is the next field's
        (
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 23 janvier 2023. Envoyé en "
            "préfecture le 30/01/2023 Reçu en préfecture le 30/01/2023 Publié le ID : "
            "012-210100000-20230123-2023_01_01-DE Envoyé en préfecture le 30/01/2023 Reçu en "
            "préfecture le 30/01/2023 Publié le ID : 012-210100000-20230123-2023_01_01-DE",
            None,
            "2023-01-30",
        ),
        # another document's publication
        (
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 23 janvier 2023. Cet épisode "
            "illustre la publication, le 8 février 2023, du dernier rapport du GIEC. Voir la "
            "Publication Eurostat n°10/2023 du 18 janvier 2023.",
            None,
            None,
        ),
    ],
)
def test_stamps(text: str, publication: str | None, prefecture: str | None) -> None:
    terms = extract_text(text, "delib.txt").key_terms
    assert (terms["publication_date"], terms["prefecture_date"]) == (publication, prefecture)


# --- present members ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("attendance", "present"),
    [
        # a member named in brackets in the list of the present is not one of them
        (
            "Présents : M. DUFOUR Thierry, MME BOUSSAC Audrey (Procuration de MME BONNAL "
            "Céline), M. GOUTAL Michel (Procuration de M. COSTE Cyril}, M. JOUAN Claude. "
            "Excusés : MME BONNAL Céline (Procuration à MME BOUSSAC Audrey), M. COSTE Cyril "
            "(Procuration à M. GOUTAL Michel).",
            4,
        ),
        # a label of the present followed by no name states no count
        ("Présents : Excusés : M. Pierre PERRIN (pouvoir à Mme Muriel RICHE)", None),
    ],
)
def test_present_members(attendance: str, present: int | None) -> None:
    assert key_terms(attendance, closing=" La séance est ouverte.")["members_present"] == present


def test_members_listed_as_giving_a_proxy_are_proxies() -> None:
    # a flattened table: the givers, then « procuration à » four times, then the holders
    terms = key_terms(
        "Présents : Franck RAYMOND - Pascale PAVIN - Stéphane MAROT Absents ayant donné "
        "procuration : Isabelle DULAC Marc GATEAU Cendrine POUVREAU Ludovic BIDEL procuration "
        "à procuration à procuration à procuration à Franck RAYMOND Pascale PAVIN Stéphane "
        "MAROT Pascale PAVIN"
    )
    assert terms["proxies"] == 4


# --- document type -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        # the convocation to a session to come, with its agenda
        "Mmes et MM. les membres du Conseil Municipal Objet : Convocation à la séance du "
        "Conseil Municipal du 26 juin 2023 Cher(e) Collègue, le Conseil Municipal se réunira "
        "en séance publique le lundi 26 juin 2023 à 18h00. Ordre du jour : 1. Approbation "
        "du procès-verbal de la séance du 15 mai 2023. 2. Budget supplémentaire.",
        "REUNION DU PROCHAIN CONSEIL COMMUNAUTAIRE Mardi 14 mai 2024 à 18h30 ORDRE DU JOUR "
        "D2024_040 Approbation du Compte rendu du CC du 9 avril 2024 D2024_041 Convention de "
        "mise à disposition des sites internet mutualisés",
        # a press kit
        "DOSSIER DE PRESSE Conseil communautaire Jeudi 8 février 2024 Ordre du jour du Conseil "
        "communautaire 1) Budget primitif principal 2) Convention de partenariat avec la "
        "Région",
        # an extract of an arrêté granting a building permit
        "Service Urbanisme Date de publication en ligne : 2 mars 2023 EXTRAIT D’ARRETE DE "
        "DELIVRANCE DE PERMIS DE CONSTRUIRE AFFICHAGE Par décision municipale n° PC 012345 23 "
        "00007 du 1er mars 2023 un permis de construire a été délivré à la société GEOVIA. "
        "La séance est ouverte au public du lundi au vendredi.",
    ],
)
def test_acts_that_are_neither_minutes_nor_conventions(head: str) -> None:
    assert extract_text(head, "acte.txt").doc_type == "other"


# --- authorising deliberation ------------------------------------------------------------

DELIBERATION = (
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 "
    "Présents : Denis FAGNE, Gisèle VINCENT. Le conseil municipal, après avoir délibéré, à "
    "l'unanimité, "
)


@pytest.mark.parametrize(
    ("decision", "dates"),
    [
        ("autorise Monsieur le Maire à signer la convention avec l'association.", ["2023-01-23"]),
        (
            "approuve les conventions de partenariat jointes et autorise le Maire à les signer.",
            ["2023-01-23"],
        ),
        # a quote, an order form: the act mandates no signatory of a convention
        ("autorise Monsieur le Maire : - à signer le devis du bureau d'études SETES.", []),
    ],
)
def test_the_act_authorising_a_signature(decision: str, dates: list[str]) -> None:
    terms = extract_text(DELIBERATION + decision, "delib.txt").key_terms
    assert terms["authorising_deliberation_dates"] == dates
