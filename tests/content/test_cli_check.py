"""The `tutor check` command as an author runs it: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.packs import lesson_text, make_pack, quiz_text, write

REPO = Path(__file__).resolve().parents[2]


def tutor(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=60)


def test_clean_pack_exits_0_with_a_summary(tmp_path):
    root = make_pack(tmp_path / "pack")
    result = tutor("check", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"checked 1 lesson and 1 quiz in the pack in {root}: 0 errors, 0 warnings"


def test_errors_exit_1_and_every_problem_is_reported(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": lesson_text(id="a").replace('title = "Intro"\n', ""),
                                        "b.md": lesson_text(id="b", extra="bogus = 1")},
                     quizzes={"q.toml": quiz_text(lesson="ghost")})
    result = tutor("check", ".", cwd=root)
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert lines[0].startswith('lessons/a.md:1:1: error: lesson front matter is missing required field "title"')
    assert lines[1].startswith('lessons/b.md:8:1: warning: unknown field "bogus"')
    assert lines[2].startswith('quizzes/q.toml:2:1: error: quiz belongs to lesson "ghost"')
    assert lines[-1] == "checked 2 lessons and 1 quiz in the pack in .: 2 errors, 1 warning"


def test_warnings_pass_unless_strict(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra="bogus = 1")})
    assert tutor("check", str(root)).returncode == 0
    strict = tutor("check", "--strict", str(root))
    assert strict.returncode == 1
    assert 'error: unknown field "bogus"' in strict.stdout


def test_json_output_carries_the_same_findings(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra="bogus = 1")})
    result = tutor("check", "--format", "json", ".", cwd=root)
    data = json.loads(result.stdout)
    assert data["errors"] == 0 and data["warnings"] == 1
    [finding] = data["findings"]
    assert finding["path"] == "lessons/intro.md" and (finding["line"], finding["col"]) == (8, 1)
    assert finding["severity"] == "warning"
    assert finding["message"] == 'unknown field "bogus" in lesson front matter'


def test_a_single_file_is_checked_within_its_pack(tmp_path):
    root = make_pack(tmp_path, quizzes={"q.toml": quiz_text(lesson="ghost")})
    result = tutor("check", str(root / "lessons" / "intro.md"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"checked 1 lesson and 0 quizzes in the pack in {root}: 0 errors, 0 warnings"
    result = tutor("check", str(root / "quizzes" / "q.toml"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout


def test_a_lone_file_outside_any_pack_is_still_checked(tmp_path):
    path = write(tmp_path / "draft.md", lesson_text().replace("order = 1", "order = -1"))
    result = tutor("check", str(path))
    assert result.returncode == 1
    assert f"{path}:5:1: error: \"order\" must not be negative" in result.stdout


@pytest.mark.parametrize("args", [["check", "/no/such/folder"], ["check", "--max-age", "soon"],
                                  ["--content", "/no/such/folder", "check"]])
def test_usage_problems_exit_2_without_a_traceback(args):
    result = tutor(*args, cwd=REPO)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_a_file_that_is_neither_lesson_nor_quiz_is_a_usage_problem(tmp_path):
    result = tutor("check", str(write(tmp_path / "notes.txt", "hello")))
    assert result.returncode == 2
    assert "not a lesson (.md), a quiz or guide (.toml) or a content folder" in result.stderr


def test_garbage_content_never_produces_a_traceback(tmp_path):
    root = tmp_path / "pack"
    write(root / "lessons" / "a.md", "+++\n+++\n+++\n")
    (root / "lessons" / "b.md").write_bytes(os.urandom(3000))
    write(root / "lessons" / "c.md", "+++\nid = [1, {x = 2}]\nsources = [[]]\n+++\nbody\n")
    write(root / "quizzes" / "a.toml", "questions = 3\n")
    write(root / "quizzes" / "b.toml", "[[questions]]\nsteps = [1]\nkind = 'scenario'\n[[questions.options]]\n")
    write(root / "quizzes" / "c.toml", 'id="x"\nlesson="y"\ntitle="t"\n[[questions]]\nid="q"\nkind="scenario"\n'
          'prompt="p"\nexplanation="e"\nsource="s"\n[[questions.steps]]\nid="s"\ntext="t"\noptions=[]\n')
    (root / "course.toml").write_text("modules = 'x'\n")
    result = tutor("check", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip().split("\n")[-1].startswith("checked ")


def test_read_prints_a_lesson_as_plain_text_with_its_sources(tmp_path):
    root = make_pack(tmp_path / "pack")
    result = tutor("read", "intro", "--content", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Intro\n")
    assert "## First page" in result.stdout and "Some text with a link <https://example.com>." in result.stdout
    assert "- Help page, Rules (checked 2026-11-01): https://example.com/help" in result.stdout
    missing = tutor("read", "nope", "--content", str(root))
    assert missing.returncode == 2 and "no lesson 'nope'; the lessons are: intro" in missing.stderr


def test_a_max_age_beyond_the_calendar_is_a_usage_error(tmp_path):
    root = make_pack(tmp_path / "pack")
    for days in ("99999999999", "-1"):
        result = tutor("check", "--max-age", days, str(root))
        assert result.returncode == 2, result.stdout + result.stderr
        assert "--max-age takes a number of days from 0 to 36500" in result.stderr
        assert "internal error" not in result.stderr
    assert tutor("check", "--max-age", "36500", str(root)).returncode == 0


COPIED_COURSE = 'id = "freelance-tos"\ntitle = "Our agency"\n\n[[modules]]\nid = "basics"\ntitle = "Basics"\n'


def test_a_pack_that_copies_the_shipped_course_id_is_an_error(tmp_path):
    root = make_pack(tmp_path / "pack", course=COPIED_COURSE)
    result = tutor("check", str(root))
    assert result.returncode == 1
    [line] = [line for line in result.stdout.split("\n") if ": error: " in line]
    assert line.startswith(f'{root}/course.toml:1:1: error: course id "freelance-tos" is already the id of the '
                           "course in ")
    assert "share the learner's progress, and `tutor reset` erases both" in line
    assert tutor("check", cwd=REPO).returncode == 0  # the shipped course is not a copy of itself


def test_a_copy_of_a_pack_the_author_opened_passes_the_check_on_her_machine_as_in_ci(tmp_path):
    """Issue 26, item 3: once she opened her pack from folder A, a v2 unzip or a clone to review failed
    `check --strict` on her machine while CI passed, with a hint that would split learners' progress.
    A pack is judged alone; two installed packs with one id are `tutor pack add`'s question."""
    import time

    from tutor.content.catalogue_cache import cache_file
    from tutor.content.loader import load_course

    home = tmp_path / "home"
    course = COPIED_COURSE.replace("freelance-tos", "agency")
    first = make_pack(tmp_path / "first", course=course)
    an_hour_ago = time.time() - 3600
    for path in first.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    load_course(first, cache=cache_file(home / "cache", first))  # what the app does when it opens a pack
    second = make_pack(tmp_path / "second", course=course)
    mine = tutor("check", "--strict", str(second), env={"TUTOR_HOME": str(home)})
    ci = tutor("check", "--strict", str(second), "--data-dir", str(tmp_path / "ci-home"))
    assert mine.returncode == ci.returncode == 0, mine.stdout
    assert mine.stdout.split(": ")[-1] == ci.stdout.split(": ")[-1]


def test_read_prints_two_footnote_references_side_by_side(tmp_path):
    text = lesson_text().replace("More text.", "See the rules[^1][^2].\n\n[^1]: One.\n[^2]: Two.")
    root = make_pack(tmp_path / "pack", lessons={"intro.md": text})
    assert tutor("check", str(root)).returncode == 0
    result = tutor("read", "intro", "--content", str(root))
    assert result.returncode == 0, result.stderr
    assert "See the rules[1][2]." in result.stdout and "[1] One." in result.stdout and "[2] Two." in result.stdout


def test_with_no_path_inside_a_pack_it_checks_that_pack(tmp_path):
    root = make_pack(tmp_path / "pack", quizzes={"q.toml": quiz_text(lesson="ghost")})
    env = {"TUTOR_CONTENT": ""}
    result = tutor("check", cwd=root, env=env)
    assert result.returncode == 1 and 'quiz belongs to lesson "ghost"' in result.stdout
    elsewhere = tutor("check", cwd=tmp_path, env=env)  # not in a pack: the content the app would use
    assert elsewhere.returncode == 0 and "12 quizzes and 3 guides in the shipped course" in elsewhere.stdout


def test_from_inside_lessons_or_quizzes_it_checks_the_pack_around_and_says_which(tmp_path):
    """An author in my-pack/lessons runs `tutor check`: her pack's errors, not the shipped course's
    "0 errors" (tutor new, run in the same folder, found the pack all along)."""
    root = make_pack(tmp_path / "my-pack", quizzes={"q.toml": quiz_text(lesson="ghost")})
    (root / "lessons" / "drafts").mkdir()
    env = {"TUTOR_CONTENT": ""}
    for inside in (root / "lessons", root / "quizzes", root / "lessons" / "drafts"):
        result = tutor("check", cwd=inside, env=env)
        assert result.returncode == 1, (inside, result.stdout)
        assert 'quiz belongs to lesson "ghost"' in result.stdout
        assert result.stdout.strip().split("\n")[-1] == \
            f"checked 1 lesson and 1 quiz in the pack in {root}: 1 error, 0 warnings"
    as_json = json.loads(tutor("check", "--json", cwd=root / "lessons", env=env).stdout)
    assert as_json["checked"] == [f"the pack in {root}"]
    made = tutor("new", "lesson", "Second", cwd=root / "lessons", env=env)
    assert made.returncode == 0 and (root / "lessons" / "02-second.md").is_file(), made.stdout + made.stderr


def test_the_summary_counts_files_even_when_some_do_not_load(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": lesson_text(id="a"), "b.md": "no front matter\n"},
                     quizzes={"q.toml": quiz_text(lesson="a", id="q"), "r.toml": "id = [\n"})
    result = tutor("check", str(root))
    assert result.stdout.strip().split("\n")[-1].startswith("checked 2 lessons and 2 quizzes in the pack in")
