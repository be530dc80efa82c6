"""What the store acknowledged stays acknowledged: a process killed at any moment (starting, creating
or migrating the schema, in the middle of a transaction or of its fsync) loses no answer it reported
saved, leaves a file that passes `PRAGMA integrity_check`, and never one the next start takes for
damaged. Two processes writing at once lose nothing either.

Rounds: 150 in CI, 2,000 with TUTOR_RELIABILITY=long. Every round checks every answer acknowledged
in every round so far in its folder (a new one every 50 rounds in CI, 500 in the long profile).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.harness import REPO, child_env, rounds
from tutor.progress import SCHEMA_VERSION, open_store
from tutor.progress.schema import migrate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

# Records answers until killed, printing "<answer id> <question id>" after each record_answer
# returns: a line on stdout is the store's promise that the answer is saved. Every few answers it
# also writes a lesson position, a setting and an attempt, so kills land in every kind of write.
# Records answers until killed, printing "<answer id> <question id>" after each record_answer
# returns: a line on stdout is the store's promise that the answer is saved. Every few answers it
# also writes a lesson position, a setting and an attempt, so kills land in every kind of write.
# Two of these writing flat out can starve one another past the busy timeout (SQLite's lock is not
# fair, and no learner answers thousands of questions a second): the store then refuses the write in
# words, which promises nothing, and the child prints "locked" and goes on.
ANSWERING_CHILD = """
import sys
from tutor.progress import StoreWriteError, open_store

store = open_store(sys.argv[1])
print("ready", flush=True)
n = 0
attempt = None
while True:
    try:
        if n % 7 == 0:
            attempt = store.start_attempt("demo", "intro-quiz")
        question = f"{sys.argv[2]}-q{n}"
        answer_id = store.record_answer("demo", "intro-quiz", question, chosen=["a", "b"],
                                        path=["s1/a"], correct=n % 2 == 0, score=0.5, seconds=1.25,
                                        content_hash="hash", attempt_id=attempt)
        print(answer_id, question, flush=True)
        if n % 5 == 4:
            store.record_position("demo", "intro", n)
            store.set_setting("last", n)
            if attempt is not None:  # None while starting one was refused
                store.finish_attempt(attempt, 1, 2)
    except StoreWriteError as exc:
        if exc.problem != "locked":
            raise
        print("locked", flush=True)
    n += 1
"""

# Waits for "go" on stdin, then records COUNT answers plus lesson and setting writes, then exits.
WRITING_CHILD = """
import sys
from tutor.progress import open_store

store = open_store(sys.argv[1])
name, count = sys.argv[2], int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()
attempt = store.start_attempt("demo", "intro-quiz")
for n in range(count):
    store.record_answer("demo", "intro-quiz", f"{name}-q{n}", chosen=["a"], correct=True,
                        score=1.0, seconds=1.0, content_hash="hash", attempt_id=attempt)
    store.record_position("demo", f"{name}-lesson", n)
    store.set_setting(f"{name}-counter", n)
store.finish_attempt(attempt, count, count)
print("done", flush=True)
"""


def spawn(code: str, *args: str, stdin: int | None = None, stderr: Any = subprocess.DEVNULL) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=REPO, env=child_env(),
    )


class Writer:
    """A child that answers until killed, with a thread collecting what it printed."""

    def __init__(self, data_dir: Path, name: str) -> None:
        # What the child says on stderr is kept: a child that stops by itself must say why.
        self.errors = tempfile.TemporaryFile("w+")
        self.child = spawn(ANSWERING_CHILD, str(data_dir), name, stderr=self.errors)
        self.lines: list[str] = []
        self.how = "not yet"
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.child.stdout:
            self.lines.append(line)

    def acks(self) -> int:
        return sum(1 for line in self.lines if line[:1].isdigit())

    def refusals(self) -> int:
        """Writes the store refused because the other writer held the lock past the busy timeout."""
        return sum(1 for line in self.lines if line == "locked\n")

    def kill_after(self, rng: random.Random) -> None:
        """Let the child run to a random point, then SIGKILL it."""
        how = self.how = rng.choice(("while-opening", "after-acks", "after-acks-and-a-pause"))
        if how == "while-opening":
            time.sleep(rng.uniform(0, 0.15))  # may land in start-up, schema creation or the first writes
        else:
            wanted = rng.randint(0, 25)
            deadline = time.monotonic() + 3  # a writer starved by the other one is killed waiting
            while self.acks() < wanted and self.child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
            if how == "after-acks-and-a-pause":
                time.sleep(rng.uniform(0, 0.003))  # usually mid-transaction or mid-fsync
        self.child.send_signal(signal.SIGKILL)

    def finish(self) -> dict[int, str]:
        """Wait for the killed child; return its promises: complete ack lines only (a line cut short
        by the kill was never a promise)."""
        self.child.wait(timeout=20)
        self._reader.join(timeout=20)
        self.child.stdout.close()
        self.errors.seek(0)
        said = self.errors.read()
        self.errors.close()
        assert self.child.returncode == -signal.SIGKILL, f"the child stopped by itself:\n{said}"
        acks = {}
        for line in self.lines:
            parts = line.split()
            if line.endswith("\n") and len(parts) == 2 and parts[0].isdigit():
                acks[int(parts[0])] = parts[1]
        return acks


def kill_all(writers: list[Writer]) -> None:
    for writer in writers:
        writer.child.kill()


def stored_answers(path: Path) -> dict[int, str]:
    if not path.exists():
        return {}
    conn = sqlite3.connect(path, timeout=5)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        try:
            return dict(conn.execute("SELECT id, question_id FROM answers"))
        except sqlite3.OperationalError:  # killed before the schema was ever committed
            return {}
    finally:
        conn.close()


def test_answers_acknowledged_before_a_kill_are_never_lost(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    promised: dict[int, str] = {}
    total, per_folder = rounds(ci=150, long=2000), rounds(ci=50, long=500)
    checked = acknowledged = two_writer_rounds = refused = 0
    for round_number in range(total):
        # A new folder every so many rounds keeps each round's checks (and CI's time) from growing
        # without end; the first rounds in each folder also kill schema creation.
        data_dir = tmp_path / f"data-{round_number // per_folder}"
        if round_number % per_folder == 0:
            acknowledged += len(promised)
            promised = {}
        # One round in four has two writers at once, killed independently.
        names = [f"r{round_number}a", f"r{round_number}b"] if rng.random() < 0.25 else [f"r{round_number}"]
        two_writer_rounds += len(names) == 2
        writers = [Writer(data_dir, name) for name in names]
        watchdog = threading.Timer(30, kill_all, (writers,))  # stuck: fail, not hang
        watchdog.start()
        try:
            for writer in writers:
                writer.kill_after(rng)
            for writer in writers:
                try:
                    promised.update(writer.finish())
                except AssertionError as exc:
                    plans = [(w.how, w.acks()) for w in writers]
                    raise AssertionError(f"round {round_number} in {data_dir.name}, kills and acks {plans}: {exc}") from None
        finally:
            watchdog.cancel()
        # Alone, a writer is never refused for a lock: one would mean a killed process left it held.
        assert len(writers) == 2 or writers[0].refusals() == 0, f"round {round_number}: a lock outlived its holder"
        refused += sum(writer.refusals() for writer in writers)

        stored = stored_answers(data_dir / "progress.db")
        missing = {i: q for i, q in promised.items() if stored.get(i) != q}
        assert not missing, f"round {round_number} lost acknowledged answers {missing} (seed {seed})"
        assert not list(data_dir.glob("*corrupt*")), f"round {round_number}: a kill made the file look damaged"
        checked += len(promised)
    acknowledged += len(promised)
    assert acknowledged > total  # the kills did land after real work, not only during start-up
    assert two_writer_rounds > 0
    with open_store(data_dir) as store:  # and the file the kills left opens as it is
        assert store.notice is None
    print(f"\n{total} rounds ({two_writer_rounds} with two writers), {acknowledged} acknowledged answers, "
          f"{checked} checks, none lost; {refused} writes refused in words for a lock (seed {seed})")


def test_a_kill_while_migrating_leaves_a_database_that_opens_without_loss(tmp_path: Path) -> None:
    # A database of the first schema, opened by a child that is killed at a random moment: during
    # the migration to the current version, or just before or after it.
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    for round_number in range(rounds(ci=20, long=200)):
        data_dir = tmp_path / f"old-{round_number}"
        data_dir.mkdir()
        old = sqlite3.connect(data_dir / "progress.db", isolation_level=None)
        migrate(old, target=1)
        old.execute("INSERT INTO settings VALUES ('theme', '\"nord\"')")
        old.close()
        writer = Writer(data_dir, "m")
        time.sleep(rng.uniform(0, 0.12))
        writer.child.send_signal(signal.SIGKILL)
        writer.finish()
        with open_store(data_dir) as store:
            assert store.notice is None, f"round {round_number} (seed {seed}): {store.notice}"
            assert store.get_setting("theme") == "nord"
        conn = sqlite3.connect(data_dir / "progress.db")
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        conn.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # new: both processes also race to create the schema
    count = 150
    children = [spawn(WRITING_CHILD, str(data_dir), name, str(count), stdin=subprocess.PIPE)
                for name in ("alice", "bob")]
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n"
        for child in children:  # release both as close together as possible
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            out, _ = child.communicate(timeout=60)
            assert child.returncode == 0 and out == "done\n"
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    with open_store(data_dir) as store:
        assert store.notice is None
        rows = store.export_rows("demo")
        questions = [r.question_id for r in rows if r.kind == "answer"]
        assert len(questions) == 2 * count
        assert set(questions) == {f"{name}-q{n}" for name in ("alice", "bob") for n in range(count)}
        assert store.quiz_scores("demo")["intro-quiz"].attempts == 2
        states = store.lesson_states("demo")
        assert states["alice-lesson"].page == states["bob-lesson"].page == count - 1
        assert store.get_setting("alice-counter") == store.get_setting("bob-counter") == count - 1
