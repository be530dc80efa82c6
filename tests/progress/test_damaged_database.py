"""A damaged database is moved aside (never deleted) and the learner is told where it went; a database
from a newer tutor is never touched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tutor.progress import (
    SCHEMA_VERSION,
    NewerSchemaError,
    ProgressStoreError,
    StoreUnavailableError,
    open_store,
)
from tutor.progress.database import move_aside


def filled_database() -> Path:
    """A real progress database with enough rows to span many pages, closed cleanly."""
    with open_store() as store:
        for n in range(300):
            store.record_answer("demo", "intro-quiz", f"q{n}", chosen=["a"] * 5, correct=True,
                                score=1.0, seconds=1.0, content_hash="h" * 16)
        return store.path


def truncate_to_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def truncate_inside_the_header(path: Path) -> None:
    os.truncate(path, 60)


def zero_everything(path: Path) -> None:
    path.write_bytes(bytes(path.stat().st_size))


def random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def scribble_over_a_middle_page(path: Path) -> None:
    # The header is intact, so SQLite opens the file; only checking the pages finds the damage.
    page_size = 4096
    data = bytearray(path.read_bytes())
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [truncate_to_half, truncate_inside_the_header, zero_everything, random_bytes, scribble_over_a_middle_page],
)
def test_a_damaged_database_is_moved_aside_and_a_fresh_one_started(
    damage: Callable[[Path], None],
) -> None:
    path = filled_database()
    with open_store():  # a start after the first keeps what each version must contain (contents.py)
        pass
    assert (path.parent / "cache" / "schema-contents.json").exists()
    damage(path)
    damaged_bytes = path.read_bytes()
    stray_wal = path.with_name("progress.db-wal")
    stray_wal.write_bytes(b"left over by a crash")

    with open_store() as store:
        assert store.notice is not None
        (moved,) = [p for p in path.parent.glob("progress.db.corrupt-*")
                    if not p.name.endswith(("-wal", "-shm"))]
        assert moved.read_bytes() == damaged_bytes  # moved, not rewritten
        assert str(moved) in store.notice and "moved aside" in store.notice
        # The old WAL must never be replayed into the new database.
        assert not stray_wal.exists() or b"left over by a crash" not in stray_wal.read_bytes()
        # The fresh database works.
        assert store.export_rows() == []
        store.record_lesson_opened("demo", "intro")
        assert store.lesson_states("demo")["intro"].status == "reading"

    check = sqlite3.connect(path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    finally:
        check.close()


def test_moving_aside_takes_the_wal_and_shm_along_under_names_sqlite_will_find(tmp_path: Path) -> None:
    path = tmp_path / "progress.db"
    for name, content in (("progress.db", b"db"), ("progress.db-wal", b"wal"), ("progress.db-shm", b"shm")):
        (tmp_path / name).write_bytes(content)
    moved = move_aside(path, now=1_800_000_000.0)
    assert moved.name == "progress.db.corrupt-20270115T080000Z"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        moved.name, moved.name + "-shm", moved.name + "-wal"
    ]
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal"
    (tmp_path / "progress.db").write_bytes(b"damaged again in the same second")
    assert move_aside(path, now=1_800_000_000.0).name == moved.name + "-2"


def test_a_healthy_database_is_left_in_place_without_a_notice() -> None:
    path = filled_database()
    with open_store() as store:
        assert store.notice is None
        assert len(store.export_rows()) == 300
    assert list(path.parent.glob("*corrupt*")) == []


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_database_from_a_newer_tutor_is_refused_and_left_byte_for_byte(
    tutor_home: Path, journal_mode: str
) -> None:
    tutor_home.mkdir()
    path = tutor_home / "progress.db"
    newer = sqlite3.connect(path, isolation_level=None)
    newer.execute(f"PRAGMA journal_mode = {journal_mode}")
    newer.execute("CREATE TABLE from_the_future (x)")
    newer.execute("INSERT INTO from_the_future VALUES ('keep me')")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.close()
    os.chmod(path, 0o644)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    mode_before = path.stat().st_mode

    with pytest.raises(NewerSchemaError) as raised:
        open_store()

    message = str(raised.value)
    assert str(path) in message
    assert f"schema version {SCHEMA_VERSION + 1}" in message and "newer version of tutor" in message
    assert "untouched" in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert path.stat().st_mode == mode_before  # not even its permissions
    assert sorted(p.name for p in tutor_home.iterdir()) == ["progress.db"]


def test_a_folder_that_cannot_be_created_is_reported_in_words(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailableError) as raised:
        open_store(blocker / "data")
    assert isinstance(raised.value, ProgressStoreError)
    assert "Could not open the progress database" in str(raised.value)
    assert str(blocker / "data") in str(raised.value)


# -- a recorded version that does not match what is in the file ---------------------------------


def set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def drop_table(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"DROP TABLE {table}")
        conn.commit()
    finally:
        conn.close()


def version_minus_one(path: Path) -> None:
    set_version(path, -1)


def sign_bit_flipped(path: Path) -> None:
    # One flipped bit in the header's user_version field: the sign bit of a 32-bit integer.
    set_version(path, SCHEMA_VERSION - 2**31)


def version_zero_with_our_tables(path: Path) -> None:
    set_version(path, 0)


def an_older_version_with_a_later_versions_tables(path: Path) -> None:
    set_version(path, SCHEMA_VERSION - 1)


def the_current_version_with_a_table_missing(path: Path) -> None:
    drop_table(path, "review_queue")


def an_older_version_with_a_table_missing(path: Path) -> None:
    drop_table(path, "review_queue")
    drop_table(path, "settings")
    set_version(path, SCHEMA_VERSION - 1)


@pytest.mark.parametrize(
    "damage",
    [version_minus_one, sign_bit_flipped, version_zero_with_our_tables,
     an_older_version_with_a_later_versions_tables, the_current_version_with_a_table_missing,
     an_older_version_with_a_table_missing],
)
def test_a_recorded_version_that_does_not_match_the_tables_is_damage(
    damage: Callable[[Path], None],
) -> None:
    path = filled_database()
    with open_store():  # a start after the first keeps what each version must contain (contents.py)
        pass
    assert (path.parent / "cache" / "schema-contents.json").exists()
    damage(path)
    damaged_bytes = path.read_bytes()

    with open_store() as store:
        assert store.notice is not None, "the mismatch went unnoticed"
        assert "schema version" in store.notice and "moved aside" in store.notice
        (moved,) = [p for p in path.parent.glob("progress.db.corrupt-*")
                    if not p.name.endswith(("-wal", "-shm"))]
        assert moved.read_bytes() == damaged_bytes  # not migrated, not repaired: moved as it was
        store.record_answer("demo", "intro-quiz", "q1", chosen=["a"], correct=True, score=1.0,
                            seconds=1.0, content_hash="h")
        store.set_review("demo", "intro-quiz", "q1", due_at=datetime.now(timezone.utc), interval_days=1)
        store.set_setting("theme", "nord")
    with open_store() as again:  # and the next start does not find fault with the new file
        assert again.notice is None
        assert len(again.export_rows()) == 1


@pytest.mark.parametrize("kept", [
    b"not json at all",
    b'{"key": 1, "expected": {"by_version": [], "known": []}}',
    None,  # the right key, but every version said to hold nothing
])
def test_kept_contents_that_are_wrong_never_make_a_healthy_file_look_damaged(kept: bytes | None) -> None:
    # What each version must contain is kept between starts, to save deriving it (tutor/progress/
    # contents.py): a damaged, stale or edited copy may only cost that time again, never the
    # learner's progress moved aside.
    path = filled_database()
    with open_store():
        pass
    copy = path.parent / "cache" / "schema-contents.json"
    if kept is None:
        import json

        record = json.loads(copy.read_bytes())
        record["expected"]["by_version"] = [[] for _ in record["expected"]["by_version"]]
        kept = json.dumps(record).encode()
    copy.write_bytes(kept)
    with open_store() as store:
        assert store.notice is None
        assert len(store.export_rows()) == 300
    assert list(path.parent.glob("*corrupt*")) == []


def test_tables_someone_added_by_hand_are_not_damage() -> None:
    path = filled_database()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE my_notes (text)")
    conn.commit()
    conn.close()
    with open_store() as store:
        assert store.notice is None
        assert len(store.export_rows()) == 300
