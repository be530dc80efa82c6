"""A lock held by another process for longer than the busy timeout (5 s): reading goes on, and what
cannot be done is refused in words, never with "database is locked" alone, and nothing is moved.

Each case waits out the busy timeout once, so the commands of a case run side by side."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.harness import PACK, REPO, child_env
from tutor.progress import StoreUnavailableError, open_store
from tutor.progress.errors import StoreWriteError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX locks")

# Holds the write lock until told to let go. "exclusive" also shuts out readers, as a program using
# SQLite's exclusive locking mode does.
HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO settings VALUES ('holder', '1')")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


@pytest.fixture
def progress_with_an_answer(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        store.record_answer("test-pack", "stay", "zoom-link", chosen=["join"], correct=False, score=0.0,
                            seconds=3.0, content_hash="h")
    return data_dir


def hold_lock(data_dir: Path, how: str) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir / "progress.db"), how],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO, env=child_env())
    try:
        assert holder.stdout.readline() == "holding\n"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()


@pytest.fixture
def write_lock(progress_with_an_answer: Path) -> Iterator[subprocess.Popen[str]]:
    yield from hold_lock(progress_with_an_answer, "write")


@pytest.fixture
def exclusive_lock(progress_with_an_answer: Path) -> Iterator[subprocess.Popen[str]]:
    yield from hold_lock(progress_with_an_answer, "exclusive")


def start_commands(data_dir: Path) -> dict[str, subprocess.Popen[str]]:
    return {
        command: subprocess.Popen(
            [sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data_dir), command],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
            env=child_env(),
        )
        for command in ("progress", "export")
    }


def test_while_another_program_holds_the_write_lock_reading_goes_on_and_a_write_is_refused_in_words(
    progress_with_an_answer: Path, write_lock: subprocess.Popen[str]
) -> None:
    data_dir = progress_with_an_answer
    commands = start_commands(data_dir)  # they only read: they must not wait for the lock at all
    with open_store(data_dir) as store:
        assert len(store.export_rows()) == 1
        with pytest.raises(StoreWriteError) as raised:
            store.record_answer("test-pack", "stay", "rule-since", chosen=["true"], correct=True, score=1.0,
                                seconds=2.0, content_hash="h")
        assert raised.value.problem == "locked"
        assert str(raised.value).startswith(
            "Your answer could not be saved: another program has kept the database locked for more than 5 seconds."
        )
        assert "close it, then try again" in str(raised.value)

        write_lock.stdin.write("let go\n")
        write_lock.stdin.flush()
        write_lock.wait(timeout=10)
        store.record_answer("test-pack", "stay", "rule-since", chosen=["true"], correct=True, score=1.0,
                            seconds=2.0, content_hash="h")  # the same store goes on once the lock is gone
        assert len(store.export_rows()) == 2
    for command, process in commands.items():
        out, err = process.communicate(timeout=30)
        assert process.returncode == 0 and err == "", f"tutor {command}: {err}"
        assert out
    assert list(data_dir.glob("*corrupt*")) == []


def test_a_program_that_locks_everyone_out_is_named_as_the_reason(
    progress_with_an_answer: Path, exclusive_lock: subprocess.Popen[str]
) -> None:
    data_dir = progress_with_an_answer
    commands = start_commands(data_dir)
    with pytest.raises(StoreUnavailableError) as raised:
        open_store(data_dir)
    assert raised.value.problem == "locked"
    assert "another program has kept the database locked for more than 5 seconds" in str(raised.value)
    for command, process in commands.items():
        out, err = process.communicate(timeout=30)
        assert process.returncode == 1 and out == ""
        assert err.count("\n") == 1 and err.startswith(f"tutor {command}: Could not open the progress database")
        assert "locked for more than 5 seconds" in err and "Traceback" not in err
    assert list(data_dir.glob("*corrupt*")) == []  # a lock is not damage
