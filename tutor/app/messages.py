"""What screens tell the app. Screens post these up; the app decides what to show and calls down.

Every message bubbles from the screen that posts it to the app (a screen's parent is the app), so
no screen needs to know which screen is below or above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path

    from tutor.content.model import Quiz
    from tutor.progress.readiness_check import ReadinessResult
    from tutor.progress.scoring import QuizRun


class OpenLesson(Message):
    """Show a lesson, at `page` (0-based) or where the learner stopped reading it. With
    `keep_trail` it opens over the current screen (a link: Esc comes back), else over the dashboard.
    A `glance` (a link, the readiness result, a rule change: keep_trail's default) does not move
    the dashboard's Continue until the learner turns a page of it."""

    def __init__(self, lesson_id: str, page: int | None = None, keep_trail: bool = False,
                 glance: bool | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.page = page
        self.keep_trail = keep_trail
        self.glance = keep_trail if glance is None else glance


class TakeQuiz(Message):
    """Start the quiz of a lesson; `only` limits it to those question ids (a retry of the missed ones)."""

    def __init__(self, lesson_id: str, only: list[str] | None = None) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.only = only


class AnswerRecorded(Message):
    """An answer was saved in the store (it is on disk when this is posted)."""

    def __init__(self, quiz_id: str, question_id: str, correct: bool, score: float) -> None:
        super().__init__()
        self.quiz_id = quiz_id
        self.question_id = question_id
        self.correct = correct
        self.score = score


class QuizFinished(Message):
    """A run through a quiz ended and its score was saved; the app shows the results."""

    def __init__(self, quiz: Quiz, run: QuizRun) -> None:
        super().__init__()
        self.quiz = quiz
        self.run = run


class FollowLink(Message):
    """The learner chose a link: a lesson link opens the lesson, a web link asks first."""

    def __init__(self, href: str, text: str) -> None:
        super().__init__()
        self.href = href
        self.text = text


class GoToDashboard(Message):
    """Close every screen above the dashboard."""


class StartReadiness(Message):
    """Begin the readiness check (or go on with one left half-way)."""


class ReadinessFinished(Message):
    """A readiness check was judged and saved; the app shows its result."""

    def __init__(self, readiness_id: int, result: ReadinessResult) -> None:
        super().__init__()
        self.readiness_id = readiness_id
        self.result = result


class StartReviews(Message):
    """Review the questions that are due."""


class SaveReport(Message):
    """Save the latest readiness result as a report file, and tell the learner where it is."""


class ChangesSeen(Message):
    """The learner saw these rule changes (their lesson's note, or the timeline)."""

    def __init__(self, change_ids: list[str]) -> None:
        super().__init__()
        self.change_ids = change_ids


class ShowChanges(Message):
    """Show the timeline of rule changes, at `change_id` when given."""

    def __init__(self, change_id: str | None = None) -> None:
        super().__init__()
        self.change_id = change_id


class OpenGuide(Message):
    """Open a guide for "something already went wrong" (its id), or the list of guides (None)."""

    def __init__(self, guide_id: str | None = None) -> None:
        super().__init__()
        self.guide_id = guide_id


class ContentChanged(Message):
    """Files of the pack were saved while the app watches it (`--watch`): show them as they read now.
    Posted by the watcher (tutor/app/watch.py), which the app hands it back to."""

    def __init__(self, paths: frozenset[Path]) -> None:
        super().__init__()
        self.paths = paths
