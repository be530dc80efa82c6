"""`tutor progress`, `tutor reset` and `tutor export`, driven through their handlers as the main
parser would call them, plus one run of the real `python -m tutor`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.packs import make_pack
from tests.progress.fakes import make_course
from tutor.cli import progress as cli_progress
from tutor.progress import SCHEMA_VERSION, open_store

REPO = Path(__file__).resolve().parents[2]


def args(**given: object) -> argparse.Namespace:
    """What the main parser produces: its common options plus every command's own."""
    values = dict(content=None, data_dir=None, json=False, yes=False, all=False, format="json",
                  output=None, course=None)
    values.update(given)
    return argparse.Namespace(**values)


@pytest.fixture(autouse=True)
def hand_built_course(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_progress, "load_course_for", lambda _args: make_course())


@pytest.fixture
def some_progress() -> Path:
    with open_store() as store:
        store.record_lesson_completed("demo", "intro")
        store.record_position("demo", "rules", 2)
        attempt = store.start_attempt("demo", "intro-quiz")
        store.record_answer("demo", "intro-quiz", "q1", chosen=["a"], correct=True, score=1.0,
                            seconds=3.5, content_hash="h1", attempt_id=attempt)
        store.record_answer("demo", "intro-quiz", "q2", chosen=["b", "c"], correct=False, score=0.0,
                            seconds=7.0, content_hash="h2", attempt_id=attempt)
        store.finish_attempt(attempt, 1, 2)
        store.record_readiness("demo", {"basics": 0.5, "money": 1.0}, passed=False)
        return store.path


class FakeTerminal(io.StringIO):
    """stdin as a terminal where the learner types `typed`."""

    def isatty(self) -> bool:
        return True


def test_progress_shows_each_module_with_lessons_quiz_scores_and_activity(some_progress, capsys) -> None:
    assert cli_progress.run_progress(args()) == 0
    out = capsys.readouterr().out
    assert "Demo course  (course demo)" in out
    # Each lesson on its own line: reading and quiz apart, the quiz's score as points (issue 9).
    assert "The basics\n  Intro: read; quiz intro-quiz: 1 of 2 (50%), not passed yet; best 50%, 1 attempt" in out
    assert "Money\n  Payments: not started\n  Fees: not started; quiz fees-quiz not taken yet\n" \
           "  last activity none yet" in out
    # Read, but its quiz not passed: not done (issue 24).
    assert "Lessons done: 0 of 4" in out and "Quizzes: 1 of 3 taken, 0 passed (pass mark 80%)" in out
    assert "Overall" not in out  # no line that mixes lessons read with quiz scores
    assert "Readiness checks: 1" in out and ", weakest module 50% (The basics 50%, Money 100%)" in out
    assert ": Not yet on " in out


def test_progress_json_gives_scripts_the_whole_summary(some_progress, capsys) -> None:
    assert cli_progress.run_progress(args(json=True)) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["course_id"], data["lessons_done"], data["lessons_total"]) == ("demo", 1, 4)
    basics = data["modules"][0]
    assert basics["quiz_scores"]["intro-quiz"]["best"] == 0.5
    assert basics["last_activity"].endswith("+00:00")
    assert data["readiness"][0]["module_scores"] == {"basics": 0.5, "money": 1.0}


def test_reset_with_yes_erases_and_says_where_the_backup_is(some_progress, capsys) -> None:
    assert cli_progress.run_reset(args(yes=True)) == 0
    out = capsys.readouterr().out
    backup = Path(shlex.split(out.strip().splitlines()[-1].split("tutor reset --restore ")[1])[0])
    assert backup.exists() and backup.name.startswith("progress.db.backup-")
    with open_store() as store:
        assert store.export_rows("demo") == []


def test_reset_without_a_terminal_or_yes_refuses_and_erases_nothing(
    some_progress, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # piped input is not a confirmation
    assert cli_progress.run_reset(args()) == 1
    err = capsys.readouterr().err
    assert "refusing to change your progress without confirmation" in err and "`tutor reset --yes`" in err
    with open_store() as store:
        assert len(store.export_rows("demo")) == 4


def test_reset_declined_at_the_prompt_erases_nothing(some_progress, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", FakeTerminal("n\n"))
    assert cli_progress.run_reset(args()) == 1
    out = capsys.readouterr().out
    assert 'Erase your progress in "Demo course" (course demo): 2 lessons opened, 2 answers, 1 readiness check' \
        in out  # what would be erased, counted
    assert "Nothing was erased." in out
    with open_store() as store:
        assert store.lesson_states("demo")["intro"].status == "done"
    assert list(some_progress.parent.glob("*backup*")) == []


def test_reset_confirmed_at_the_prompt_erases_this_course_only(some_progress, capsys, monkeypatch) -> None:
    with open_store() as store:
        store.record_lesson_completed("other", "intro")
    monkeypatch.setattr(sys, "stdin", FakeTerminal("yes\n"))
    assert cli_progress.run_reset(args()) == 0
    with open_store() as store:
        assert store.lesson_states("demo") == {}
        assert store.lesson_states("other")["intro"].status == "done"


def test_export_json_lists_every_attempt_and_answer_with_ids_and_times(some_progress, capsys) -> None:
    assert cli_progress.run_export(args(format="json")) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema_version"] == SCHEMA_VERSION
    records = document["records"]
    assert [r["kind"] for r in records] == ["quiz-attempt", "answer", "answer", "readiness"]
    attempt, first, second, _ = records
    assert (attempt["score"], attempt["total"]) == (1, 2) and attempt["finished_at"]
    assert first["attempt_id"] == second["attempt_id"] == attempt["id"]
    assert (second["question_id"], second["chosen"], second["correct"], second["content_hash"]) == (
        "q2", ["b", "c"], False, "h2"
    )
    assert second["answered_at"].endswith("+00:00")


def test_export_csv_has_a_header_and_one_row_per_record(some_progress, capsys) -> None:
    assert cli_progress.run_export(args(format="csv")) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["kind"] for r in rows] == ["quiz-attempt", "answer", "answer", "readiness"]
    answer = rows[2]
    assert (answer["question_id"], answer["correct"], json.loads(answer["chosen"])) == ("q2", "false", ["b", "c"])
    assert answer["started_at"] == ""  # not applicable to an answer
    assert json.loads(rows[3]["module_scores"]) == {"basics": 0.5, "money": 1.0}


def test_export_to_a_file(some_progress, capsys, tmp_path) -> None:
    target = tmp_path / "out.csv"
    assert cli_progress.run_export(args(format="csv", output=str(target))) == 0
    assert target.read_text(encoding="utf-8").startswith("kind,id,course_id")
    assert "Wrote 4 records" in capsys.readouterr().err


def test_an_output_file_that_cannot_be_written_is_reported_in_one_line(some_progress, capsys, tmp_path) -> None:
    target = tmp_path / "no-such-folder" / "out.json"
    assert cli_progress.run_export(args(output=str(target))) == 1
    assert capsys.readouterr().err == f"tutor export: No such file or directory ({target})\n"


def test_a_newer_database_is_reported_in_one_line_with_exit_1(tutor_home, capsys) -> None:
    tutor_home.mkdir()
    newer = sqlite3.connect(tutor_home / "progress.db")
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    newer.close()
    for handler in (cli_progress.run_progress, cli_progress.run_export, cli_progress.run_reset):
        assert handler(args(yes=True)) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "newer version of tutor" in err and "Traceback" not in err


def test_a_damaged_database_is_explained_and_the_command_still_works(tutor_home, capsys) -> None:
    tutor_home.mkdir()
    (tutor_home / "progress.db").write_bytes(b"this is not a database" * 100)
    assert cli_progress.run_progress(args()) == 0
    captured = capsys.readouterr()
    assert "moved aside" in captured.err and "progress.db.corrupt-" in captured.err
    assert "Demo course" in captured.out


def test_the_commands_register_on_the_main_parser_with_their_handlers() -> None:
    from tutor.cli import build_parser

    parser = build_parser()
    parsed = parser.parse_args(["export", "--format", "csv", "--data-dir", "/x", "-o", "f.csv"])
    assert (parsed.handler, parsed.format, parsed.data_dir, parsed.output) == (
        cli_progress.run_export, "csv", "/x", "f.csv"
    )
    assert parser.parse_args(["reset", "--yes"]).handler is cli_progress.run_reset
    assert parser.parse_args(["progress", "--json"]).json is True
    # Without the option on the command, the main parser's value is left alone.
    assert parser.parse_args(["--data-dir", "/y", "progress"]).data_dir == "/y"


def test_the_real_command_line_shows_progress_and_exports(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack")  # course id: the folder name
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        store.record_lesson_completed("pack", "intro")

    def tutor(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tutor", "--content", str(pack), "--data-dir", str(data_dir), *argv],
            capture_output=True, text=True, cwd=REPO, timeout=60,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )

    shown = tutor("progress", "--json")
    assert shown.returncode == 0, shown.stderr
    summary = json.loads(shown.stdout)
    assert (summary["course_id"], summary["lessons_done"], summary["lessons_total"]) == ("pack", 1, 1)
    exported = tutor("export", "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.startswith("kind,id,course_id")
    refused = subprocess.run(
        [sys.executable, "-m", "tutor", "--content", str(pack), "--data-dir", str(data_dir), "reset"],
        capture_output=True, text=True, cwd=REPO, timeout=60, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert refused.returncode == 1 and "refusing" in refused.stderr and "Traceback" not in refused.stderr
