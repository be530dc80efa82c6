"""A newcomer's second walk (issue 24), on the command line, in the plain mode through pipes and in
the core every face asks: each finding as it was met."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock
from tests.test_plain_mode import PACK, REPO, text, tutor
from tutor.content.loader import content_root, load_course
from tutor.progress import open_store
from tutor.progress.answering import save_answer
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import judge_choice
from tutor.progress.wording import number, percent, score_text


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def missed(data: Path, clock: FakeClock) -> None:
    """The fixture quiz's first question, answered wrong at the clock's time."""
    course, _ = load_course(PACK)
    quiz = course.quiz("stay")
    question = quiz.question("zoom-link")
    with open_store(data, clock=clock) as store:
        save_answer(store, course.id, quiz.id, question, judge_choice(question, ["join"]), seconds=1,
                    scheduler=ReviewScheduler(fuzz=False))


# -- 3. tutor reset ---------------------------------------------------------------------------------


def test_restore_without_a_terminal_names_the_command_that_restores(data):
    tutor("quiz", "stay", "--plain", data=data, given="1\n")
    erased = tutor("reset", "--yes", data=data, given="")
    backup = shlex.split(erased.stdout.decode().split("tutor reset --restore ")[1])[0]
    refused = tutor("reset", "--restore", backup, data=data, given="")
    said = refused.stderr.decode()
    assert refused.returncode == 1
    assert f"tutor reset --restore {backup} --yes" in said and "`tutor reset --yes`" not in said


@pytest.mark.parametrize("given", ["no such file", "course.toml"])
def test_a_backup_that_cannot_be_restored_is_refused_before_anything_is_asked(data, given):
    """Asked to restore a file that is missing or not a progress database, the command says so, and
    does not offer a `--yes` that could only fail."""
    tutor("quiz", "stay", "--plain", data=data, given="1\n")
    backup = str(PACK / given) if given == "course.toml" else str(data / given)
    refused = tutor("reset", "--restore", backup, data=data, given="")
    said = refused.stderr.decode()
    assert refused.returncode == 1 and "Nothing was restored" in said, said
    assert "--yes" not in said and "Traceback" not in said


def test_reset_says_what_it_erases_prints_the_backup_once_and_lists_backups(data):
    tutor("quiz", "stay", "--plain", data=data, given="1\n1\n")
    erased = tutor("reset", "--yes", data=data, given="").stdout.decode()
    assert "0 lessons opened, 2 answers, 0 readiness checks" in erased
    [backup] = [path.name for path in data.glob("progress.db.backup-*")]
    assert erased.count(backup) == 1, erased
    listed = tutor("reset", "--list", data=data, given="").stdout.decode()
    assert backup in listed and "tutor reset --restore" in listed
    refused = tutor("reset", data=data, given="").stderr.decode()  # nothing left: nothing to ask
    assert "Traceback" not in refused


def test_reset_without_a_terminal_names_the_command_that_erases(data):
    tutor("quiz", "stay", "--plain", data=data, given="1\n")
    refused = tutor("reset", data=data, given="")
    assert refused.returncode == 1 and "`tutor reset --yes`" in refused.stderr.decode()


# -- 4. tutor changes --since keeps the undated changes, by the date they were found --------------


def test_changes_since_keeps_undated_changes_by_the_day_they_were_found(data):
    everything = json.loads(tutor("changes", "--json", "--content", str(content_root()), data=data,
                                  given="").stdout)
    undated = [row for row in everything if row["effective"] is None]
    assert undated, "the shipped timeline has changes the platforms gave no date"
    since = json.loads(tutor("changes", "--json", "--since", "2025-01-01", "--content", str(content_root()),
                             data=data, given="").stdout)
    assert {row["id"] for row in undated if row["noticed"] >= "2025-01-01"} <= {row["id"] for row in since}
    shown = tutor("changes", "--since", "2025-01-01", "--content", str(content_root()), data=data,
                  given="").stdout.decode()
    assert "undated, found " in shown


# -- 7. plain mode: hints ------------------------------------------------------------------------


def test_plain_mode_gives_hints_and_help_says_so(data):
    out = text(tutor("quiz", "stay", "--plain", data=data, given="help\nhint\nh\n2\n"))
    assert "hint (or h) shows a hint" in out
    assert "Hint 1: Has a contract started yet?" in out
    assert "There are no more hints for this question." in out
    assert "is not one of the answers" not in out.split("Question 2")[0]


def test_plain_readiness_says_why_there_are_no_hints(data):
    out = text(tutor("readiness", "--plain", "--seed", "3", data=data, given="hint\n1\n1\n1\n"))
    assert "No hints in the readiness check" in out


# -- 8. one rounding rule ------------------------------------------------------------------------


def test_points_and_percentages_round_the_same_way():
    assert score_text(5.75, 10) == "5.75 of 10 (58%)"
    assert number(0.75) == "0.75" and number(2 / 3) == "0.67" and number(7.0) == "7"
    assert percent(0.575) == "58%" and percent(0.125) == "13%" and percent(0.8) == "80%"
    for points in (0.25, 0.5, 0.75, 1.25, 2.5, 5.75, 9.5):  # quarter points: shown exactly, never 0.8 for 0.75
        assert float(number(points)) == points


# -- 9. a missed question comes back after its learning step, and everyone says when --------------


def test_a_missed_question_is_due_after_ten_minutes_not_at_once(data):
    from tutor.progress.scheduling import review_outlook
    from tutor.progress.wording import reviews_text

    clock = FakeClock()
    missed(data, clock)
    with open_store(data, clock=clock) as store:
        clock.tick(60)
        assert store.due_reviews("test-pack") == []  # a minute later: not yet
        outlook = review_outlook(store, "test-pack")
        assert outlook.due == 0 and outlook.next_at is not None
        assert (outlook.next_at - outlook.now).total_seconds() == pytest.approx(540, abs=1)
        assert reviews_text(outlook).startswith("Next review at ")
        clock.tick(540)
        assert len(store.due_reviews("test-pack")) == 1 and reviews_text(review_outlook(store, "test-pack")) == \
            "1 review due now"


def test_the_plain_mode_and_progress_say_when_the_next_review_is(data):
    tutor("quiz", "stay", "--plain", data=data, given="1\n")
    menu = text(tutor("--plain", data=data, given="quit\n"))
    assert re.search(r"Reviews \(next review at \d\d:\d\d\)", menu), menu
    reviews = text(tutor("--plain", data=data, given="5\nquit\n"))
    assert re.search(r"No reviews are due now; the next is due at \d\d:\d\d\.", reviews), reviews
    progress = text(tutor("progress", data=data, given=""))
    assert re.search(r"Reviews: next review at \d\d:\d\d", progress)
    as_json = json.loads(tutor("progress", "--json", data=data, given="").stdout)
    assert as_json["reviews_due_now"] == 0 and as_json["next_review_at"]


# -- 12. wrapping in a pipe and in tutor changes ---------------------------------------------------


def test_a_command_to_copy_is_never_split_in_a_pipe(data):
    out = text(tutor("quiz", "stay", "--plain", data=data, given="1\n1\n1\n1\n"))
    assert "`tutor quiz stay --plain --retry`" in out
    assert max(len(line) for line in out.splitlines()) <= 80 or "`" in out


def test_changes_wrap_every_line_at_the_width(data):
    result = tutor("changes", "--content", str(content_root()), data=data, given="", env={"COLUMNS": "60"})
    lines = result.stdout.decode().splitlines()
    too_long = [line for line in lines if len(line) > 60 and "https://" not in line]
    assert too_long == [], too_long[:3]


# -- 15 and 16 on the command line: done needs a pass; a title said once; joined sentences -------


def test_progress_says_a_title_once_and_a_failed_quiz_is_not_done(data):
    tutor("quiz", "stay", "--plain", data=data, given="1\n1\n1\n1\n")
    out = text(tutor("progress", data=data, given=""))
    assert out.count("Stay on the platform") == 1, out
    assert "Lessons done: 0 of 2" in out and "the quiz passed where there is one" in out


def test_joined_sentences_have_no_stray_punctuation():
    from tutor.progress.wording import clause, joined, sentence

    assert joined(["Get paid on Upwork first.", "Stop here."], "; then ") == "Get paid on Upwork first; then Stop here"
    assert sentence("Send it with your proposal.") == "Send it with your proposal."
    assert sentence("Send it with your proposal") == "Send it with your proposal."
    assert clause("You are penalized.") + ": your answer" == "You are penalized: your answer"


def test_the_plain_readiness_result_joins_answers_without_stray_punctuation(data):
    out = text(tutor("readiness", "--plain", "--seed", "3", "--content", str(content_root()), data=data,
                     given="1\n" * 40))
    for stray in (".;", "..", ".:", ". ."):
        assert stray not in out.replace("...", ""), stray


# -- 17. numbers, where progress is kept, the pipe example ----------------------------------------


def test_lessons_are_found_by_their_dashboard_numbers(data):
    read = tutor("read", "1.2", "--content", str(content_root()), data=data, given="")
    assert read.returncode == 0 and read.stdout.decode().startswith("# Before a contract")
    quiz = tutor("quiz", "2.1", "--plain", data=data, given="")  # the fixture's 2.1 is "money", without a quiz
    assert "lesson 'money' has no quiz" in quiz.stderr.decode()
    assert "Quiz: Stay on the platform" in tutor("quiz", "1.1", "--plain", data=data, given="").stdout.decode()
    assert "1.1   stay" in tutor("lessons", data=data, given="").stdout.decode()


def test_progress_and_help_say_where_progress_is_kept(data):
    out = text(tutor("progress", data=data, given=""))
    assert f"Your progress is kept in {data}" in out
    assert "`tutor progress` prints it" in " ".join(tutor("--help", data=data, given="").stdout.decode().split())


def test_the_pipe_examples_in_accessibility_md_answer_what_they_mean(data):
    doc = (REPO / "docs" / "accessibility.md").read_text(encoding="utf-8")
    examples = [line.split("#")[0].strip() for line in doc.splitlines()
                if line.startswith("printf ") and "# a script" in line]
    assert len(examples) == 2
    for n, command in enumerate(examples):
        assert "--seed" in command or re.search(r"printf '[A-Za-z]", command), "by words, or in a fixed order"
        given = shlex.split(command.split("|")[0])[1].encode().decode("unicode_escape")
        args = shlex.split(command.split("|")[1])[1:]
        out = text(tutor(*args, "--content", str(content_root()), data=data / str(n), given=given))
        assert "is not one of the answers" not in out and "Only one answer" not in out
        assert "Right." in out, out  # the example's answer is the right one, however the options fall
