"""TOML that nests absurdly deep, or has a dotted key of thousands of parts, gets a finding at its line
in every format: never a RecursionError in the check, the app or `tutor progress`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from tests.content.packs import lesson_text, make_pack, quiz_text, write
from tutor.content.loader import check_pack, load_course
from tutor.content.sanitize import clean_value
from tutor.content.tomlpos import MAX_KEY_PARTS, MAX_NESTING

TODAY = date(2026, 11, 24)

DEEP = {
    "arrays": "deep = " + "[" * 600 + "]" * 600,
    "inline tables": "deep = " + "{a = " * 600 + "1" + "}" * 600,
    "a dotted key": ".".join(["a"] * 5000) + " = 1",
}


def _messages(root):
    _course, found = check_pack(root, today=TODAY)
    return [f.format(root) for f in found]


@pytest.mark.parametrize("kind", list(DEEP))
def test_deep_toml_in_a_quiz_is_refused_at_its_line(tmp_path, kind):
    text = quiz_text().replace('title = "Quiz"\n', 'title = "Quiz"\n' + DEEP[kind] + "\n")
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": text})
    [line] = _messages(root)
    if kind == "a dotted key":
        assert line.startswith(f"quizzes/intro-quiz.toml:4:1: error: quiz has a dotted key of more than "
                               f"{MAX_KEY_PARTS} parts")
    else:
        assert line.startswith(f"quizzes/intro-quiz.toml:4:1: error: quiz nests arrays or inline tables more than "
                               f"{MAX_NESTING} levels deep")
    assert load_course(root)[0].quiz_for("intro") is None


@pytest.mark.parametrize("kind", list(DEEP))
def test_deep_toml_in_front_matter_and_course_toml_is_refused_at_its_line(tmp_path, kind):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra=DEEP[kind])},
                     course='id = "c"\ntitle = "C"\n' + DEEP[kind] + "\n")
    found = _messages(root)
    assert found[0].startswith("course.toml:3:1: error: course.toml ")
    assert found[1].startswith("lessons/intro.md:8:1: error: front matter ")
    course, _ = load_course(root)
    assert course.lessons == {} and course.title == root.name


def test_nesting_inside_strings_and_comments_does_not_count(tmp_path):
    text = quiz_text().replace('title = "Quiz"', 'title = "' + "[" * 200 + '"  # ' + "{" * 200 + "\n"
                               + "note = '''\n" + "[" * 200 + "\n'''\n" + 'path = "' + "." * 200 + '"')
    found = _messages(make_pack(tmp_path, quizzes={"intro-quiz.toml": text}))
    assert [f.split(": ", 2)[1] for f in found] == ["warning", "warning"]  # unknown fields "note", "path"


def test_cleaning_a_deeply_nested_value_needs_no_recursion():
    value: list = ["\x1b[31m"]
    for _ in range(20000):
        value = [value, {"k": "ok\x07"}]
    cleaned = clean_value(value)
    while isinstance(cleaned[0], list):
        assert cleaned[1] == {"k": "ok"}
        cleaned = cleaned[0]
    assert cleaned == ["[31m"]


def test_tutor_progress_and_check_on_a_deeply_nested_pack_exit_without_a_traceback(tmp_path):
    root = make_pack(tmp_path / "pack", lessons={"intro.md": lesson_text(extra=DEEP["arrays"])},
                     course='id = "c"\ntitle = "C"\n' + DEEP["inline tables"] + "\n")
    write(root / "quizzes" / "q.toml", DEEP["a dotted key"] + "\n")
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home")}
    for args, code in ((["check", str(root)], 1), (["progress", "--content", str(root)], 0)):
        result = subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=env,
                                timeout=60)
        assert result.returncode == code, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
