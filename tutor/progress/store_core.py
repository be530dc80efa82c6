"""The store's machinery: one connection shared by the app's threads, a transaction per call that
is on disk when it returns, store failures turned into words (tutor/progress/errors.py), and the
learner's settings. The calls by topic build on it (store_learning.py, store_review.py)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from tutor.progress.database import read_error, run_read, run_write, write_error
from tutor.progress.errors import DamagedValueError
from tutor.progress.records import SettingValue, to_datetime
from tutor.progress.stored_values import STRANGE_VALUE_ERRORS, damaged_value_in

T = TypeVar("T")
S = TypeVar("S", bound="StoreCore")
Clock = Callable[[], float]


class StoreCore:
    """The connection, its lock and clock, and the two ways in: `_write` and `_read`."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        *,
        notice: str | None = None,
        clock: Clock = time.time,
    ) -> None:
        self._conn = connection
        self._clock = clock
        # One connection shared by the app's threads: SQLite connections are not safe to use from
        # two threads at once, and the calls are short enough that queueing them costs nothing.
        self._lock = threading.RLock()
        self.path = path
        self.notice = notice

    def now(self) -> datetime:
        """The store's clock as a timezone-aware datetime (the real time, except in tests)."""
        return to_datetime(self._clock())

    # -- settings (global, not per course) ------------------------------------------------------

    def get_setting(self, key: str, default: SettingValue = None) -> SettingValue:
        """A learner setting such as "theme" or "welcome_seen", or `default` if never set."""
        def look(conn: sqlite3.Connection) -> SettingValue:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
            return default if row is None else json.loads(row[0])  # decoded inside: a strange value is damage

        return self._read(look)

    def set_setting(self, key: str, value: SettingValue) -> None:
        """Save a setting; any JSON value (str, number, bool, None, list, dict)."""
        encoded = json.dumps(value)
        self._write(
            lambda c, now: c.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, encoded)
            )
        )

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database. Safe to call twice."""
        with self._lock:
            self._conn.close()

    def __enter__(self: S) -> S:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    def _write(
        self, work: Callable[[sqlite3.Connection, float], T], failed: str = "Your progress could not be saved"
    ) -> T:
        # `failed` opens the learner's message when the write fails: "Your answer could not be saved".
        with self._lock:
            try:
                return run_write(self._conn, lambda conn: work(conn, self._clock()))
            except (sqlite3.Error, OSError) as exc:
                error = write_error(exc, self.path, failed)
                if error is None:
                    raise  # a bug, not trouble with the disk, the file or a lock
                raise error from exc
            except STRANGE_VALUE_ERRORS as exc:
                self._explain_by_damage(exc)
                raise

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return run_read(self._conn, work)
            except sqlite3.Error as exc:
                error = read_error(exc, self.path)
                if error is None:
                    raise
                raise error from exc
            except STRANGE_VALUE_ERRORS as exc:
                self._explain_by_damage(exc)
                raise

    def _explain_by_damage(self, exc: BaseException) -> None:
        """Raise DamagedValueError if the database holds a value tutor never writes, which would
        explain `exc` (text where a time belongs fails as a TypeError); else return, and the caller
        re-raises `exc` as the bug it is."""
        found = damaged_value_in(self._conn)
        if found is not None:
            raise DamagedValueError(self.path, found) from exc


def check_fraction(name: str, value: float) -> None:
    if not (isinstance(value, (int, float)) and 0 <= value <= 1):
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")


def check_ids(name: str, ids: Sequence[str]) -> None:
    # A bare string is a sequence too, and would be stored as a list of its characters.
    if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
        raise TypeError(f"{name} must be a list of id strings, not {ids!r}")
