"""The real `tutor` command in a real terminal (tmux): keys in, screen text out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

PACK = Path(__file__).resolve().parent.parent / "fixtures" / "pack"
TUTOR = Path(sys.executable).with_name("tutor")

if not shutil.which("tmux"):
    if os.environ.get("CI"):
        raise RuntimeError("tmux is required for the real-terminal test; .ci/run installs it")
    pytest.skip("tmux is not installed", allow_module_level=True)


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str], size=(100, 30)) -> None:
        self.name = f"tutor-{uuid.uuid4().hex[:8]}"
        env_args = [f"{k}={v}" for k, v in env.items()]
        # Without COLUMNS and LINES: under pytest the pane's environment had COLUMNS=80 LINES=24
        # from somewhere, and Textual believes them over the terminal, so every app in tmux ran at
        # 80x24 whatever size the test asked for.
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
                        "env", "-u", "COLUMNS", "-u", "LINES", *env_args, *command], check=True)

    def screen(self, escapes: bool = False) -> str:
        flags = ["-p", "-e"] if escapes else ["-p"]
        result = subprocess.run(["tmux", "capture-pane", *flags, "-t", self.name], capture_output=True, text=True)
        return result.stdout

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, key], check=True)
            time.sleep(0.15)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


@pytest.fixture
def terminal(tmp_path):
    opened: list[Terminal] = []
    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": os.environ.get("PATH", "")}

    def start(**extra: str) -> Terminal:
        term = Terminal([str(TUTOR), "--content", str(PACK)], {**env, **extra})
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def test_learner_loop_in_a_real_terminal(terminal):
    term = terminal()
    term.wait_for("Not legal advice")
    term.keys("Enter")
    term.wait_for("Start: Stay on the platform")
    term.keys("Enter")
    term.wait_for("page 1 of 3")
    term.keys("Right")
    shown = term.wait_for("page 2 of 3")
    assert "Do not join a meeting on the client's own account" in shown
    assert "Warning" in shown and "A pasted meeting link" in shown  # callout and table
    term.keys("q")
    term.wait_for("Question 1 of 4")
    term.keys("1", "Enter")
    shown = term.wait_for("Not quite")
    assert "Right answer: Offer a call started from Messages" in shown
    term.keys("n")
    term.wait_for("Question 2 of 4")
    term.keys("1", "2", "s")
    term.wait_for("Right")
    term.keys("n", "1", "Enter", "n")
    term.wait_for("Question 4 of 4")
    term.keys("2", "Enter")
    term.wait_for("An offer arrives through the platform")
    term.keys("1", "Enter")
    term.wait_for("Good ending")
    term.keys("n")
    shown = term.wait_for("Your score")
    assert "3 of 4 (75%)" in shown
    term.keys("C-q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not term.alive(), "tutor did not quit on ctrl+q"

    again = terminal()
    shown = again.wait_for("Continue at page 2: Stay on the platform")
    assert "quiz 75%" in shown
    assert "Traceback" not in shown


def test_no_color_shows_no_colour_only_shades_of_grey(terminal):
    term = terminal(NO_COLOR="1")
    term.wait_for("Not legal advice")
    term.keys("Enter", "Enter", "Right")
    term.wait_for("Do not join a meeting")  # the page with a WARNING callout and a table
    shown = term.screen(escapes=True)
    colours = set(re.findall(r"\x1b\[([0-9;]*)m", shown))
    assert colours, "capture-pane showed no attributes at all"
    for codes in colours:
        assert "38;2;" not in codes and "48;2;" not in codes, f"24-bit colour {codes!r}"
        parts = codes.split(";")
        for i, part in enumerate(parts[:-2]):
            if part in ("38", "48") and parts[i + 1] == "5":
                assert int(parts[i + 2]) in GREYS, f"a colour that is not grey: {codes!r}"


GREYS = {0, 7, 8, 15, 16, 231} | set(range(232, 256))
