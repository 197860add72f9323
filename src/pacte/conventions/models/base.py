from django.db import models


class Placed(models.Model):
    """Where a value is stated in the source document: article and quoted words.

    Both empty means the place is not stated.
    """

    place_article = models.CharField("article (source)", max_length=100, blank=True)
    place_quote = models.TextField("citation (source)", blank=True)

    class Meta:
        abstract = True


class Ordered(models.Model):
    """A row of a list: ``position`` keeps the order of the source document."""

    position = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        abstract = True
        ordering = ["position"]
