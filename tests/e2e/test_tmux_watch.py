"""The installed `tutor --content DIR --watch` in a real terminal, as an author uses it beside an
editor: a saved lesson is on screen at once, a broken one shows its problems, a fix brings it back,
and ctrl+q still quits."""

from __future__ import annotations

import os
import shutil
import time

from tests.e2e.test_tmux import PACK, TUTOR, Terminal


def save(path, text: str) -> None:
    """Save in place, as vim and nano do by default: the same file truncated and written again."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)


def test_watch_shows_each_save_and_the_problems_of_a_broken_one_in_a_real_terminal(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    lesson = pack / "lessons" / "01-stay.md"
    original = lesson.read_text(encoding="utf-8")
    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": os.environ.get("PATH", "")}
    term = Terminal([str(TUTOR), "--content", str(pack), "--watch"], env, size=(100, 30))
    try:
        term.wait_for("Not legal advice")
        term.keys("Enter")
        term.wait_for("Start: Stay on the platform")
        term.keys("Enter", "Right")
        term.wait_for("page 2 of 3")

        save(lesson, original.replace("Do not join a meeting", "Never join a meeting"))
        shown = term.wait_for("Never join a meeting", timeout=10)
        assert "page 2 of 3" in shown

        save(lesson, original.replace('module = "basics"', 'module = basics'))
        shown = term.wait_for("tutor check: 2 errors", timeout=10)
        assert "lessons/01-stay.md" in shown and "front matter is not valid TOML" in shown

        save(lesson, original.replace("Do not join a meeting", "Fixed: do not join a meeting"))
        shown = term.wait_for("Fixed: do not join a meeting", timeout=10)
        deadline = time.monotonic() + 10
        while "tutor check:" in shown and time.monotonic() < deadline:
            time.sleep(0.1)
            shown = term.screen()
        assert "tutor check:" not in shown and "page 2 of 3" in shown
        assert "Traceback" not in shown

        term.keys("C-q")
        deadline = time.monotonic() + 10
        while term.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not term.alive(), "tutor did not quit on ctrl+q while watching"
    finally:
        term.close()
