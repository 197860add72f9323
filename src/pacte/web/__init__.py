"""The web application (DSFR): one module per screen in ``views``."""
