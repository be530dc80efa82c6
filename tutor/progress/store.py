"""ProgressStore: the one object the app and the CLI use to record and read a learner's progress.

Every record_* / set_* / finish_* call is its own short transaction, committed (and synced to disk)
before it returns, so whatever the caller has been told is saved stays saved if the process dies next.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from tutor.progress import changes, lessons, quizzes, readiness, review
from tutor.progress.database import (
    copy_database,
    open_database,
    read_error,
    run_read,
    run_write,
    write_error,
)
from tutor.progress.location import DB_FILENAME, resolve_data_dir, unused_sibling
from tutor.progress.records import (
    ChangeState,
    CourseSummary,
    ExportRow,
    LessonState,
    OpenAttempt,
    OpenReadiness,
    Position,
    QuizScore,
    ReadinessAttempt,
    ReadinessHistory,
    ReviewItem,
    SettingValue,
    StoredAnswer,
    to_datetime,
)
from tutor.progress.schema import COURSE_TABLES
from tutor.progress.summary import build_summary

if TYPE_CHECKING:
    from tutor.content.model import Course

T = TypeVar("T")
Clock = Callable[[], float]
# Given a question's review state (None: not in the queue) and the time, its new state (None: leave it).
Reschedule = Callable[[ReviewItem | None, datetime], ReviewItem | None]


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


class ProgressStore:
    """A learner's progress: lessons, quiz attempts and answers, readiness checks, the review queue
    and settings. Everything except settings is kept per course id. Obtain one with `open_store`."""

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

    # -- lessons ------------------------------------------------------------------------------

    def record_lesson_opened(self, course_id: str, lesson_id: str) -> None:
        """The learner opened a lesson. Its saved page is kept; it becomes the place to resume."""
        self._write(lambda c, now: lessons.mark_opened(c, course_id, lesson_id, now))

    def record_position(self, course_id: str, lesson_id: str, page: int) -> None:
        """The learner is reading `page` (0-based) of a lesson; `last_position` will return it."""
        if not isinstance(page, int) or page < 0:
            raise ValueError(f"page must be an int >= 0, not {page!r}")
        self._write(lambda c, now: lessons.set_page(c, course_id, lesson_id, page, now))

    def record_page_seen(self, course_id: str, lesson_id: str, page: int, pages_total: int) -> bool:
        """The learner is reading `page` (0-based) of a lesson of `pages_total` pages: the place to
        resume, and a page seen. Returns True once every page has been seen: the lesson is then
        read to the end (its completion time is the first time that happened)."""
        if not isinstance(page, int) or not 0 <= page < max(pages_total, 1):
            raise ValueError(f"page must be an int from 0 to {pages_total - 1}, not {page!r}")
        return self._write(lambda c, now: lessons.mark_page_seen(c, course_id, lesson_id, page, pages_total, now))

    def record_lesson_completed(self, course_id: str, lesson_id: str) -> None:
        """The learner finished a lesson. Recording it again keeps the first completion time."""
        self._write(lambda c, now: lessons.mark_completed(c, course_id, lesson_id, now))

    def lesson_states(
        self, course_id: str, lesson_ids: Iterable[str] | None = None
    ) -> dict[str, LessonState]:
        """Status ("not-started", "reading", "done") and saved page per lesson.

        With `lesson_ids`, exactly those lessons, in that order, unseen ones as "not-started";
        without, every lesson the store knows for the course.
        """
        ids = None if lesson_ids is None else list(lesson_ids)
        return self._read(lambda c: lessons.states(c, course_id, ids))

    def last_position(self, course_id: str) -> Position | None:
        """The lesson and page the learner touched last in this course, or None if none yet."""
        return self._read(lambda c: lessons.last_position(c, course_id))

    # -- quizzes ------------------------------------------------------------------------------

    def start_attempt(self, course_id: str, quiz_id: str, kind: str = "full",
                      plan: Mapping[str, Any] | None = None) -> int:
        """Begin a run through a quiz; returns the attempt id to pass to record_answer. `kind` is
        "full" (every question: its score is the quiz's score) or "retry" (practice on the missed
        ones); `plan` the order shown, as ids, so the attempt can be resumed as it was shown.
        The faces start it as the first answer is saved (leaving at once records nothing), so its
        failure is worded as the answer's."""
        if kind not in ("full", "retry"):
            raise ValueError(f"kind must be 'full' or 'retry', not {kind!r}")
        return self._write(lambda c, now: quizzes.insert_attempt(c, course_id, quiz_id, now, kind, plan),
                           "Your answer could not be saved")

    def abandon_attempt(self, attempt_id: int) -> None:
        """The learner chose to start a quiz again: the attempt left part-way is no longer offered
        to resume (its answers stay, as practice)."""
        self._write(lambda c, now: c.execute(
            "UPDATE quiz_attempts SET plan = NULL WHERE id = ? AND finished_at IS NULL", (attempt_id,)))

    def abandon_readiness(self, readiness_id: int) -> None:
        """The learner started a new readiness check: the one left half-way is not offered again."""
        self._write(lambda c, now: c.execute(
            "UPDATE readiness_attempts SET plan = NULL WHERE id = ? AND finished_at IS NULL", (readiness_id,)))

    def open_attempt(self, course_id: str, quiz_id: str) -> OpenAttempt | None:
        """The newest attempt at a quiz that was left part-way (with its plan and answers), if any."""
        return self._read(lambda c: quizzes.open_attempt(c, course_id, quiz_id))

    def record_answer(
        self,
        course_id: str,
        quiz_id: str,
        question_id: str,
        *,
        chosen: Sequence[str],
        correct: bool,
        score: float,
        seconds: float,
        content_hash: str,
        path: Sequence[str] = (),
        attempt_id: int | None = None,
        readiness_id: int | None = None,
        hints: int = 0,
        reschedule: Reschedule | None = None,
    ) -> int:
        """Save one submitted answer and return its id; it is on disk when this returns.

        `chosen` is the option ids picked, `path` the step/option ids walked in a scenario, `score`
        0..1, `seconds` the time taken, `content_hash` the question's `content_hash` as asked,
        `hints` how many hints were shown first. `attempt_id` (from start_attempt) must be an
        attempt at the same course and quiz; `readiness_id` (from start_readiness) files it under a
        readiness check; leave both None for review practice. `reschedule` is given the question's
        review state (or None) and the time, and returns its new state (or None to leave it): it
        runs in the same transaction, so the answer and its review state are saved together.
        """
        _check_ids("chosen", chosen)
        _check_ids("path", path)
        _check_fraction("score", score)
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"seconds must be a finite number >= 0, not {seconds!r}")
        if not content_hash:
            raise ValueError("content_hash must not be empty")

        def insert(conn: sqlite3.Connection, now: float) -> int:
            try:
                answer_id = quizzes.insert_answer(
                    conn, course_id=course_id, quiz_id=quiz_id, question_id=question_id,
                    chosen=chosen, path=path, correct=correct, score=score, seconds=seconds,
                    content_hash=content_hash, attempt_id=attempt_id, now=now,
                    readiness_id=readiness_id, hints=hints,
                )
                if reschedule is not None:
                    self._reschedule(conn, course_id, quiz_id, question_id, reschedule, now)
                return answer_id
            except sqlite3.IntegrityError as exc:
                if attempt_id is not None and "FOREIGN KEY" in str(exc):
                    raise ValueError(
                        f"attempt {attempt_id} is not an attempt at quiz {quiz_id!r} "
                        f"of course {course_id!r}"
                    ) from None
                raise

        return self._write(insert, "Your answer could not be saved")

    def _reschedule(self, conn: sqlite3.Connection, course_id: str, quiz_id: str, question_id: str,
                    reschedule: Reschedule, now: float) -> None:
        current = review.get(conn, course_id, quiz_id, question_id)
        new = reschedule(current, to_datetime(now))
        if new is not None:
            review.upsert(conn, course_id=course_id, quiz_id=quiz_id, question_id=question_id,
                          due_at=new.due_at.timestamp(), interval_days=new.interval_days, ease=new.ease,
                          box=new.box, last_score=new.last_score, now=now, card=new.card, misses=new.misses,
                          reason=new.reason)

    def finish_attempt(self, attempt_id: int, score: float, total: float) -> None:
        """Close an attempt with its score out of `total` (both in points, 0 <= score <= total).
        Finishing an attempt again replaces its score."""
        if not (math.isfinite(total) and total > 0 and 0 <= score <= total):
            raise ValueError(f"need 0 <= score <= total and total > 0, not {score!r}/{total!r}")

        def finish(conn: sqlite3.Connection, now: float) -> None:
            if not quizzes.finish_attempt(conn, attempt_id, score, total, now):
                raise ValueError(f"no quiz attempt with id {attempt_id}")

        self._write(finish, "Your quiz score could not be saved")

    def quiz_scores(self, course_id: str) -> dict[str, QuizScore]:
        """Best and last score (0..1) and the number of finished attempts, per quiz attempted."""
        return self._read(lambda c: quizzes.scores(c, course_id))

    def previous_best(self, course_id: str, quiz_id: str, before: int | None = None) -> float | None:
        """The best score (0..1) of the finished attempts at a quiz made before attempt `before`
        (every finished attempt when None); None when there are none."""
        return self._read(lambda c: quizzes.best_before(c, course_id, quiz_id, before))

    def question_results(
        self, course_id: str, quiz_id: str, hashes: Mapping[str, str]
    ) -> dict[str, bool | None]:
        """Per question in `hashes` ({question_id: current content_hash}): whether the latest
        answer given to this version of it was right (True), wrong (False), or there is none (None).
        Answers recorded under another hash do not count, so an edited question is asked again."""
        return self._read(lambda c: quizzes.latest_results(c, course_id, quiz_id, hashes))

    def missed_questions(
        self, course_id: str, quiz_id: str, hashes: Mapping[str, str]
    ) -> list[str]:
        """Question ids (in the order of `hashes`) whose latest valid answer was wrong."""
        results = self.question_results(course_id, quiz_id, hashes)
        return [question_id for question_id, right in results.items() if right is False]

    # -- readiness ----------------------------------------------------------------------------

    def record_readiness(
        self, course_id: str, module_scores: Mapping[str, float], passed: bool
    ) -> int:
        """Save a readiness self-assessment: a score 0..1 per module id, and whether it passed."""
        for module_id, score in module_scores.items():
            _check_fraction(f"score of module {module_id!r}", score)
        scores = dict(module_scores)
        return self._write(
            lambda c, now: readiness.insert_attempt(c, course_id, scores, passed, now)
        )

    def readiness_attempts(self, course_id: str) -> list[ReadinessAttempt]:
        """Every finished readiness check for the course, oldest first."""
        return self._read(lambda c: readiness.attempts(c, course_id))

    def start_readiness(self, course_id: str, plan: Mapping[str, Any]) -> int:
        """Begin a readiness check with its plan (the questions drawn and their option orders, as
        ids); answers are then recorded with `readiness_id`, one at a time, as they are given."""
        return self._write(lambda c, now: readiness.start(c, course_id, plan, now),
                           "The readiness check could not be started")

    def open_readiness(self, course_id: str) -> OpenReadiness | None:
        """The readiness check being taken (started, not finished), with its answers so far."""
        return self._read(lambda c: readiness.open_check(c, course_id))

    def finish_readiness(self, readiness_id: int, module_scores: Mapping[str, float], passed: bool,
                         score: float, total: float, reasons: Sequence[str], evidence: Sequence[str] = (),
                         lessons_read: tuple[int, int] | None = None) -> None:
        """Close a readiness check with its score per module (0..1), its points of `total`, the
        verdict, the reasons for it (or the evidence a "Ready" rests on), and how many of the
        course's lessons had been read, as (read, of total)."""
        for module_id, value in module_scores.items():
            _check_fraction(f"score of module {module_id!r}", value)
        if not (math.isfinite(total) and total > 0 and 0 <= score <= total):
            raise ValueError(f"need 0 <= score <= total and total > 0, not {score!r}/{total!r}")
        scores = dict(module_scores)

        def finish(conn: sqlite3.Connection, now: float) -> None:
            if not readiness.finish(conn, readiness_id, scores, passed, score, total, list(reasons), now,
                                    list(evidence), lessons_read):
                raise ValueError(f"no unfinished readiness check with id {readiness_id}")

        self._write(finish)

    def readiness_history(self, course_id: str) -> ReadinessHistory:
        """The questions met in this course's readiness checks (latest answer right or not), and the
        previous check's draw: what a new check avoids asking again."""
        return self._read(lambda c: readiness.history(c, course_id))

    def readiness_plan(self, readiness_id: int) -> dict[str, Any] | None:
        """What a readiness check drew, in the order shown (None for one recorded without a plan)."""
        return self._read(lambda c: readiness.plan_of(c, readiness_id))

    def readiness_answers(self, readiness_id: int) -> tuple[StoredAnswer, ...]:
        """The answers given in a readiness check, in the order given."""
        return self._read(lambda c: quizzes.answers_where(c, "readiness_id", readiness_id))

    # -- review queue -------------------------------------------------------------------------

    def set_review(
        self,
        course_id: str,
        quiz_id: str,
        question_id: str,
        *,
        due_at: datetime,
        interval_days: float,
        ease: float = 2.5,
        box: int = 0,
        last_score: float | None = None,
        card: Mapping[str, Any] | None = None,
        misses: int = 0,
        reason: str | None = None,
    ) -> None:
        """Create or replace a question's review state. due_at must be timezone-aware. `card` is the
        scheduler's own state, `misses` how often it was answered wrong, `reason` why it is due now
        when not by schedule (shown to the learner)."""
        if due_at.tzinfo is None:
            raise ValueError("due_at must be timezone-aware (e.g. datetime.now(timezone.utc))")
        if last_score is not None:
            _check_fraction("last_score", last_score)
        if interval_days < 0 or box < 0:
            raise ValueError("interval_days and box must be >= 0")
        self._write(
            lambda c, now: review.upsert(
                c, course_id=course_id, quiz_id=quiz_id, question_id=question_id,
                due_at=due_at.timestamp(), interval_days=interval_days, ease=ease, box=box,
                last_score=last_score, now=now, card=card, misses=misses, reason=reason,
            )
        )

    def get_review(self, course_id: str, quiz_id: str, question_id: str) -> ReviewItem | None:
        """A question's review state, or None if it is not in the queue."""
        return self._read(lambda c: review.get(c, course_id, quiz_id, question_id))

    def due_reviews(
        self, course_id: str, now: datetime | None = None, limit: int | None = None
    ) -> list[ReviewItem]:
        """Questions due for review at `now` (default: the store's clock), most overdue first."""
        moment = self._clock() if now is None else now.timestamp()
        return self._read(lambda c: review.due(c, course_id, moment, limit))

    def due_count(self, course_id: str, until: datetime | None = None) -> int:
        """How many questions are due for review at `until` (default: the store's clock)."""
        moment = self._clock() if until is None else until.timestamp()
        return self._read(lambda c: review.due_count(c, course_id, moment))

    def next_due(self, course_id: str, after: datetime | None = None) -> datetime | None:
        """When the next question becomes due after `after` (default: now), or None."""
        moment = self._clock() if after is None else after.timestamp()
        found = self._read(lambda c: review.next_due(c, course_id, moment))
        return None if found is None else to_datetime(found)

    def weak_spots(self, course_id: str, misses: int = 3) -> list[ReviewItem]:
        """Questions answered wrong at least `misses` times (a weak spot), most missed first."""
        return self._read(lambda c: review.weak_spots(c, course_id, misses))

    def remove_review(self, course_id: str, quiz_id: str, question_id: str) -> bool:
        """Take a question out of the queue (e.g. it was deleted); False if it was not there."""
        return self._write(lambda c, now: review.remove(c, course_id, quiz_id, question_id))

    # -- rule changes -------------------------------------------------------------------------

    def change_states(self, course_id: str) -> dict[str, ChangeState]:
        """What the learner has been told of each of the course's rule changes, by change id."""
        return self._read(lambda c: changes.states(c, course_id))

    def record_visit(self, course_id: str) -> datetime | None:
        """The learner opened the course now; returns when they did so before (None the first time)."""
        previous = self._write(lambda c, now: changes.visit(c, course_id, now))
        return None if previous is None else to_datetime(previous)

    def announce_changes(self, course_id: str, told: Sequence[str], quiet: Sequence[str] = (),
                         requeue: Sequence[tuple[str, str, str]] = ()) -> None:
        """Record new rule changes: `told` ones the learner was told of, `quiet` ones they need not
        be (a change to a lesson not studied yet); and put each (quiz id, question id, reason) of
        `requeue` in the review queue, due now (a question already queued keeps its scheduler
        state). One transaction: a crash cannot leave a change told whose questions were not
        requeued, which no later start would make up for. A change already recorded keeps its
        first record."""
        told, quiet, requeue = list(told), list(quiet), list(requeue)
        if not (told or quiet or requeue):
            return

        def record(conn: sqlite3.Connection, now: float) -> None:
            if told:
                changes.announce(conn, course_id, told, False, now)
            if quiet:
                changes.announce(conn, course_id, quiet, True, now)
            for quiz_id, question_id, reason in requeue:
                item = review.get(conn, course_id, quiz_id, question_id)
                review.upsert(conn, course_id=course_id, quiz_id=quiz_id, question_id=question_id, due_at=now,
                              interval_days=item.interval_days if item else 0.0, ease=item.ease if item else 2.5,
                              box=item.box if item else 0, last_score=item.last_score if item else None, now=now,
                              card=item.card if item else None, misses=item.misses if item else 0, reason=reason)

        self._write(record)

    def mark_changes_seen(self, course_id: str, change_ids: Sequence[str]) -> None:
        """The learner saw these changes (their lesson's note, or the timeline)."""
        ids = list(change_ids)
        if ids:
            self._write(lambda c, now: changes.mark_seen(c, course_id, ids, now))

    def studied(self, course_id: str) -> tuple[set[str], set[str]]:
        """The lessons the learner has opened, and the questions ("quiz/question") answered right."""
        return self._read(lambda c: changes.studied(c, course_id))

    # -- settings (global, not per course) ------------------------------------------------------

    def get_setting(self, key: str, default: SettingValue = None) -> SettingValue:
        """A learner setting such as "theme" or "welcome_seen", or `default` if never set."""
        row = self._read(
            lambda c: c.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        )
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: SettingValue) -> None:
        """Save a setting; any JSON value (str, number, bool, None, list, dict)."""
        encoded = json.dumps(value)
        self._write(
            lambda c, now: c.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, encoded)
            )
        )

    # -- whole-course views -------------------------------------------------------------------

    def summary(self, course: Course) -> CourseSummary:
        """Per module: lessons done of total, quiz scores, last activity; readiness attempts; and
        the overall fraction. Uses only the course's ids (modules, lessons, the quiz index): no
        lesson body or quiz question is read."""
        return build_summary(course, self._read)

    def export_rows(self, course_id: str | None = None) -> list[ExportRow]:
        """Every quiz attempt, answer and readiness attempt, for one course or (None) all."""
        from tutor.progress.export import export_rows  # only `tutor export` needs it

        return self._read(lambda c: export_rows(c, course_id))

    def has_progress(self, course_id: str | None = None) -> bool:
        """Whether anything is recorded for the course (or for any course, when None)."""

        def look(conn: sqlite3.Connection) -> bool:
            for table in COURSE_TABLES:
                where, params = ("WHERE course_id = ?", (course_id,)) if course_id is not None else ("", ())
                if conn.execute(f"SELECT 1 FROM {table} {where} LIMIT 1", params).fetchone():
                    return True
            return False

        return self._read(look)

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
        Raises ProgressStoreError when `backup` is not a usable progress database."""
        from tutor.progress.database import check_backup

        check_backup(backup)
        before = unused_sibling(self.path, "backup", self._clock())

        def copy_then_replace(conn: sqlite3.Connection, now: float) -> None:
            copy_database(self.path, before)

        self._write(copy_then_replace)
        with self._lock:
            source = sqlite3.connect(backup)
            try:
                source.backup(self._conn)
            finally:
                source.close()
            from tutor.progress.schema import migrate

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

    # -- lifecycle ----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database. Safe to call twice."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ProgressStore:
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

    def _read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return run_read(self._conn, work)
            except sqlite3.Error as exc:
                error = read_error(exc, self.path)
                if error is None:
                    raise
                raise error from exc


def _check_fraction(name: str, value: float) -> None:
    if not (isinstance(value, (int, float)) and 0 <= value <= 1):
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")


def _check_ids(name: str, ids: Sequence[str]) -> None:
    # A bare string is a sequence too, and would be stored as a list of its characters.
    if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
        raise TypeError(f"{name} must be a list of id strings, not {ids!r}")
