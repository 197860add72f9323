"""Governance: a committee that unlocks payments must meet on a known cadence; milestones
fall within the convention."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pacte.rules.checks.findings import Location, Severity, grant_label
from pacte.rules.checks.registry import Context, Hit, rule
from pacte.terms import Frequency, RenewalKind, TriggerKind, format_date_fr


def _bodies_unlocking_payments(context: Context) -> dict[str, str]:
    """Bodies whose approval makes an instalment payable, with the instalment it unlocks."""
    unlocking: dict[str, str] = {}
    for grant in context.terms.grants:
        for instalment in grant.instalments:
            trigger = instalment.trigger
            keys = [trigger.body] if trigger.kind is TriggerKind.ON_APPROVAL else []
            if trigger.kind is TriggerKind.ON_DOCUMENTS:
                keys += [d.approved_by for d in trigger.documents]
            for key in keys:
                if key is not None:
                    unlocking.setdefault(
                        key,
                        f"{instalment.kind.label} de la {grant_label(grant, context.terms.grants)}",
                    )
    return unlocking


@rule(
    "governance.approval_without_cadence",
    Severity.WARNING,
    "une instance dont l'approbation déclenche un versement n'a pas de rythme de réunion",
)
def approval_without_cadence(context: Context) -> Iterator[Hit]:
    unlocking = _bodies_unlocking_payments(context)
    for index, body in enumerate(context.terms.governing_bodies):
        if body.key not in unlocking:
            continue
        cadence = body.cadence
        if cadence is not None and cadence.frequency is not Frequency.AS_NEEDED:
            continue
        how = (
            "ne se réunit que « tant que de besoin »"
            if cadence is not None
            else "n'a pas de rythme de réunion"
        )
        yield (
            f"Le versement ({unlocking[body.key]}) attend l'approbation du {body.name}, qui "
            f"{how} : la date du versement ne peut pas être prévue, et il peut ne jamais être "
            "dû. Fixer un rythme (« se réunit une fois par an, avant le 31 mars ») ou une date "
            "limite d'approbation.",
            Location(
                article=body.place.article if body.place else None,
                path=f"governing_bodies[{index}].cadence",
            ),
        )


@rule(
    "governance.milestone_after_end",
    Severity.WARNING,
    "une étape d'un dispositif est datée après la fin de la convention",
)
def milestone_after_end(context: Context) -> Iterator[Hit]:
    end = context.end
    renewal = context.terms.renewal
    if end is None or (renewal is not None and renewal.kind is RenewalKind.TACIT):
        return  # a tacitly renewed convention goes on: a later step may be meant
    for index, workstream in enumerate(context.terms.workstreams):
        for position, step in enumerate(workstream.steps):
            milestone = step.milestone
            if milestone is None:
                continue
            dated: date | None = milestone.due or milestone.not_before
            if dated is None or dated <= end:
                continue
            word = "échéance" if milestone.due else "début possible"
            yield (
                f"{workstream.label}, étape {step.number} (« {step.title} ») : "
                f"{word} le {format_date_fr(dated)}, après la fin de la convention le "
                f"{format_date_fr(end)}. Avancer l'étape, prolonger la convention, ou renvoyer "
                "l'étape à la convention suivante.",
                Location(
                    article=workstream.place.article if workstream.place else None,
                    path=f"workstreams[{index}].steps[{position}].milestone",
                    quote=milestone.quote,
                ),
            )
