"""Every field of every table of every format, missing or of the wrong type, alone or two at a time:
always the project's own findings, each naming the field at a line of the file, never an exception;
and the learner gets only what has no error."""

from __future__ import annotations

import copy
import itertools
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.content import tomlwrite
from tests.content.packs import write
from tutor.content import course_format, lesson_format, quiz_format
from tutor.content.loader import check_pack, load_course

TODAY = date(2026, 11, 24)
WRONG = ["text", 7, True, 0.5, date(2026, 1, 1), [1, 2], {"x": 1}, [{"x": 1}], []]

SOURCE = {"id": "help", "title": "Help", "url": "https://example.com", "section": "Rules", "checked": date(2026, 11, 1)}
LESSON = {"id": "intro", "title": "Intro", "module": "basics", "order": 1, "minutes": 5, "summary": "S.",
          "quiz": "intro-quiz", "prerequisites": [], "sources": [SOURCE]}
OPTION = {"id": "a", "text": "A", "feedback": "Because.", "correct": True}
WRONG_OPTION = {"id": "b", "text": "B", "feedback": "Because not."}
STEP_OPTION = {"id": "go", "text": "Go", "feedback": "Fine.", "outcome": "good", "ending": "The end."}
STEP = {"id": "start", "text": "It begins.", "options": [STEP_OPTION]}
COMMON = {"id": "q1", "prompt": "P?", "explanation": "E.", "source": "help", "hints": ["h"], "risk": "high",
          "shuffle": False}
QUESTIONS = {
    "single": {**COMMON, "kind": "single", "options": [OPTION, WRONG_OPTION]},
    "multi": {**COMMON, "kind": "multi", "partial_credit": True, "options": [OPTION, WRONG_OPTION]},
    "truefalse": {**COMMON, "kind": "truefalse", "answer": True, "feedback_true": "T.", "feedback_false": "F."},
    "scenario": {**COMMON, "kind": "scenario", "start": "start", "steps": [STEP]},
}
QUIZ = {"id": "intro-quiz", "lesson": "intro", "title": "Quiz", "shuffle": True}
MODULE = {"id": "basics", "title": "Basics"}
COURSE = {"id": "c", "title": "C", "description": "D.", "checked": date(2026, 11, 1), "pass_mark": 0.8,
          "readiness": {"questions_per_module": 3, "minutes": 20, "pass_mark": 0.8}, "modules": [MODULE]}


def _lesson(front: dict[str, Any]) -> str:
    return "+++\n" + tomlwrite.dumps(front) + "+++\n\nBody.\n"


def _quiz(question: dict[str, Any], top: dict[str, Any] = QUIZ) -> str:
    return tomlwrite.dumps({**top, "questions": [question]})


# (name, spec, a path to the table inside its document, the document, how the document is written)
TABLES: list[tuple[str, dict[str, Any], tuple[Any, ...], dict[str, Any], str]] = [
    ("lesson", lesson_format.LESSON_FIELDS, (), LESSON, "lesson"),
    ("source", lesson_format.SOURCE_FIELDS, ("sources", 0), LESSON, "lesson"),
    ("quiz", quiz_format.QUIZ_FIELDS, (), {**QUIZ, "questions": [QUESTIONS["single"]]}, "quiz"),
    *[(f"{kind} question", {**quiz_format.COMMON_QUESTION_FIELDS, **quiz_format.KIND_FIELDS[kind]},
       ("questions", 0), {**QUIZ, "questions": [QUESTIONS[kind]]}, "quiz") for kind in QUESTIONS],
    ("option", quiz_format.OPTION_FIELDS, ("questions", 0, "options", 0),
     {**QUIZ, "questions": [QUESTIONS["single"]]}, "quiz"),
    ("scenario step", quiz_format.STEP_FIELDS, ("questions", 0, "steps", 0),
     {**QUIZ, "questions": [QUESTIONS["scenario"]]}, "quiz"),
    ("scenario option", quiz_format.STEP_OPTION_FIELDS, ("questions", 0, "steps", 0, "options", 0),
     {**QUIZ, "questions": [QUESTIONS["scenario"]]}, "quiz"),
    ("course", course_format.COURSE_FIELDS, (), COURSE, "course"),
    ("module", course_format.MODULE_FIELDS, ("modules", 0), COURSE, "course"),
    ("readiness", course_format.READINESS_FIELDS, ("readiness",), COURSE, "course"),
]


def _table_at(document: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    table: Any = document
    for part in path:
        table = table[part]
    return table


def _check(root: Path, kind: str, document: dict[str, Any]) -> list[str]:
    """Write the document as its format into the pack, check the pack, and return the findings."""
    lesson = document if kind == "lesson" else LESSON
    write(root / "lessons" / "intro.md", _lesson(lesson))
    write(root / "quizzes" / "intro-quiz.toml", tomlwrite.dumps(document) if kind == "quiz"
          else _quiz(QUESTIONS["single"]))
    write(root / "course.toml", tomlwrite.dumps(document) if kind == "course" else tomlwrite.dumps(COURSE))
    _course, found = check_pack(root, today=TODAY)
    sizes = {path: len(path.read_text().split("\n")) for path in (root / "lessons" / "intro.md",
                                                                   root / "quizzes" / "intro-quiz.toml",
                                                                   root / "course.toml")}
    for finding in found:
        assert 1 <= finding.line <= sizes.get(finding.path, 1) and finding.col >= 1, finding
        assert "\n" not in finding.format(root)
    _learner_gets_only_good_content(root)
    return [f.format(root) for f in found]


def _learner_gets_only_good_content(root: Path) -> None:
    course, _ = load_course(root)
    for lesson in course.lessons.values():
        assert all(isinstance(getattr(lesson, name), str) for name in ("id", "title", "summary", "module"))
        quiz = course.quiz_for(lesson.id)
        for question in quiz.questions if quiz else ():
            assert isinstance(question.prompt, str) and isinstance(question.explanation, str)
            assert lesson.source(question.source) is not None
            assert question.options or question.steps
            for step in question.steps:
                for option in step.options:
                    assert (option.next is None) != (option.outcome is None)


def test_the_base_documents_are_clean(tmp_path):
    for _name, _spec, _path, document, kind in TABLES:
        assert _check(tmp_path, kind, document) == []


@pytest.mark.parametrize("name,spec,path,document,kind", TABLES, ids=[t[0] for t in TABLES])
def test_each_field_missing_or_of_each_wrong_type_is_named_in_a_finding(tmp_path, name, spec, path, document, kind):
    for field, declared in spec.items():
        changed = copy.deepcopy(document)
        table = _table_at(changed, path)
        table.pop(field, None)
        found = _check(tmp_path, kind, changed)
        if declared.required:
            assert any(f'"{field}"' in f for f in found), (name, field, found)
        for wrong in WRONG:
            table[field] = wrong
            found = _check(tmp_path, kind, changed)
            if not quiz_format.check_fields({field: wrong}, {field: declared}, _Silent(), (), name):
                assert any(f'"{field}"' in f for f in found), (name, field, wrong, found)


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_any_two_fields_of_a_question_missing_at_once_are_both_named(tmp_path, kind):
    spec = {**quiz_format.COMMON_QUESTION_FIELDS, **quiz_format.KIND_FIELDS[kind]}
    required = [name for name, field in spec.items() if field.required]
    for pair in itertools.combinations(required, 2):
        question = {k: v for k, v in QUESTIONS[kind].items() if k not in pair}
        found = _check(tmp_path, "quiz", {**QUIZ, "questions": [question]})
        for field in pair:
            if "kind" in pair and field in quiz_format.KIND_FIELDS[kind]:
                continue  # without a kind, no field of a kind can be missing
            assert any(f'"{field}"' in f for f in found), (kind, pair, found)


class _Silent(quiz_format.Report):
    def __init__(self) -> None:
        super().__init__(Path("-"), [])
