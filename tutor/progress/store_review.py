"""The store's calls for the readiness check, the review queue and the platforms' rule changes."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from tutor.progress import changes, quizzes, readiness, review
from tutor.progress.records import (
    ChangeState,
    OpenReadiness,
    ReadinessAttempt,
    ReadinessHistory,
    ReviewItem,
    StoredAnswer,
    to_datetime,
)
from tutor.progress.store_core import check_fraction
from tutor.progress.store_outbox import OutboxCalls


class ReviewCalls(OutboxCalls):
    """Readiness checks, reviews and rule changes. A readiness check finished keeps its statement in the
    outbox in the same transaction, once the learner is named."""

    # -- readiness ----------------------------------------------------------------------------

    def record_readiness(
        self, course_id: str, module_scores: Mapping[str, float], passed: bool
    ) -> int:
        """Save a readiness self-assessment: a score 0..1 per module id, and whether it passed."""
        for module_id, score in module_scores.items():
            check_fraction(f"score of module {module_id!r}", score)
        scores = dict(module_scores)

        def insert(conn: sqlite3.Connection, now: float) -> int:
            readiness_id = readiness.insert_attempt(conn, course_id, scores, passed, now)
            actor = self._actor(conn)
            if actor is not None:
                self._keep_readiness(conn, now, actor, readiness_id)
            return readiness_id

        return self._write(insert)

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
            check_fraction(f"score of module {module_id!r}", value)
        if not (math.isfinite(total) and total > 0 and 0 <= score <= total):
            raise ValueError(f"need 0 <= score <= total and total > 0, not {score!r}/{total!r}")
        scores = dict(module_scores)

        def finish(conn: sqlite3.Connection, now: float) -> None:
            if not readiness.finish(conn, readiness_id, scores, passed, score, total, list(reasons), now,
                                    list(evidence), lessons_read):
                raise ValueError(f"no unfinished readiness check with id {readiness_id}")
            actor = self._actor(conn)
            if actor is not None:
                self._keep_readiness(conn, now, actor, readiness_id)

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
            check_fraction("last_score", last_score)
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

    def last_visit(self, course_id: str) -> datetime | None:
        """When the learner last opened the course (None if never), without recording a visit."""
        found = self._read(lambda c: changes.last_visit(c, course_id))
        return None if found is None else to_datetime(found)

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
