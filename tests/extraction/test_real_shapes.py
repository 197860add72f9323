"""Recognisers on inputs shaped like real documents: flattened (no line break, the file's
address glued in front), OCR-spaced, one line, .docx with one paragraph per line.

The snippets are invented, written in the shapes seen in acts published by authorities.
"""

from __future__ import annotations

import pytest

from pacte.extraction.doctype import classify
from pacte.extraction.figures import table_figures
from pacte.extraction.layout import is_flat, restore, wrap_width
from pacte.extraction.names import bare_names, trim_name
from pacte.extraction.pipeline import extract_text
from pacte.extraction.readers import normalise
from pacte.extraction.text import fold

FILLER = " Le conseil prend acte de cette information et passe au point suivant." * 12
"""Enough flattened text for a document to read as having lost its layout."""


def _flat(text: str) -> str:
    return " ".join(text.split()) + FILLER


def _wrapped(text: str, width: int) -> str:
    rows, row = [], ""
    for word in text.split():
        if row and len(row) + 1 + len(word) > width:
            rows.append(row)
            row = word
        else:
            row = f"{row} {word}" if row else word
    return "\n".join([*rows, row])


# --- layout -------------------------------------------------------------------------


def test_a_restored_text_keeps_every_offset() -> None:
    text = _flat("https://www.ville.fr/pv/cm.pdfSÉANCE DU 3 MAI 2023 Présents : A B Objet : x")
    restored = restore(text)
    assert len(restored) == len(text)
    address = text.index("SÉANCE")
    assert restored[:address].strip() == ""  # the glued address is blanked
    assert all(
        a == b or (a, b) == ("\n", " ")
        for a, b in zip(restored[address:], text[address:], strict=True)
    )
    assert restored.split("\n")[1].startswith("SÉANCE DU 3 MAI 2023")


def test_a_laid_out_text_is_left_as_it_is() -> None:
    text = "Séance du 3 mai 2023\nPrésents : M. A, M. B\n" * 30
    assert not is_flat(text)
    assert restore(text) == text


@pytest.mark.parametrize(
    ("flat", "line"),
    [
        ("… 29 Présents : 27 Votants : 28 …", "Présents : 27"),
        ("… Maire. ABSENTE EXCUSEE : DURAND Léa …", "ABSENTE EXCUSEE : DURAND Léa …"),
        (
            "… 27 élus présents : PETIT Paul ; ROUX Anne",
            "… 27 élus présents : PETIT Paul ; ROUX Anne",
        ),
        ("… délibéré, ARTICLE 1 : approuve …", "ARTICLE 1 : approuve …"),
        ("… conforme. Vu le code général …", "Vu le code général …"),
    ],
)
def test_cues_open_a_line(flat: str, line: str) -> None:
    """A cue opens a line; a label word before it keeps one label on one line."""
    assert any(row.startswith(line) for row in restore(_flat(flat)).splitlines())


@pytest.mark.parametrize(
    ("text", "wrapped"),
    [
        # prose broken at a fixed width, most lines going on with a lowercase word
        (_wrapped(FILLER.lower().replace("suivant.", "suivant, puis"), 70), True),
        # a list of names broken at a fixed width: lines open with capitals, end mid-list
        (_wrapped("M. Paul DURAND, Mme Anne PETIT, M. Luc ROUX, Mme Léa NOIR, " * 9, 60), True),
        # some lines twice as long: a word cut by a hyphen at a line end joined them
        (
            "\n".join(
                _wrapped(FILLER.lower().replace("suivant.", "suivant, puis") * 2, 70).split("\n")[i]
                + (
                    " le conseil prend acte de cette information et passe au point"
                    if i % 8 == 0
                    else ""
                )
                for i in range(16)
            ),
            True,
        ),
        # a laid-out text: short lines of all lengths, each opening with a capital
        ("Séance du 3 mai 2023\nPrésents : M. A, M. B\nObjet : budget primitif\n" * 10, False),
        # a text wrapped at the width of its page, but in lines of its own (headings, labels)
        (
            "ARTICLE 1 - OBJET\nLa présente convention a pour objet de définir les engagements\n"
            * 6,
            False,
        ),
    ],
)
def test_a_hard_wrapped_text_is_told_from_a_laid_out_one(text: str, wrapped: bool) -> None:
    width = wrap_width(text)
    assert (width is not None) == wrapped
    assert width is None or 55 <= width <= 70


def test_a_hard_wrapped_text_is_unwrapped_then_read_as_flat() -> None:
    text = (
        _wrapped(
            "CONVENTION ENTRE LES SOUSSIGNÉS : la Commune de Belval et l'Association. " + FILLER, 60
        )
        + "\n\nENTRE LES SOUSSIGNÉS :\n\n          d'une part,\n      - au titre de 2025 ;"
    )
    restored = restore(text)
    assert len(restored) == len(text)
    rows = restored.split("\n")
    # the soft breaks of the wrapping are spaces, cues open a line again
    assert rows[0] == "CONVENTION"
    assert rows[1] == "ENTRE LES SOUSSIGNÉS :"
    assert rows[2].startswith(
        "la Commune de Belval et l'Association. Le conseil prend acte de cette"
    )
    # the lines the writer laid out are left as they are
    assert rows[-5:] == [
        "",
        "ENTRE LES SOUSSIGNÉS :",
        "",
        "          d'une part,",
        "      - au titre de 2025 ;",
    ]


# --- document type -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # address glued before the heading, no line break at all
        (
            "https://x.fr/CR-PV.pdfCOMPTE RENDU PROCES-VERBAL DU CONSEIL MUNICIPAL JEUDI 30 JANVIER "
            "2020 En exercice : 29 Présents : 27 L'an deux mille vingt le conseil municipal "
            "à l'unanimité",
            "minutes",
        ),
        (
            "BUREAU du lundi 16 janvier 2023 PROCES-VERBAL Sous la présidence de M. A. "
            "Présents : A, B. Le bureau communautaire",
            "minutes",
        ),
        (
            "Délibération n° 2022-12-09/01 examinée le 9 décembre 2022 — approuvée "
            "Délibération n° 2022-12-09/02 examinée le 9 décembre 2022 — approuvée "
            "Délibération n° 2022-12-09/03 examinée le 9 décembre 2022 — approuvée",
            "minutes",
        ),
        # an extract of one deliberation approving earlier minutes stays a deliberation
        (
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL Séance du 23 janvier 2023 "
            "OBJET : APPROBATION DU PROCÈS VERBAL DE LA SÉANCE DU 9 DÉCEMBRE 2022 Après en avoir "
            "délibéré, le conseil municipal, à l'unanimité",
            "deliberation",
        ),
        (
            "Extrait des délibérations du Bureau communautaire Séance publique du 2 mars 2023 "
            "Le bureau communautaire, après en avoir délibéré",
            "deliberation",
        ),
        # an OCR split heading, a convention dated in its title
        (
            "CONVE NTION DE PARTENARIAT Entre : la commune, ci-après dénommée « la Ville », "
            "d'une part, et l'association, d'autre part Il est convenu ce qui suit",
            "convention",
        ),
        (
            "Convention du 3 mai 2011 entre l'État et la société X, ci-après désignée "
            "« le concessionnaire » d'une part et d'autre part",
            "convention",
        ),
        (
            "ARRÊTÉ N° 2023-14 portant réglementation de la circulation Le Maire de la commune "
            "Vu le code général des collectivités territoriales ARRÊTE : Article 1",
            "arrete",
        ),
        (
            "RAPPORT D'ORIENTATIONS BUDGETAIRES 2023 Vu pour être annexé à la délibération n° 12",
            "act",
        ),
    ],
)
def test_document_type_from_evidence(text: str, kind: str) -> None:
    assert classify(text).kind == kind


def test_minutes_named_in_a_sentence_are_not_a_heading() -> None:
    assert classify("Bonjour, voici le compte rendu de la réunion de quartier.").kind == "other"


def test_other_only_when_no_cue_wins_and_the_reason_is_given() -> None:
    result = extract_text(
        _flat("Liste des pièces à fournir pour une inscription scolaire"), "a.txt"
    )
    assert result.doc_type == "other"
    assert result.as_json()["doc_type_reason"]
    assert any("Type de document non reconnu" in note for note in result.notes)


# --- attendance --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "names"),
    [
        (
            "PILLET Gérard ; BODIC Bernard ; LE FUR Michel.",
            ["PILLET Gérard", "BODIC Bernard", "LE FUR Michel"],
        ),
        (
            "Franck RAYNAL - Pascale PAVONE - Jean-Pierre BERTHOMIEU",
            ["Franck RAYNAL", "Pascale PAVONE", "Jean-Pierre BERTHOMIEU"],
        ),
        (
            "Mesdames Anne BAILLY, Katia HARS (à partir du point 2), Messieurs Paul MOINE",
            ["Anne BAILLY", "Katia HARS", "Paul MOINE"],
        ),
    ],
)
def test_names_on_one_line_are_each_counted(field: str, names: list[str]) -> None:
    assert [n for _, _, n in bare_names(field, 0, len(field))] == names


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "27 16 3 19 Nombre de Conseillers en exercice Présents Procurations Votants",
            {"in_office": 27, "present": 16, "represented": 3, "voters": 19},
        ),
        ("présents : - représentés : 24 6", {"present": 24, "represented": 6}),
        ("présents : - représentés : - votants : 24 6", {}),
    ],
)
def test_flattened_tables_of_figures(text: str, figures: dict[str, int]) -> None:
    assert {k: v for k, v, _, _ in table_figures(fold(text))} == figures


MINUTES = (
    "https://www.commune.fr/medias/pv.pdfCOMPTE RENDU PROCES-VERBAL DU CONSEIL MUNICIPAL "
    "JEUDI 30 JANVIER 2020 Nombre de conseillers : En exercice : 19 Présents : 15 Votants : 17 "
    "L'an deux mille vingt, le jeudi 30 janvier, le Conseil municipal s'est réuni sous la "
    "présidence de son Maire, Paul MARTIN. 15 élus présents : MARTIN Paul ; PETIT Anne ; "
    "ROUX Luc ; BLANC Eve ; NOIR Jean ; VERT Léa ; GRIS Marc ; BRUN Lise ; ROSE Paul ; "
    "BLEU Alain ; OCRE Marie ; JADE Louis ; AMBRE Zoé ; CYAN Hugo ; MAUVE Inès. "
    "ABSENTS EXCUSES : DURAND Léa ; MOREAU Marc Pouvoirs : DURAND Léa à PETIT Anne, "
    "MOREAU Marc à ROUX Luc ABSENTE : SAILLE Emma SECRETAIRE DE SEANCE : PETIT Anne "
    "OBJET : APPROBATION DU PROCES-VERBAL DE LA SÉANCE DU 9 DÉCEMBRE 2019 Le conseil "
    "municipal approuve à l'unanimité le procès-verbal de la séance du 9 décembre 2019."
)


def test_flattened_minutes_give_attendance_and_session() -> None:
    text = _flat(MINUTES)
    key = extract_text(text, "pv.txt").key_terms
    assert key["doc_type"] == "minutes"
    assert key["session_date"] == "2020-01-30"
    assert key["president"] == "Paul MARTIN"
    assert (key["members_present"], key["members_excused"], key["members_absent"]) == (15, 2, 1)


@pytest.mark.parametrize("width", [45, 55, 70, 90, 110])
def test_minutes_hard_wrapped_at_a_fixed_width_read_like_the_flat_text(width: int) -> None:
    """The text layer of a PDF breaks lines at the page's width, in the middle of a list of
    names or before a label: the same figures as the flattened text."""
    key = extract_text(_wrapped(MINUTES + FILLER, width), "pv.txt").key_terms
    assert key["session_date"] == "2020-01-30"
    assert key["president"] == "Paul MARTIN"
    assert (key["members_present"], key["members_excused"], key["members_absent"]) == (15, 2, 1)
    assert key["proxies"] == 2


def test_docx_one_paragraph_per_line_reads_like_the_flat_text() -> None:
    """The same minutes as a .docx (one paragraph per line) and flattened: same figures."""
    paragraphs = [
        "PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 14 MARS 2023",
        "En exercice : 19",
        "Présents : 15",
        "Votants : 17",
        "Sous la présidence de M. Paul MARTIN, Maire.",
        "Le conseil municipal, après en avoir délibéré, à l'unanimité, approuve.",
    ]
    laid_out = extract_text("\n".join(paragraphs) + "\n", "pv.docx").key_terms
    flat = extract_text(_flat(" ".join(paragraphs)), "pv.txt").key_terms
    for key in (laid_out, flat):
        assert key["session_date"] == "2023-03-14"
        assert key["members_present"] == 15
    assert laid_out["president"].endswith("Paul MARTIN")


@pytest.mark.parametrize(
    ("name", "trimmed"),
    [
        ("M. Paul HEINTZ Liste", "M. Paul HEINTZ"),
        ("Anne LEROY, Maire", "Anne LEROY"),
        ("Jean DURAND agissant en qualité de président", "Jean DURAND"),
        ("Jean-Pierre MAIRE", "Jean-Pierre MAIRE"),
    ],
)
def test_titles_are_trimmed_from_names(name: str, trimmed: str) -> None:
    assert trim_name(name) == trimmed


# --- stamps ------------------------------------------------------------------------


def test_an_act_of_no_known_kind_keeps_its_stamps() -> None:
    text = _flat(
        "Envoyé en préfecture le 19/10/2022 Reçu en préfecture le 19/10/2022 Publié le 20/02/2023 "
        "PLAN DE GESTION DES ESPACES VERTS Table des matières"
    )
    key = extract_text(text, "plan.txt").key_terms
    assert key["doc_type"] == "other"
    assert key["prefecture_date"] == "2022-10-19"
    assert key["publication_date"] == "2023-02-20"


# --- dates and figures -------------------------------------------------------------

DELIBERATION = (
    "EXTRAIT DU REGISTRE DES DELIBERATIONS\n"
    "Séance du {date}\n"
    "En exercice : 19 Présents : 15 Votants : 17\n"
    "Le conseil municipal, après en avoir délibéré, décide {decision}.\n"
    "{vote}\n"
)


@pytest.mark.parametrize("shape", ["laid_out", "flat"])
def test_figures_on_one_line_go_to_their_own_labels(shape: str) -> None:
    text = DELIBERATION.format(
        date="14 mars 2023", decision="la création d'un poste", vote="Adopté à l'unanimité."
    )
    if shape == "flat":
        text = _flat(text)
    key = extract_text(text, "d.txt").key_terms
    assert key["members_present"] == 15
    assert key["vote"] == {"result": "unanimous", "for": 17, "against": None, "abstention": None}


@pytest.mark.parametrize(
    "written",
    ["1 4 MARS 2O23", "1 4 mars 2023", "14 MARS 2O23", "14/O3/2O23", "14/03/2O23", "14/ 03/2O23"],
)
def test_ocr_spaced_dates_in_a_date_context(written: str) -> None:
    text = DELIBERATION.format(date=written, decision="x", vote="Adopté à l'unanimité.")
    assert extract_text(text, "d.txt").key_terms["session_date"] == "2023-03-14"


def test_ocr_date_repair_keeps_the_length_and_other_numbers() -> None:
    text = "le 1 4 MARS 2O23, lot 2 4 et code 2O23, reçu le 14/O3/2O23 ; n° 2O23/O7"
    restored = restore(text)
    assert len(restored) == len(text)
    assert restored.startswith("le 14  MARS 2023,")
    assert restored.endswith("lot 2 4 et code 2O23, reçu le 14/03/2023 ; n° 2O23/O7")


def test_minutes_with_letter_spaced_and_cut_labels_read_like_the_flat_text() -> None:
    """Labels and names in capitals spaced out or cut by OCR (joined by the reader)."""
    noisy = (
        MINUTES.replace("ABSENTS EXCUSES", "A B S E N T S E X C U S E S")
        .replace("Pouvoirs", "P O U V O I R S")
        .replace("ABSENTE :", "ABSE NTE :")
        .replace("PETIT Anne ;", "P E T I T Anne ;")
    )
    key = extract_text(normalise(_flat(noisy)), "pv.txt").key_terms
    assert (key["members_present"], key["members_excused"], key["members_absent"]) == (15, 2, 1)
    assert key["proxies"] == 2


@pytest.mark.parametrize(
    ("vote", "counts"),
    [
        ("Adopté à la majorité : 12 voix pour, 3 contre.", (12, 3)),
        ("Adopté à la majorité par 12 voix pour et 2 contre.", (12, 2)),
    ],
)
def test_a_parcel_number_is_no_vote_count(vote: str, counts: tuple[int, int]) -> None:
    text = DELIBERATION.format(
        date="14 mars 2023",
        decision="la cession de la parcelle AB 245 pour un euro symbolique",
        vote=vote,
    )
    key = extract_text(text, "d.txt").key_terms["vote"]
    assert (key["for"], key["against"]) == counts


def test_the_approved_minutes_do_not_date_the_session() -> None:
    text = _flat(
        "PROCÈS-VERBAL DU CONSEIL MUNICIPAL Le conseil municipal approuve à l'unanimité le "
        "procès-verbal de la séance du 19 décembre 2019. Séance du 24 janvier 2020 "
        "Présents : Paul MARTIN, Anne PETIT"
    )
    assert extract_text(text, "pv.txt").key_terms["session_date"] == "2020-01-24"


# --- conventions: parties, term, amounts -------------------------------------------

CONVENTION = """CONVENTION DE PARTENARIAT

Entre :
La commune de Villeneuve, représentée par son Maire Jean
DURAND, dûment habilité par délibération du 3 février 2023,
ci-après dénommée "la Ville",
d'une part,

Et :
L'association Les Amis du Jardin, représentée par Marie PETIT agissant en qualité de présidente,
ci-après dénommée "l'Association",
d'autre part,

Il est convenu ce qui suit :

Article 1 : Objet
La présente convention a pour objet le soutien de la Ville au jardin partagé. Elle ne s'applique
pas aux baux d'une durée n'excédant pas neuf ans.

Article 2 : Durée
{term}

Article 3 : Financement
La Ville verse une subvention d'un montant de 120 000 euros. Un premier versement de 5 600 € (70 %)
est effectué à la signature.

Fait à Villeneuve, le 5 janvier 2024.
"""
TERM = "La présente convention est conclue pour une durée de 3 (trois) ans. Elle prend effet le 1er janvier 2024."


@pytest.mark.parametrize("shape", ["laid_out", "flat", "docx"])
def test_a_convention_reads_the_same_in_every_shape(shape: str) -> None:
    text = CONVENTION.format(term=TERM)
    if shape == "flat":
        text = " ".join(text.split())
    elif shape == "docx":
        # one paragraph per line, no blank line between them
        text = "\n".join(line for line in text.splitlines() if line.strip()) + "\n"
    key = extract_text(text, f"c.{'docx' if shape == 'docx' else 'txt'}").key_terms
    assert key["doc_type"] == "convention"
    assert [(p["name"], p["role"], p["representative"]) for p in key["parties"]] == [
        ("commune de Villeneuve", "public_authority", "Jean DURAND"),
        ("Les Amis du Jardin", "beneficiary", "Marie PETIT"),
    ]
    assert key["authorising_deliberation_dates"] == ["2023-02-03"]
    assert key["duration"] == {"value": 3, "unit": "year"}
    assert key["start_date"] == "2024-01-01"
    assert [a["amount"] for a in key["amounts"]] == ["120000.00"]
    assert [i["percent"] for i in key["installments"]] == ["70"]
    assert key["signature_date"] == "2024-01-05"


def test_a_duration_in_an_unrelated_sentence_is_no_term() -> None:
    text = CONVENTION.format(term="La présente convention prend effet le 1er janvier 2024.")
    for shape in (text, " ".join(text.split())):
        key = extract_text(shape, "c.txt").key_terms
        assert key["duration"] is None
        assert key["start_date"] == "2024-01-01"


@pytest.mark.parametrize(
    ("flat", "title"),
    [
        ("Article 2 : Durée La présente convention est conclue", "Article 2 : Durée"),
        (
            "ARTICLE 3 - Dispositions financières La Ville verse",
            "ARTICLE 3 - Dispositions financières",
        ),
        (
            "Article 1er : Objet de la convention Elle a pour objet",
            "Article 1er : Objet de la convention",
        ),
    ],
)
def test_a_flattened_article_title_ends_where_its_first_sentence_begins(
    flat: str, title: str
) -> None:
    assert title in restore(_flat(". " + flat)).splitlines()


def test_a_label_without_colon_before_a_civility() -> None:
    text = _flat(
        "PROCÈS-VERBAL DU CONSEIL COMMUNAUTAIRE Séance du 21 février 2024 Liste des présents : "
        "M. Paul HEINTZ, Mme Sandy MOCHEL, M. Jean KOEBEL Absents excusés Mme Béatrice HOELTZEL "
        "M. Alain WURSTER Le conseil communautaire, après en avoir délibéré"
    )
    key = extract_text(text, "pv.txt").key_terms
    assert (key["members_present"], key["members_excused"]) == (3, 2)


def test_the_session_heading_dates_the_session_before_a_committee_met() -> None:
    text = _flat(
        "BUREAU du lundi 6 janvier 2020 COMPTE RENDU Sous la présidence de Monsieur Jean "
        "DUPONT, Président. Présents : Jean DUPONT, Anne PETIT. La commission d'appel d'offres "
        "réunie le 19 novembre 2019 a retenu l'offre la mieux disante."
    )
    assert extract_text(text, "cr.txt").key_terms["session_date"] == "2020-01-06"


def test_a_deliberation_cited_in_a_visa_does_not_date_the_session() -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\n"
        "Vu la délibération du conseil municipal du 3 février 2022 ;\n"
        "Le conseil municipal, réuni le 14 mars 2023, après en avoir délibéré, décide.\n"
    )
    assert extract_text(text, "d.txt").key_terms["session_date"] == "2023-03-14"


@pytest.mark.parametrize(
    ("attendance", "proxies"),
    [
        ("Présents : Paul MARTIN, Anne PETIT Excusés : Luc ROUX, Eve BLANC", None),
        (
            "Présents : Paul MARTIN, Anne PETIT Excusés : Luc ROUX Pouvoirs : Luc ROUX à Anne PETIT",
            1,
        ),
        ("Présents : Paul MARTIN, Anne PETIT Pouvoirs : néant", 0),
    ],
)
def test_proxies_are_stated_only_when_the_document_speaks_of_them(
    attendance: str, proxies: int | None
) -> None:
    text = _flat(
        f"PROCÈS-VERBAL DU CONSEIL MUNICIPAL Séance du 3 mai 2023 {attendance} Objet : budget"
    )
    assert extract_text(text, "pv.txt").key_terms["proxies"] == proxies


@pytest.mark.parametrize(
    "sentence",
    [
        "Le conseil municipal s'est réuni sous la présidence de Anne LEROY, Maire.",
        "Le conseil municipal s'est réuni sous la présidence de son Maire, Anne LEROY.",
        "Le conseil municipal s'est réuni sous la présidence de Mme Anne LEROY, Maire.",
    ],
)
def test_the_president_named_after_the_chair(sentence: str) -> None:
    text = (
        "EXTRAIT DU REGISTRE DES DELIBERATIONS\nSéance du 3 mai 2023\n"
        f"{sentence}\nPrésents : M. Paul MARTIN, Mme Anne LEROY\n"
    )
    assert extract_text(text, "d.txt").key_terms["president"].endswith("Anne LEROY")
