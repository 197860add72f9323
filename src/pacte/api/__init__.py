"""The REST API of Pacte (``/api/v1/``): the screens' data for other tools, by token.

Same permissions as the screens: conventions through ``conventions_visible_to``, writes
through ``actions_allowed`` and the follow-up services.
"""
