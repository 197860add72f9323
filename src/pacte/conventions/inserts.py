"""A lean ``bulk_create`` for the import path: new rows of one model written by
multi-row ``INSERT … RETURNING id``, the values prepared column by column.

Django's ``bulk_create`` compiles every value of every row through the field's full
preparation (``pre_save``, ``get_db_prep_save``, one placeholder expression per value):
for the 77 rows a convention brings (parties, articles, grants, stored calendar…), that
preparation was most of the time of storing it. ``rows_insert`` writes the same values:
for each column it picks once how a value is prepared, and a value of the type the
field stores as it is (``str`` for a text column, ``int`` for a number or a key, a
``date`` turned into what the backend expects…) skips Django's preparation; any other
value, and any field with its own ``pre_save`` (``auto_now``…), goes through Django's.
The rows get their ids as ``bulk_create`` sets them (same order, same ``RETURNING``).

Example: ``rows_insert([Party(convention_id=1, position=0, key="ville", …), …])``.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connections, router
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import (
    AutoField,
    BigAutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    Field,
    ForeignKey,
    IntegerField,
    JSONField,
    Model,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SmallIntegerField,
    TextField,
)

__all__ = ["rows_insert"]

Prepare = Callable[[Any], Any]

TEXT = (CharField, TextField)
"""Fields whose ``str`` values are sent as they are (``get_db_prep_save`` returns them)."""
NUMBERS = (
    AutoField,
    BigAutoField,
    BigIntegerField,
    IntegerField,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SmallIntegerField,
)
"""Fields whose ``int`` values only go through the backend's integer adapter."""


def _own_pre_save(field: Field) -> bool:
    """Whether ``field.pre_save`` may give something else than the attribute's value."""
    if isinstance(field, DateField):  # DateTimeField too
        return bool(field.auto_now or field.auto_now_add)
    return type(field).pre_save is not Field.pre_save


def _preparation(field: Field, connection: Any) -> Prepare:
    """How a value of ``field`` is made ready for the driver: ``get_db_prep_save``,
    shortened for the values it would send unchanged or through one backend adapter."""

    def django(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    if isinstance(field, ForeignKey):
        target = field.target_field
        return _preparation(target, connection) if not target.is_relation else django
    ops = connection.ops
    if isinstance(field, JSONField):
        encoder = field.encoder

        def json_value(value: Any) -> Any:
            return None if value is None else ops.adapt_json_value(value, encoder)

        return json_value
    if isinstance(field, DateTimeField):

        def moment(value: Any) -> Any:
            if value.__class__ is datetime and value.utcoffset() is not None:
                return ops.adapt_datetimefield_value(value)
            return value if value is None else django(value)

        return moment
    if isinstance(field, DateField):

        def day(value: Any) -> Any:
            if value.__class__ is date:
                return ops.adapt_datefield_value(value)
            return value if value is None else django(value)

        return day
    if isinstance(field, DecimalField):
        digits, places = field.max_digits, field.decimal_places

        def amount(value: Any) -> Any:
            if value.__class__ is Decimal and value.is_finite():
                return ops.adapt_decimalfield_value(value, digits, places)
            return value if value is None else django(value)

        return amount
    if type(field) in TEXT or type(field) is BooleanField:
        plain = str if type(field) in TEXT else bool

        def as_is(value: Any) -> Any:
            return value if value.__class__ is plain or value is None else django(value)

        return as_is
    if type(field) in NUMBERS:
        internal = field.get_internal_type()
        adapt = ops.adapt_integerfield_value
        if type(ops).adapt_integerfield_value is BaseDatabaseOperations.adapt_integerfield_value:

            def number(value: Any) -> Any:
                return value if value.__class__ is int or value is None else django(value)

            return number

        def typed_number(value: Any) -> Any:
            return adapt(value, internal) if value.__class__ is int else django(value)

        return typed_number
    return django


def _values(objs: Sequence[Model], fields: list[Field], connection: Any) -> list[Any]:
    """Every value of every row, flat, in the order of ``fields``."""
    params: list[Any] = []
    for field in fields:
        if field.is_relation:
            for obj in objs:
                if getattr(obj, field.attname) is None and field.is_cached(obj):
                    # set before its parent had an id: take it now, as Django does
                    parent = getattr(obj, field.name)
                    if parent is not None and parent.pk is None:
                        raise ValueError(f"{field.name} n'est pas enregistré : {obj!r}")
                    setattr(obj, field.attname, getattr(parent, "pk", None))
    columns = []
    for field in fields:
        prepare = _preparation(field, connection)
        if _own_pre_save(field):
            raw = [field.pre_save(obj, True) for obj in objs]
        else:
            attname = field.attname
            raw = [getattr(obj, attname) for obj in objs]
        columns.append([prepare(value) for value in raw])
    for row in zip(*columns, strict=True):
        params += row
    return params


def rows_insert(rows: Iterable[Model], *, using: str | None = None) -> None:
    """Insert these new rows of one model (no id yet), as ``bulk_create`` would: the
    same values, the same order, their ids set on them."""
    objs = list(rows)
    if not objs:
        return
    model = type(objs[0])
    opts = model._meta
    if opts.parents or any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError(f"rows_insert : nouvelles lignes d'un seul modèle attendues ({model})")
    using = using or router.db_for_write(model)
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite before 3.35
        model._base_manager.using(using).bulk_create(objs)
        return
    fields = [field for field in opts.local_concrete_fields if field is not opts.pk]
    qn = connection.ops.quote_name
    head = (
        f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(field.column) for field in fields)}) "
        "VALUES "
    )
    tail = f" RETURNING {qn(opts.pk.column)}"
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    size = min(size, 65535 // max(1, len(fields)))  # PostgreSQL's bound on parameters
    placeholder = f"({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params = _values(batch, fields, connection)
            sql = head + ", ".join([placeholder] * len(batch)) + tail
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            if len(ids) != len(batch):
                raise RuntimeError(f"{opts.db_table} : {len(ids)} ids pour {len(batch)} lignes")
            for obj, pk in zip(batch, ids, strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = using
