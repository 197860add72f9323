"""Who a user is in Pacte: a role for one organisation, and a personal calendar feed.

An agent works for an authority and sees every convention it is party to; a partner
user sees the conventions of their organisation; a reader (an elected official) reads
an authority's conventions and changes nothing. A superuser is the administrator.
"""

from django.conf import settings
from django.db import models

from pacte.accounts.enums import Role
from pacte.organisations.models import Organisation


class Membership(models.Model):
    """The role of a user, e.g. « Léa Martin, agent de la Ville de Saint-Gwenaël »."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        # the role means nothing without its account
        on_delete=models.CASCADE,
        related_name="membership",
    )
    role = models.CharField("rôle", max_length=10, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        # an organisation with user accounts stays in the register until they are removed
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "rôle d'un utilisateur"
        verbose_name_plural = "rôles des utilisateurs"

    def __str__(self) -> str:
        return f"{self.user} : {self.get_role_display()} ({self.organisation})"


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed; deleting the row revokes it.

    The token is the only credential of the feed (calendar clients cannot log in), so
    it is long, random, and replaced rather than edited.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="utilisateur",
        # a feed is personal: it goes with its account
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token = models.CharField("jeton secret", max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernière lecture", null=True, blank=True)

    class Meta:
        verbose_name = "flux de calendrier"
        verbose_name_plural = "flux de calendrier"

    def __str__(self) -> str:
        return f"Calendrier de {self.user}"
