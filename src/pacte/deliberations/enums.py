"""Choices of the deliberations app, generated from ``pacte.terms.enums``.

>>> AttendanceStatus.EXCUSED.label
'excusé'
"""

from pacte.organisations.enums import text_choices
from pacte.terms import enums as terms_enums

AttendanceStatus = text_choices(terms_enums.AttendanceStatus)
VoteResult = text_choices(terms_enums.VoteResult)
