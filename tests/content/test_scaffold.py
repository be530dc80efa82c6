"""`tutor new` as a new author uses it (issue 11): a starter pack that passes `tutor check --strict`
as written, with an id of its own and a question of every kind; lessons and quizzes added with
fresh ids and the next order number; nothing ever overwritten; every answer says where it wrote."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.packs import lesson_text, make_pack
from tutor.content import course_format, lesson_format, quiz_format
from tutor.content.loader import check_pack, load_course

REPO = Path(__file__).resolve().parents[2]


def tutor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})


def strict_check(pack: Path) -> subprocess.CompletedProcess[str]:
    return tutor("check", "--strict", str(pack), cwd=pack.parent)


def test_new_course_writes_a_starter_that_passes_the_strict_check_and_says_what_to_do_next(tmp_path):
    made = tutor("new", "course", "client-onboarding", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    pack = tmp_path / "client-onboarding"
    for name in ("course.toml", "lessons/01-first-lesson.md", "quizzes/first-lesson.toml"):
        assert (pack / name).is_file() and f"client-onboarding/{name}" in made.stdout
    assert "tutor --content client-onboarding --watch" in made.stdout
    checked = strict_check(pack)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.strip() == f"checked 1 lesson and 1 quiz in the pack in {pack.name}: 0 errors, 0 warnings"


def test_the_starter_has_an_id_of_its_own_and_a_question_of_every_kind_with_every_ending(tmp_path):
    for name in ("one", "two"):
        assert tutor("new", "course", f"packs/{name}", cwd=tmp_path).returncode == 0
    one, _ = load_course(tmp_path / "packs" / "one")
    two, _ = load_course(tmp_path / "packs" / "two")
    assert one.id.startswith("one-") and one.id != "freelance-tos"
    assert len({one.id, two.id}) == 2
    quiz = one.quiz("first-lesson")
    assert quiz is not None and quiz.left_out == 0
    assert {q.kind for q in quiz.questions} == {"single", "multi", "truefalse", "scenario"}
    scenario = next(q for q in quiz.questions if q.kind == "scenario")
    assert {o.outcome for step in scenario.steps for o in step.options} == {None, "good", "risky", "bad"}
    assert len(scenario.steps) > 1  # a multi-step story


def _written(text: str, name: str) -> bool:
    """Whether the file sets the field, or shows it commented out: `name = ...` or a `[name]` table."""
    return bool(re.search(rf"^#? ?{re.escape(name)} = |^\[\[?(questions\.|questions\.steps\.)?{re.escape(name)}\]",
                          text, re.M))


def test_the_starter_shows_every_field_of_every_format_with_a_comment(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    pack = tmp_path / "pack"
    course = (pack / "course.toml").read_text()
    lesson = (pack / "lessons" / "01-first-lesson.md").read_text()
    quiz = (pack / "quizzes" / "first-lesson.toml").read_text()
    specs = [(course, course_format.COURSE_FIELDS), (course, course_format.READINESS_FIELDS),
             (course, course_format.MODULE_FIELDS), (lesson, lesson_format.LESSON_FIELDS),
             (lesson, lesson_format.SOURCE_FIELDS), (quiz, quiz_format.QUIZ_FIELDS),
             (quiz, quiz_format.COMMON_QUESTION_FIELDS), (quiz, quiz_format.OPTION_FIELDS),
             (quiz, quiz_format.STEP_FIELDS), (quiz, quiz_format.STEP_OPTION_FIELDS),
             *((quiz, spec) for spec in quiz_format.KIND_FIELDS.values())]
    missing = [name for text, spec in specs for name in spec if not _written(text, name)]
    assert not missing
    assert "Progress is stored against it" in course and "# Optional" in course
    for kind in ("single", "multi", "truefalse", "scenario"):
        assert f"# -- {kind}" in quiz
    comments = sum(line.lstrip().startswith("#") or " # " in line for line in (course + lesson + quiz).splitlines())
    assert comments >= 40


def test_new_course_refuses_a_folder_that_is_a_pack_already_and_changes_nothing(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    course = tmp_path / "pack" / "course.toml"
    course.write_text(course.read_text() + "# my edit\n")
    again = tutor("new", "course", "pack", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.startswith("tutor new course: ") and "already exists" in again.stderr
    assert "Traceback" not in again.stderr
    assert course.read_text().endswith("# my edit\n")


def test_new_lesson_takes_a_fresh_id_and_the_next_order_and_says_where_it_wrote(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    pack = tmp_path / "pack"
    first = tutor("new", "lesson", "Replying to clients", cwd=pack)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith('Wrote lessons/02-replying-to-clients.md: lesson "replying-to-clients", '
                                   'module "basics", order 2.')
    second = tutor("new", "lesson", "Replying to clients", "--content", str(pack), cwd=tmp_path)
    assert 'lesson "replying-to-clients-2", module "basics", order 3' in second.stdout
    course, _ = load_course(pack)
    assert [lesson.id for lesson in course.ordered_lessons()] == ["first-lesson", "replying-to-clients",
                                                                 "replying-to-clients-2"]
    assert strict_check(pack).returncode == 0


def test_new_lesson_in_a_new_module_lists_the_module_in_course_toml(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    pack = tmp_path / "pack"
    made = tutor("new", "lesson", "Invoices", "--module", "money", cwd=pack / "lessons")
    assert made.returncode == 0, made.stderr
    assert 'module "money", order 1' in made.stdout and 'added module "money" to course.toml' in made.stdout
    course, _ = load_course(pack)
    assert [m.id for m in course.modules] == ["basics", "money"]
    assert "# The modules, in the order" in (pack / "course.toml").read_text(), "the author's comments are kept"
    assert strict_check(pack).returncode == 0


def test_new_lesson_in_a_pack_without_course_toml_goes_after_the_last_lesson(tmp_path):
    pack = make_pack(tmp_path / "pack", lessons={"a.md": lesson_text(id="a", order=4)}, quizzes={})
    assert tutor("new", "lesson", "Next one", cwd=pack).returncode == 0
    course, findings = check_pack(pack)
    assert not findings
    assert [(lesson.id, lesson.order) for lesson in course.ordered_lessons()] == [("a", 4), ("next-one", 5)]


def test_new_quiz_writes_every_kind_for_the_lesson_citing_its_source(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    pack = tmp_path / "pack"
    tutor("new", "lesson", "Replying to clients", cwd=pack)
    made = tutor("new", "quiz", "replying-to-clients", cwd=pack)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith('Wrote quizzes/replying-to-clients.toml: quiz "replying-to-clients", for lesson '
                                  '"replying-to-clients", citing its source "handbook".')
    course, _ = load_course(pack)
    assert course.quiz_id_for("replying-to-clients") == "replying-to-clients"
    assert strict_check(pack).returncode == 0


@pytest.mark.parametrize(("args", "message"), [
    (("quiz", "first-lesson"), 'lesson "first-lesson" already has quiz "first-lesson" (quizzes/first-lesson.toml)'),
    (("quiz", "nope"), 'there is no lesson "nope"'),
    (("lesson", "Title", "--module", "two words"), 'module id "two words" may only contain'),
    (("lesson", "   "), "the lesson needs a title"),
])
def test_what_new_refuses_it_says_in_one_line(tmp_path, args, message):
    tutor("new", "course", "pack", cwd=tmp_path)
    before = sorted(p.name for p in (tmp_path / "pack").rglob("*"))
    refused = tutor("new", *args, cwd=tmp_path / "pack")
    assert refused.returncode == 1
    assert message in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "pack").rglob("*")) == before


def test_new_lesson_outside_a_pack_says_how_to_start_one(tmp_path):
    refused = tutor("new", "lesson", "Title", cwd=tmp_path)
    assert refused.returncode == 1
    assert "is not a content pack" in refused.stderr and "tutor new course DIR" in refused.stderr


def test_a_title_with_quotes_tabs_and_escape_characters_is_written_as_plain_toml(tmp_path):
    tutor("new", "course", "pack", cwd=tmp_path)
    made = tutor("new", "lesson", 'Say "no"\tto \\ \x1b[31m [bold]offers[/]', cwd=tmp_path / "pack")
    assert made.returncode == 0, made.stderr
    course, findings = check_pack(tmp_path / "pack")
    assert not findings
    assert course.lessons["say-no-to-31m-bold-offers"].title == 'Say "no" to \\ [31m [bold]offers[/]'
