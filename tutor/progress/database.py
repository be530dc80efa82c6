"""Opening the SQLite file safely: durability settings, damage detection and moving a damaged file
aside, schema checks, and the short write transactions every change goes through."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from msgspec import Struct

from tutor.content.whole_file import staged_path
from tutor.progress.contents import version_mismatch
from tutor.progress.diagnosis import (
    SQLITE_BUSY,
    SQLITE_CORRUPT,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    diagnose,
    kind_of_file,
    not_a_file,
    primary_code,
)
from tutor.progress.errors import (
    BackupRefusedError,
    NewerSchemaError,
    StoreReadError,
    StoreUnavailableError,
    StoreWriteError,
)
from tutor.progress.location import (
    create_private_file,
    ensure_private_dir,
    restrict_to_owner,
    side_files,
    unused_sibling,
)
from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version
from tutor.progress.stored_values import first_damaged_value, read_only_uri

T = TypeVar("T")

BUSY_TIMEOUT_SECONDS = 5.0
# SQLite waits BUSY_TIMEOUT_SECONDS inside one call; retries cover the lock states in WAL mode where
# it returns SQLITE_BUSY at once instead of waiting (e.g. another process recovering the WAL after a
# crash), for as long again. Pauses start short and double up to a quarter of a second.
_BUSY_FIRST_DELAY = 0.02
_BUSY_LONGEST_DELAY = 0.25



class OpenedDatabase(Struct, frozen=True):
    connection: sqlite3.Connection
    # Set when a damaged file was moved aside: what happened and where the old file is.
    notice: str | None


def open_database(path: Path, clock: Callable[[], float] = time.time) -> OpenedDatabase:
    """Open (creating if needed, with its folder) the database at `path`, ready for use at
    SCHEMA_VERSION.

    A file SQLite reports as damaged, or whose recorded version does not match its tables, is renamed
    to `<name>.corrupt-<UTC time>` with its -wal/-shm and a fresh database is started. A file from a
    newer schema raises NewerSchemaError before anything is written to it. Any other failure (a full
    or read-only disk, a FIFO in its place, a lock held too long) raises StoreUnavailableError,
    with nothing moved or changed.
    """
    notice = None
    try:
        ensure_private_dir(path.parent)
        _refuse_what_is_not_a_file(path)
        create_private_file(path)
        conn = _connect(path)
        try:
            version, damage = _inspect(conn, path)
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
            version = 0
        try:
            _configure(conn)
            if version < SCHEMA_VERSION:
                # Not when up to date: migrate takes the write lock, and a command that only reads
                # must not wait for another process's write (or fail after the busy timeout).
                retry_when_busy(lambda: migrate(conn))
        except BaseException:
            conn.close()
            raise
    except (sqlite3.Error, OSError) as exc:
        found = diagnose(exc, path, BUSY_TIMEOUT_SECONDS)
        if found is None:
            raise StoreUnavailableError(path, str(exc) or type(exc).__name__) from exc
        raise StoreUnavailableError(path, found.reason, found.advice, found.problem) from exc
    # Only now, so a file we refuse (a newer schema) is left exactly as it was; this also tightens
    # files made by an older tutor or copied in with looser permissions.
    for own_file in (path, *side_files(path)):
        restrict_to_owner(own_file)
    return OpenedDatabase(conn, notice)


def _refuse_what_is_not_a_file(path: Path) -> None:
    """A folder, FIFO, socket or device where the database or its side files should be: SQLite
    would fail on some and wait forever on a FIFO. Nothing is moved: none of these is damage."""
    for own in (path, *side_files(path)):
        kind = kind_of_file(own)
        if kind is not None:
            found = not_a_file(own, path, kind)
            raise StoreUnavailableError(path, found.reason, found.advice, found.problem)


def write_error(exc: BaseException, path: Path, failed: str) -> StoreWriteError | None:
    """The StoreWriteError to raise for `exc`, raised by a write to the database at `path`; None for
    an exception that is a bug rather than trouble with the disk, the file or a lock."""
    found = diagnose(exc, path, BUSY_TIMEOUT_SECONDS)
    if found is None:
        return None
    return StoreWriteError(path, failed, found.reason, found.advice, found.problem)


def read_error(exc: BaseException, path: Path) -> StoreReadError | None:
    """As write_error, for a read."""
    found = diagnose(exc, path, BUSY_TIMEOUT_SECONDS)
    if found is None:
        return None
    return StoreReadError(path, found.reason, found.advice, found.problem)


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


def _inspect(conn: sqlite3.Connection, path: Path) -> tuple[int, str | None]:
    """The recorded version, and a short description of the damage or None if the file is healthy.
    Raises NewerSchemaError."""

    # One read transaction: the version and the tables must be read at the same moment, or another
    # process committing a migration in between would make a healthy file look damaged.
    def snapshot() -> tuple[int, str | None]:
        conn.execute("BEGIN")
        try:
            version = schema_version(conn)
            return version, _damage_in_snapshot(conn, path, version)
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    try:
        return retry_when_busy(snapshot)
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return 0, str(exc)
        raise


def _damage_in_snapshot(conn: sqlite3.Connection, path: Path, found: int) -> str | None:
    # The version comes first and only reads: a newer database must not be changed in any way,
    # not even by switching its journal mode.
    if found > SCHEMA_VERSION:
        raise NewerSchemaError(path, found, SCHEMA_VERSION)
    # quick_check verifies every page and b-tree but not that indexes match their tables; that
    # full integrity_check costs several times more, on every start, for damage it alone finds.
    problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        # One line: SQLite's own report may span several ("*** in database main ***\nPage 1: ...").
        return "integrity check failed: " + "; ".join(" ".join(str(p).split()) for p in problems[:3])
    return version_mismatch(conn, found, MIGRATIONS, kept=path.parent / "cache" / "schema-contents.json")


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
    """Write a complete, consistent copy of the database at `path` to `target` (created 0600),
    whole or not at all (tutor/content/whole_file.py): a full disk or a kill half-way leaves no
    half a backup looking like one, and an existing `target` is never replaced.

    Uses its own connection: SQLite refuses to back up from a connection that holds a write
    transaction (and Python's backup() would retry that forever). A caller holding the write lock on
    another connection still gets a copy of exactly what it is about to change, since a second
    connection can read everything committed while the lock is held.
    """
    with staged_path(target, mode=0o600, overwrite=False) as temporary:
        source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            destination = sqlite3.connect(temporary)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()


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
            _roll_back(conn)
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


def _roll_back(conn: sqlite3.Connection) -> None:
    # After some errors (a full disk, an I/O error) SQLite has rolled back already; if ROLLBACK
    # fails too, the first error is the one worth reporting.
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def retry_when_busy(action: Callable[[], T]) -> T:
    """Call `action`, again after a short pause when SQLite reports the database busy or locked,
    until BUSY_TIMEOUT_SECONDS have passed.

    Only safe for actions that either complete or change nothing, which every transaction here is.
    An action that already waited out the busy timeout is not retried: another process has held the
    lock for seconds, and the caller should hear about it rather than freeze for longer.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    delay = _BUSY_FIRST_DELAY
    while True:
        started = time.monotonic()
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if primary_code(exc) not in (SQLITE_BUSY, SQLITE_LOCKED):
                raise
            now = time.monotonic()
            if now - started >= BUSY_TIMEOUT_SECONDS / 2 or now + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, _BUSY_LONGEST_DELAY)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    return primary_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB)


@contextmanager
def sound_backup(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the backup at `path`, once it has proved to be a sound progress
    database this tutor can read: a schema it knows, pages that pass quick_check, the tables it
    needs, and every value as tutor writes it (tutor/progress/stored_values.py). Restore copies from
    this very connection, so the file checked is the file installed.

    Raises BackupRefusedError saying what is wrong (or NewerSchemaError), before anything is changed.
    """
    if not path.is_file():
        raise BackupRefusedError(path, "there is no such file")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise BackupRefusedError(path, f"it cannot be opened ({exc})") from exc
    try:
        try:
            found = schema_version(conn)
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if found > SCHEMA_VERSION:
                raise NewerSchemaError(path, found, SCHEMA_VERSION)
            damaged = None if problems != ["ok"] else first_damaged_value(conn)
        except sqlite3.DatabaseError as exc:
            raise BackupRefusedError(path, f"it is not a progress database ({exc})") from exc
        if problems != ["ok"]:
            raise BackupRefusedError(path, "it is damaged (SQLite's integrity check failed: "
                                     + "; ".join(" ".join(str(p).split()) for p in problems[:3]) + ")")
        missing = {"answers", "lesson_progress", "quiz_attempts"} - tables
        if missing:
            tables_missing = ", ".join(sorted(missing))
            raise BackupRefusedError(path, f"it is not a progress database of tutor (it has no {tables_missing} table)")
        if damaged is not None:
            raise BackupRefusedError(path, f"it holds a value tutor never writes ({damaged})")
        yield conn
    finally:
        conn.close()
