"""A paginator told its count: the pages whose total is kept (``followup.tallies``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    """Django's ``Paginator``, with the number of items given (``known``) rather than
    counted by a query; None: counted as usual."""

    def __init__(self, object_list: Any, per_page: int, *, known: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.known = known

    @cached_property
    def count(self) -> int:
        if self.known is not None:
            return self.known
        return super().count
