"""``pacte manage api_token create|revoke|list USER``: personal API tokens."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pacte.api.models import ApiToken
from pacte.api.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = "Crée, révoque ou liste les jetons d'API d'un utilisateur."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke", "list"])
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="nom du jeton (create)")
        parser.add_argument("--prefix", default="", help="début du jeton à révoquer (revoke)")

    def handle(self, *args, action, username, name, prefix, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Aucun utilisateur « {username} ».") from None
        tokens = ApiToken.objects.filter(user=user)
        if action == "create":
            _, clear = api_token_create(user=user, name=name)
            self.stdout.write(clear)
        elif action == "revoke":
            chosen = tokens.filter(revoked_at__isnull=True)
            if prefix:
                chosen = chosen.filter(prefix__startswith=prefix)
            count = sum(api_token_revoke(token=t) for t in chosen)
            self.stdout.write(f"{count} jeton(s) révoqué(s).")
        else:
            for t in tokens:
                state = f"révoqué le {t.revoked_at:%d/%m/%Y}" if t.revoked_at else "actif"
                self.stdout.write(f"{t.prefix}…  {t.name or '-'}  {state}")
