"""SQLITE_BUSY at once, without SQLite's busy handler waiting: it happens in WAL mode while another
process recovers the log after a crash, and the long profile of tests/reliability/test_store_kills.py
met it (a writer gave up 0.3 s after its neighbour was killed). It cannot be produced on demand,
so these stand in for it with an action that answers "database is locked" at once for a while."""

from __future__ import annotations

import sqlite3
import time

import pytest

from tutor.progress.database import BUSY_TIMEOUT_SECONDS, retry_when_busy


class BusyFor:
    """Answers "database is locked" at once until `seconds` have passed, then succeeds."""

    def __init__(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if time.monotonic() < self.until:
            raise sqlite3.OperationalError("database is locked")
        return "done"


def test_busy_answered_at_once_is_ridden_out_for_as_long_as_the_busy_timeout() -> None:
    action = BusyFor(BUSY_TIMEOUT_SECONDS / 4)
    assert retry_when_busy(action) == "done"
    assert action.calls > 1


def test_busy_that_outlasts_the_busy_timeout_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.progress import database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.5)  # a shorter wait for the same rule
    action = BusyFor(3)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        retry_when_busy(action)
    assert time.monotonic() < action.until  # it gave up, rather than wait for ever


def test_other_errors_are_not_retried() -> None:
    calls = []

    def broken() -> None:
        calls.append(1)
        raise sqlite3.OperationalError("no such table: answers")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        retry_when_busy(broken)
    assert len(calls) == 1
