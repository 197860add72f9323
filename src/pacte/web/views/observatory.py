"""Observatoire: the ESS of a territory from SIRENE, and the choice of a PTCE territory.

The figures come from ``pacte.observation.selectors`` (which call
``pacte.observatory.report``, as the command line and the API do); the charts and their
tables from ``pacte.observatory.display``. Every signed-in user with a role reads them
(they are public data); attaching the « données de cadrage » to a convention needs the
right to record a document on it, storing a PTCE choice to be an agent (or the
administrator) of a convention the user sees.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from pacte import office
from pacte.accounts.enums import Role
from pacte.accounts.selectors import (
    actions_allowed,
    convention_visible_to,
    is_admin,
    membership_of,
)
from pacte.conventions.enums import DocumentKind
from pacte.observation import selectors
from pacte.observation.documents import cadrage_docx, ptce_note_docx
from pacte.observation.services import (
    DOCX,
    ObservationError,
    cadrage_attach,
    cadrage_file_name,
    ptce_choice_store,
)
from pacte.observatory.display import (
    change_rows,
    charts,
    day_fr,
    decimal_fr,
    employees_fr,
    employer_rows,
    number_fr,
    share_fr,
    snapshot_fr,
    territory_fr,
)
from pacte.observatory.errors import ObservatoryError
from pacte.observatory.naf import NOMENCLATURES
from pacte.observatory.ptce import DEFAULT_WEIGHTS, OBSERVATORY_INDICATORS, read_indicators
from pacte.observatory.report import csv_bytes, xlsx_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": DOCX,
    "pdf": "application/pdf",
}
INDICATORS_MAX_BYTES = 1024 * 1024
COMPARED_READ = 20
"""Values of ``comparer`` read from a request (more than ``COMPARED_MAX`` is refused)."""


def _reader(request: HttpRequest) -> None:
    """Every role reads the observatory; an account without a role does not."""
    if not (is_admin(request.user) or membership_of(request.user) is not None):
        raise PermissionDenied(
            "Votre compte n'a pas encore de rôle : demandez-le à l'administrateur."
        )


def _may_choose(user: Any) -> bool:
    membership = membership_of(user)
    return is_admin(user) or (membership is not None and membership.role == Role.AGENT)


def _params(request: HttpRequest) -> dict[str, Any]:
    source = request.POST if request.method == "POST" else request.GET
    compare: list[str] = []
    for value in source.getlist("comparer")[:COMPARED_READ]:
        value = value.strip()[:100]
        if value and value not in compare:
            compare.append(value)
    return {
        "territory": source.get("territoire", "").strip(),
        "snapshot": source.get("millesime", "").strip(),
        "compare_to": source.get("evolution", "").strip(),
        "query": source.get("q", "").strip()[:100],
        "nomenclature": source.get("nomenclature", "").strip(),
        "compare": compare,
    }


def _checked_snapshot(value: str, available: list[str], field: str, label: str) -> str | None:
    if not value:
        return None
    if value not in available:
        raise ObservationError(
            f"{label} « {value} » : millésime non importé (importés : {', '.join(available)}).",
            field=field,
        )
    return value


def _result(params: dict[str, Any], available: list[str]) -> dict[str, Any]:
    snapshot = _checked_snapshot(params["snapshot"], available, "millesime", "Millésime")
    compare_to = _checked_snapshot(params["compare_to"], available, "evolution", "Évolution depuis")
    nomenclature = params["nomenclature"] or "naf2008"
    if nomenclature not in NOMENCLATURES:
        raise ObservationError(
            f"Domaines « {nomenclature} » : naf2008 ou naf2025.", field="nomenclature"
        )
    try:
        territory = selectors.territory_named(params["territory"])
    except ObservatoryError as error:
        raise ObservationError(f"Territoire : {error}.", field="territoire") from None
    try:
        selectors.compared_named(params["compare"])
    except ObservatoryError as error:
        message = str(error)
        raise ObservationError(f"{message[:1].upper()}{message[1:]}.", field="comparer") from None
    try:
        return selectors.indicators(
            params["territory"],
            snapshot=snapshot,
            compare_to=compare_to,
            nomenclature=nomenclature,
            compare_with=params["compare"],
        )
    except ObservatoryError as error:
        field = "nomenclature" if nomenclature != "naf2008" else None
        raise ObservationError(f"{territory.name} : {error}.", field=field) from None


@login_required
def observatory_view(request: HttpRequest) -> HttpResponse:
    _reader(request)
    available = selectors.snapshots_imported()
    params = _params(request)
    convention = request.GET.get("convention", "")[:60]
    context: dict[str, Any] = {
        "title": "Observatoire de l'ESS",
        "snapshots": [(s, snapshot_fr(s)) for s in reversed(available)],
        "params": params,
        "admin": is_admin(request.user),
        "convention_param": convention,
    }
    if not available:
        return render(request, "web/observatory.html", context)
    status = 200
    if params["query"]:
        context["found"] = [
            (
                item,
                _compare_url(params, [*params["compare"], item.spec], convention)
                if params["territory"]
                and item.spec not in (params["territory"], *params["compare"])
                else "",
            )
            for item in selectors.territory_search(params["query"])
        ]
    context["compared"] = _compared(params, convention)
    if params["territory"]:
        try:
            result = _result(params, available)
        except ObservationError as error:
            context["error"] = str(error)
            context["error_field"] = error.field
            status = 400
        else:
            context.update(_shown(request, result))
    else:
        context["departements"] = selectors.departements_imported(params["snapshot"] or None)
    return render(request, "web/observatory.html", context, status=status)


def _compare_url(params: dict[str, Any], compare: list[str], convention: str) -> str:
    query = _query({**params, "compare": compare})
    if convention:
        query += "&" + urlencode({"convention": convention})
    return reverse("observatory") + "?" + query


def _compared(params: dict[str, Any], convention: str) -> list[tuple[str, str, str]]:
    """The territories added to the comparison: value, name (the value when unknown), and
    the address of the same view without it."""
    found = []
    for text in params["compare"]:
        try:
            name = territory_fr(selectors.territory_named(text).as_dict())
        except ObservatoryError:
            name = text
        rest = [other for other in params["compare"] if other != text]
        found.append((text, name, _compare_url(params, rest, convention)))
    return found


def _shown(request: HttpRequest, result: dict[str, Any]) -> dict[str, Any]:
    total = result["total_ess"]
    may_attach = "document" in actions_allowed(request.user)
    duties = list(selectors.reporting_duties_visible_to(request.user)) if may_attach else []
    conventions = sorted({d.convention.reference: d.convention for d in duties}.items())
    return {
        "result": result,
        "territory_label": territory_fr(result["territory"]),
        "snapshot_label": snapshot_fr(result["snapshot"]),
        "charts": charts(result),
        "changes": change_rows(result),
        "change_from": snapshot_fr(result["change"]["from"]) if result.get("change") else "",
        "change_to": snapshot_fr(result["change"]["to"]) if result.get("change") else "",
        "employers": employer_rows(result),
        "key_figures": [
            ("Établissements actifs de l'ESS", number_fr(total["establishments"])),
            ("dont employeurs", number_fr(total["employer_establishments"])),
            ("Salariés de l'ESS (estimation)", employees_fr(total["employees"])),
            (
                "Part de l'ESS dans les salariés du privé",
                share_fr(result["share"]["employees"]),
            ),
            (
                "Établissements de l'ESS pour 10 000 habitants",
                decimal_fr(result["per_10000_inhabitants"]),
            ),
        ],
        "band_year": total["employees"].get("band_year"),
        "imported_on": day_fr(result["sources"]["imported_at"]),
        "attach_conventions": [c for _, c in conventions],
        "document_kinds": DocumentKind.choices,
        "this_year": timezone.localdate().year,
        "pdf_available": office.soffice() is not None,
    }


@login_required
def observatory_export_view(request: HttpRequest, fmt: str) -> HttpResponse:
    """The indicators shown, as CSV, XLSX or the « données de cadrage » (DOCX, or PDF
    through LibreOffice when it is installed)."""
    _reader(request)
    if fmt not in FORMATS:
        raise Http404("Format inconnu (csv, xlsx, docx ou pdf).")
    available = selectors.snapshots_imported()
    params = _params(request)
    if not available or not params["territory"]:
        messages.error(request, "Territoire : choisissez d'abord un territoire.")
        return redirect("observatory")
    try:
        result = _result(params, available)
    except ObservationError as error:
        messages.error(request, str(error))
        return redirect("observatory")
    if fmt == "csv":
        content = csv_bytes(result)
    elif fmt == "xlsx":
        content = xlsx_bytes(result)
    else:
        content = cadrage_docx(result, on=timezone.localdate())
        if fmt == "pdf":
            try:
                content = _pdf(content)
            except office.OfficeError as error:
                messages.error(request, f"Données de cadrage en PDF non produites : {error}")
                return redirect(reverse("observatory") + "?" + _query(params))
    name = cadrage_file_name(result).rsplit(".", 1)[0]
    if fmt not in ("docx", "pdf"):
        name = name.replace("donnees-de-cadrage", "indicateurs-ess")
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pdf(docx: bytes) -> bytes:
    """The DOCX converted by LibreOffice (``pacte.office``); ``OfficeError`` in French."""
    with tempfile.TemporaryDirectory(prefix="pacte-cadrage-") as work:
        source = Path(work) / "donnees-de-cadrage.docx"
        source.write_bytes(docx)
        return office.docx_to_pdf(source).read_bytes()


@login_required
@require_POST
def observatory_attach_view(request: HttpRequest) -> HttpResponse:
    """Generate the « données de cadrage » and record them as a document received."""
    _reader(request)
    reference = request.POST.get("convention", "").strip()
    convention = convention_visible_to(request.user, reference) if reference else None
    if convention is None:
        raise Http404(f"Aucune convention de référence « {reference} ».")
    if "document" not in actions_allowed(request.user):
        raise PermissionDenied("Votre rôle ne permet pas d'enregistrer un document.")
    params = _params(request)
    back = reverse("observatory") + "?" + _query(params)
    try:
        year = int(request.POST.get("annee", ""))
    except ValueError:
        messages.error(request, "Année concernée : un nombre de quatre chiffres, par exemple 2026.")
        return redirect(back)
    kind = request.POST.get("nature", DocumentKind.ACTIVITY_REPORT)
    if kind not in DocumentKind.values:
        messages.error(request, f"Nature du document « {kind} » inconnue.")
        return redirect(back)
    try:
        result = _result(params, selectors.snapshots_imported())
        document = cadrage_attach(
            convention=convention, result=result, year=year, kind=kind, by=request.user
        )
    except ObservationError as error:
        messages.error(request, f"Rien n'a été enregistré. {error}")
        return redirect(back)
    messages.success(
        request,
        f"Données de cadrage ({territory_fr(result['territory'])}, "
        f"{snapshot_fr(result['snapshot'])}) enregistrées comme document reçu "
        f"« {document.get_kind_display()} {year} » de la convention {convention.reference}.",
    )
    return redirect(reverse("convention", args=[convention.reference]) + "#documents")


def _query(params: dict[str, Any]) -> str:
    pairs = [
        ("territoire", params["territory"]),
        ("millesime", params["snapshot"]),
        ("evolution", params["compare_to"]),
        ("nomenclature", params["nomenclature"]),
        *(("comparer", text) for text in params.get("compare", [])),
    ]
    return urlencode([(k, v) for k, v in pairs if v])


# -- PTCE ---------------------------------------------------------------------------------


def _ptce_inputs(request: HttpRequest) -> dict[str, Any]:
    """What the PTCE form carries: candidates, weights, the user's indicators (CSV text)."""
    source = request.POST if request.method == "POST" else request.GET
    text = source.get("indicateurs", "")
    upload = request.FILES.get("fichier")
    file_name = upload.name if upload is not None else source.get("indicateurs_nom", "")
    file_name = (file_name or "").strip()[:100]
    if upload is not None:
        if upload.size and upload.size > INDICATORS_MAX_BYTES:
            raise ObservationError("Fichier d'indicateurs : 1 Mo au plus.", field="fichier")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ObservationError(
                f"Fichier d'indicateurs « {upload.name} » : le fichier n'est pas en UTF-8.",
                field="fichier",
            ) from None
    user = {}
    if text.strip():
        try:
            label = (
                f"Fichier d'indicateurs « {file_name} »" if file_name else "Fichier d'indicateurs"
            )
            user = read_indicators(text, source=label)
        except ObservatoryError as error:
            raise ObservationError(str(error), field="fichier") from None
    names = list(OBSERVATORY_INDICATORS) + sorted(
        {name for values in user.values() for name in values}
    )
    weights: dict[str, float] = {}
    fields = []
    for name in names:
        raw = source.get(f"poids_{name}")
        label = OBSERVATORY_INDICATORS.get(name, name)
        if raw is None or not raw.strip():
            value = DEFAULT_WEIGHTS.get(name, 0.0) if raw is None else 0.0
        else:
            try:
                value = float(raw.strip().replace(",", "."))
            except ValueError:
                raise ObservationError(
                    f"Poids de « {label} » : « {raw} » n'est pas un nombre (par exemple 1, 2 ou -1).",
                    field=f"poids_{name}",
                ) from None
        if value:
            weights[name] = value
        fields.append((name, label, f"{value:g}".replace(".", ",")))
    within = source.get("departement", "").strip()
    candidates = source.get("candidats", "").split()
    return {
        "text": text,
        "file_name": file_name if text.strip() else "",
        "user": user,
        "weights": weights,
        "fields": fields,
        "within": within,
        "candidates": candidates,
        "snapshot": source.get("millesime", "").strip(),
    }


def _ranked(inputs: dict[str, Any], available: list[str]) -> dict[str, Any]:
    snapshot = _checked_snapshot(inputs["snapshot"], available, "millesime", "Millésime")
    if not inputs["weights"]:
        raise ObservationError("Poids : au moins un poids non nul est nécessaire.", field="poids")
    within = inputs["within"]
    if within and ":" not in within:
        within = f"dep:{within}"
    if within and not within.lower().startswith("dep:"):
        raise ObservationError(
            f"Les EPCI du département : « {inputs['within']} » n'est pas un code de département "
            "(67, 2A, 974).",
            field="departement",
        )
    try:
        return selectors.ptce_ranking(
            within=within or None,
            candidates=inputs["candidates"],
            weights=inputs["weights"],
            user_indicators=inputs["user"],
            snapshot=snapshot,
        )
    except ObservatoryError as error:
        message = str(error)
        if message.startswith("au moins deux territoires candidats"):
            message = (
                "Territoires candidats : il en faut au moins deux (les EPCI d'un département, "
                "ou une liste epci:SIREN perimeter:NOM…)"
            )
        raise ObservationError(f"{message}.", field="departement") from None


@login_required
@require_http_methods(["GET", "POST"])
def ptce_view(request: HttpRequest) -> HttpResponse:
    """Rank candidate territories for a PTCE; the ranking is a read (a POST only carries
    the user's CSV file), storing the choice is ``ptce_choose_view``."""
    _reader(request)
    available = selectors.snapshots_imported()
    context: dict[str, Any] = {
        "title": "Choisir le territoire d'un PTCE",
        "snapshots": [(s, snapshot_fr(s)) for s in reversed(available)],
        "admin": is_admin(request.user),
        "may_choose": _may_choose(request.user),
        "choices": list(selectors.ptce_choices_visible_to(request.user)[:50]),
    }
    if not available:
        return render(request, "web/ptce.html", context)
    status = 200
    try:
        inputs = _ptce_inputs(request)
    except ObservationError as error:
        context.update(error=str(error), error_field=error.field, fields=[])
        return render(request, "web/ptce.html", context, status=400)
    context["inputs"] = inputs
    context["fields"] = inputs["fields"]
    if inputs["within"] or inputs["candidates"]:
        try:
            ranked = _ranked(inputs, available)
        except ObservationError as error:
            context.update(error=str(error), error_field=error.field)
            status = 400
        else:
            context["ranked"] = ranked
            context["snapshot_label"] = snapshot_fr(ranked["snapshot"])
            if context["may_choose"]:
                context["steps"] = list(selectors.steps_visible_to(request.user)[:200])
    else:
        context["departements"] = selectors.departements_imported()
    return render(request, "web/ptce.html", context, status=status)


@login_required
@require_POST
def ptce_choose_view(request: HttpRequest) -> HttpResponse:
    """Store the chosen territory with the convention's step; the ranking is computed again
    here from what the form carries (never taken from the page)."""
    _reader(request)
    if not _may_choose(request.user):
        raise PermissionDenied("Seuls les agents enregistrent le territoire retenu.")
    reference, _, rest = request.POST.get("etape", "").partition("|")
    workstream, _, number = rest.partition("|")
    step = (
        selectors.step_of(request.user, reference, workstream, int(number))
        if number.isdigit() and len(number) < 6
        else None
    )
    if step is None:
        raise Http404("Aucune étape de ce dispositif dans les conventions que vous voyez.")
    try:
        inputs = _ptce_inputs(request)
        ranked = _ranked(inputs, selectors.snapshots_imported())
        territory = request.POST.get("territoire", "")
        names = {entry["territory"]: entry["name"] for entry in ranked["ranking"]}
        choice = ptce_choice_store(
            step=step,
            territory=territory,
            territory_name=names.get(territory, territory),
            justification=request.POST.get("justification", ""),
            ranked=ranked,
            by=request.user,
        )
    except ObservationError as error:
        messages.error(request, f"Rien n'a été enregistré. {error}")
        return redirect("ptce")
    messages.success(
        request,
        f"Territoire retenu pour le PTCE enregistré : {choice.territory_name} "
        f"(étape {step.number} du dispositif {step.workstream.key}).",
    )
    return redirect(reverse("convention", args=[reference]) + "#etapes")


@login_required
def ptce_note_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The note to the steering committee on a stored PTCE choice (DOCX)."""
    _reader(request)
    choice = selectors.ptce_choice_visible_to(request.user, pk)
    if choice is None:
        raise Http404("Aucun choix de territoire de ce numéro.")
    step = selectors.step_of(
        request.user, choice.convention.reference, choice.workstream_key, choice.step_number
    )
    step_label = (
        f"{step.workstream.key}) {step.workstream.title}, étape {step.number} : {step.title}"
        if step is not None
        else f"dispositif {choice.workstream_key}, étape {choice.step_number}"
    )
    content = ptce_note_docx(
        convention=choice.convention.reference,
        convention_title=choice.convention.title,
        step=step_label,
        territory_name=choice.territory_name,
        territory=choice.territory,
        justification=choice.justification,
        snapshot=choice.snapshot,
        weights=choice.weights,
        ranking=choice.ranking,
        chosen_on=timezone.localtime(choice.chosen_at).date(),
        chosen_by=choice.chosen_by.get_full_name() if choice.chosen_by else "",
    )
    response = HttpResponse(content, content_type=DOCX)
    name = f"note-ptce-{choice.convention.reference}-{choice.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
