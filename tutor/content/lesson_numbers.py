"""Lessons by the numbers the dashboard shows them with: module, then lesson ("2.1"), so that a
learner who reads "2.1" on screen can type `tutor read 2.1` or `tutor quiz 2.1`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.model import Course, Lesson


def lesson_numbers(course: Course) -> dict[str, str]:
    """Each lesson's number, module then lesson ("2.1"), to its id, in course order."""
    return {f"{m}.{n}": lesson_id for m, module in enumerate(course.modules, 1)
            for n, lesson_id in enumerate(module.lessons, 1) if lesson_id in course.lessons}


def find_lesson(course: Course, name: str) -> Lesson | None:
    """The lesson called `name`: its id, or its number as the dashboard shows it ("2.1")."""
    found = course.lessons.get(name)
    if found is None and (lesson_id := lesson_numbers(course).get(name.strip())) is not None:
        found = course.lessons[lesson_id]
    return found
