"""How failures are put into words when the real thing cannot be produced here: Python 3.10 gives
sqlite3 exceptions no error codes, only SQLite's fixed messages, and a bug must stay a bug."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor.progress.diagnosis import diagnose


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("database or disk is full", "disk-full"),
        ("database is locked", "locked"),
        ("database disk image is malformed", "damaged"),
        ("file is not a database", "damaged"),
        ("out of memory", "out-of-memory"),
    ],
)
def test_sqlites_messages_are_understood_without_error_codes(tmp_path: Path, message: str, problem: str) -> None:
    exc = sqlite3.OperationalError(message)  # as Python 3.10 raises it: no sqlite_errorcode
    assert not hasattr(exc, "sqlite_errorcode")
    found = diagnose(exc, tmp_path / "progress.db", busy_timeout=5)
    assert found is not None and found.problem == problem and found.reason


def test_a_disk_io_error_on_a_disk_with_room_is_not_called_full(tmp_path: Path) -> None:
    found = diagnose(sqlite3.OperationalError("disk I/O error"), tmp_path / "progress.db", busy_timeout=5)
    assert found is not None and found.problem == "disk-error" and "is full" not in found.reason


def test_a_bug_is_not_dressed_up_as_trouble_with_the_disk(tmp_path: Path) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("SELEC 1")
    assert diagnose(raised.value, tmp_path / "progress.db", busy_timeout=5) is None
    conn.execute("CREATE TABLE t (x NOT NULL)")
    with pytest.raises(sqlite3.IntegrityError) as violated:
        conn.execute("INSERT INTO t VALUES (NULL)")
    assert diagnose(violated.value, tmp_path / "progress.db", busy_timeout=5) is None
    assert diagnose(ValueError("no"), tmp_path / "progress.db", busy_timeout=5) is None
