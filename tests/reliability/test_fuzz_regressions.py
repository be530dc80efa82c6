"""Every input that once crashed a loader (found by fuzzing, adversarial runs or reports), replayed
as a normal test: lesson-*.md through the lesson loader, quiz-*.toml through the quiz loader and
course-*.toml through course.toml's, each giving findings and never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.fuzzing import REGRESSIONS, load_course_toml, load_lesson, load_quiz

SAVED = sorted(p for p in REGRESSIONS.iterdir() if p.name.startswith(("lesson-", "quiz-", "course-")))
LOADERS = {"lesson": (load_lesson, "lessons"), "quiz": (load_quiz, "quizzes"), "course": (load_course_toml, ".")}


def test_there_are_saved_inputs_for_every_loader():
    assert {p.name.split("-", 1)[0] for p in SAVED} == set(LOADERS)


@pytest.mark.parametrize("saved", SAVED, ids=[p.name for p in SAVED])
def test_a_saved_crash_gives_findings_never_an_exception(tmp_path: Path, saved: Path):
    loader, folder = LOADERS[saved.name.split("-", 1)[0]]
    name = "course.toml" if folder == "." else saved.name
    loader(tmp_path / folder / name, saved.read_bytes())  # asserts the findings' properties itself
