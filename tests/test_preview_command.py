"""`tutor preview` from the command line: what it refuses, and why, in one line each."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "tests" / "fixtures" / "pack"


def tutor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture
def pack(tmp_path) -> Path:
    shutil.copytree(PACK, tmp_path / "pack")
    return tmp_path / "pack"


def test_preview_of_a_broken_lesson_names_the_check_that_lists_its_problems(pack):
    lesson = pack / "lessons" / "02-money.md"
    lesson.write_text(lesson.read_text().replace('title = "Money stays on the platform"\n', ""))
    refused = tutor("preview", "lessons/02-money.md", cwd=pack)
    assert refused.returncode == 1
    assert refused.stderr.strip() == ("tutor preview: lessons/02-money.md has errors, so the app would not show it: "
                                      "`tutor check lessons/02-money.md` lists them (or preview it with --watch and "
                                      "fix it while the app runs)")


@pytest.mark.parametrize(("path", "message"), [
    ("course.toml", "not a lesson (lessons/*.md) or a quiz (quizzes/*.toml) of a pack"),
    ("missing.md", "no such file"),
])
def test_preview_takes_only_a_lesson_or_a_quiz_of_a_pack(pack, path, message):
    refused = tutor("preview", path, cwd=pack)
    assert refused.returncode == 2 and message in refused.stderr


def test_preview_of_a_file_of_another_pack_than_content_is_a_usage_error(pack, tmp_path):
    refused = tutor("preview", str(pack / "lessons" / "01-stay.md"), "--content", str(tmp_path), cwd=tmp_path)
    assert refused.returncode == 2 and "belongs to the pack in" in refused.stderr


def test_preview_without_a_terminal_says_what_works_instead(pack):
    result = tutor("preview", "quizzes/stay.toml", cwd=pack)
    assert result.returncode == 2 and "needs a terminal" in result.stderr
