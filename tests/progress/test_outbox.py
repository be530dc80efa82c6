"""The outbox: every answer, quiz attempt finished, readiness check finished and lesson read keeps its xAPI
statement in the same transaction that records it, once the learner has said who they are; nothing is
kept before that unless they ask; a crash never leaves one without the other."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock
from tutor.progress import ProgressStore, open_store
from tutor.progress.learner import Learner
from tutor.progress.xapi_rules import statement_problems

ANA = Learner("Ana Lima", email="ana@agency.org")
REPO = Path(__file__).resolve().parents[2]


def kept(store: ProgressStore) -> list[dict]:
    conn = sqlite3.connect(store.path)
    try:
        return [json.loads(body) for (body,) in conn.execute("SELECT body FROM outbox ORDER BY id")]
    finally:
        conn.close()


def sources(store: ProgressStore) -> list[str]:
    conn = sqlite3.connect(store.path)
    try:
        return [source for (source,) in conn.execute("SELECT source FROM outbox ORDER BY id")]
    finally:
        conn.close()


def answer(store: ProgressStore, attempt: int | None = None, correct: bool = False, **extra) -> int:
    return store.record_answer("demo", "intro-quiz", "q1", chosen=["b", "c"], correct=correct,
                               score=1.0 if correct else 0.0, seconds=12.345, content_hash="h1", attempt_id=attempt,
                               hints=1, **extra)


def test_nothing_is_kept_for_sending_until_the_learner_says_who_they_are(store: ProgressStore) -> None:
    attempt = store.start_attempt("demo", "intro-quiz")
    answer(store, attempt)
    store.finish_attempt(attempt, 0, 1)
    store.record_lesson_completed("demo", "intro")
    store.record_readiness("demo", {"basics": 0.5}, passed=False)
    assert kept(store) == []
    assert store.outbox_status().earlier == 4  # what `tutor sync --status` counts as not sent


def test_each_event_keeps_one_statement_that_says_what_happened_and_keeps_the_xapi_rules(
        store: ProgressStore, clock: FakeClock) -> None:
    store.set_learner(ANA)
    attempt = store.start_attempt("demo", "intro-quiz")
    clock.tick(30)
    answer(store, attempt)
    store.finish_attempt(attempt, 3, 4)
    store.record_lesson_completed("demo", "intro")
    readiness_id = store.start_readiness("demo", {"questions": []})
    clock.tick(60)
    store.finish_readiness(readiness_id, {"basics": 0.5, "money": 1.0}, False, 3, 4, ["Money: below the pass mark"])

    statements = kept(store)
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in statements] == ["answered", "completed", "completed", "failed"]
    for statement in statements:
        assert statement_problems(statement) == [], statement
        assert statement["actor"] == {"objectType": "Agent", "name": "Ana Lima", "mbox": "mailto:ana@agency.org"}
        assert statement["timestamp"].endswith("Z")
    said, finished, read, verdict = statements
    assert said["object"]["id"] == "urn:tutor:course:demo/quiz/intro-quiz/question/q1"
    assert said["result"] == {"success": False, "score": {"scaled": 0.0}, "response": "b[,]c", "duration": "PT12.35S"}
    assert said["context"]["contextActivities"]["parent"][0]["id"] == "urn:tutor:course:demo/quiz/intro-quiz"
    assert said["context"]["registration"] == finished["context"]["registration"]  # the attempt ties them
    assert finished["result"]["score"] == {"scaled": 0.75, "raw": 3, "min": 0, "max": 4}
    assert finished["result"]["duration"] == "PT30S"
    assert read["object"]["id"] == "urn:tutor:course:demo/lesson/intro"
    assert verdict["result"]["success"] is False and verdict["result"]["duration"] == "PT60S"
    assert verdict["result"]["extensions"]["urn:tutor:extension:module-scores"] == {"basics": 0.5, "money": 1.0}
    assert verdict["result"]["extensions"]["urn:tutor:extension:reasons"] == ["Money: below the pass mark"]
    assert verdict["context"]["registration"] != said["context"]["registration"]
    assert len({s["id"] for s in statements}) == 4
    assert all(uuid.UUID(s["id"]).version == 4 and str(uuid.UUID(s["id"])) == s["id"] for s in statements)


def test_a_lesson_read_to_the_end_is_kept_once_however_often_it_is_read(store: ProgressStore) -> None:
    store.set_learner(ANA)
    store.record_page_seen("demo", "intro", 0, 2)
    assert kept(store) == []  # half read
    store.record_page_seen("demo", "intro", 1, 2)
    store.record_page_seen("demo", "intro", 0, 2)
    store.record_lesson_completed("demo", "intro")
    assert sources(store) == ["lesson:intro"]


def test_a_review_of_a_question_a_rule_change_put_back_says_which_change(store: ProgressStore) -> None:
    store.set_learner(ANA)
    store.announce_changes("demo", ["fee-2026"], requeue=[("intro-quiz", "q1", "change:fee-2026")])
    answer(store, reschedule=lambda item, now: None)
    (statement,) = kept(store)
    extensions = statement["context"]["extensions"]
    assert extensions["urn:tutor:extension:mode"] == "recheck"
    assert extensions["urn:tutor:extension:rule-change"] == "fee-2026"
    assert statement["context"]["contextActivities"]["other"] == [
        {"objectType": "Activity", "id": "urn:tutor:course:demo/change/fee-2026"}]


def test_the_environment_names_the_learner_for_scripted_set_ups(monkeypatch, clock) -> None:
    monkeypatch.setenv("TUTOR_LEARNER_NAME", "Bo")
    monkeypatch.setenv("TUTOR_LEARNER_EMAIL", "bo@agency.org")
    with open_store(clock=clock) as store:
        store.set_learner(ANA)  # the environment still wins
        answer(store)
        assert kept(store)[0]["actor"]["mbox"] == "mailto:bo@agency.org"
        assert store.learner() == Learner("Bo", email="bo@agency.org")


def test_a_learner_that_cannot_be_sent_is_refused_with_the_reason(store: ProgressStore) -> None:
    for bad, why in [(Learner("Ana", email="ana@agency.invalid"), "reserved"),
                     (Learner("Ana", email="ana"), "not an e-mail address"),
                     (Learner("", email="ana@agency.org"), "name is empty"),
                     (Learner("Ana", account_name="ana", home_page="lms.agency.org"), "address of the site")]:
        with pytest.raises(ValueError, match=why):
            store.set_learner(bad)
    assert store.learner() is None


def test_earlier_progress_is_kept_only_when_asked_and_only_once(store: ProgressStore, clock: FakeClock) -> None:
    attempt = store.start_attempt("demo", "intro-quiz")
    answer(store, attempt, correct=True)
    store.finish_attempt(attempt, 1, 1)
    store.record_lesson_completed("demo", "intro")
    then = clock.now
    clock.tick(3600)
    store.set_learner(ANA)
    assert kept(store) == []
    assert store.keep_earlier() == 3
    assert store.keep_earlier() == 0
    statements = kept(store)
    assert sorted(sources(store)) == sorted(["answer:1", f"attempt:{attempt}", "lesson:intro"])
    assert all(statement_problems(s) == [] for s in statements)
    assert {s["timestamp"] for s in statements} == {"2027-01-15T08:00:00.000Z"} and then == 1_800_000_000.0


def test_a_new_address_reaches_the_statements_never_tried_and_not_the_others(store: ProgressStore) -> None:
    store.set_learner(ANA)
    answer(store)
    answer(store)
    tried = store.waiting_statements(1)
    store.mark_tried([tried[0].row])
    assert store.set_learner(Learner("Ana Lima", email="ana.lima@agency.org")) == 1
    assert [s["actor"]["mbox"] for s in kept(store)] == ["mailto:ana@agency.org", "mailto:ana.lima@agency.org"]


def test_forgetting_the_learner_erases_what_was_not_sent_and_keeps_nothing_more(store: ProgressStore) -> None:
    store.set_learner(ANA)
    answer(store)
    answer(store)
    store.mark_sent([store.waiting_statements(1)[0].row])
    assert store.forget_learner() == 1
    answer(store)
    assert len(kept(store)) == 1 and store.outbox_status().sent == 1


def test_a_reset_erases_the_statements_of_the_course_it_erases(store: ProgressStore) -> None:
    store.set_learner(ANA)
    answer(store)
    store.record_answer("other", "q", "x", chosen=["a"], correct=True, score=1.0, seconds=1, content_hash="h")
    store.reset("demo")
    assert [s["object"]["id"] for s in kept(store)] == ["urn:tutor:course:other/quiz/q/question/x"]


def test_the_answer_and_its_statement_are_saved_together_or_not_at_all(store: ProgressStore) -> None:
    store.set_learner(ANA)
    conn = sqlite3.connect(store.path)
    conn.execute("CREATE TRIGGER full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    conn.commit()
    with pytest.raises(sqlite3.IntegrityError, match="disk is full"):  # the statement could not be written...
        answer(store)
    conn.execute("DROP TRIGGER full")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM answers").fetchone() == (0,)  # ...so neither was the answer
    conn.close()


RECORDER = textwrap.dedent("""
    import sys
    from tutor.progress import open_store
    from tutor.progress.learner import Learner
    with open_store(sys.argv[1]) as store:
        store.set_learner(Learner("Ana", email="ana@agency.org"))
        print("ready", flush=True)
        while True:
            attempt = store.start_attempt("demo", "quiz")
            for n in range(3):
                store.record_answer("demo", "quiz", f"q{n}", chosen=["a"], correct=True, score=1.0, seconds=1,
                                    content_hash="h", attempt_id=attempt)
            store.finish_attempt(attempt, 3, 3)
""")


def test_a_kill_at_any_moment_leaves_every_answer_with_exactly_one_statement(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for round_ in range(5):
        process = subprocess.Popen([sys.executable, "-c", RECORDER, str(data)], stdout=subprocess.PIPE,
                                   cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert process.stdout is not None and process.stdout.readline() == b"ready\n"
        time.sleep(0.2 + 0.15 * round_)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    conn = sqlite3.connect(data / "progress.db")
    answers = {f"answer:{n}" for (n,) in conn.execute("SELECT id FROM answers")}
    finished = {f"attempt:{n}" for (n,) in conn.execute("SELECT id FROM quiz_attempts WHERE finished_at IS NOT NULL")}
    kept_sources = [source for (source,) in conn.execute("SELECT source FROM outbox")]
    assert len(answers) > 10
    assert sorted(kept_sources) == sorted(answers | finished)


def test_attempts_recorded_before_the_outbox_get_a_registration_each(tutor_home: Path) -> None:
    from tutor.progress.schema import MIGRATIONS, SCHEMA_VERSION, migrate

    # The schema just before the migration that adds the outbox, wherever it sits in the list.
    before = next(n for n, steps in enumerate(MIGRATIONS) if any("CREATE TABLE outbox" in step for step in steps))
    tutor_home.mkdir()
    conn = sqlite3.connect(tutor_home / "progress.db", isolation_level=None)
    assert migrate(conn, target=before) == before
    conn.executescript("""
        INSERT INTO quiz_attempts (id, course_id, quiz_id, started_at) VALUES (1, 'demo', 'q', 10), (2, 'demo', 'q', 20);
        INSERT INTO readiness_attempts (id, course_id, taken_at, passed) VALUES (1, 'demo', 30, 0);
    """)
    assert migrate(conn) == SCHEMA_VERSION
    registrations = [r for (r,) in conn.execute(
        "SELECT registration FROM quiz_attempts UNION ALL SELECT registration FROM readiness_attempts")]
    conn.close()
    assert len(set(registrations)) == 3 and all(uuid.UUID(r).version == 4 for r in registrations)
    with open_store() as store:
        store.set_learner(ANA)
        store.finish_attempt(1, 1, 2)
        (finished,) = kept(store)
        assert finished["context"]["registration"] == registrations[0]
