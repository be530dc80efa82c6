"""Opening the SQLite file safely: durability settings, damage detection and moving a damaged file
aside, schema checks, and the short write transactions every change goes through."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from msgspec import Struct

from tutor.progress.contents import version_mismatch
from tutor.progress.errors import NewerSchemaError, StoreUnavailableError
from tutor.progress.location import (
    create_private_file,
    restrict_to_owner,
    side_files,
    unused_sibling,
)
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version

T = TypeVar("T")

BUSY_TIMEOUT_SECONDS = 5.0
# SQLite waits BUSY_TIMEOUT_SECONDS inside one call; these retries cover the few lock states in WAL
# mode where it returns SQLITE_BUSY at once instead of waiting (e.g. another process recovering the WAL).
_BUSY_RETRIES = 4
_BUSY_FIRST_DELAY = 0.02

# Primary result codes (the low byte of an extended code).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class OpenedDatabase(Struct, frozen=True):
    connection: sqlite3.Connection
    # Set when a damaged file was moved aside: what happened and where the old file is.
    notice: str | None


def open_database(path: Path, clock: Callable[[], float] = time.time) -> OpenedDatabase:
    """Open (creating if needed) the database at `path`, ready for use at SCHEMA_VERSION.

    A file SQLite reports as damaged is renamed to `<name>.corrupt-<UTC time>` with its -wal/-shm and
    a fresh database is started. A file from a newer schema raises NewerSchemaError before anything is
    written to it. Any other failure raises StoreUnavailableError.
    """
    notice = None
    try:
        create_private_file(path)
        conn = _connect(path)
        try:
            damage = _find_damage(conn, path)
        except BaseException:
            conn.close()
            raise
        if damage is not None:
            conn.close()
            moved = move_aside(path, clock())
            notice = (
                f"Your progress database could not be read ({damage}). It was moved aside to "
                f"{moved} and a new, empty one was started at {path}."
            )
            create_private_file(path)
            conn = _connect(path)
        try:
            _configure(conn)
            retry_when_busy(lambda: migrate(conn))
        except BaseException:
            conn.close()
            raise
    except (sqlite3.Error, OSError) as exc:
        raise StoreUnavailableError(path, _reason(exc)) from exc
    # Only now, so a file we refuse (a newer schema) is left exactly as it was; this also tightens
    # files made by an older tutor or copied in with looser permissions.
    for own_file in (path, *side_files(path)):
        restrict_to_owner(own_file)
    return OpenedDatabase(conn, notice)


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: the sqlite3 module must not open transactions behind our back; every
    # write is an explicit BEGIN IMMEDIATE ... COMMIT (see run_write). check_same_thread=False lets
    # the app call from worker threads; ProgressStore serialises access with a lock.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
    )
    # Per connection, and only outside a transaction, so it is set here once.
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _find_damage(conn: sqlite3.Connection, path: Path) -> str | None:
    """A short description of the damage, or None if the file is healthy. Raises NewerSchemaError."""
    # One read transaction: the version and the tables must be read at the same moment, or another
    # process committing a migration in between would make a healthy file look damaged.
    try:
        conn.execute("BEGIN")
        try:
            return _damage_in_snapshot(conn, path)
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise


def _damage_in_snapshot(conn: sqlite3.Connection, path: Path) -> str | None:
    # The version comes first and only reads: a newer database must not be changed in any way,
    # not even by switching its journal mode.
    found = schema_version(conn)
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found, SCHEMA_VERSION)
    # quick_check verifies every page and b-tree but not that indexes match their tables; that
    # full integrity_check costs several times more, on every start, for damage it alone finds.
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        return "integrity check failed: " + "; ".join(problems[:3])
    return version_mismatch(conn, found, MIGRATIONS)


def _configure(conn: sqlite3.Connection) -> None:
    # WAL: readers never block the writer and a commit appends to one file, so a process killed at
    # any moment leaves either the whole transaction or none of it. The mode is stored in the file.
    retry_when_busy(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone())
    # FULL syncs the WAL on every commit: an acknowledged answer survives a power cut as well as a
    # killed process. It costs well under a millisecond per answer (see docs/performance.md).
    conn.execute("PRAGMA synchronous = FULL")


def move_aside(path: Path, now: float) -> Path:
    """Rename a damaged database (and its -wal/-shm, which belong to it) out of the way; return the
    new path. The side files keep SQLite's naming (`<new name>-wal`) so the copy can still be opened
    with its WAL for rescue."""
    target = unused_sibling(path, "corrupt", now)
    os.replace(path, target)
    for side, new_side in zip(side_files(path), side_files(target)):
        if side.exists():
            os.replace(side, new_side)
    return target


def copy_database(path: Path, target: Path) -> None:
    """Write a complete, consistent copy of the database at `path` to `target` (created 0600).

    Uses its own connection: SQLite refuses to back up from a connection that holds a write
    transaction (and Python's backup() would retry that forever). A caller holding the write lock on
    another connection still gets a copy of exactly what it is about to change, since a second
    connection can read everything committed while the lock is held.
    """
    create_private_file(target)
    source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    restrict_to_owner(target)


def run_write(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work` in one BEGIN IMMEDIATE transaction and commit before returning.

    IMMEDIATE takes the write lock up front, so two processes queue on the busy timeout instead of
    one failing when it tries to upgrade a read into a write. When this returns, the change is on disk.
    """

    def attempt() -> T:
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return result

    return retry_when_busy(attempt)


def run_read(conn: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run `work` in one read transaction, so its queries all see the same snapshot."""

    def attempt() -> T:
        conn.execute("BEGIN")
        try:
            return work(conn)
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    return retry_when_busy(attempt)


def retry_when_busy(action: Callable[[], T]) -> T:
    """Call `action`, again after a short pause when SQLite reports the database busy or locked.

    Only safe for actions that either complete or change nothing, which every transaction here is.
    An action that already waited out the busy timeout is not retried: another process has held the
    lock for seconds, and the caller should hear about it rather than freeze for longer.
    """
    delay = _BUSY_FIRST_DELAY
    for _ in range(_BUSY_RETRIES):
        started = time.monotonic()
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if _primary_code(exc) not in (_SQLITE_BUSY, _SQLITE_LOCKED):
                raise
            if time.monotonic() - started >= BUSY_TIMEOUT_SECONDS / 2:
                raise
        time.sleep(delay)
        delay *= 2
    return action()


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return _primary_code(exc) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return int(code) & 0xFF
    # Python 3.10 has no error codes on exceptions; SQLite's messages for these are fixed strings.
    message = str(exc)
    for text, primary in (
        ("database is locked", _SQLITE_BUSY),
        ("database table is locked", _SQLITE_LOCKED),
        ("database disk image is malformed", _SQLITE_CORRUPT),
        ("file is not a database", _SQLITE_NOTADB),
    ):
        if text in message:
            return primary
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower() + (f" ({exc.filename})" if exc.filename else "")
    return str(exc) or type(exc).__name__
