"""A course's progress at a glance, per module, computed from the store and the course's structure.

Only ids are taken from the course: no lesson body or quiz question is read, so a summary costs the
same whether or not the content has been loaded in full.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from msgspec import Struct

from tutor.progress import lessons, quizzes, readiness
from tutor.progress.records import (
    CourseSummary,
    LessonState,
    ModuleSummary,
    QuizScore,
    ReadinessAttempt,
    latest,
    to_datetime,
)

if TYPE_CHECKING:
    from tutor.content.model import Course, Module


class _Facts(Struct, frozen=True):
    """Everything the summary needs from the database, read in one snapshot."""

    states: dict[str, LessonState]
    scores: dict[str, QuizScore]
    answered: dict[str, float]
    readiness: tuple[ReadinessAttempt, ...]


# Runs a function in one read transaction and returns its result (ProgressStore._read).
ReadTransaction = Callable[[Callable[[sqlite3.Connection], _Facts]], _Facts]


def build_summary(course: Course, read: ReadTransaction) -> CourseSummary:
    """The course's quiz index is consulted before `read`, so no file is read while the database
    snapshot is held."""
    lesson_ids = [lesson_id for module in course.modules for lesson_id in module.lessons]
    quiz_ids = {module.id: _quiz_ids(course, module) for module in course.modules}
    # A quiz shared by two modules' lessons counts once.
    all_quiz_ids = list(dict.fromkeys(q for ids in quiz_ids.values() for q in ids))
    facts = read(
        lambda conn: _Facts(
            states=lessons.states(conn, course.id, lesson_ids),
            scores=quizzes.scores(conn, course.id),
            answered=quizzes.last_answered(conn, course.id, all_quiz_ids),
            readiness=tuple(readiness.attempts(conn, course.id)),
        )
    )
    modules = tuple(_module_summary(module, quiz_ids[module.id], facts) for module in course.modules)
    lessons_done = sum(m.lessons_done for m in modules)
    lessons_total = sum(m.lessons_total for m in modules)
    best_scores = sum(facts.scores[q].best for q in all_quiz_ids if q in facts.scores)
    units = lessons_total + len(all_quiz_ids)
    return CourseSummary(
        course_id=course.id,
        title=course.title,
        modules=modules,
        readiness=facts.readiness,
        lessons_done=lessons_done,
        lessons_total=lessons_total,
        fraction=(lessons_done + best_scores) / units if units else 0.0,
        last_activity=latest(
            *(m.last_activity for m in modules), *(a.taken_at for a in facts.readiness)
        ),
    )


def _quiz_ids(course: Course, module: Module) -> list[str]:
    # quiz_id_for is the content layer's rule for which quiz belongs to a lesson; it reads only the
    # quiz index (ids), never a quiz's questions.
    found = []
    for lesson_id in module.lessons:
        quiz_id = course.quiz_id_for(lesson_id)
        if quiz_id is not None and quiz_id not in found:
            found.append(quiz_id)
    return found


def _module_summary(module: Module, quiz_ids: list[str], facts: _Facts) -> ModuleSummary:
    module_states = [facts.states[lesson_id] for lesson_id in module.lessons]
    module_scores = {q: facts.scores[q] for q in quiz_ids if q in facts.scores}
    return ModuleSummary(
        module_id=module.id,
        title=module.title,
        lessons_done=sum(1 for s in module_states if s.status == "done"),
        lessons_total=len(module_states),
        quiz_scores=module_scores,
        quizzes_total=len(quiz_ids),
        last_activity=latest(
            *(s.updated_at for s in module_states),
            *(score.last_finished_at for score in module_scores.values()),
            *(to_datetime(facts.answered[q]) for q in quiz_ids if q in facts.answered),
        ),
    )
