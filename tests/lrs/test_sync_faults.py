"""`tutor sync` when things go wrong, against the real server: the LRS stopped, restarted in the middle of
a sync, a wrong password, statements it refuses, one it holds differently, a kill between batches, a
server that stops answering. Whatever happens: nothing lost, nothing sent twice, and the learner is told
in words what waits and why."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from tests.lrs.learners import PACK, REPO, outbox_ids, sending_as, tutor
from tests.lrs.ralph import Ralph
from tutor.lrs.client import LrsClient
from tutor.lrs.settings import load_settings
from tutor.lrs.sync import RetryPolicy, send_waiting
from tutor.progress import open_store
from tutor.progress.learner import Learner

# One Ralph serves every LRS test: they run on one worker (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("lrs")

ANA = Learner("Ana Lima", email="ana@agency.org")


def record(data: Path, answers: int, learner: Learner | None = ANA) -> None:
    """A learner's quizzes, straight into their store: `answers` answers in attempts of five."""
    with open_store(data) as store:
        if learner is not None:
            store.set_learner(learner)
        attempt = None
        for n in range(answers):
            if n % 5 == 0:
                attempt = store.start_attempt("test-pack", "stay")
            store.record_answer("test-pack", "stay", f"q{n % 5}", chosen=["a"], correct=n % 3 != 0,
                                score=float(n % 3 != 0), seconds=2.5, content_hash="h", attempt_id=attempt)
            if n % 5 == 4:
                store.finish_attempt(attempt, 3, 5)


def exactly_once(lrs: Ralph, *folders: Path) -> None:
    kept = [statement_id for data in folders for statement_id in outbox_ids(data)]
    assert Counter(s["id"] for s in lrs.stored()) == Counter(kept)


def status(data: Path) -> str:
    return tutor("sync", "--status", data=data).stdout


def test_a_stopped_lrs_keeps_everything_waiting_says_why_and_gets_it_all_later(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 20)
    lrs.stop()
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert result.returncode == 1
    assert "Stopped: the LRS could not be reached" in result.stdout and "24 results wait, kept safely" in result.stdout
    said = tutor("sync", "--status", data=data, env=sending_as(lrs, "ana")).stdout
    assert "Waiting: 24 results" in said and "The last try failed: the LRS could not be reached" in said
    lrs.start()
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert result.returncode == 0 and "Sent 24 results" in result.stdout
    exactly_once(lrs, data)


def test_a_restart_of_the_lrs_in_the_middle_of_a_sync_loses_and_duplicates_nothing(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 150)  # 180 statements: 18 batches of 10
    sync = subprocess.Popen([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data), "sync",
                             "--batch-size", "10"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=REPO, env=_env(sending_as(lrs, "ana")))
    assert sync.stderr is not None
    assert sync.stderr.readline().startswith("Sent 10 of 180")
    sync.send_signal(signal.SIGSTOP)  # hold the sync between two batches while the LRS goes down...
    lrs.stop()
    sync.send_signal(signal.SIGCONT)  # ...so its next request meets a closed port, and it backs off
    lrs.start()
    out, _ = sync.communicate(timeout=180)
    if sync.returncode != 0:  # the restart took longer than the retries: the next sync finishes the job
        assert "kept safely" in out
        assert tutor("sync", data=data, env=sending_as(lrs, "ana")).returncode == 0
    exactly_once(lrs, data)


def test_a_wrong_password_sends_nothing_sets_nothing_aside_and_says_what_to_do(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 5)
    result = tutor("sync", data=data, env=sending_as(lrs, "ana", password="not-it"))
    assert result.returncode == 1
    assert "the LRS refused the user name or password (401): check them with tutor lrs" in result.stdout
    assert "not-it" not in result.stdout + result.stderr
    assert lrs.stored() == []
    said = status(data)
    assert "Waiting: 6 results" in said and "Set aside" not in said
    assert tutor("sync", data=data, env=sending_as(lrs, "ana")).returncode == 0
    exactly_once(lrs, data)


def test_a_statement_the_lrs_refuses_is_set_aside_with_its_reason_and_the_others_are_sent(
        lrs: Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "ana"
    record(data, 10)
    # One session ran with an address xAPI allows but this LRS refuses (a .onion domain): Ralph answers 422
    # (the spec says 400) for the whole batch, and stores none of it.
    monkeypatch.setenv("TUTOR_LEARNER_EMAIL", "ana@hidden.onion")
    record(data, 1, learner=None)
    monkeypatch.delenv("TUTOR_LEARNER_EMAIL")
    record(data, 10, learner=None)
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert result.returncode == 1
    assert "Sent 24 results" in result.stdout and "Set aside 1 result the LRS refused (the others went on):" in result.stdout
    assert "answer:11: the LRS refused it (422: actor.BaseXapiAgentWithMbox.mbox: value is not a valid email" \
        in result.stdout
    assert len(lrs.stored()) == 24
    said = status(data)
    assert "Set aside: 1 result" in said and "special-use or reserved name" in said and "Waiting: none." in said
    # The learner fixes the address; the statement refused was never stored, so it takes the new one.
    assert "1 result waiting to be sent now carry" in tutor("learner", "--email", "ana@agency.org", data=data).stdout
    again = tutor("sync", "--retry-set-aside", data=data, env=sending_as(lrs, "ana"))
    assert again.returncode == 0 and "Sent 1 result" in again.stdout
    exactly_once(lrs, data)


def test_an_id_the_lrs_holds_for_another_statement_is_set_aside_and_never_overwritten(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 5)
    taken = outbox_ids(data)[2]
    other = {"id": taken, "actor": {"mbox": "mailto:someone@agency.org"}, "timestamp": "2026-01-01T00:00:00.000Z",
             "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"}, "object": {"id": "https://agency.org/x"}}
    assert lrs.request("POST", "/xAPI/statements", [other])[0] == 200
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert result.returncode == 1 and "Sent 5 results" in result.stdout and "(409:" in result.stdout
    held = {s["id"]: s for s in lrs.stored()}
    assert held[taken]["verb"]["id"].endswith("/experienced") and len(held) == 6


def test_a_kill_between_batches_loses_nothing_and_the_next_sync_duplicates_nothing(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 250)  # 300 statements
    for batches_before_the_kill in (1, 3, 6):
        sync = subprocess.Popen([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data),
                                 "sync", "--batch-size", "20"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, cwd=REPO, env=_env(sending_as(lrs, "ana")))
        assert sync.stderr is not None
        for _ in range(batches_before_the_kill):
            assert sync.stderr.readline().startswith("Sent ")
        sync.send_signal(signal.SIGKILL)
        sync.wait(timeout=60)
        held = {s["id"] for s in lrs.stored()}
        marked = set(_sent(data))
        assert marked <= held  # what the outbox calls sent, the LRS has
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert result.returncode == 0, result.stdout + result.stderr
    exactly_once(lrs, data)
    assert len(lrs.stored()) == 300


def test_our_own_check_sets_aside_a_statement_a_lax_lrs_would_store(lrs: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    record(data, 3)
    conn = sqlite3.connect(data / "progress.db")
    row, body = conn.execute("SELECT id, body FROM outbox ORDER BY id LIMIT 1").fetchone()
    damaged = json.loads(body)
    damaged["result"]["score"]["scaled"] = 5  # Ralph stores this (lrs-notes.md); xAPI forbids it
    conn.execute("UPDATE outbox SET body = ? WHERE id = ?", (json.dumps(damaged), row))
    conn.commit()
    conn.close()
    result = tutor("sync", data=data, env=sending_as(lrs, "ana"))
    assert "tutor's own check of the xAPI rules: result.score.scaled: 5 is not between -1 and 1" in result.stdout
    assert damaged["id"] not in {s["id"] for s in lrs.stored()} and len(lrs.stored()) == 2


def test_a_server_that_stops_answering_times_out_keeps_everything_and_is_caught_up_with_later(
        lrs: Ralph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "ana"
    record(data, 10)
    for name, value in sending_as(lrs, "ana").items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings is not None and lrs.process is not None
    lrs.process.send_signal(signal.SIGSTOP)  # alive, listening, silent
    waits: list[float] = []
    try:
        with open_store(data) as store, LrsClient(settings, timeout=1) as client:
            report = send_waiting(store, client, policy=RetryPolicy(tries=3), sleep=waits.append)
            assert report.sent == 0 and report.waiting == 12
            assert report.stopped == "the LRS did not answer within 1 s"
            assert len(waits) == 2 and 0.25 <= waits[0] <= 0.5 <= waits[1] <= 1.0  # backed off, doubling
    finally:
        lrs.process.send_signal(signal.SIGCONT)
    with open_store(data) as store, LrsClient(settings) as client:
        report = send_waiting(store, client)
    assert report.complete and report.sent == 12
    exactly_once(lrs, data)


def test_the_app_can_cancel_a_sync_between_requests(lrs: Ralph, tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "ana"
    record(data, 100)
    for name, value in sending_as(lrs, "ana").items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings is not None
    cancel = threading.Event()
    with open_store(data) as store, LrsClient(settings) as client:
        report = send_waiting(store, client, batch_size=10, cancel=cancel, progress=lambda _: cancel.set())
    assert report.sent == 10 and report.stopped == "sending was stopped" and report.waiting == 110
    exactly_once_so_far = {s["id"] for s in lrs.stored()}
    assert set(_sent(data)) == exactly_once_so_far


def _sent(data: Path) -> list[str]:
    conn = sqlite3.connect(data / "progress.db")
    try:
        return [i for (i,) in conn.execute("SELECT statement_id FROM outbox WHERE sent_at IS NOT NULL")]
    finally:
        conn.close()


def _env(extra: dict[str, str]) -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO), **extra}

