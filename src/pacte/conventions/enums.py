"""Choices of the conventions app, generated from ``pacte.terms.enums``.

>>> PartyRole.BENEFICIARY.value, PartyRole.BENEFICIARY.label
('beneficiary', 'bénéficiaire')
"""

from pacte.organisations.enums import text_choices
from pacte.terms import enums as terms_enums

PartyRole = text_choices(terms_enums.PartyRole)
MandateKind = text_choices(terms_enums.MandateKind)
Unit = text_choices(terms_enums.Unit)
StartRule = text_choices(terms_enums.StartRule)
RenewalKind = text_choices(terms_enums.RenewalKind)
NoticeForm = text_choices(terms_enums.NoticeForm)
GrantKind = text_choices(terms_enums.GrantKind)
ProrataBasis = text_choices(terms_enums.ProrataBasis)
Rounding = text_choices(terms_enums.Rounding)
InstalmentKind = text_choices(terms_enums.InstalmentKind)
TriggerKind = text_choices(terms_enums.TriggerKind)
DocumentKind = text_choices(terms_enums.DocumentKind)
BodyKind = text_choices(terms_enums.BodyKind)
Frequency = text_choices(terms_enums.Frequency)
CadenceBasis = text_choices(terms_enums.CadenceBasis)
BudgetSide = text_choices(terms_enums.BudgetSide)
