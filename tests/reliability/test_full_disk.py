"""A disk that is full, or fills up while the learner answers: the learner is told in words that the
disk is full, nothing is half-written, what was saved stays, and once space is freed the same
store goes on saving.

A real full disk: a small tmpfs (root and mount(8); skipped otherwise). A write failure that is not
a full disk is injected with a tiny file-size limit (RLIMIT_FSIZE) in a child, which runs anywhere.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import REPO, child_env, fill_disk, tutor_command
from tutor.progress import ProgressStore, StoreUnavailableError, open_store
from tutor.progress.errors import StoreWriteError

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="tmpfs and RLIMIT_FSIZE are Linux's")


def answer(store: ProgressStore, question: str, attempt: int | None = None) -> int:
    return store.record_answer("test-pack", "stay", question, chosen=["join"], correct=False, score=0.0,
                               seconds=2.5, content_hash="h" * 16, attempt_id=attempt)


def answers_in(store: ProgressStore) -> list[object]:
    return [row for row in store.export_rows() if row.kind == "answer"]


def rows(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return conn.execute("SELECT * FROM answers ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_disk_that_fills_while_answering_is_reported_and_nothing_is_half_written(small_disk) -> None:
    disk = small_disk("2m")
    with open_store(disk) as store:
        attempt = store.start_attempt("test-pack", "stay")
        saved = [answer(store, f"q{n}", attempt) for n in range(5)]
        before = answers_in(store)
        filler = fill_disk(disk)

        with pytest.raises(StoreWriteError) as raised:
            for n in range(200):  # the WAL has some room left in its last page: fill it too
                answer(store, f"late-{n}", attempt)

        message = str(raised.value)
        assert message.startswith(f"Your answer could not be saved: the disk holding {disk} is full.")
        assert "Free some space" in message and "Traceback" not in message
        assert raised.value.problem == "disk-full"
        # What could be shown still can be: reads work on a full disk.
        after = answers_in(store)
        assert after[: len(before)] == before
        failed_question = f"late-{len(after) - len(before)}"
        assert failed_question not in {row.question_id for row in store.export_rows()}  # the failed one is not there, at all

        # Other writes say what they were, in the same words.
        with pytest.raises(StoreWriteError, match="^Your quiz score could not be saved: the disk .* is full"):
            store.finish_attempt(attempt, 1, 5)
        with pytest.raises(StoreWriteError, match=r"^Your progress could not be erased \(nothing was erased\)"):
            store.reset()
        assert list(disk.glob("*backup*")) == []  # no half-written copy posing as a backup

        filler.unlink()
        again = answer(store, failed_question, attempt)  # the same store, the same call: now it works
        store.finish_attempt(attempt, 1, 5)
    stored = rows(disk / "progress.db")
    assert [row[0] for row in stored][: len(saved)] == saved
    assert stored[-1][0] == again and stored[-1][4] == failed_question
    assert len(stored) == len(after) + 1


def test_a_full_disk_at_start_says_the_disk_is_full_not_disk_io_error(small_disk) -> None:
    # An existing database: opening it creates its shared-memory file, which SQLite reports as a
    # "disk I/O error" when there is no room.
    disk = small_disk("2m")
    with open_store(disk) as store:
        answer(store, "q1")
    db_bytes = (disk / "progress.db").read_bytes()
    fill_disk(disk)

    with pytest.raises(StoreUnavailableError) as raised:
        open_store(disk)

    assert f"the disk holding {disk} is full" in str(raised.value)
    assert "disk I/O error" not in str(raised.value)
    assert raised.value.problem == "disk-full"
    assert (disk / "progress.db").read_bytes() == db_bytes
    assert list(disk.glob("*corrupt*")) == []  # a full disk is not damage


def test_a_full_disk_before_the_first_start_says_the_disk_is_full(small_disk) -> None:
    disk = small_disk("1m")
    fill_disk(disk)
    with pytest.raises(StoreUnavailableError, match=f"the disk holding {disk / 'data'} is full|no room"):
        open_store(disk / "data")


@pytest.mark.parametrize("command", ["progress", "export"])
def test_the_commands_on_a_full_disk_exit_1_with_one_line_in_words(small_disk, command: str) -> None:
    disk = small_disk("2m")
    with open_store(disk) as store:
        answer(store, "q1")
    fill_disk(disk)
    done = tutor_command(command, data_dir=disk)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"tutor {command}: ")
    assert "is full" in done.stderr and "Traceback" not in done.stderr


# A child whose files may not grow past a limit: the write that would pass it fails with EFBIG, which
# SQLite reports as a plain "disk I/O error". The disk has room, so it must not be called full.
LIMITED_CHILD = """
import json, os, resource, signal, sys
from tutor.progress import ProgressStoreError, open_store

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process at the limit
store = open_store(sys.argv[1])
ids = [store.record_answer("test-pack", "stay", f"q{n}", chosen=["join"], correct=False, score=0.0,
                           seconds=1.0, content_hash="h") for n in range(3)]
before = [r.question_id for r in store.export_rows()]
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(sys.argv[1] + "/progress.db-wal") + 100, hard))
report = {"before": before}
try:
    for n in range(100):
        store.record_answer("test-pack", "stay", f"late-{n}", chosen=["join" * 200], correct=False,
                            score=0.0, seconds=1.0, content_hash="h")
except ProgressStoreError as exc:
    report.update(error=type(exc).__name__, problem=exc.problem, message=str(exc))
report["during"] = [r.question_id for r in store.export_rows()]
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
store.record_answer("test-pack", "stay", "after", chosen=["join"], correct=False, score=0.0, seconds=1.0,
                    content_hash="h")
report["after"] = [r.question_id for r in store.export_rows()]
print(json.dumps(report))
"""


def test_a_write_failure_that_is_not_a_full_disk_is_reported_in_words_and_changes_nothing(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", LIMITED_CHILD, str(tmp_path / "data")], capture_output=True,
                          text=True, cwd=REPO, env=child_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["error"] == "StoreWriteError" and report["problem"] == "disk-error"
    assert report["message"].startswith("Your answer could not be saved: the disk reported an error")
    assert "is full" not in report["message"]
    # Whatever fitted under the limit was saved whole; the failed answer not at all.
    assert report["during"][:3] == report["before"] == ["q0", "q1", "q2"]
    assert report["after"] == [*report["during"], "after"]
