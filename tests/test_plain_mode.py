"""The plain mode, driven through pipes as a screen reader, a slow link or a script would drive it:
a whole quiz, a resume, the readiness check to its verdict, bad input at every kind of prompt, the end
of input mid-question, and nothing but printable text and newlines on standard output."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.progress import open_store

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "tests" / "fixtures" / "pack"
# The fixture quiz keeps its order (shuffle = false): 1 zoom-link (single), 2 contact (multi),
# 3 after-contract (true/false: true), 4 a two-step scenario.
ALL_RIGHT = "2\n1 2\nt\n2\n1\n"


def tutor(*args: str, data: Path, given: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data), *args],
                          input=given.encode(), capture_output=True, cwd=REPO, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    out = result.stdout.decode("utf-8")
    assert re.findall(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out) == [], "only printable text and newlines"
    assert "Traceback" not in result.stderr.decode() and "internal error" not in result.stderr.decode()
    return out


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_a_whole_quiz_from_a_pipe_is_recorded_and_the_exit_status_says_it_was_passed(data):
    result = tutor("quiz", "stay", "--plain", data=data, given=ALL_RIGHT)
    out = text(result)
    assert result.returncode == 0, out
    assert "Question 1 of 4 (choose one" in out and "Right." in out and "Good ending." in out
    assert "Score: 4 of 4 (100%). Passed: the pass mark is 80%." in out
    with open_store(data) as store:
        score = store.quiz_scores("test-pack")["stay"]
        assert (score.last_score, score.last_total, score.attempts) == (4, 4, 1)  # what the dashboard shows


def test_feedback_is_in_words_and_a_wrong_quiz_exits_1(data):
    result = tutor("quiz", "stay", "--plain", data=data, given="1\n3\nf\n1\n")
    out = text(result)
    assert result.returncode == 1
    assert "Not quite: you chose 1, the right answer is 2." in out
    assert "Not quite: you chose 3, the right answers are 1 and 2." in out
    assert "Bad ending." in out and "A way to a good ending:" in out
    assert "Retry them with `tutor quiz stay --plain --retry`" in out


def test_answers_by_letter_or_text_are_taken_too(data):
    result = tutor("quiz", "stay", "--plain", data=data, given="b\na, b\ntrue\nsay you\naccept\n")
    assert result.returncode == 0, text(result)


def test_the_end_of_input_mid_quiz_saves_what_was_given_and_a_second_run_goes_on(data):
    first = tutor("quiz", "stay", "--plain", data=data, given="2\n1 2\n")
    out = text(first)
    assert first.returncode == 1 and "your answers so far are saved" in out
    with open_store(data) as store:
        assert len([r for r in store.export_rows("test-pack") if r.kind == "answer"]) == 2
    second = tutor("quiz", "stay", "--plain", data=data, given="t\n2\n1\n")
    out = text(second)
    assert "Going on at question 3" in out and "Question 3 of 4" in out and "Question 1 of 4" not in out
    assert second.returncode == 0 and "Score: 4 of 4 (100%)" in out


def test_bad_input_at_every_kind_of_prompt_gets_one_line_and_the_same_prompt(data):
    given = "\n".join([
        "x", "99", "", "1",              # the menu: not a choice, out of range, empty, then Start
        "z", "m",                        # the reading prompt: not a command, then the menu
        "3", "1",                        # take a quiz: the first lesson's
        "7", "abc", "", "1 2", "1",      # a single-choice question (answered wrong: a retry is offered)
        "5 1", "1 2",                    # a select-all question
        "maybe", "t",                    # true/false
        "3", "2", "1",                   # the scenario's first step (2 options), then the second
        "q", "n",                        # the retry offer (y or n): not an answer, then no
        "9",                             # Quit
    ]) + "\n"
    result = tutor("--plain", data=data, given=given)
    out = text(result)
    assert result.returncode == 0, out
    for line in ("There is no choice 99: type a number from 1 to 9.",
                 "Type the number of your choice (1 to 9), or help.",
                 "'z' is not one of: Enter, p, c, q, m.",
                 "There is no answer 7: type a number from 1 to 2.",
                 "'abc' is not one of the answers",
                 "Type the number of your answer (1 to 2), or help.",
                 "Only one answer here: type one number.",
                 "There is no answer 5: type a number from 1 to 3.",
                 "'maybe' is not one of the answers",
                 "'q' is not one of: y, n, Enter."):
        assert line in out, line
    with open_store(data) as store:  # only valid answers were recorded
        answers = [r for r in store.export_rows("test-pack") if r.kind == "answer"]
        assert len(answers) == 4 and answers[0].question_id == "zoom-link" and not answers[0].correct


def test_help_and_quit_work_at_every_prompt(data):
    result = tutor("quiz", "stay", "--plain", data=data, given="help\nquit\n")
    out = text(result)
    assert "Type the number of an answer" in out and "Stopped before the end" in out and result.returncode == 1


def test_the_readiness_check_in_plain_mode_reaches_its_verdict(data):
    result = tutor("readiness", "--plain", "--seed", "3", data=data, given="1\n" * 12)
    out = text(result)
    assert result.returncode == 1  # not ready: the exit status says so
    assert "Verdict: Not yet: " in out and "By module, weakest first:" in out and "Rules to study again:" in out
    flat = " ".join(out.split())
    assert "Why not yet: - Your score, " in flat and "All 3 are new to you." in flat
    assert "Right." not in out.split("Verdict:")[0], "no feedback until the end"
    with open_store(data) as store:
        [attempt] = store.readiness_attempts("test-pack")
        assert attempt.total == 3 and not attempt.passed


def test_the_menu_says_a_check_was_left_half_way_and_what_the_last_verdict_rests_on(data):
    tutor("readiness", "--plain", "--seed", "3", data=data, given="1\n")  # one answer, then the input ends
    flat = " ".join(text(tutor(data=data, given="", env={"TUTOR_PLAIN": "1"})).split())
    assert "Readiness check: 1 of 3 answered, choose this to go on" in flat
    tutor("readiness", "--plain", data=data, given="g\n" + "1\n" * 12)  # go on, to the verdict
    flat = " ".join(text(tutor(data=data, given="", env={"TUTOR_PLAIN": "1"})).split())
    assert re.search(r"\(last: Not yet on \d+ \w+: \d of 3, weakest module \d+%; \d of 2 lessons read\)", flat)


def test_tutor_plain_from_the_environment_opens_the_menu_and_quits_cleanly_at_the_end_of_input(data):
    result = tutor(data=data, given="", env={"TUTOR_PLAIN": "1"})
    out = text(result)
    assert result.returncode == 0
    assert "What would you like to do?" in out and "Your progress is saved. Goodbye." in out


def test_lines_are_wrapped_at_80_columns_when_not_a_terminal(data):
    out = text(tutor("quiz", "stay", "--plain", data=data, given=ALL_RIGHT))
    assert max(len(line) for line in out.splitlines()) <= 80
