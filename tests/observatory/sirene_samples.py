"""Small SIRENE-layout files whose indicators are computed by hand (see test_expectations).

Each establishment row is commented with what it tests. Columns beyond those Pacte reads
are present, as in INSEE's files, and ignored.
"""

from __future__ import annotations

import csv
from pathlib import Path

UNIT_HEADER = [
    "siren",
    "statutDiffusionUniteLegale",
    "denominationUniteLegale",
    "sigleUniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "etatAdministratifUniteLegale",
    "identifiantAssociationUniteLegale",
]
# siren, name, category, flag, state, association id
UNITS = [
    ("100000001", "Association Solidarité Strasbourg", "9220", "O", "A", "W671000001"),
    ("100000002", "Coop Habitat", "5458", "O", "A", ""),  # SCOP SARL
    ("100000003", "Mutuelle d'Alsace", "8210", "", "A", ""),  # mutual by category alone
    ("100000004", "Fondation Rhin", "9300", "N", "A", ""),  # category wins over flag N
    ("100000005", "Entreprise Solidaire", "5710", "O", "A", ""),  # SAS with the ESS flag
    ("100000006", "Boulangerie du Marché", "5710", "N", "A", ""),  # private, not ESS
    ("100000007", "Syndicat local", "9220", "O", "A", "W671000007"),  # excluded: 94.20Z
    ("216704825", "Commune de Strasbourg", "7210", "", "A", ""),  # public, its real SIREN
    ("100000009", "Numérique Solidaire", "5499", "N", "A", ""),  # ESS by the loaded list
    ("100000010", "", "1000", "", "A", ""),  # individual entrepreneur
    ("100000011", "Groupement mystère", "9299", "", "A", ""),  # unknown (reviewed group)
    ("100000012", "Forme inconnue", "8888", "", "A", ""),  # unknown (group 88)
    ("100000013", "Ancienne association", "9220", "O", "C", ""),  # closed
    ("014000014", "Association Corse", "9220", "O", "A", "W2A1000014"),  # leading zero
    ("100000015", "Coopérative agricole", "6317", "O", "A", ""),
    ("100000017", "Mutuelle de La Réunion", "6411", "", "A", ""),
    ("100000018", "Association à l'étranger", "9220", "O", "A", ""),
    ("100000019", "SCI solidaire", "6540", "O", "A", ""),  # ESS flag, neither family nor company
    ("100000020", "Paroisse associative", "9220", "O", "A", ""),  # excluded: 94.91Z
    ("100000021", "Amicale des agents", "9220", "O", "A", ""),  # excluded: 84.11Z
    ("100000022", "Syndicat professionnel", "9220", "O", "A", ""),  # excluded: 94.11Z
    ("100000023", "Parti local", "9220", "O", "A", ""),  # excluded: 94.92Z
    ("100000024", "Aide à domicile", "9220", "O", "A", ""),  # code written without its dot
    ("100000025", "Syndicat sans point", "9220", "O", "A", ""),  # excluded: 9420Z, no dot
    ("100000026", "Association NAF 2025", "9220", "O", "A", ""),  # NAF 2025 in the main column
    ("100000027", "Département du Bas-Rhin", "7220", "", "A", ""),  # public, head office E36
    ("100000028", "Région Grand Est", "7230", "", "A", ""),  # public, head office E37
]

ESTABLISHMENT_HEADER = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "trancheEffectifsEtablissement",
    "anneeEffectifsEtablissement",
    "etablissementSiege",
    "codeCommuneEtablissement",
    "etatAdministratifEtablissement",
    "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement",
    "caractereEmployeurEtablissement",
]
# name, siren, commune, activity, nomenclature, band, band year, employer, state
ESTABLISHMENTS = [
    ("E1", "100000001", "67482", "88.99B", "NAFRev2", "12", "2023", "O", "A"),
    ("E2", "100000001", "67447", "88.10A", "NAFRev2", "03", "2023", "O", "A"),
    ("E3", "100000001", "67482", "85.59A", "NAFRev2", "NN", "", "N", "A"),
    ("E4", "100000002", "67482", "43.22A", "NAFRev2", "11", "2023", "O", "A"),
    ("E5", "100000003", "67482", "65.12Z", "NAFRev2", "21", "2023", "O", "A"),
    ("E6", "100000004", "67180", "87.10A", "NAFRev2", "22", "2022", "O", "A"),
    ("E7", "100000005", "67482", "56.10A", "NAFRev2", "01", "2023", "O", "A"),
    ("E8", "100000006", "67482", "10.71C", "NAFRev2", "02", "2023", "O", "A"),
    ("E9", "100000007", "67482", "94.20Z", "NAFRev2", "00", "2023", "O", "A"),
    ("E10", "216704825", "67482", "84.11Z", "NAFRev2", "31", "2023", "O", "A"),
    ("E11", "100000009", "67007", "62.01Z", "NAFRev2", "32", "2023", "O", "A"),  # old code
    ("E12", "100000010", "67482", "96.02A", "NAFRev2", "NN", "", "N", "A"),
    ("E13", "100000011", "67482", "94.99Z", "NAFRev2", "01", "2023", "O", "A"),
    ("E14", "100000012", "67482", "70.22Z", "NAFRev2", "", "", "N", "A"),  # empty band = NN
    ("E15", "100000013", "67482", "88.99B", "NAFRev2", "11", "2019", "O", "F"),  # closed
    ("E16", "100000001", "67482", "88.99B", "NAFRev2", "12", "2020", "O", "F"),  # closed
    ("E17", "100000020", "67482", "94.91Z", "NAFRev2", "01", "2023", "O", "A"),
    ("E18", "100000019", "67482", "68.20B", "NAFRev2", "NN", "", "N", "A"),
    ("E19", "014000014", "2A004", "93.12Z", "NAFRev2", "41", "2023", "O", "A"),
    ("E20", "014000014", "20004", "93.12Z", "NAFRev2", "42", "2023", "O", "A"),  # old Corsica
    ("E21", "014000014", "2B033", "93.12Z", "NAFRev2", "51", "2023", "O", "A"),
    ("E22", "100000015", "75108", "01.11Z", "NAFRev2", "52", "2023", "O", "A"),  # Paris 8e
    ("E23", "100000015", "69383", "46.21Z", "NAFRev2", "53", "2023", "O", "A"),  # Lyon 3e
    ("E24", "100000015", "13201", "46.21Z", "NAFRev2", "01", "2023", "O", "A"),  # Marseille 1er
    ("E25", "100000017", "97411", "65.12Z", "NAFRev2", "02", "2023", "O", "A"),
    ("E26", "100000018", "", "88.99B", "NAFRev2", "01", "2023", "O", "A"),  # abroad
    ("E27", "100000006", "67482", "47.11F", "NAFRev2", "99", "2023", "O", "A"),  # bad band
    ("E28", "100000001", "67482", "85.3K", "NAFRev1", "NN", "", "N", "A"),  # old nomenclature
    ("E29", "100000010", "1001", "96.02A", "NAFRev2", "NN", "", "N", "A"),  # zero dropped
    # Haut-Rhin: the excluded activities met through an import (Colmar, Mulhouse)
    ("E30", "100000021", "68066", "84.11Z", "NAFRev2", "01", "2023", "O", "A"),
    ("E31", "100000022", "68066", "94.11Z", "NAFRev2", "02", "2023", "O", "A"),
    ("E32", "100000023", "68224", "94.92Z", "NAFRev2", "NN", "", "N", "A"),
    ("E33", "100000024", "68224", "8810A", "NAFRev2", "03", "2023", "O", "A"),
    ("E34", "100000025", "68224", "9420Z", "NAFRev2", "11", "2023", "O", "A"),
    # Haute-Savoie: the main activity column holding a NAF 2025 code (Annecy)
    ("E35", "100000026", "74010", "88.91A", "NAF2025", "01", "2023", "O", "A"),
    # head offices of public legal units (public, no band: the employee figures are unchanged)
    ("E36", "100000027", "67482", "84.11Z", "NAFRev2", "NN", "", "N", "A"),
    ("E37", "100000028", "67482", "84.11Z", "NAFRev2", "NN", "", "N", "A"),
]
HEAD_OFFICES = {"E10", "E36", "E37"}
"""Establishments that are their legal unit's head office (etablissementSiege true)."""


def unit_rows() -> list[list[str]]:
    return [
        [siren, "O", name, "", category, "88.99B", flag, state, association]
        for siren, name, category, flag, state, association in UNITS
    ]


def establishment_rows() -> list[list[str]]:
    rows = []
    for number, (name, siren, commune, naf, nomenclature, band, year, employer, state) in enumerate(
        ESTABLISHMENTS, start=1
    ):
        nic = f"{number:05d}"
        rows.append(
            [
                siren,
                nic,
                siren + nic,
                "O",
                "2010-01-01",
                band,
                year,
                "true" if name in HEAD_OFFICES else "false",
                commune,
                state,
                naf,
                nomenclature,
                employer,
            ]
        )
    return rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_samples(folder: Path) -> tuple[Path, Path]:
    """StockEtablissement.csv and StockUniteLegale.csv of the hand-computed sample."""
    folder.mkdir(parents=True, exist_ok=True)
    return (
        write_csv(
            folder / "StockEtablissement_utf8.csv", ESTABLISHMENT_HEADER, establishment_rows()
        ),
        write_csv(folder / "StockUniteLegale_utf8.csv", UNIT_HEADER, unit_rows()),
    )


def write_ess_list(folder: Path) -> Path:
    path = folder / "liste-ess.csv"
    path.write_text("siren;nom\n100000009;Numérique Solidaire\n", encoding="utf-8")
    return path
