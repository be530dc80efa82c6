"""A pack file swapped for a symlink out of the pack after the tutor started is refused when it is
opened, not only when the pack was listed (issue 22, fault 3).

The app lists the pack at start (refusing symlinks out of it then) and reads a lesson's body or a
quiz only when the learner opens it; without --watch, a file replaced in between was read and
drawn. Containment is now checked on the file actually opened.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import PACK
from tutor.app.app import create_app
from tutor.app.screens.reader import ReaderScreen
from tutor.content.loader import load_course
from tutor.progress import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks")

SECRET = "SECRET-OUTSIDE-THE-PACK"


def a_pack_and_an_outside(tmp_path: Path) -> tuple[Path, Path]:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    outside = tmp_path / "outside"
    outside.mkdir()
    lesson = (PACK / "lessons" / "01-stay.md").read_text()
    (outside / "01-stay.md").write_text(lesson.replace("A client answers your proposal", SECRET))
    quiz = (PACK / "quizzes" / "stay.toml").read_text()
    (outside / "stay.toml").write_text(quiz.replace("The client sends a link", SECRET))
    return pack, outside


def swap_file(pack: Path, outside: Path, folder: str, name: str) -> None:
    (pack / folder / name).unlink()
    (pack / folder / name).symlink_to(outside / name)


def swap_folder(pack: Path, outside: Path, folder: str) -> None:
    shutil.rmtree(pack / folder)
    (pack / folder).symlink_to(outside)


@pytest.mark.parametrize("swap", ["file", "folder"])
def test_a_lesson_swapped_after_start_is_refused_when_read(tmp_path: Path, swap: str) -> None:
    pack, outside = a_pack_and_an_outside(tmp_path)
    course, _findings = load_course(pack)
    lesson = course.lessons["stay"]
    assert "A client answers your proposal" in course.body_reader(lesson.path)

    if swap == "file":
        swap_file(pack, outside, "lessons", "01-stay.md")
    else:
        swap_folder(pack, outside, "lessons")

    assert SECRET not in course.body_reader(lesson.path)


@pytest.mark.parametrize("swap", ["file", "folder"])
def test_a_quiz_swapped_after_start_is_refused_when_read(tmp_path: Path, swap: str) -> None:
    pack, outside = a_pack_and_an_outside(tmp_path)
    course, _findings = load_course(pack)
    assert course.quiz_id_for("stay") == "stay"  # the quiz index is made at start

    if swap == "file":
        swap_file(pack, outside, "quizzes", "stay.toml")
    else:
        swap_folder(pack, outside, "quizzes")

    quiz = course.quiz("stay")
    assert quiz is None or all(SECRET not in question.prompt for question in quiz.questions)


async def test_the_app_does_not_draw_a_lesson_swapped_after_it_started(tmp_path: Path) -> None:
    pack, outside = a_pack_and_an_outside(tmp_path)
    with open_store(tmp_path / "progress") as store:
        app = create_app(pack, store)
        store.set_setting(app.welcome_key, True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            swap_file(pack, outside, "lessons", "01-stay.md")
            await pilot.press("enter")  # open the first lesson
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)
            assert SECRET not in app.export_screenshot()
