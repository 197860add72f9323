"""Production: the embedded settings (``settings.local``) with every secret from the
environment and HTTPS on.

Environment (see docs/production.md):

- ``PACTE_SECRET_KEY`` (or ``SECRET_KEY``): required, at least 50 characters; no key is
  ever written to the data folder;
- ``PACTE_ALLOWED_HOSTS`` (or ``ALLOWED_HOSTS``): the site's names, comma separated
  (``localhost`` and ``127.0.0.1`` always answer);
- ``PACTE_HTTPS``: ``1`` by default (secure cookies, HSTS, redirection to HTTPS behind a
  reverse proxy that sets ``X-Forwarded-Proto``); ``0`` only to try it without TLS;
- ``DATABASE_URL``, ``PACTE_VAR_DIR``, ``PACTE_BROKER_URL`` as for ``settings.local``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_key = os.environ.get("PACTE_SECRET_KEY", "").strip() or os.environ.get("SECRET_KEY", "").strip()
if not _key:
    raise ImproperlyConfigured(
        "La variable d'environnement PACTE_SECRET_KEY n'est pas définie : en production, "
        "donnez-lui une valeur longue et secrète (par exemple celle donnée par "
        "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
# settings.local reads these: the key is never written to the data folder
os.environ["PACTE_SECRET_KEY"] = _key
if not os.environ.get("PACTE_ALLOWED_HOSTS") and os.environ.get("ALLOWED_HOSTS"):
    os.environ["PACTE_ALLOWED_HOSTS"] = os.environ["ALLOWED_HOSTS"]
os.environ.setdefault("PACTE_HTTPS", "1")

from pacte.config.settings.local import *  # noqa: E402, F403
