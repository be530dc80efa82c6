"""Where a learner is in a course, lesson by lesson, as every face shows it.

A lesson is done when it was read to the end (every page seen) and, where it has a quiz, the quiz
was passed (its latest full attempt reached the pass mark): a lesson whose quiz was failed is not
done, and no face may mark it as finished (issue 24). Reading and the quiz are reported separately
too, so a face can say "read · quiz 57%, not passed" rather than one word for both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from tutor.progress.records import LessonState, LessonStatus, QuizScore

if TYPE_CHECKING:
    from tutor.content.model import Course
    from tutor.progress.store import ProgressStore


class LessonProgress(Struct, frozen=True):
    lesson_id: str
    reading: LessonStatus  # "not-started", "reading" or "done" (read to the end)
    page: int  # 0-based page to resume at
    pages_total: int
    quiz_id: str | None
    quiz: QuizScore | None  # the quiz's finished attempts, None before the first
    passed: bool | None  # None: no quiz, or not taken yet

    @property
    def read(self) -> bool:
        return self.reading == "done"

    @property
    def done(self) -> bool:
        return self.read and (self.quiz_id is None or bool(self.passed))

    @property
    def started(self) -> bool:
        return self.reading != "not-started" or self.quiz is not None


class NextStep(Struct, frozen=True):
    lesson_id: str
    action: Literal["start", "continue", "quiz"]
    page: int = 0


def lesson_progress(course: Course, states: dict[str, LessonState],
                    scores: dict[str, QuizScore]) -> dict[str, LessonProgress]:
    """Every lesson of the course, in course order."""
    found = {}
    for lesson in course.ordered_lessons():
        state = states.get(lesson.id) or LessonState(lesson.id, "not-started")
        quiz_id = course.quiz_id_for(lesson.id)
        score = scores.get(quiz_id) if quiz_id else None
        passed = None if score is None else score.last >= course.pass_mark_for(quiz_id)
        found[lesson.id] = LessonProgress(lesson.id, state.status, state.page, state.pages_total, quiz_id,
                                          score, passed)
    return found


def read_progress(course: Course, store: ProgressStore) -> dict[str, LessonProgress]:
    return lesson_progress(course, store.lesson_states(course.id, list(course.lessons)),
                           store.quiz_scores(course.id))


def next_step(course: Course, progress: dict[str, LessonProgress], last_lesson: str | None,
              last_page: int = 0) -> NextStep | None:
    """What "continue" does: finish the lesson last touched (its reading, then its quiz), else the
    first lesson in course order that is not done; None when the course is finished."""
    for lesson_id in ([last_lesson] if last_lesson in progress else []) + list(progress):
        item = progress[lesson_id]
        if item.done:
            continue
        if item.read:
            return NextStep(lesson_id, "quiz")
        page = last_page if lesson_id == last_lesson else item.page
        return NextStep(lesson_id, "continue" if item.reading != "not-started" else "start", page)
    return None


def unfinished(store: ProgressStore, course_id: str) -> tuple[int, int] | None:
    """(answered, of total) of the check left half-way, if any: read from its plan and answers,
    without drawing or parsing a quiz (the dashboard asks on every refresh, and
    imports none of the check's own modules to ask)."""
    left = store.open_readiness(course_id)
    if left is None:
        return None
    asked = {f"{quiz_id}/{question_id}" for quiz_id, question_id, *_ in left.plan.get("items", [])}
    answered = {f"{answer.quiz_id}/{answer.question_id}" for answer in left.answers} & asked
    return (len(answered), len(asked)) if asked else None
