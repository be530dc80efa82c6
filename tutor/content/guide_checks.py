"""Checks across files for guides: their ids are unique, and what a guide names exists (the lessons
it is offered in or points to, other guides, the scenario questions whose bad ending offers it).
Called by checks.py with the rest of the pack's cross-file checks."""

from __future__ import annotations

from pathlib import Path

from tutor.content.findings import KeyPath, display_path
from tutor.content.guide_format import GuideFile
from tutor.content.lesson_format import LessonFile
from tutor.content.quiz_format import QuizFile


def check_guides(guides: list[GuideFile], lessons: dict[str, LessonFile], quizzes: dict[str, QuizFile],
                 root: Path) -> None:
    """Guide ids are unique, and what a guide names exists: the lessons it offers or is offered in,
    the other guides an outcome points to, and the scenario questions whose bad ending offers it."""
    by_id: dict[str, GuideFile] = {}
    for read in guides:
        if read.id is None:
            continue
        if read.id in by_id:
            read.report.error(f'guide id "{read.id}" is already used by {by_id[read.id].path.name}',
                              "every guide needs its own id", at=("id",))
        else:
            by_id[read.id] = read
    for read in guides:
        for at, lesson_id in read.lessons:
            lesson = lessons.get(lesson_id)
            if lesson is None:
                read.report.error(f'lesson "{lesson_id}" does not exist', "use the id of a lesson of this pack", at=at)
            elif lesson.lesson is None:
                read.report.error(f'lesson "{lesson_id}" could not be loaded (see {display_path(lesson.path, root)})',
                                  "fix the errors reported for that lesson first", at=at)
        for at, guide_id in read.guides:
            other = by_id.get(guide_id)
            if other is None:
                read.report.error(f'guide "{guide_id}" does not exist', "use the id of a guide of this pack", at=at)
            elif other.guide is None:
                read.report.error(f'guide "{guide_id}" could not be loaded (see {display_path(other.path, root)})',
                                  "fix the errors reported for that guide first", at=at)
        for at, name in read.scenarios:
            _check_scenario_reference(read, at, name, quizzes, root)


def _check_scenario_reference(read: GuideFile, at: KeyPath, name: str, quizzes: dict[str, QuizFile],
                              root: Path) -> None:
    quiz_id, _, question_id = name.partition("/")
    quiz = quizzes.get(quiz_id)
    if quiz is None or not question_id:
        read.report.error(f'scenario "{name}": the quiz does not exist', 'name a question as "quiz-id/question-id"',
                          at=at)
        return
    if not any(cited.question == question_id for cited in quiz.citations):
        read.report.error(f'scenario "{name}": the quiz has no such question', 'name a question as '
                          '"quiz-id/question-id"', at=at)
        return
    question = quiz.quiz.question(question_id) if quiz.quiz is not None else None
    if question is None:
        read.report.error(f'scenario "{name}" could not be loaded (see {display_path(quiz.path, root)})',
                          "fix the errors reported for that question first", at=at)
    elif question.kind != "scenario":
        read.report.error(f'question "{name}" is not a scenario: it has no bad ending to offer the guide at',
                          "name a scenario question", at=at)
