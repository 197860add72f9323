"""Django's SQLite backend, with the writers of one process queued in Python.

SQLite allows one writer at a time; a writer that finds the database locked sleeps in
SQLite's busy handler, holding its connection's mutex. If, meanwhile, the thread that
holds the write lock runs Python's garbage collector and it frees a cursor of that
sleeping connection, it waits for that mutex while holding the GIL: the writer cannot
finish, the sleeper times out ("database is locked") after ``timeout`` seconds. Under
ten threads writing at once, that turned every request into a 20 s wait.

Here every write (a transaction from its ``BEGIN IMMEDIATE`` to its end, or one writing
statement outside a transaction) first takes a lock shared by the process's connections
to the same file, waiting in Python (GIL released, no SQLite mutex held). SQLite's own
lock and busy timeout still order the writers of different processes.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base

_LOCKS: dict[str, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()
READS = ("SELECT", "PRAGMA", "EXPLAIN", "WITH")


def _lock_for(name: str) -> threading.RLock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(name, threading.RLock())


class DatabaseWrapper(base.DatabaseWrapper):
    _write_lock_held = False

    def _write_lock(self) -> threading.RLock:
        return _lock_for(str(self.settings_dict["NAME"]))

    def _acquire(self) -> None:
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        if not self._write_lock().acquire(timeout=timeout):
            raise OperationalError("database is locked")
        self._write_lock_held = True

    def _release(self) -> None:
        if self._write_lock_held:
            self._write_lock_held = False
            self._write_lock().release()

    def _start_transaction_under_autocommit(self) -> None:
        self._acquire()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()
        finally:
            self._release()

    def _rollback(self) -> None:
        try:
            super()._rollback()
        finally:
            self._release()

    def _close(self) -> None:
        try:
            super()._close()
        finally:
            self._release()

    def create_cursor(self, name: str | None = None) -> Any:
        cursor = self.connection.cursor(factory=QueuedCursorWrapper)
        cursor.wrapper = self
        return cursor


class QueuedCursorWrapper(base.SQLiteCursorWrapper):
    """A writing statement outside a transaction takes the process's write lock too."""

    wrapper: DatabaseWrapper

    def _queued(self, query: str) -> bool:
        return not self.connection.in_transaction and not query.lstrip().upper().startswith(READS)

    def execute(self, query: str, params: Any = None) -> Any:
        if self.wrapper._write_lock_held or not self._queued(query):
            return super().execute(query, params)
        self.wrapper._acquire()
        try:
            return super().execute(query, params)
        finally:
            self.wrapper._release()

    def executemany(self, query: str, param_list: Any) -> Any:
        if self.wrapper._write_lock_held or not self._queued(query):
            return super().executemany(query, param_list)
        self.wrapper._acquire()
        try:
            return super().executemany(query, param_list)
        finally:
            self.wrapper._release()
