"""`--watch` never loses the author's place (issue 26, items 14-17), in a real terminal: the installed
`tutor preview quizzes/x.toml --watch` in tmux, the quiz file saved in place as an editor saves it.

- 14: a save that breaks the question being played does not end the quiz, and nothing is recorded;
- 15: the question on screen stays (its last good version) and the fix comes back to it;
- 16: the findings never hide the page, and a warning is told once, not at every save;
- 17: an edit that leaves the question's structure alone keeps where she is and shows the new words.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time

from tests.e2e.test_tmux import PACK, TUTOR, Terminal
from tests.e2e.test_tmux_watch import save


def _open(tmp_path, size=(100, 34)):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    quiz = pack / "quizzes" / "stay.toml"
    env = {"TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none",
           "PATH": os.environ.get("PATH", "")}
    term = Terminal([str(TUTOR), "preview", str(quiz), "--watch"], env, size=size)
    return pack, quiz, quiz.read_text(encoding="utf-8"), term


def _attempts(tmp_path, pack) -> list[dict]:
    """The quiz attempts in the author's progress, as `tutor export` lists them."""
    result = subprocess.run([str(TUTOR), "export", "--format", "json", "--content", str(pack)], capture_output=True,
                            text=True, env={**os.environ, "TUTOR_HOME": str(tmp_path / "home")}, timeout=60)
    return [row for row in json.loads(result.stdout)["records"] if row["kind"] == "quiz-attempt"]


def _settle(term: Terminal, gone: str, timeout: float = 10) -> str:
    """The screen once `gone` has left it (a panel closing after a fix)."""
    deadline = time.monotonic() + timeout
    shown = term.screen()
    while gone in shown and time.monotonic() < deadline:
        time.sleep(0.1)
        shown = term.screen()
    return shown


def test_breaking_the_question_on_screen_keeps_it_and_ends_nothing_and_the_fix_comes_back_to_it(tmp_path):
    pack, quiz, original, term = _open(tmp_path)
    try:
        term.wait_for("Question 1 of 4")
        term.keys("2", "Enter")
        term.wait_for("Next question")
        term.keys("n")
        term.wait_for("Question 2 of 4")
        term.keys("1", "2", "s")
        term.wait_for("Next question")
        term.keys("n")
        term.wait_for("Question 3 of 4")
        term.keys("t", "Enter")
        term.wait_for("Next question")
        term.keys("n")
        term.wait_for("Question 4 of 4")
        term.keys("2", "Enter")  # "decline": on to the offer
        term.wait_for("An offer arrives through the platform.")

        # 14 and 15: the scenario being played breaks (a next that leads nowhere).
        save(quiz, original.replace('next = "offer"', 'next = "ofer"'))
        shown = term.wait_for("tutor check: 1 error", timeout=15)
        assert 'leads to step "ofer", which does not exist' in shown and 'did you mean "offer"?' in shown
        assert "Question 4 of 4" in shown and "An offer arrives through the platform." in shown  # kept, in place
        assert "Your score" not in shown and "See results" not in shown
        assert "Shown as last saved without errors" in shown

        save(quiz, original.replace("An offer arrives through the platform.", "An offer arrives, on the platform."))
        shown = term.wait_for("An offer arrives, on the platform.", timeout=15)
        shown = _settle(term, "tutor check:")
        assert "tutor check:" not in shown and "Question 4 of 4" in shown
        assert "You: Say you will keep talking in Messages" in shown  # the same step, the story so far kept
        assert "Traceback" not in shown
        assert all(attempt["finished_at"] is None for attempt in _attempts(tmp_path, pack))  # nothing ended
    finally:
        term.close()


def test_an_error_in_the_question_on_screen_never_jumps_ahead_and_the_fix_brings_back_the_same_question(tmp_path):
    pack, quiz, original, term = _open(tmp_path)
    try:
        term.wait_for("Question 1 of 4")
        term.keys("2", "Enter")
        term.wait_for("Next question")
        term.keys("n")
        term.wait_for("Which of these count as contact details")

        broken = original.replace('id = "phone"\ntext = "Your phone number"\ncorrect = true',
                                  'id = "phone"\ntext = "Your phone number"\ncorrect = "yes"')
        assert broken != original
        save(quiz, broken)
        shown = term.wait_for("tutor check:", timeout=15)
        assert "Question 2 of 4" in shown and "Which of these count as contact details" in shown, shown
        assert "Question 2 of 3" not in shown and "Question 3 of" not in shown

        # She adds a question before it while fixing it: she is still at the question she edits.
        extra = ('[[questions]]\nid = "new-first"\nkind = "truefalse"\nprompt = "A new first question."\n'
                 'explanation = "Why."\nsource = "interviews"\nanswer = true\nfeedback_true = "Yes, true."\n'
                 'feedback_false = "No, it is true."\n\n')
        save(quiz, original.replace("[[questions]]", extra + "[[questions]]", 1)
             .replace("Which of these count as contact details", "Which of these are contact details"))
        shown = term.wait_for("Which of these are contact details", timeout=15)
        shown = _settle(term, "tutor check:")
        assert "Question 3 of 5" in shown and "tutor check:" not in shown, shown
    finally:
        term.close()


def test_findings_never_hide_the_page_and_a_warning_is_told_once(tmp_path):
    pack, quiz, original, term = _open(tmp_path, size=(100, 40))
    try:
        term.wait_for("Question 1 of 4")
        warned = original.replace('risk = "high"', 'risk = "high"\ncolour = "red"')
        save(quiz, warned)
        shown = term.wait_for('unknown field "colour"', timeout=15)
        assert "tutor check: a warning" in shown and "tutor check: 1 warning" not in shown  # a notice, not a panel
        assert "The client sends a link to his own Zoom room" in shown
        deadline = time.monotonic() + 20
        while 'unknown field "colour"' in term.screen() and time.monotonic() < deadline:
            time.sleep(0.2)  # the notice goes by itself
        save(quiz, warned.replace("Join the call", "Join his call"))
        shown = term.wait_for("Join his call", timeout=15)
        time.sleep(2)  # the check runs after the reload: time for a notice to show, if one would
        assert 'unknown field "colour"' not in term.screen()  # seen: not told again

        save(quiz, warned.replace('kind = "single"', 'kind = "singel"'))
        shown = term.wait_for("tutor check: 1 error", timeout=15)
        assert 'unknown question kind "singel"' in shown
        assert "The client sends a link to his own Zoom room" in shown and "Question 1 of 4" in shown  # in sight
    finally:
        term.close()


def test_editing_feedback_keeps_the_answer_and_a_scenario_keeps_its_step(tmp_path):
    pack, quiz, original, term = _open(tmp_path)
    try:
        term.wait_for("Question 1 of 4")
        term.keys("2", "Enter")
        term.wait_for("A call started from Messages keeps the interview on the platform")
        save(quiz, original.replace("A call started from Messages keeps the interview on the platform",
                                    "A call from Messages keeps the interview where it belongs"))
        shown = term.wait_for("A call from Messages keeps the interview where it belongs", timeout=15)
        assert "Question 1 of 4" in shown and "Next question" in shown  # still answered, the new words in place
        edited = original.replace("A call started from Messages keeps the interview on the platform",
                                  "A call from Messages keeps the interview where it belongs")
        term.keys("n")
        term.wait_for("Question 2 of 4")
        term.keys("1", "2", "s", "n")
        term.wait_for("Question 3 of 4")
        term.keys("t", "Enter", "n")
        term.wait_for("Question 4 of 4")
        term.keys("2", "Enter")
        term.wait_for("An offer arrives through the platform.")
        save(quiz, edited.replace("He agrees and sends an offer through the platform.",
                                  "He agrees, and an offer comes through the platform."))
        shown = term.wait_for("He agrees, and an offer comes through the platform.", timeout=15)
        assert "An offer arrives through the platform." in shown and "Accept the offer on the platform" in shown
        assert "Question 4 of 4" in shown
        assert all(attempt["finished_at"] is None for attempt in _attempts(tmp_path, pack))
    finally:
        term.close()
