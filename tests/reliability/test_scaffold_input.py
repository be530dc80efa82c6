"""What an author types into `tutor new` is data (issue 22, faults 10 and 11, and 9 for the files it
writes): a title is written as typed, never filled in as the template's placeholders are; nothing is
written through a folder that leads out of the pack; a full disk leaves no half-written file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import child_env, fill_disk, run
from tutor.content.lesson_format import read_lesson_file
from tutor.content.quiz_format import read_quiz_file

PLACEHOLDERS = "{{today}} {{module}} {{order}} {{lesson_id}} {{source_id}} {{quiz_title}}"


def tutor_new(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "tutor", "new", *argv, "--content", str(cwd)] if argv[0] != "course"
               else [sys.executable, "-m", "tutor", "new", *argv], env=child_env(TUTOR_HOME=str(cwd / ".home")))


def a_pack(where: Path) -> Path:
    done = tutor_new("course", str(where / "pack"), cwd=where)
    assert done.returncode == 0, done.stderr
    return where / "pack"


def test_a_title_that_looks_like_placeholders_is_written_as_typed(tmp_path: Path) -> None:
    pack = a_pack(tmp_path)
    done = tutor_new("lesson", PLACEHOLDERS, cwd=pack)
    assert done.returncode == 0, done.stderr
    written = sorted((pack / "lessons").glob("02-*.md"))[0]
    lesson = read_lesson_file(written, []).lesson
    assert lesson is not None and lesson.title == PLACEHOLDERS

    done = tutor_new("quiz", lesson.id, cwd=pack)  # the quiz's title is made of the lesson's
    assert done.returncode == 0, done.stderr
    quiz = read_quiz_file(pack / "quizzes" / f"{lesson.id}.toml").quiz
    assert quiz is not None and quiz.title == f"Quiz: {PLACEHOLDERS}"


def test_a_folder_named_like_placeholders_names_the_course_as_typed(tmp_path: Path) -> None:
    folder = tmp_path / "{{today}} {{module}}"
    done = tutor_new("course", str(folder), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'title = "{{today}} {{module}}"' in (folder / "course.toml").read_text()


@pytest.mark.parametrize("folder", ["lessons", "quizzes"])
def test_nothing_is_written_through_a_folder_that_leads_out_of_the_pack(tmp_path: Path, folder: str) -> None:
    pack = a_pack(tmp_path)
    outside = tmp_path / "outside"
    (pack / folder).rename(outside)
    (pack / folder).symlink_to(outside)
    before = sorted(p.name for p in outside.iterdir())

    done = tutor_new("lesson", "A new lesson", cwd=pack) if folder == "lessons" else \
        tutor_new("quiz", "first-lesson", cwd=pack)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "outside the content pack" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in outside.iterdir()) == before


def test_a_full_disk_leaves_no_half_written_lesson_nor_course_toml(tmp_path: Path, small_disk) -> None:
    disk = small_disk("1m")
    done = tutor_new("course", str(disk / "pack"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pack = disk / "pack"
    course_toml = (pack / "course.toml").read_bytes()
    before = sorted(str(p.relative_to(pack)) for p in pack.rglob("*"))
    filler = fill_disk(disk)

    done = tutor_new("lesson", "Another lesson " + "x" * 2000, "--module", "new-module", cwd=pack)

    assert done.returncode == 1 and "No space left on device" in done.stderr, done.stdout + done.stderr
    assert (pack / "course.toml").read_bytes() == course_toml
    assert sorted(str(p.relative_to(pack)) for p in pack.rglob("*")) == before
    filler.unlink()
