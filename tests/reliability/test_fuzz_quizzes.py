"""Fuzzing quiz files, course.toml and changes.toml, built from the formats' own fields with every field present,
missing or of the wrong type: every input gives findings, never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.fuzzing import fuzz_settings, load_changes, load_course_toml, load_quiz
from tests.reliability.strategies import CHANGES, COURSE, QUIZ, toml_documents


@fuzz_settings(2000)
@given(text=toml_documents(QUIZ))
def test_any_quiz_gives_findings_never_an_exception(tmp_path, text):
    load_quiz(tmp_path / "quizzes" / "quiz.toml", text)


@fuzz_settings(2000)
@given(text=toml_documents(COURSE))
def test_any_course_toml_gives_findings_never_an_exception(tmp_path, text):
    load_course_toml(tmp_path / "course.toml", text)


@fuzz_settings(500)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_quiz_or_course_give_findings_never_an_exception(tmp_path, data):
    load_quiz(tmp_path / "quizzes" / "quiz.toml", data)
    load_course_toml(tmp_path / "course.toml", data)


@fuzz_settings(2000)
@given(text=toml_documents(CHANGES))
def test_any_changes_toml_gives_findings_never_an_exception(tmp_path, text):
    load_changes(tmp_path / "changes.toml", text)


@fuzz_settings(500)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_changes_toml_give_findings_never_an_exception(tmp_path, data):
    load_changes(tmp_path / "changes.toml", data)
