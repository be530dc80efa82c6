"""What the progress store returns: frozen, plain data. Times are timezone-aware UTC datetimes."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Literal

from msgspec import Struct

LessonStatus = Literal["not-started", "reading", "done"]
# A review's reason when a rule change put its question back in the queue: "change:<change id>".
CHANGE_REASON_PREFIX = "change:"
# What a setting may hold: anything that survives a JSON round trip unchanged.
SettingValue = str | int | float | bool | None | list[Any] | dict[str, Any]


class LessonState(Struct, frozen=True):
    """Where the learner is with one lesson. `page` is the 0-based page to resume at; status
    "done" means read to the end (every page seen), whatever its quiz says."""

    lesson_id: str
    status: LessonStatus
    page: int = 0
    opened_at: datetime | None = None
    completed_at: datetime | None = None
    updated_at: datetime | None = None
    pages_seen: tuple[int, ...] = ()
    pages_total: int = 0


class Position(Struct, frozen=True):
    """The page the learner was reading most recently in a course: where "resume" goes."""

    lesson_id: str
    page: int
    updated_at: datetime


class QuizScore(Struct, frozen=True):
    """Finished attempts at one quiz over all of its questions. `last` (its latest such attempt) is
    the quiz's score; `best` the best of them; fractions 0..1. Retries of the missed questions are
    practice: they never change these, and the latest one after `last` is kept beside it."""

    quiz_id: str
    best: float
    last: float
    attempts: int
    last_finished_at: datetime
    last_score: float = 0.0  # points of the latest full attempt, of last_total
    last_total: float = 0.0
    retry_score: float | None = None  # the latest retry after it, if any: points of retry_total
    retry_total: float | None = None


class StoredAnswer(Struct, frozen=True):
    """An answer as the store keeps it: what a resumed attempt or a result screen needs."""

    id: int
    quiz_id: str
    question_id: str
    chosen: tuple[str, ...]
    path: tuple[str, ...]
    correct: bool
    score: float
    hints: int
    content_hash: str
    answered_at: datetime


class OpenAttempt(Struct, frozen=True):
    """A quiz attempt that was left part-way: its plan (the order shown) and the answers given."""

    id: int
    quiz_id: str
    kind: str  # "full" or "retry"
    plan: dict[str, Any]
    answers: tuple[StoredAnswer, ...]
    started_at: datetime


class ReadinessAttempt(Struct, frozen=True):
    """One finished readiness self-assessment: a score 0..1 per module, whether it passed, and
    (since schema 3) its overall score and the reasons for the verdict."""

    id: int
    course_id: str
    taken_at: datetime
    module_scores: dict[str, float]
    passed: bool
    score: float | None = None  # points, of total (None for checks recorded before schema 3)
    total: float | None = None
    reasons: tuple[str, ...] = ()
    finished_at: datetime | None = None
    # Since schema 5: what a "Ready" rests on, and how many lessons were read when it was given.
    evidence: tuple[str, ...] = ()
    lessons_read: int | None = None
    lessons_total: int | None = None


class ReadinessHistory(Struct, frozen=True):
    """What this learner met in earlier readiness checks: the latest answer's rightness per question
    ("quiz-id/question-id"), and the questions the previous check drew."""

    met: dict[str, bool] = {}
    last_draw: frozenset[str] = frozenset()


class OpenReadiness(Struct, frozen=True):
    """A readiness check being taken (or left half-way): its plan and the answers so far."""

    id: int
    course_id: str
    started_at: datetime
    plan: dict[str, Any]
    answers: tuple[StoredAnswer, ...]


class ReviewItem(Struct, frozen=True):
    """Spaced-review state of one question. The scheduler decides what the numbers mean: `ease` for
    an SM-2 style scheduler, `box` for a Leitner one. `last_score` is None until first reviewed."""

    course_id: str
    quiz_id: str
    question_id: str
    due_at: datetime
    interval_days: float
    ease: float
    box: int
    last_score: float | None
    updated_at: datetime
    card: dict[str, Any] | None = None  # the scheduler's own state (FSRS), None before schema 3
    misses: int = 0  # times the question was answered wrong; three or more make a weak spot
    reason: str | None = None  # why it is due now if not by schedule (e.g. "change:<id>")


class ChangeState(Struct, frozen=True):
    """What the learner has been told of one rule change: announced (on the dashboard, or silently
    for a lesson not studied yet) and, once they saw it, when."""

    change_id: str
    announced_at: datetime
    seen_at: datetime | None = None


class KeptDraft(Struct, frozen=True):
    """A message to support drafted with a guide, kept on the learner's choice."""

    guide_id: str
    outcome_id: str
    path: tuple[tuple[str, str], ...]  # (step id, option id), in the order chosen
    details: dict[str, str]
    message: str
    kept_at: datetime


class ModuleSummary(Struct, frozen=True):
    module_id: str
    title: str
    lessons_done: int
    lessons_total: int
    # One entry per quiz of the module's lessons that has at least one finished attempt.
    quiz_scores: dict[str, QuizScore]
    quizzes_total: int
    last_activity: datetime | None


class RecordedCounts(Struct, frozen=True):
    """What a reset would erase, counted: what `tutor reset` names before it asks."""

    lessons: int  # lessons opened
    answers: int
    quiz_attempts: int
    readiness_checks: int
    reviews: int  # questions in the review queue


class CourseSummary(Struct, frozen=True):
    """A course at a glance. `fraction` counts each lesson read as 1 and each quiz as its best score,
    over the number of lessons plus quizzes, so both reading and practising move it."""

    course_id: str
    title: str
    modules: tuple[ModuleSummary, ...]
    readiness: tuple[ReadinessAttempt, ...]
    lessons_done: int
    lessons_total: int
    fraction: float
    last_activity: datetime | None


class ExportRow(Struct, frozen=True):
    """One exported record, flat so that it fits a CSV row as well as a JSON object.

    kind is "quiz-attempt", "answer" or "readiness"; fields that do not apply to a kind are None.
    Times are ISO 8601 strings in UTC. chosen, path and module_scores are JSON-ready lists/dicts.
    """

    kind: str
    id: int
    course_id: str
    quiz_id: str | None = None
    question_id: str | None = None
    attempt_id: int | None = None
    started_at: str | None = None
    finished_at: str | None = None
    answered_at: str | None = None
    score: float | None = None
    total: float | None = None
    correct: bool | None = None
    chosen: list[str] | None = None
    path: list[str] | None = None
    seconds: float | None = None
    content_hash: str | None = None
    passed: bool | None = None
    module_scores: dict[str, float] | None = None
    attempt_kind: str | None = None  # quiz attempts: "full", or "retry" (practice on the missed ones)
    readiness_id: int | None = None  # answers given in a readiness check
    hints: int | None = None
    question_text: str | None = None  # answers: the question's prompt, when the course was given
    chosen_text: str | None = None  # answers: the options chosen, in words, joined by "; "


# The columns of `tutor export --format csv`, in the record's field order.
EXPORT_COLUMNS: tuple[str, ...] = ExportRow.__struct_fields__


def to_datetime(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc)


def to_optional_datetime(timestamp: float | None) -> datetime | None:
    return None if timestamp is None else to_datetime(timestamp)


def to_iso(timestamp: float | None) -> str | None:
    """ISO 8601 in UTC with millisecond precision, e.g. 2026-11-24T10:02:03.120+00:00."""
    return None if timestamp is None else to_datetime(timestamp).isoformat(timespec="milliseconds")


def latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None
