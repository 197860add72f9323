"""The ``article`` filter puts an organisation's name in a sentence of a page."""

from __future__ import annotations

from django.template import Context, Template


def test_article_filter() -> None:
    template = Template(
        '{% load pacte_tags %}les conventions {{ name|article:"de" }} ; {{ name|article }}'
    )
    assert (
        template.render(Context({"name": "Département de la Vère"}))
        == "les conventions du Département de la Vère ; le Département de la Vère"
    )
