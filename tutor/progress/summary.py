"""A course's progress at a glance, per module, computed from the store and the course's structure.

Only ids are taken from the course: no lesson body or quiz file is read, so a summary costs the same
whether or not the content has been loaded in full.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from tutor.progress import lessons, quizzes, readiness
from tutor.progress.records import (
    CourseSummary,
    LessonState,
    ModuleSummary,
    QuizScore,
    latest,
    to_datetime,
)

if TYPE_CHECKING:
    from tutor.content.model import Course, Module


def build_summary(conn: sqlite3.Connection, course: Course) -> CourseSummary:
    """Call inside one read transaction so every figure comes from the same moment."""
    lesson_ids = [lesson_id for module in course.modules for lesson_id in module.lessons]
    states = lessons.states(conn, course.id, lesson_ids)
    quiz_ids = {module.id: _quiz_ids(course, module) for module in course.modules}
    all_quiz_ids = list(dict.fromkeys(q for ids in quiz_ids.values() for q in ids))
    scores = quizzes.scores(conn, course.id)
    answered = quizzes.last_answered(conn, course.id, all_quiz_ids)
    attempts = tuple(readiness.attempts(conn, course.id))

    modules = tuple(
        _module_summary(module, states, quiz_ids[module.id], scores, answered)
        for module in course.modules
    )
    lessons_done = sum(m.lessons_done for m in modules)
    lessons_total = sum(m.lessons_total for m in modules)
    # A quiz shared by two modules' lessons counts once.
    best_scores = sum(scores[q].best for q in all_quiz_ids if q in scores)
    units = lessons_total + len(all_quiz_ids)
    return CourseSummary(
        course_id=course.id,
        title=course.title,
        modules=modules,
        readiness=attempts,
        lessons_done=lessons_done,
        lessons_total=lessons_total,
        fraction=(lessons_done + best_scores) / units if units else 0.0,
        last_activity=latest(
            *(m.last_activity for m in modules), *(a.taken_at for a in attempts)
        ),
    )


def _quiz_ids(course: Course, module: Module) -> list[str]:
    found = []
    for lesson_id in module.lessons:
        lesson = course.lessons.get(lesson_id)
        if lesson is not None and lesson.quiz and lesson.quiz not in found:
            found.append(lesson.quiz)
    return found


def _module_summary(
    module: Module,
    states: dict[str, LessonState],
    quiz_ids: list[str],
    scores: dict[str, QuizScore],
    answered: dict[str, float],
) -> ModuleSummary:
    module_states = [states[lesson_id] for lesson_id in module.lessons]
    module_scores = {q: scores[q] for q in quiz_ids if q in scores}
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
            *(to_datetime(answered[q]) for q in quiz_ids if q in answered),
        ),
    )
