"""The installed `tutor` in a real terminal at 80x24, as a learner uses it: the whole path from the
welcome to the readiness check and a review, and ctrl+q from every kind of screen."""

from __future__ import annotations

import time

import pytest

from tests.e2e.test_tmux import PACK, TUTOR, Terminal

SIZE = (80, 24)


@pytest.fixture
def term(tmp_path):
    opened: list[Terminal] = []
    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": __import__("os").environ.get("PATH", "")}

    def start(pack=PACK) -> Terminal:
        terminal = Terminal([str(TUTOR), "--content", str(pack)], env, size=SIZE)
        opened.append(terminal)
        return terminal

    yield start
    for terminal in opened:
        terminal.close()


def quits(terminal: Terminal) -> bool:
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    return not terminal.alive()


def test_the_whole_learners_path_at_80x24(term):
    t = term()
    shown = t.wait_for("Not legal advice")
    assert "Ctrl+Q quits" in shown
    t.keys("Enter")
    shown = t.wait_for("Start: Stay on the platform")
    assert "0 of 2 lessons done" in shown and "Readiness check: not taken yet" in shown
    t.keys("Enter")
    shown = t.wait_for("page 1 of 3")
    assert "Stay on the platform" in shown.splitlines()[0]
    t.keys("Right")
    shown = t.wait_for("page 2 of 3")
    assert "Warning" in shown and "▌" in shown
    t.keys("l")
    shown = t.wait_for("Links on this page")
    assert "Source: Help: On-platform interviews" in shown
    t.keys("Escape", "Right")
    shown = t.wait_for("page 3 of 3")
    assert "Take the quiz" in shown or "Sources" in shown
    t.keys("q")
    t.wait_for("Question 1 of 4")
    t.keys("1", "Enter")
    shown = t.wait_for("Not quite")
    assert "You answered: Join the call" in shown and "Right answer:" in shown  # the whole feedback in view
    t.keys("n")
    t.wait_for("Question 2 of 4")
    t.keys("1", "2", "s")
    t.wait_for("Right")
    t.keys("n")
    t.wait_for("Question 3 of 4")
    t.keys("t", "Enter")
    t.wait_for("Right")
    t.keys("n")
    t.wait_for("Question 4 of 4")
    t.keys("2", "Enter", "1", "Enter")
    t.wait_for("Good ending")
    t.keys("n")
    shown = t.wait_for("Your score")
    assert "3 of 4 (75%)" in shown and "the pass mark is 80%" in shown
    t.keys("x")  # next lesson
    t.wait_for("Money stays on the platform")
    t.keys("Escape")
    shown = t.wait_for("lessons done")
    assert "quiz 75%, not passed" in shown
    t.keys("a")
    t.wait_for("The readiness check")
    t.keys("Enter")
    for _ in range(12):  # answer whatever is asked with its first option until the verdict
        shown = t.screen()
        if "Readiness check: result" in shown:
            break
        t.keys("1", "s", "Enter")
        time.sleep(0.3)
    shown = t.wait_for("Readiness check: result")
    assert "Not yet: " in shown or "Ready for a first job: " in shown
    t.keys("Escape")
    shown = t.wait_for("lessons done")  # the dashboard, with what the verdict rests on
    assert ("Not yet on " in shown or "Ready on " in shown) and "weakest module" in shown
    assert "Traceback" not in shown
    assert quits(t)


SCREENS = {
    "welcome": ([], "Not legal advice"),
    "dashboard": (["Enter"], "lessons done"),
    "reader": (["Enter", "Enter"], "page 1 of 3"),
    "help": (["Enter", "?"], "Esc, q or ? closes"),
    "palette": (["Enter", "C-p"], "Search for commands"),
    "links": (["Enter", "Enter", "l"], "Links on this page"),
    "quiz": (["Enter", "q"], "Question 1 of 4"),
    "readiness": (["Enter", "a"], "The readiness check"),
    "open a link": (["Enter", "Enter", "l", "Enter"], "Copy link"),  # no desktop here: the copy is offered
    "confirm": (["Enter", "C-p", "Reset progress", "Enter"], "Erase all your progress"),
    "theme picker": (["Enter", "C-p", "Theme", "Enter"], "nord"),
    "rule changes": (["Enter", "u"], "newest first"),
    "reviews": (["Enter", "C-p", "Reviews", "Enter"], "No reviews are due"),  # r is off with none due
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_ctrl_q_quits_from_every_kind_of_screen_in_a_real_terminal(term, name):
    keys, marker = SCREENS[name]
    t = term()
    t.wait_for("Not legal advice")
    t.keys(*keys)
    t.wait_for(marker)
    assert quits(t), f"ctrl+q did nothing on the {name} screen"


def test_ctrl_q_quits_from_terminal_too_small_in_a_real_terminal(tmp_path):
    import os

    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "PATH": os.environ.get("PATH", "")}
    t = Terminal([str(TUTOR), "--content", str(PACK)], env, size=(40, 12))
    try:
        t.wait_for("Terminal too small")
        assert quits(t), "ctrl+q did nothing on the terminal-too-small screen, which tells the learner to press it"
    finally:
        t.close()


def test_a_rule_change_between_two_runs_is_told_once_in_a_real_terminal(term, tmp_path):
    import shutil

    from tests.app.test_rule_changes import CHANGE

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    first = term(pack)
    first.wait_for("Not legal advice")
    first.keys("Enter", "Enter")
    first.wait_for("page 1 of 3")
    first.keys("q", "2", "Enter")
    first.wait_for("Right")
    assert quits(first)
    (pack / "changes.toml").write_text(CHANGE, encoding="utf-8")
    second = term(pack)
    shown = second.wait_for("rule you studied has changed")
    assert "⚠ Stay on the platform" in shown
    second.keys("Enter")
    shown = second.wait_for("page 1 of 3")
    assert "Changed 28 November 2026" in shown
    second.keys("u")
    shown = second.wait_for("Before: the rule said")  # the header can come a frame before the body
    assert "newest first" in shown and "Before: the rule said to stay in Messages." in shown
    assert quits(second)
    third = term(pack)
    shown = third.wait_for("lessons done")
    assert "changed since" not in shown
    assert quits(third)


def test_the_plain_mode_in_a_real_terminal_wraps_at_its_width(tmp_path):
    import os

    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "PATH": os.environ.get("PATH", "")}
    t = Terminal([str(TUTOR), "--plain", "--content", str(PACK)], env, size=(60, 40))
    try:
        shown = t.wait_for("What would you like to do?")
        t.keys("3", "Enter")
        t.wait_for("Whose quiz?")
        t.keys("1", "Enter")
        shown = t.wait_for("Your answer:")
        t.keys("1", "Enter")
        shown = t.wait_for("Not quite: you chose 1, the right answer is 2.")
        assert max(len(line.rstrip()) for line in shown.splitlines()) <= 60
        assert "\x1b" not in t.screen(escapes=True).replace("\x1b[0m", "").replace("\x1b[39m", "")
        t.keys("quit", "Enter")  # quit works at a question's prompt too: the program ends, saved
        deadline = time.monotonic() + 10
        while t.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not t.alive()
    finally:
        t.close()


def test_the_shipped_course_at_60x18_in_a_real_terminal(tmp_path):
    """Issue 24, item 11, where it was met: the shipped course in a 60x18 terminal. The welcome keeps
    the three keys and Start in view; the dashboard keeps every key on its bar, its words whole, each
    lesson's state at the edge; a question says how to answer it; nothing runs past the edge."""
    import os

    from tutor.content.loader import content_root

    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": os.environ.get("PATH", "")}
    t = Terminal([str(TUTOR), "--content", str(content_root())], env, size=(60, 18))
    try:
        shown = t.wait_for("Start (Enter)")
        assert "Three keys matter" in shown
        t.keys("Enter")
        shown = t.wait_for("lessons done")
        lines = shown.splitlines()
        assert "u Changes" in lines[-1] and "? Help" in lines[-1]
        assert any("(press a)" in line for line in lines), shown
        # Rows with their state at the edge (a scroll bar may sit beside one).
        assert sum(line.rstrip(" ▁▂▃▄▅▆▇█").endswith("min") for line in lines) >= 5, shown
        t.keys("q")
        shown = t.wait_for("then Enter")
        assert all(len(line.rstrip()) <= 60 for line in shown.splitlines())
        t.keys("Escape", "a")
        shown = t.wait_for("Start the check")
        assert quits(t)
    finally:
        t.close()
