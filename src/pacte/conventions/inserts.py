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
SQLite receives multi-row ``VALUES`` in batches of 999 parameters, as Django sends them;
PostgreSQL one array per column (``INSERT … SELECT * FROM unnest(…)``): psycopg's
client-side binding parses a statement's placeholders in Python, which cost more than
writing the rows once a statement held thousands of them.

Writes whose result nobody reads (``values_insert(…, leaf=True)``, ``write_later``) can
be gathered inside ``writes_gathered()``: PostgreSQL then receives them together, as one
statement whose parts are data-modifying ``WITH`` queries, when the block ends: storing a
convention or its calendar costs one round trip for all its leaf rows instead of one per
table. Elsewhere (SQLite, in the process: no round trip to save) each runs at once.

Example: ``rows_insert([Party(convention_id=1, position=0, key="ville", …), …])``.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import (
    NOT_PROVIDED,
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

__all__ = ["at_end", "rows_insert", "values_insert", "write_later", "writes_gathered"]

Prepare = Callable[[Any], Any]
MODIFIERS = re.compile(r"\(.*?\)")
"""A type's modifiers: ``varchar(60)`` → ``varchar``, ``numeric(14, 2)`` → ``numeric``."""

TEXT = (CharField, TextField)
"""Fields whose ``str`` values are sent as they are (``get_db_prep_save`` returns them)."""
IDS = (AutoField, BigAutoField)
"""Ids (and the keys pointing to them): an ``int`` is sent as it is, Django only checks
it (``validate_autopk_value``, which accepts any on SQLite and PostgreSQL)."""
NUMBERS = (
    BigIntegerField,
    IntegerField,
    PositiveIntegerField,
    PositiveSmallIntegerField,
    SmallIntegerField,
)
"""Fields whose ``int`` values only go through the backend's integer adapter."""


Gathered = list[tuple[str, str, list[Any]] | Callable[[], Any]]
"""Statements held (table, SQL, parameters) and steps to run after them, in order."""
_GATHERED: ContextVar[tuple[str, Gathered] | None] = ContextVar("pacte_gathered", default=None)
"""The open ``writes_gathered`` block: its database and what it holds, in order."""


@contextmanager
def writes_gathered(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Hold the writes issued inside by ``write_later`` (and ``values_insert(…,
    leaf=True)``) and send them when the block ends, on PostgreSQL as one statement,
    then run the steps given to ``at_end``. A block inside another joins it; on another
    database, or on SQLite, every write runs at once. An exception inside sends
    nothing (the caller's transaction is rolled back).

    Only for writes nothing inside the block reads back: a query inside the block does
    not see them.
    """
    if _GATHERED.get() is not None or connections[using].vendor != "postgresql":
        yield
        return
    held: Gathered = []
    token = _GATHERED.set((using, held))
    try:
        yield
    finally:
        _GATHERED.reset(token)
    _send(held, using)


def _held(using: str) -> Gathered | None:
    gathered = _GATHERED.get()
    return gathered[1] if gathered is not None and gathered[0] == using else None


def write_later(
    sql: str, params: Sequence[Any], *, table: str, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Run this data-modifying statement (no ``RETURNING``) on ``table``, now or,
    inside ``writes_gathered``, with the other writes of the block.

    The parts of one statement run in no set order: a second write to a table the block
    already holds one for sends what is held first, so that rows written later get
    later ids."""
    held = _held(using)
    if held is not None:
        if any(isinstance(item, tuple) and item[0] == table for item in held):
            _send_statements(held, using)
        held.append((table, sql, list(params)))
        return
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)


def at_end(step: Callable[[], Any], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Run ``step`` after the writes held so far: now, or at the end of the
    ``writes_gathered`` block, once they are sent."""
    held = _held(using)
    if held is None:
        step()
    else:
        held.append(step)


def _send_statements(held: Gathered, using: str) -> None:
    """Send the statements held as one (each but the last a ``WITH`` part), and take
    them out of ``held``; the steps stay."""
    statements = [item for item in held if isinstance(item, tuple)]
    if not statements:
        return
    parts = [f"w{index} AS ({sql})" for index, (_, sql, _) in enumerate(statements[:-1])]
    sql = (f"WITH {', '.join(parts)} " if parts else "") + statements[-1][1]
    params = [param for _, _, own in statements for param in own]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
    held[:] = [item for item in held if not isinstance(item, tuple)]


def _send(held: Gathered, using: str) -> None:
    """The statements held, then the steps."""
    _send_statements(held, using)
    for step in held:
        step()  # type: ignore[operator]


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
        known: dict[datetime, Any] = {}  # a batch's rows share the moment they are computed

        def moment(value: Any) -> Any:
            if value.__class__ is datetime and value.utcoffset() is not None:
                if value not in known:
                    known[value] = ops.adapt_datetimefield_value(value)
                return known[value]
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
    base = BaseDatabaseOperations
    if type(field) in IDS and type(ops).validate_autopk_value is base.validate_autopk_value:

        def key(value: Any) -> Any:
            return value if value.__class__ is int or value is None else django(value)

        return key
    if type(field) in NUMBERS:
        internal = field.get_internal_type()
        adapt = ops.adapt_integerfield_value
        if type(ops).adapt_integerfield_value is base.adapt_integerfield_value:
            return lambda value: value if value.__class__ is int or value is None else django(value)

        def typed_number(value: Any) -> Any:
            return adapt(value, internal) if value.__class__ is int else django(value)

        return typed_number
    return django


def _parents_taken(objs: Sequence[Model], fields: list[Field]) -> None:
    """A key set from a parent row before that row had an id takes the id now, as
    ``bulk_create`` does; a parent still without one is refused."""
    for field in fields:
        if not field.is_relation:
            continue
        attname = field.attname
        for obj in objs:
            if getattr(obj, attname) is None and field.is_cached(obj):
                parent = getattr(obj, field.name)
                if parent is not None and parent.pk is None:
                    raise ValueError(f"{field.name} n'est pas enregistré : {obj!r}")
                setattr(obj, attname, getattr(parent, "pk", None))


def _insert(
    model: type[Model], columns: list[list[Any]], using: str, *, leaf: bool = False
) -> list[int]:
    """Write the rows whose values (one list per column of ``model`` but its id, in
    the order of its fields) are given; returns their ids, in order. ``leaf``: nobody
    needs the ids; inside ``writes_gathered`` on PostgreSQL, the rows are written with
    the block's other writes and no id is returned."""
    opts = model._meta
    connection = connections[using]
    fields = _fields(model)
    count = len(columns[0]) if columns else 0
    prepared = [
        [prepare(value) for value in column]
        for prepare, column in zip(
            (_preparation(field, connection) for field in fields), columns, strict=True
        )
    ]
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(field.column) for field in fields)}) "
    tail = f" RETURNING {qn(opts.pk.column)}"
    if connection.vendor == "postgresql":
        # one array per column: a short statement, where thousands of placeholders cost
        # psycopg more to parse (client-side binding) than the rows cost to write
        # arrays of the bare type (varchar, numeric): a cast to varchar(60) would cut a
        # longer text silently, where writing it to the column refuses it, as VALUES did
        bare = [MODIFIERS.sub("", field.db_type(connection)) for field in fields]
        arrays = ", ".join(f"%s::{kind}[]" for kind in bare)
        if leaf and _held(using) is not None:
            statement = f"{head}SELECT * FROM unnest({arrays})"
            write_later(statement, prepared, table=opts.db_table, using=using)
            return []
        with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
            cursor.execute(f"{head}SELECT * FROM unnest({arrays}){tail}", prepared)
            ids = [row[0] for row in cursor.fetchall()]
        if len(ids) != count:
            raise RuntimeError(f"{opts.db_table} : {len(ids)} ids pour {count} lignes")
        return ids
    head += "VALUES "
    size = max(1, connection.ops.bulk_batch_size(fields, range(count)))
    size = min(size, 65535 // max(1, len(fields)))  # the usual bound on parameters
    placeholder = f"({', '.join(['%s'] * len(fields))})"
    ids: list[int] = []
    # all the batches or none, as bulk_create (no savepoint inside the caller's transaction)
    with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
        for start in range(0, count, size):
            params: list[Any] = []
            for row in zip(*(column[start : start + size] for column in prepared), strict=True):
                params += row
            rows = len(params) // len(fields)
            cursor.execute(head + ", ".join([placeholder] * rows) + tail, params)
            ids += [row[0] for row in cursor.fetchall()]
    if len(ids) != count:
        raise RuntimeError(f"{opts.db_table} : {len(ids)} ids pour {count} lignes")
    return ids


def _fields(model: type[Model]) -> list[Field]:
    opts = model._meta
    if opts.parents:
        raise ValueError(f"modèle hérité non pris en charge : {model.__name__}")
    fields = [field for field in opts.local_concrete_fields if field is not opts.pk]
    if not fields:
        raise ValueError(f"{model.__name__} : aucune colonne à écrire")
    return fields


def _can_return(using: str) -> bool:
    return bool(connections[using].features.can_return_rows_from_bulk_insert)


def rows_insert(rows: Iterable[Model], *, using: str | None = None) -> None:
    """Insert these new rows of one model (no id yet), as ``bulk_create`` would: the
    same values, the same order, their ids set on them."""
    objs = list(rows)
    if not objs:
        return
    model = type(objs[0])
    if any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError(f"rows_insert : nouvelles lignes d'un seul modèle attendues ({model})")
    using = using or router.db_for_write(model)
    if not _can_return(using):  # SQLite before 3.35
        model._base_manager.using(using).bulk_create(objs)
        return
    fields = _fields(model)
    _parents_taken(objs, fields)
    columns = [
        [field.pre_save(obj, True) for obj in objs]
        if _own_pre_save(field)
        else [getattr(obj, field.attname) for obj in objs]
        for field in fields
    ]
    for obj, pk in zip(objs, _insert(model, columns, using), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = using


def values_insert(
    model: type[Model],
    rows: Iterable[dict[str, Any]],
    *,
    using: str | None = None,
    leaf: bool = False,
) -> list[int]:
    """Insert rows of ``model`` given as their values by column (``attname``:
    ``convention_id``, not ``convention``), as ``bulk_create`` would insert
    ``model(**row)``; returns their ids, in order. A column not given takes the field's
    default, as ``model(**row)`` would.

    For the rows no caller needs as objects: building a model instance cost more than
    writing it. ``leaf``: the caller needs no id (rows nothing points to); inside
    ``writes_gathered`` on PostgreSQL, they are written when the block ends and no id is
    returned.
    """
    given = list(rows)
    if not given:
        return []
    using = using or router.db_for_write(model)
    if not _can_return(using):  # SQLite before 3.35
        objs = [model(**row) for row in given]
        model._base_manager.using(using).bulk_create(objs)
        return [obj.pk for obj in objs]
    fields = _fields(model)
    known = {field.attname for field in fields}
    for row in given:
        if not row.keys() <= known:
            raise ValueError(f"{model.__name__} : colonne inconnue {sorted(row.keys() - known)}")
    columns = []
    for field in fields:
        if _own_pre_save(field) or field.db_default is not NOT_PROVIDED:
            raise ValueError(f"{model.__name__}.{field.name} : valeur calculée à l'écriture")
        name = field.attname
        if callable(field.default):  # a new default for each row, as model(**row)
            columns.append([row[name] if name in row else field.get_default() for row in given])
        else:
            default = field.get_default()
            columns.append([row.get(name, default) for row in given])
    return _insert(model, columns, using, leaf=leaf)
