"""What the store acknowledged stays acknowledged: a process killed at any moment loses no answer it
reported saved, and two processes writing at once lose nothing."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")

# Records answers until killed, printing "<answer id> <question id>" after each record_answer
# returns: a line on stdout is the store's promise that the answer is saved.
ANSWERING_CHILD = """
import sys
from tutor.progress import open_store

store = open_store(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    question = f"{sys.argv[2]}-q{n}"
    answer_id = store.record_answer("demo", "intro-quiz", question, chosen=["a", "b"],
                                    path=["s1/a"], correct=n % 2 == 0, score=0.5, seconds=1.25,
                                    content_hash="hash")
    print(answer_id, question, flush=True)
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


def spawn(code: str, *args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def acknowledged(lines: list[str]) -> dict[int, str]:
    """Complete ack lines only: a line cut short by the kill was never a promise."""
    acks = {}
    for line in lines:
        parts = line.split()
        if line.endswith("\n") and len(parts) == 2 and parts[0].isdigit():
            acks[int(parts[0])] = parts[1]
    return acks


def kill_at_a_random_moment(child: subprocess.Popen[str], rng: random.Random) -> list[str]:
    """Let the child run to a random point, SIGKILL it, and return every line it printed."""
    lines: list[str] = []
    how = rng.choice(("while-opening", "after-acks", "after-acks-and-a-pause"))
    if how == "while-opening":
        time.sleep(rng.uniform(0, 0.15))  # may land in startup, schema creation or the first writes
    else:
        wanted = rng.randint(0, 25)
        while len(lines) < wanted + 1:  # +1 for "ready"
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
        if how == "after-acks-and-a-pause":
            time.sleep(rng.uniform(0, 0.003))  # usually mid-transaction or mid-fsync
    child.send_signal(signal.SIGKILL)
    lines.extend(child.stdout.readlines())  # acks printed before the kill are promises too
    child.wait()
    child.stderr.close()
    child.stdout.close()
    return lines


def test_answers_acknowledged_before_a_kill_are_never_lost(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    data_dir = tmp_path / "data"
    promised: dict[int, str] = {}
    rounds = 50
    for round_number in range(rounds):
        child = spawn(ANSWERING_CHILD, str(data_dir), f"r{round_number}")
        # A child stuck for any reason must fail the test, not hang it.
        watchdog = threading.Timer(20, child.kill)
        watchdog.start()
        try:
            lines = kill_at_a_random_moment(child, rng)
        finally:
            watchdog.cancel()
        assert child.returncode == -signal.SIGKILL, f"round {round_number} (seed {seed})"
        promised.update(acknowledged(lines))

        stored = _stored_answers(data_dir / "progress.db")
        missing = {i: q for i, q in promised.items() if stored.get(i) != q}
        assert not missing, f"round {round_number} lost acknowledged answers {missing} (seed {seed})"
    assert len(promised) > rounds  # the kills did land after real work, not only during start-up


def _stored_answers(path: Path) -> dict[int, str]:
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


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"  # new: both processes also race to create the schema
    count = 150
    children = [spawn(WRITING_CHILD, str(data_dir), name, str(count), stdin=subprocess.PIPE)
                for name in ("alice", "bob")]
    try:
        for child in children:
            assert child.stdout.readline() == "ready\n", child.stderr.read()
        for child in children:  # release both as close together as possible
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            out, err = child.communicate(timeout=60)
            assert child.returncode == 0 and out == "done\n", err
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    from tutor.progress import open_store

    with open_store(data_dir) as store:
        rows = store.export_rows("demo")
        questions = [r.question_id for r in rows if r.kind == "answer"]
        assert len(questions) == 2 * count
        assert set(questions) == {f"{name}-q{n}" for name in ("alice", "bob") for n in range(count)}
        assert store.quiz_scores("demo")["intro-quiz"].attempts == 2
        states = store.lesson_states("demo")
        assert states["alice-lesson"].page == states["bob-lesson"].page == count - 1
        assert store.get_setting("alice-counter") == store.get_setting("bob-counter") == count - 1
