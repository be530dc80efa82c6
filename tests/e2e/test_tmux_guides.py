"""The installed `tutor guide` in a real terminal at 80x24: the seed case from the first question to the
message saved in a file, and every outcome of every shipped guide reached by keys, as a learner would."""

from __future__ import annotations

import os
import time

import pytest

from tests.e2e.test_tmux import TUTOR, Terminal
from tests.progress.test_guides import every_way
from tutor.content.loader import load_course, shipped_root
from tutor.progress.scoring import StepWalk

SIZE = (80, 24)
COURSE, _ = load_course(shipped_root())


@pytest.fixture
def term(tmp_path):
    opened: list[Terminal] = []
    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}

    def start(*args: str) -> Terminal:
        terminal = Terminal([str(TUTOR), *args], env, size=SIZE)
        opened.append(terminal)
        return terminal

    yield start
    for terminal in opened:
        terminal.close()


def flat(screen: str) -> str:
    return " ".join(screen.split())


def test_the_seed_case_from_the_first_question_to_the_message_saved(term, tmp_path):
    screen = term("guide", "talked-outside-before-contract")
    screen.wait_for("Which platform is this about?", timeout=30)
    assert "not legal advice" in screen.screen()
    for number, expected in [("1", "what happened outside Upwork?"), ("1", "Who suggested it?"),
                             ("1", "did you know"), ("1", "Is there a contract on Upwork now?"),
                             ("3", "Did any money change hands"), ("1", "Has the client asked you to pay"),
                             ("1", "Has Upwork already sent you a warning"), ("1", "How serious:")]:
        screen.keys(number, "Enter")
        screen.wait_for(expected)
    shown = screen.wait_for("Medium")
    assert "Upwork: you talked or shared contact details outside Upwork before a" in shown
    screen.keys("d")
    for value in ["14 March 2026", "dana_k", "Landing page for a bakery", "Amira"]:
        # As a person types: each detail on screen before Enter, and a moment for the focus to move
        # on (Textual moves it after the keys already waiting, so a burst would land in one input).
        subprocess_type(screen, value)
        screen.wait_for(value)
        screen.keys("Enter")
        time.sleep(0.5)
    shown = screen.wait_for("Thank you,")
    assert "Amira" in shown
    target = tmp_path / "to-support.txt"
    screen.keys("s")
    screen.wait_for("Save the message in this file")
    screen.keys("C-u")
    subprocess_type(screen, str(target))
    screen.keys("Enter")
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    message = target.read_text(encoding="utf-8")
    assert 'I am writing about my conversation with the client dana_k about the job "Landing page for a bakery".' \
        in message
    assert "On 14 March 2026, before any contract existed, the client sent me a link to a meeting on their own " \
           "Zoom account, and I joined the call." in message
    assert message.endswith("Thank you,\nAmira\n")
    screen.keys("k")
    screen.wait_for("Kept in your progress")
    screen.keys("Escape")
    time.sleep(0.5)
    assert screen.alive()  # back on the dashboard, not out of the app
    screen.keys("C-q")


def subprocess_type(screen: Terminal, text: str) -> None:
    """Type text literally (tmux send-keys -l), as a learner would at the keyboard."""
    import subprocess

    subprocess.run(["tmux", "send-keys", "-t", screen.name, "-l", text], check=True)
    time.sleep(0.2)


def first_way_to_each_outcome(guide_id: str) -> dict[str, list[str]]:
    guide = COURSE.guides[guide_id]
    found: dict[str, list[str]] = {}
    for way in every_way(guide):
        walk = StepWalk(guide)
        numbers = []
        for option in way:
            assert walk.step is not None
            numbers.append(str([o.id for o in walk.step.options].index(option) + 1))
            walk.choose(option)
        assert walk.ending is not None and walk.ending.outcome is not None
        found.setdefault(walk.ending.outcome, numbers)
    return found


@pytest.mark.parametrize("guide_id", ["talked-outside-before-contract", "paid-outside-platform",
                                      "account-warning-hold-suspension"])
def test_every_outcome_of_a_guide_is_reached_by_keys_at_80x24(term, guide_id):
    guide = COURSE.guides[guide_id]
    screen = term("guide", guide_id)
    screen.wait_for("Which platform", timeout=30)
    for outcome_id, numbers in first_way_to_each_outcome(guide_id).items():
        outcome = guide.outcome(outcome_id)
        assert outcome is not None
        for number in numbers:
            screen.keys(number, "Enter")
        shown = screen.wait_for("How serious:")
        assert flat(outcome.title)[:40] in flat(shown), outcome_id
        screen.keys("r")  # start again, for the next outcome
        screen.wait_for("Which platform")
