"""The command line as a learner or a script meets it (issue 9): one spelling for machine output,
lessons listed, nothing created by looking, resets that say what they did and can be undone."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.progress import open_store

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "tests" / "fixtures" / "pack"


def tutor(*args: str, data: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(data), *args], capture_output=True,
                          text=True, cwd=REPO, timeout=60, input=stdin, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_lessons_lists_ids_and_titles_and_read_without_a_lesson_does_too(data):
    listed = tutor("lessons", "--content", str(PACK), data=data)
    assert listed.returncode == 0
    # Each with its number as the dashboard shows it (issue 24: `tutor read 1.1` works too).
    assert listed.stdout.splitlines() == ["1.1   stay   Stay on the platform", "2.1   money  Money stays on the platform"]
    as_json = json.loads(tutor("lessons", "--json", "--content", str(PACK), data=data).stdout)
    assert [(row["id"], row["quiz"]) for row in as_json] == [("stay", "stay"), ("money", None)]
    assert tutor("read", "--content", str(PACK), data=data).stdout == listed.stdout
    assert "tutor lessons" in tutor("read", "--help", data=data).stdout


def test_every_command_spells_machine_output_json(data):
    for command in (["check", str(PACK)], ["lessons"], ["progress"], ["export"]):
        result = tutor(*command, "--json", "--content", str(PACK), data=data)
        assert result.returncode == 0, (command, result.stderr)
        json.loads(result.stdout)
    assert json.loads(tutor("check", "--format", "json", str(PACK), data=data).stdout)["errors"] == 0


def test_looking_at_progress_creates_no_database(data):
    for command in ("progress", "export"):
        assert tutor(command, "--content", str(PACK), data=data).returncode == 0
    assert not (data / "progress.db").exists()


def test_export_of_an_unknown_course_warns_and_counts_records_in_words(data, tmp_path):
    with open_store(data) as store:
        store.record_readiness("test-pack", {"basics": 1.0}, passed=True)
    result = tutor("export", "--course", "nope", "--output", str(tmp_path / "out.json"), data=data)
    assert result.returncode == 0
    assert "no progress is recorded for a course 'nope'" in result.stderr and "test-pack" in result.stderr
    assert "Wrote 0 records" in result.stderr
    assert "Wrote 1 record to" in tutor("export", "--output", str(tmp_path / "all.json"), data=data).stderr


def test_reset_with_nothing_to_erase_says_so_and_writes_no_backup(data):
    result = tutor("reset", "--yes", "--content", str(PACK), data=data)
    assert result.returncode == 0 and "Nothing to erase" in result.stdout
    with open_store(data) as store:
        store.record_lesson_opened("other-course", "intro")
    result = tutor("reset", "--yes", "--content", str(PACK), data=data)
    assert "Nothing to erase" in result.stdout
    assert list(data.glob("*backup*")) == []


def test_a_reset_can_be_put_back(data):
    with open_store(data) as store:
        store.record_lesson_completed("test-pack", "stay")
    erased = tutor("reset", "--yes", "--content", str(PACK), data=data)
    assert erased.returncode == 0 and "tutor reset --restore " in erased.stdout
    backup = shlex.split(erased.stdout.strip().splitlines()[-1].split("tutor reset --restore ")[1])[0]
    with open_store(data) as store:
        assert store.lesson_states("test-pack") == {}
    restored = tutor("reset", "--restore", backup, "--yes", data=data)
    assert restored.returncode == 0, restored.stderr
    assert "Restored the progress" in restored.stdout
    with open_store(data) as store:
        assert store.lesson_states("test-pack")["stay"].status == "done"
    refused = tutor("reset", "--restore", str(PACK / "course.toml"), "--yes", data=data)
    assert refused.returncode == 1 and "not a progress database" in refused.stderr


def test_content_that_is_a_file_is_told_it_must_be_a_folder(data):
    result = tutor("--content", str(PACK / "course.toml"), "progress", data=data)
    assert result.returncode == 2 and "is a file; --content takes a content pack's folder" in result.stderr


def test_the_app_without_a_terminal_says_what_to_use_instead(data):
    result = tutor("--content", str(PACK), data=data, stdin="")
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "tutor read" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr


def test_progress_keeps_lessons_and_quizzes_apart_and_names_each_title_once(data):
    with open_store(data) as store:
        store.record_lesson_completed("test-pack", "stay")
        attempt = store.start_attempt("test-pack", "stay")
        store.finish_attempt(attempt, 3, 4)
        retry = store.start_attempt("test-pack", "stay", kind="retry")
        store.finish_attempt(retry, 1, 1)
    out = tutor("progress", "--content", str(PACK), data=data).stdout
    # The quiz has the lesson's title: said once (issue 24). Not passed: the lesson is not done.
    assert "Stay on the platform: read; quiz 3 of 4 (75%), not passed yet" in out
    assert "then 1/1 on retry" in out and "Overall" not in out
    assert "Lessons done: 0 of 2" in out and "Quizzes: 1 of 1 taken, 0 passed" in out


def test_changes_lists_the_timeline_newest_first_and_filters_it(data):
    """`tutor changes` (issue 14): the shipped timeline, newest first, by date and by platform."""
    everything = json.loads(tutor("changes", "--json", data=data).stdout)
    assert len(everything) >= 10
    when = [row["effective"] or row["noticed"] or row["announced"] for row in everything]
    assert when == sorted(when, reverse=True)
    ids = [row["id"] for row in everything]
    assert "upwork-precontract-on-platform" in ids and all(row["source"]["checked"] for row in everything)

    since = json.loads(tutor("changes", "--json", "--since", "2023-01-01", data=data).stdout)
    assert since and [row["id"] for row in since] == [i for i, w in zip(ids, when, strict=True) if w >= "2023-01-01"]

    upwork = json.loads(tutor("changes", "--json", "--platform", "UPWORK", data=data).stdout)
    assert upwork and {row["platform"] for row in upwork} == {"Upwork"}
    assert len(upwork) == sum(row["platform"] == "Upwork" for row in everything)
    fiverr = tutor("changes", "--platform", "fiverr", data=data)  # issue 25: Fiverr's changes are in the timeline
    assert fiverr.returncode == 0 and "· Fiverr ·" in fiverr.stdout and "No rule changes" not in fiverr.stdout
    other = tutor("changes", "--platform", "Nowhere", data=data)
    assert other.returncode == 0 and other.stdout.strip() == "No rule changes match."

    text = tutor("changes", data=data).stdout.split("\n\n")[0].splitlines()
    newest = everything[0]
    header = " ".join(line.strip() for line in text[:3])  # wrapped at the width, with a hanging indent
    assert f"· {newest['platform']} · {newest['title']}" in header  # words first, the newest at the top
    bad = tutor("changes", "--since", "last week", data=data)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and "Traceback" not in bad.stderr
