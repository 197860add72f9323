"""What a document is, scored from evidence over its whole text.

Each cue of ``CUES`` is a pattern on the folded text (accents off, lower case, same
length), the kind it speaks for, a weight and where it counts (the head of the
document, or anywhere); a cue counts at most ``limit`` times. The kinds are
``convention``, ``deliberation``, ``minutes`` (the procès-verbal or compte rendu of a
whole session), ``arrete`` and ``act`` (budgets, plans, registers, reports: other
acts). The kind with the highest score wins when it reaches ``THRESHOLD``; otherwise
the document is ``other``, with the reason. Headings split by OCR (« CONVE NTION ») are
read on a copy of the head without the spaces inside capital words.

>>> classify("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS Séance du 3 mai 2023 "
...          "Après en avoir délibéré, le conseil municipal décide").kind
'deliberation'
>>> classify("Bonjour à tous").kind, classify("Bonjour à tous").reason
('other', 'aucun indice de type de document')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pacte.extraction import rx
from pacte.extraction.doctype_names import NAME_CUES, NAME_WEIGHT
from pacte.extraction.lazy import lazy
from pacte.extraction.text import folded_view

HEAD = 1500
"""Characters at the start of the text where a heading is looked for."""
THRESHOLD = 3
DECISIVE = 6
"""A cue of this weight settles minutes against deliberation, wherever it stands."""
KINDS = ("convention", "deliberation", "minutes", "arrete", "act")
LABELS = {
    "convention": "convention",
    "deliberation": "délibération",
    "minutes": "procès-verbal de séance",
    "arrete": "arrêté",
    "act": "autre acte",
}


@dataclass(frozen=True)
class Cue:
    kind: str
    pattern: re.Pattern[str]
    weight: int
    head: bool = False
    """Counts only in the head of the document."""
    limit: int = 1
    veto: re.Pattern[str] | None = None
    """A cue preceded (within 40 characters) by this is not counted."""
    at_least: int = 1
    """Counts only when found this many times (then once)."""
    whole: bool = False
    """Speaks of the document as a whole (its shape, not a heading): counts as a heading
    standing at its start."""
    apart: re.Pattern[str] | None = None
    """With ``at_least``: a match counts only when this stands between it and the last one
    counted (each deliberation of a session has its own object; « Présents : 25 », then
    « Étaient présents : » over the names, are one statement)."""


def _cue(
    kind: str,
    pattern: str,
    weight: int,
    *,
    head: bool = False,
    limit: int = 1,
    veto: str | None = None,
    at_least: int = 1,
    whole: bool = False,
    apart: str | None = None,
) -> Cue:
    return Cue(
        kind,
        lazy(pattern),
        weight,
        head,
        limit,
        lazy(veto) if veto else None,
        at_least,
        whole,
        lazy(apart) if apart else None,
    )


_APPROVED = (
    r"(?:(?:approb\w*|adopt\w*|approuv\w*|lecture|joint|relatif|rendu compte)\W+(?:\w+\W+){0,3}"
    r"|\b(?:le|un|du|ce|au|les|des|son|votre|notre|leur)\s+)$"
)
"""Minutes named inside a sentence (« approbation du procès-verbal », « voici le compte
rendu de la réunion »): not the heading of this document."""

_OUTCOME = r"\b(?:adopte|approuve|vote|accepte)e?s? (?:a l'unanimite|a la majorite)\b"
"""An item's outcome: found three times, the items of a session, not one deliberation."""

CUES: tuple[Cue, ...] = (
    # conventions, contracts, treaties, memoranda
    _cue(
        "convention",
        r"\b(?:projet de )?(?:convention|contrat|traite|protocole|memorandum|accord(?:-cadre)?|avenant)"
        r"s? (?:(?:de|d'|du|des|cadre|pluriannuelle|annuelle|financiere|relative?|portant|entre|"
        r"n°|no|pour|d'objectifs|de partenariat|de concession|d'entente)\b|\d)",
        3,
        head=True,
        veto=r"(?:approuv\w*|autoris\w*|sign\w*|objet|vu|relati\w*|la|une|cette|du|le|de)\W+$",
    ),
    _cue("convention", r"\bci-?\s?apres (?:denomme|designe|appele|nomme)", 2, limit=2),
    _cue("convention", r"\bentre (?:les soussignes|:)", 2),
    _cue("convention", r"\bd'une part\b", 1),
    _cue("convention", r"\bd'autre part\b", 1),
    _cue("convention", r"\bil (?:est|a ete) (?:convenu|arrete et convenu)|\bconviennent\b", 2),
    _cue("convention", r"\bfait a [^.]{1,60}? en (?:deux|trois|quatre|\d+) exemplaires", 2),
    _cue("convention", r"\barticle (?:1|premier|1er)\b[^.]{0,40}\bobjet\b", 1),
    _cue(
        "convention", r"\b(?:le concessionnaire|le beneficiaire|le partenaire|l'association)\b", 1
    ),
    # deliberations
    _cue(
        "deliberation",
        r"\bextrait (?:du (?:registre|proces-verbal) )?(?:des|aux) (?:deliberations|decisions)\b",
        4,
        head=True,
    ),
    _cue("deliberation", r"\bregistre (?:des|aux) deliberations\b", 2, head=True),
    # « Délibération au Conseil Municipal du lundi 25 mars 2013 »: the act's own heading
    _cue(
        "deliberation",
        r"\bdeliberation (?:au|du|de la) (?:conseil|bureau|comite|commission permanente)\b"
        r"[^.]{0,60}?\bdu (?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?\d",
        3,
        head=True,
        veto=r"(?:vu|la|une|cette|par|sa|de|sur|une|autorise\w*|suivant|selon)\W+$",
    ),
    _cue(
        "deliberation",
        r"\bdeliberation (?:n|no|numero)\b",
        3,
        head=True,
        veto=r"annexee?s?(?: (?:n[°o]? ?)?\d{1,2}| [ivx]{1,4})? (?:a )?(?:la )?$",
    ),
    # « Délibération 13-1 du Vendredi 23 janvier 2009 » opening the act
    _cue(
        "deliberation",
        r"^[ \t\n]*deliberation\s+(?:n[°o]?\s*)?[\w./-]{1,14}\s+du\s+"
        r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?\d",
        3,
    ),
    _cue("deliberation", r"\bpresente le rapport suivant\b|\brapport au conseil\b", 1),
    _cue("deliberation", r"\bapres en avoir (?:delibere|debattu)", 2),
    _cue("deliberation", r"\bpour extrait conforme\b|\bcertifie (?:executoire|conforme)\b", 1),
    _cue(
        "deliberation",
        r"\b(?:le|la) (?:conseil (?:municipal|communautaire|departemental|general|regional|"
        r"syndical|territorial|metropolitain|d'administration|de (?:la )?metropole|de communaute)|"
        r"commission permanente|bureau (?:communautaire|syndical|metropolitain|territorial))\b",
        1,
        limit=2,
    ),
    _cue("deliberation", r"\b(?:membres|conseillers) (?:presents|en exercice)|\ben exercice\b", 1),
    _cue("deliberation", r"\bseance (?:publique|ordinaire|extraordinaire|du)\b", 1),
    _cue("deliberation", r"\ba l'unanimite\b|\bvotants?\b", 1),
    # the outcome stated as a field (« VOTE : UNANIMITÉ », « Vote » over « Unanimité »)
    _cue("deliberation", r"\bvote\s*(?::[ \t]*\n?|\n)\s*(?:a l')?unanimite\b", 3),
    _cue("deliberation", r"\bvu le code general des collectivites\b", 1),
    _cue("deliberation", r"\bsecretaire de seance\b", 1),
    # « M. Dupont, rapporteur », « Rapporteur : Mme X »: the act is reported on
    _cue("deliberation", r"\brapporteure?\b", 1),
    # « I - RAPPORT DU PRÉSIDENT … II - DÉLIBÉRATION DU CONSEIL »: the report, then the act
    _cue(
        "deliberation",
        r"(?:^|\s)(?:[ivx]{1,4}|\d{1,2})\s*[-.–)]\s*deliberation (?:du|de la) "
        r"(?:conseil|commission permanente|bureau|comite)\b",
        3,
    ),
    _cue("deliberation", r"\b(?:decide|delibere|approuve|autorise)\s*:", 1),
    # « le conseil décide à l'unanimité d'adhérer … »: the decision told
    _cue(
        "deliberation",
        r"\ble (?:conseil|bureau|comite)(?: municipal| communautaire| syndical)?,?"
        r"(?: apres en avoir delibere,?)? decide\b",
        2,
    ),
    # the act's own posting and draft (« Délibération affichée … le », « Vu le projet de
    # délibération … »): a deliberation, whatever council it comes from
    _cue("deliberation", r"\bdeliberation affichee\b", 2, head=True),
    _cue("deliberation", r"\bvu le projet de deliberation\b", 2, head=True),
    # minutes of a whole session
    _cue(
        "minutes",
        r"\b(?:proce?s?[- ]?verbal|compte[- ]?rendu|releve des? decisions)\b",
        4,
        head=True,
        veto=_APPROVED,
    ),
    _cue("minutes", r"\bliste des deliberations\b", 4, head=True),
    # « PROCES VERBAL INTEGRAL » under the register's heading: the whole session, whatever
    # comes first
    _cue(
        "minutes",
        r"\bproce?s?[- ]?verbal (?:integral|de (?:la )?seance)\b"
        r"|\bobjet\s*:\s*proce?s?[- ]?verbal de (?:la )?(?:reunion|seance)\b",
        DECISIVE,
        head=True,
        veto=_APPROVED,
    ),
    # the session itself as the title (« Conseil municipal du 10 juillet 2018 », « CONSEIL
    # COMMUNAUTAIRE DU 11 DECEMBRE 2012 »): the minutes of that session, where an extract
    # of one deliberation is headed by the register
    _cue(
        "minutes",
        r"(?:^|\n)[ \t]*(?:conseil (?:municipal|communautaire|syndical|departemental|regional|"
        r"metropolitain)|comite syndical|bureau communautaire)[ \t]*(?:du|[-–]|(?:seance|reunion) du)[ \t]*"
        r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi) )?\d{1,2}(?:er)? [a-z]+ \d{4}\b"
        # not the heading of one deliberation (« … DÉLIBÉRATION N° 12 », « Objet : … »)
        r"(?![\s\S]{0,120}\b(?:deliberation (?:n|no)\b|extrait|objet\s*:))",
        3,
        head=True,
    ),
    # « Commune de X Séance du Conseil Municipal du 3 décembre 2019 » as the title
    _cue(
        "minutes",
        r"\bseance (?:publique )?du (?:conseil (?:municipal|communautaire|syndical|departemental|"
        r"regional|metropolitain)|comite syndical|bureau communautaire) (?:du|en date du) \d"
        r"(?![\s\S]{0,160}\b(?:deliberation (?:n|no)\b|extrait|objet\s*:))",
        3,
        head=True,
        veto=r"(?:extrait|registre|deliberations?|proces-verbal|compte[- ]rendu|convocation)\W[^.]*$",
    ),
    # the items of a session numbered one after the other (« DE N°1 … DE N°2 »)
    _cue(
        "minutes",
        r"\b(?:de|dcc|dcm|del|point|question|affaire)[ \t]*n[°o][ \t]*1\b"
        r"[\s\S]{10,4000}?\b(?:de|dcc|dcm|del|point|question|affaire)[ \t]*n[°o][ \t]*2\b",
        3,
    ),
    # the running header of the minutes' pages (« Procès-verbal 2/15 »)
    _cue(
        "minutes",
        r"\b(?:proce?s?[- ]?verbal|compte[- ]?rendu)(?: de (?:la )?seance)? (?:page )?\d{1,3} ?/ ?\d{1,3}\b",
        3,
    ),
    # a list of the session's deliberations, each numbered
    _cue(
        "minutes",
        r"\bdeliberation (?:n|no)\b(?:.{0,300}?\bdeliberation (?:n|no)\b){2}",
        4,
        head=True,
    ),
    _cue("minutes", r"\bdeliberation (?:n|no)[^.]{0,60}?\bexaminee\b", 1, limit=4),
    _cue("minutes", r"\bordre du jour\b", 1),
    # « L'ordre du jour était le suivant : … »: the agenda of a whole session, told
    _cue(
        "minutes",
        r"\bl'ordre du jour (?:etait|est|sera|fut) (?:le suivant|ainsi)\b"
        r"|\b(?:points?|questions?|affaires?) (?:a|de|inscrite?s? a) l'ordre du jour suivante?s?\b",
        3,
    ),
    # « Vote de délibérations n°2022/30 à n°2022/39 »: the session's deliberations, a range
    _cue("minutes", r"\bdeliberations?\s+n[°o]\s*[\w/ .-]{1,20}?\s+a\s+n[°o]\s*\d", 4),
    _cue(
        "minutes",
        r"\bla seance est (?:ouverte|levee)\b|\b(?:leve|ouvre)\b[^.]{0,25}? la seance\b|"
        r"\bla seance (?:a ete|fut) levee\b",
        3,
    ),
    # the roll call, and the minutes of the previous session adopted, told as they happen
    _cue("minutes", r"\bproced\w* a l'appel\b|\bfait l'appel\b|\bappel nominal\b", 2),
    _cue(
        "minutes",
        r"\b(?:le )?(?:proce?s[- ]?verbal|compte[- ]?rendu) de la (?:derniere |precedente )?"
        r"(?:seance|reunion)[^.]{0,40}? (?:est|a ete) (?:adopte|approuve)",
        2,
    ),
    # several items of one session, each with its own outcome (« adopté à l'unanimité »)
    _cue("minutes", _OUTCOME, 2, at_least=3),
    # the minutes of the previous session approved: the first item of a session
    _cue(
        "minutes",
        r"\b(?:approbation|adoption) (?:du|des) (?:proces[- ]?verba\w*|comptes?[- ]?rendus?)"
        r" (?:de la (?:derniere |precedente )?(?:seance|reunion|seances)|du \d|des? \w+ \d)",
        2,
    ),
    _cue("minutes", r"\b(?:n°|no) ?(?:del|d)[\d_ -]{4,}", 1, limit=3),
    # the narrative of a session: its opening, the move to the agenda, items put to the vote
    _cue(
        "minutes",
        r"\bprocede a l'ouverture de la seance\b|\bdeclare (?:la seance ouverte|ouverte la seance)\b",
        3,
    ),
    # the chair welcoming a guest and handing over the floor: the narrative of a session
    _cue("minutes", r"\bsouhaite (?:la )?bienvenue\b", 3),
    _cue(
        "minutes",
        r"\bpass(?:e|ons|ent) a l'(?:ordre du jour|examen des (?:points|questions|dossiers))\b"
        r"|\bmet (?:le proces-verbal|le compte rendu|la question|le rapport|ce point) aux voix\b",
        2,
    ),
    # the attendance of a session stated again and again: each deliberation of a session
    # transcribed with its own, the minutes of the whole session (not one deliberation)
    _cue(
        "minutes",
        r"\betai(?:en)?t presente?s\b|\b(?:membres )?presente?s\s*:",
        4,
        at_least=3,
        whole=True,
        apart=r"\bobjet\b|\bdelibere\b|\bunanimite\b|\b(?:approuv|adopt)\w*",
    ),
    # arrêtés
    _cue(
        "arrete",
        r"\barrete (?:n|no|municipal|prefectoral|du (?:maire|president)|portant|relatif|temporaire|"
        r"permanent)\b",
        3,
        head=True,
        veto=r"(?:vu l'|vu|l')\W*$",
    ),
    _cue("arrete", r"\barrete\s*:|\barretons\b|\barrete ce qui suit\b", 3),
    # an extract of an arrêté posted (« EXTRAIT D'ARRÊTÉ DE DÉLIVRANCE DE PERMIS DE CONSTRUIRE »)
    _cue("arrete", r"\bextrait d'\s?arrete\b", 4, head=True),
    _cue(
        "arrete",
        r"\bpermis de (?:construire|demolir|amenager) (?:a ete |est )?(?:delivre|accorde|refuse)",
        3,
        head=True,
    ),
    # a decision taken by the mayor or the president alone (delegated powers)
    _cue(
        "arrete",
        r"\bdecision (?:du maire|du president|de la presidente|municipale|n|no)\b|"
        r"\bdec(?:ision)? ?(?:n° ?)?\d{1,4}[./-]\d{2,4}\b",
        5,
        head=True,
        # a decision of the bureau (« BUREAU COMMUNAUTAIRE DU … DÉCISION N° … »): a body
        # that deliberates, not the mayor or the president alone
        veto=r"(?:vu|vu la|la|cette|une|des|par)\W+$|\bbureau\b[^.]{0,40}$",
    ),
    _cue(
        "arrete",
        r"(?:^|[.\n] ?|\d )le (?:maire|president|presidente) (?:de |d'|du )[^,.;]{2,80},"
        r"(?:[^.;]{0,160},)?\s*vu\b",
        3,
        head=True,
    ),
    # the convocation to a session to come (« Objet : Convocation à la séance … », « le
    # Conseil municipal se réunira … »): no session held yet
    _cue(
        "act",
        r"\bobjet\s*:\s*convocation\b|\bse reunira\b|\b(?:reunion|seance) du prochain conseil\b",
        5,
        head=True,
    ),
    # what the authority tells the press
    _cue("act", r"\b(?:dossier|communique) de presse\b", 5, head=True),
    # other acts: budgets, plans, registers, reports, guides
    _cue("act", r"\brecueil des actes\b|\btable des matieres\b|\bsommaire\b", 3, head=True),
    _cue(
        "act",
        r"\b(?:vu pour etre annexe|annexee?(?: (?:n[°o]? ?)?\d{1,2}| [ivx]{1,4})? a la deliberation)\b",
        3,
        head=True,
    ),
    _cue(
        "act",
        r"\b(?:budget (?:primitif|supplementaire)|compte administratif|compte financier unique|"
        r"rapport (?:d'activites?|annuel|d'orientations?)|plan (?:climat|d'actions?)|guide|"
        r"publication (?:des )?deliberations)\b",
        2,
        head=True,
    ),
    _cue("act", r"\b(?:section de fonctionnement|section d'investissement|chapitre \d{2})\b", 1),
)


@dataclass
class Evidence:
    kind: str
    start: int
    end: int
    weight: int


@dataclass
class DocType:
    """The kind that won, the score of every kind, the cues found and why."""

    kind: str
    scores: dict[str, int]
    evidence: list[Evidence] = field(default_factory=list)
    reason: str = ""

    def first(self, kind: str) -> int | None:
        """Where the first heading cue of a kind is (``None`` when it has none)."""
        starts = [e.start for e in self.evidence if e.kind == kind and e.weight >= 3]
        return min(starts) if starts else None


_SPLIT_CAPITALS = lazy(r"(?<=\b[A-ZÉÈ]{2})[ ](?=[A-ZÉÈ]{2,}\b)")


def _joined(head: str) -> str:
    """The head with OCR splits of capital words joined (« CONVE NTION »); the same length,
    the joined words padded with a space after them."""
    out = head
    for _ in range(2):
        out = rx.sub(
            r"\b(CONVE|CONVEN|CONV|DELIBE|DÉLIBÉ|PROCE|PROCÈ|EXTRA|ARRE|ARRÊ) ([A-ZÉÈÊ]{2,})\b",
            lambda m: m.group(1) + m.group(2) + " ",
            out,
        )
    return out


_STAMP_DATE = r"(?:\s*(?:\d{1,2}(?:er)?\s+[a-z]+\s+\d{4}|\d[\d/.-]*))?"
_STAMPS = lazy(
    rf"(?:\s|https?://\S+|(?:envoye|recu|depose|transmis)?\s*en (?:sous-)?prefecture le{_STAMP_DATE}"
    rf"|(?:publie|affiche|mis en ligne) le{_STAMP_DATE}|id\s*:\s*[\w-]+"
    r"|date de (?:teletransmission|reception(?: prefecture)?)\s*:\s*\S+"
    r"|accuse de reception en prefecture\s*[\w-]*|\d{1,3}\b)+"
)
"""The stamps of the prefecture's receipt and of the publication, repeated page after page
at the start of a flattened act: not its heading."""


def classify(text: str, name: str = "") -> DocType:
    """Score every kind from the cues found over the whole text and in the file's name.

    The head where headings are looked for starts after the stamps that open the text.
    """
    folded = folded_view(text)
    stamps = _STAMPS.match(folded)
    head_start = stamps.end() if stamps and stamps.end() > 200 else 0
    head_end = min(len(folded), head_start + HEAD)
    joined_head = " " * head_start + folded_view(_joined(text[head_start:head_end]))
    scores = dict.fromkeys(KINDS, 0)
    evidence: list[Evidence] = []
    folded_name = folded_view(name)
    for kind, pattern, veto in NAME_CUES:
        if pattern.search(folded_name) and not (veto and veto.search(folded_name)):
            weight = NAME_WEIGHT + (kind == "act")
            evidence.append(Evidence(kind, 0, 0, weight))
            scores[kind] += weight
    for cue in CUES:
        haystacks = [joined_head] if cue.head else [folded]
        count = 0
        for haystack in haystacks:
            matches = cue.pattern.finditer(haystack)
            if cue.at_least > 1:
                found: list[re.Match[str]] = []
                for match in matches:
                    if (
                        not found
                        or cue.apart is None
                        or cue.apart.search(haystack, found[-1].end(), match.start())
                    ):
                        found.append(match)
                        if len(found) == cue.at_least:
                            break
                matches = iter(found[:1] if len(found) == cue.at_least else [])
            for match in matches:
                if cue.veto is not None and cue.veto.search(
                    haystack, max(0, match.start() - 40), match.start()
                ):
                    continue
                at = (0, 0) if cue.whole else (match.start(), match.end())
                evidence.append(Evidence(cue.kind, *at, cue.weight))
                scores[cue.kind] += cue.weight
                count += 1
                if count >= cue.limit:
                    break
    result = DocType("other", scores, evidence)
    minutes, deliberation = result.first("minutes"), result.first("deliberation")
    decisive = any(e.kind == "minutes" and e.weight >= DECISIVE for e in evidence)
    if minutes is not None and (deliberation is None or minutes <= deliberation or decisive):
        # the heading of a session's minutes comes first: the deliberation cues it holds
        # (attendance, votes) are the minutes' own
        scores = {**scores, "minutes": scores["minutes"] + scores["deliberation"]}
    elif minutes is not None:
        # an extract of one deliberation that mentions minutes (« approbation du
        # procès-verbal … ») below its heading
        scores = {**scores, "deliberation": scores["deliberation"] + scores["minutes"]}
    best = max(KINDS, key=lambda kind: (scores[kind], -KINDS.index(kind)))
    if scores[best] < THRESHOLD:
        reason = (
            "aucun indice de type de document"
            if not evidence
            else f"indices trop faibles (meilleur : {LABELS[best]}, {scores[best]} points)"
        )
        return DocType("other", scores, evidence, reason)
    ranked = ", ".join(f"{LABELS[k]} {scores[k]}" for k in KINDS if scores[k])
    return DocType(best, scores, evidence, f"indices : {ranked}")
