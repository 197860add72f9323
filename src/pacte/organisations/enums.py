"""Database choices, generated from the vocabularies of ``pacte.terms`` (the one source of truth).

Values are the terms values, labels their French ``label``:

>>> OrganisationKind.CRESS.value, OrganisationKind.CRESS.label
('cress', "chambre régionale de l'ESS")
"""

from django.db import models

from pacte.terms import enums as terms_enums


def text_choices(enum: type[terms_enums.LabelledEnum]) -> type[models.TextChoices]:
    """A ``TextChoices`` with the same members, values and French labels as a terms enum."""
    return models.TextChoices(enum.__name__, [(m.name, (m.value, m.label)) for m in enum])


OrganisationKind = text_choices(terms_enums.OrganisationKind)
