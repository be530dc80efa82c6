"""Every file a pack reads stays inside the pack and is a regular file: course.toml and the welcome
file get the refusal lessons and quizzes get, and a FIFO or device never hangs a read."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from tests.content.packs import make_pack, write
from tutor.content.loader import check_pack, load_course

TODAY = date(2026, 11, 24)
COURSE = 'id = "pack"\ntitle = "My pack"\n\n[[modules]]\nid = "basics"\ntitle = "Basics"\n'


def _messages(root):
    _course, found = check_pack(root, today=TODAY)
    return [f.format(root) for f in found]


def test_a_course_toml_that_links_outside_the_pack_is_refused(tmp_path):
    outside = write(tmp_path / "elsewhere.toml", 'id = "stolen"\ntitle = "Read from outside the pack"\n')
    root = make_pack(tmp_path / "pack")
    (root / "course.toml").symlink_to(outside)
    course, _ = load_course(root)
    assert (course.id, course.title) == ("pack", "pack")
    assert _messages(root) == ["course.toml:1:1: error: file points outside the content pack "
                               "(hint: copy the file into the pack instead of linking to it)"]


def test_a_course_toml_pointing_at_a_system_file_is_refused_not_parsed(tmp_path):
    root = make_pack(tmp_path / "pack")
    (root / "course.toml").symlink_to("/etc/passwd")
    [line] = _messages(root)
    assert "points outside the content pack" in line and "TOML" not in line


def test_a_dangling_course_toml_link_is_reported(tmp_path):
    root = make_pack(tmp_path / "pack")
    (root / "course.toml").symlink_to(tmp_path / "gone.toml")
    [line] = _messages(root)
    assert line.startswith("course.toml:1:1: error:")


def test_a_link_inside_the_pack_is_fine(tmp_path):
    root = make_pack(tmp_path / "pack")
    write(root / "settings" / "course.toml", COURSE)
    (root / "course.toml").symlink_to(root / "settings" / "course.toml")
    assert load_course(root)[0].title == "My pack"
    assert _messages(root) == []


def test_the_welcome_file_is_read_only_from_inside_the_pack(tmp_path):
    secret = write(tmp_path / "secret.md", "The learner's private notes.\n")
    root = make_pack(tmp_path / "pack", course='welcome = "welcome.md"\n' + COURSE)
    (root / "welcome.md").symlink_to(secret)
    course, _ = load_course(root)
    assert course.welcome == root / "welcome.md" and course.welcome_text() == ""
    assert _messages(root) == ["welcome.md:1:1: error: file points outside the content pack "
                               "(hint: copy the file into the pack instead of linking to it)"]


def test_a_welcome_file_in_the_pack_is_read_cleaned_and_a_missing_one_is_reported(tmp_path):
    root = make_pack(tmp_path / "pack", course='welcome = "welcome.md"\n' + COURSE)
    write(root / "welcome.md", "Hello \x1b[2Jthere.\n")
    course, _ = load_course(root)
    assert course.welcome_text() == "Hello [2Jthere.\n"
    (root / "welcome.md").unlink()
    assert _messages(root) == ['course.toml:1:1: error: welcome file "welcome.md" does not exist '
                               "(hint: create it beside course.toml, or remove welcome)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_where_a_pack_file_should_be_never_hangs_a_read(tmp_path):
    fifo_course = make_pack(tmp_path / "a", course=None)
    os.mkfifo(fifo_course / "course.toml")
    os.mkfifo(fifo_course / "lessons" / "fifo.md")
    fifo_welcome = make_pack(tmp_path / "b", course='welcome = "welcome.md"\n' + COURSE)
    os.mkfifo(fifo_welcome / "welcome.md")
    code = ("from pathlib import Path; from tutor.content.loader import check_pack, load_course\n"
            f"for root in (Path({str(fifo_course)!r}), Path({str(fifo_welcome)!r})):\n"
            "    c, f = load_course(root)\n"
            "    print(c.title, sorted(c.lessons), repr(c.welcome_text()))\n"
            "    c, f = check_pack(root)\n"
            "    print([x.format(root) for x in f])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    refused = "error: not a regular file (a folder, FIFO or device): it is not read (hint: make it an ordinary file)"
    assert result.stdout.strip().split("\n") == [
        "a ['intro'] ''", f"['course.toml:1:1: {refused}']",
        "My pack ['intro'] ''", f"['welcome.md:1:1: {refused}']",
    ]
