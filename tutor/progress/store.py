"""ProgressStore: the one object the app and the CLI use to record and read a learner's progress.

Every record_* / set_* / finish_* call is its own short transaction, committed (and synced to disk)
before it returns, so whatever the caller has been told is saved stays saved if the process dies next.
The calls are written by topic (store_learning.py: lessons and quizzes; store_review.py: readiness,
reviews, rule changes; store_guides.py: drafts kept from guides; store_core.py: the machinery and
settings); this module opens the store and holds what spans every course's tables (summary, export,
reset, restore).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tutor.progress.database import copy_database, open_database
from tutor.progress.location import DB_FILENAME, resolve_data_dir, unused_sibling
from tutor.progress.records import CourseSummary, ExportRow, RecordedCounts
from tutor.progress.schema import COURSE_TABLES
from tutor.progress.store_core import Clock
from tutor.progress.store_guides import GuideCalls
from tutor.progress.store_learning import LearningCalls, Reschedule
from tutor.progress.store_review import ReviewCalls
from tutor.progress.summary import build_summary

if TYPE_CHECKING:
    from tutor.content.model import Course

__all__ = ["Clock", "ProgressStore", "Reschedule", "existing_store", "memory_store", "open_store"]


def open_store(
    data_dir: str | os.PathLike[str] | None = None, *, clock: Clock = time.time
) -> ProgressStore:
    """Open the learner's progress database, creating it (and its folder) on first use.

    The folder is `data_dir`, else $TUTOR_HOME, else the platform's user data folder. If the file
    was damaged it is moved aside and `store.notice` says so; show that message to the learner.
    Raises NewerSchemaError for a database from a newer tutor, StoreUnavailableError when the file
    cannot be opened at all. `clock` (seconds since the epoch) is for tests.

    On the store, every call that changes something raises StoreWriteError when the change could not
    be saved (a full disk, a read-only file, a lock held too long), with the database as it was
    before the call; every call that reads raises StoreReadError the same way.
    """
    path = resolve_data_dir(data_dir) / DB_FILENAME
    opened = open_database(path, clock)
    return ProgressStore(opened.connection, path, notice=opened.notice, clock=clock)


def memory_store(clock: Clock = time.time) -> ProgressStore:
    """An empty store that lives in memory, at the current schema: what reading commands use when no
    progress was ever recorded, so that looking creates no file."""
    from tutor.progress.schema import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn)
    return ProgressStore(conn, Path(":memory:"), clock=clock)


def existing_store(data_dir: str | os.PathLike[str] | None = None, *, clock: Clock = time.time) -> ProgressStore:
    """The learner's store if a database exists there, else an empty one in memory (nothing is
    created on disk: for commands that only read)."""
    if (resolve_data_dir(data_dir) / DB_FILENAME).exists():
        return open_store(data_dir, clock=clock)
    return memory_store(clock)


class ProgressStore(LearningCalls, ReviewCalls, GuideCalls):
    """A learner's progress: lessons, quiz attempts and answers, readiness checks, the review queue
    and settings. Everything except settings is kept per course id. Obtain one with `open_store`."""

    # -- whole-course views -------------------------------------------------------------------

    def summary(self, course: Course) -> CourseSummary:
        """Per module: lessons done of total, quiz scores, last activity; readiness attempts; and
        the overall fraction. Uses only the course's ids (modules, lessons, the quiz index): no
        lesson body or quiz question is read."""
        return build_summary(course, self._read)

    def export_rows(self, course_id: str | None = None, course: Course | None = None) -> list[ExportRow]:
        """Every quiz attempt, answer and readiness attempt, for one course or (None) all, in a list
        (for a few; write_export streams any number). With `course`, its answers carry the
        question's text and the options chosen in words."""
        from tutor.progress.export import export_rows  # only `tutor export` needs it

        return self._read(lambda c: list(export_rows(c, course_id, course)))

    def write_export(self, out: IO[str], fmt: str, course_id: str | None = None, course: Course | None = None) -> int:
        """Write every record to `out` as `fmt` ("json" or "csv", tutor/progress/export.py), row by
        row from one consistent snapshot; returns how many records were written."""
        from tutor.progress.export import write_export

        return self._read(lambda c: write_export(c, out, fmt, course_id, course))

    def has_progress(self, course_id: str | None = None) -> bool:
        """Whether anything is recorded for the course (or for any course, when None)."""

        def look(conn: sqlite3.Connection) -> bool:
            for table in COURSE_TABLES:
                where, params = ("WHERE course_id = ?", (course_id,)) if course_id is not None else ("", ())
                if conn.execute(f"SELECT 1 FROM {table} {where} LIMIT 1", params).fetchone():
                    return True
            return False

        return self._read(look)

    def recorded_counts(self, course_id: str | None = None) -> RecordedCounts:
        """How much is recorded for the course (or every course, when None): what a reset erases."""
        tables = ("lesson_progress", "answers", "quiz_attempts", "readiness_attempts", "review_queue")

        def count(conn: sqlite3.Connection) -> RecordedCounts:
            where, params = ("WHERE course_id = ?", (course_id,)) if course_id is not None else ("", ())
            found = [conn.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()[0] for table in tables]
            return RecordedCounts(*found)

        return self._read(count)

    def course_ids(self) -> list[str]:
        """Every course id with recorded progress, sorted."""

        def look(conn: sqlite3.Connection) -> list[str]:
            found: set[str] = set()
            for table in COURSE_TABLES:
                found.update(row[0] for row in conn.execute(f"SELECT DISTINCT course_id FROM {table}"))
            return sorted(found)

        return self._read(look)

    def restore(self, backup: Path) -> Path:
        """Replace the whole database with a backup written by `reset` (or any copy of a progress
        database); the database as it was is copied aside first. Returns that copy's path.
        Raises ProgressStoreError (BackupRefusedError, saying what is wrong) when `backup` is not a
        sound progress database; the progress is then exactly as it was."""
        from tutor.progress.database import sound_backup
        from tutor.progress.schema import migrate

        with sound_backup(backup) as source:
            before = unused_sibling(self.path, "backup", self._clock())

            def copy_aside(conn: sqlite3.Connection, now: float) -> None:
                copy_database(self.path, before)

            self._write(copy_aside)
            with self._lock:
                source.backup(self._conn)
                migrate(self._conn)  # a backup from an older tutor is brought up to date
        return before

    def reset(self, course_id: str | None = None) -> Path:
        """Erase the progress of one course, or of every course when None; settings are kept.

        A complete copy of the database (every course) is written next to it first, while the
        write lock is held, so nothing can be recorded between the copy and the erase. Returns the
        copy's path.
        """
        backup = unused_sibling(self.path, "backup", self._clock())

        def copy_then_erase(conn: sqlite3.Connection, now: float) -> None:
            copy_database(self.path, backup)
            for table in COURSE_TABLES:
                if course_id is None:
                    conn.execute(f"DELETE FROM {table}")
                else:
                    conn.execute(f"DELETE FROM {table} WHERE course_id = ?", (course_id,))

        self._write(copy_then_erase, "Your progress could not be erased (nothing was erased)")
        return backup
