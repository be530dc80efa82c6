"""The store's calls for what a learner does in a lesson and a quiz: pages read, attempts, answers
(each answer saved with its review state in one transaction), scores."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from tutor.progress import lessons, quizzes, review
from tutor.progress.records import LessonState, OpenAttempt, Position, QuizScore, ReviewItem, to_datetime
from tutor.progress.store_core import check_fraction, check_ids
from tutor.progress.store_outbox import OutboxCalls

# Given a question's review state (None: not in the queue) and the time, its new state (None: leave it).
T = TypeVar("T")
Reschedule = Callable[[ReviewItem | None, datetime], ReviewItem | None]


class LearningCalls(OutboxCalls):
    """Lessons and quizzes. Each event that has a statement (a lesson read to the end, an answer, an
    attempt finished) keeps it in the outbox in the same transaction, once the learner is named."""

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
        return self._write(lambda c, now: self._completing(
            c, now, course_id, lesson_id, lambda: lessons.mark_page_seen(c, course_id, lesson_id, page, pages_total,
                                                                         now)))

    def record_lesson_completed(self, course_id: str, lesson_id: str) -> None:
        """The learner finished a lesson. Recording it again keeps the first completion time."""
        self._write(lambda c, now: self._completing(
            c, now, course_id, lesson_id, lambda: lessons.mark_completed(c, course_id, lesson_id, now)))

    def _completing(self, conn: sqlite3.Connection, now: float, course_id: str, lesson_id: str,
                    record: Callable[[], T]) -> T:
        # A lesson's statement is kept once: when it is first read to the end.
        actor = self._actor(conn)
        was_read = actor is not None and lessons.is_completed(conn, course_id, lesson_id)
        result = record()
        if actor is not None and not was_read and lessons.is_completed(conn, course_id, lesson_id):
            self._keep_lesson(conn, now, actor, course_id, lesson_id)
        return result

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
        check_ids("chosen", chosen)
        check_ids("path", path)
        check_fraction("score", score)
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
                reason = None
                if reschedule is not None:
                    reason = self._reschedule(conn, course_id, quiz_id, question_id, reschedule, now)
                actor = self._actor(conn)
                if actor is not None:
                    self._keep_answer(conn, now, actor, answer_id, course_id=course_id, quiz_id=quiz_id,
                                      question_id=question_id, chosen=list(chosen), path=list(path),
                                      correct=correct, score=score, seconds=seconds, hints=hints,
                                      content_hash=content_hash, attempt_id=attempt_id, readiness_id=readiness_id,
                                      reason=reason)
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
                    reschedule: Reschedule, now: float) -> str | None:
        """Returns why the question was due (a rule change's "change:<id>"), if it said."""
        current = review.get(conn, course_id, quiz_id, question_id)
        new = reschedule(current, to_datetime(now))
        if new is not None:
            review.upsert(conn, course_id=course_id, quiz_id=quiz_id, question_id=question_id,
                          due_at=new.due_at.timestamp(), interval_days=new.interval_days, ease=new.ease,
                          box=new.box, last_score=new.last_score, now=now, card=new.card, misses=new.misses,
                          reason=new.reason)
        return None if current is None else current.reason

    def finish_attempt(self, attempt_id: int, score: float, total: float) -> None:
        """Close an attempt with its score out of `total` (both in points, 0 <= score <= total).
        Finishing an attempt again replaces its score."""
        if not (math.isfinite(total) and total > 0 and 0 <= score <= total):
            raise ValueError(f"need 0 <= score <= total and total > 0, not {score!r}/{total!r}")

        def finish(conn: sqlite3.Connection, now: float) -> None:
            if not quizzes.finish_attempt(conn, attempt_id, score, total, now):
                raise ValueError(f"no quiz attempt with id {attempt_id}")
            actor = self._actor(conn)
            if actor is not None:
                self._keep_attempt(conn, now, actor, attempt_id)

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
