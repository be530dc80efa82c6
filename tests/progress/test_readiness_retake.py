"""A retake asks new questions (issue 21): the draw prefers questions this learner has not met in a
readiness check, then those they missed, never repeats the previous draw while the course has
others, asks at most one question per rule and prefers the variant not yet seen. What was met comes
from the store."""

from __future__ import annotations

import random
import sqlite3

import pytest

from tests.progress.fakes import FakeClock
from tests.progress.guessers import answer_with, knows_everything
from tests.progress.readiness_packs import write_readiness_pack
from tutor.content.loader import check_pack
from tutor.progress import SCHEMA_VERSION, open_store, schema
from tutor.progress import readiness_session as session
from tutor.progress.readiness_check import ReadinessRun
from tutor.progress.records import ReadinessHistory
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import judge_choice

VARIANTS = {"platform-1-quiz/q1", "platform-2-quiz/q1"}  # rule "shared-rule"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    found, _ = check_pack(write_readiness_pack(tmp_path_factory.mktemp("pack")))
    return found


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "data", clock=FakeClock()) as opened:
        yield opened


def take(course, store, seed, wrong=()):
    """A check answered right except the questions in `wrong`; returns the keys drawn."""
    run = session.new_check(course, store, seed=seed)
    session.start(store, run)
    while (item := run.current) is not None:
        if item.key in wrong:
            judgement = judge_choice(item.question, [next(o.id for o in item.question.options if not o.correct)])
        else:
            judgement = answer_with(knows_everything, item.question, lambda step, i=item: run.options(i, step),
                                    random.Random(0))
        session.answer(store, run, judgement, seconds=1, scheduler=ReviewScheduler())
    session.finish(store, run)
    return run


def test_a_first_check_is_all_new_and_a_retake_asks_only_questions_not_met(course, store):
    first = take(course, store, seed=1)
    assert first.new == first.total == 12
    second = session.new_check(course, store, seed=2)
    assert second.new == second.total == 12  # "12 of these 12 are new to you"
    assert not {i.key for i in second.items} & {i.key for i in first.items}


def test_when_every_question_was_met_the_missed_come_first_and_the_last_draw_last(tmp_path, store):
    course, _ = check_pack(write_readiness_pack(tmp_path / "pack", variants=False))  # 8 rules a module
    first = session.new_check(course, store, seed=1)
    missed = {item.key for item in first.items if item.question.kind == "single"}
    first = take(course, store, seed=1, wrong=missed)
    second = take(course, store, seed=2)
    assert second.new == 12 and not {i.key for i in second.items} & {i.key for i in first.items}
    third = take(course, store, seed=3)
    drawn = {item.key for item in third.items}
    assert third.new == 0 and missed <= drawn  # the ones missed before, first
    assert not drawn & {item.key for item in second.items}  # never the previous draw
    fourth = session.new_check(course, store, seed=4)
    assert {item.key for item in fourth.items} == {item.key for item in second.items}  # the third's last


def test_the_missed_are_preferred_over_the_answered_right():
    pack_course = _course()
    keys = [f"{quiz_id}/q{n}" for quiz_id in pack_course.quiz_index for n in (1, 2, 3)] + \
        [f"{quiz_id}/story" for quiz_id in pack_course.quiz_index]
    missed = {key for key in keys if key.endswith("/q2")}  # one per quiz: 6 of them
    history = ReadinessHistory(met={key: key not in missed for key in keys})
    for seed in range(10):
        drawn = {item.key for item in ReadinessRun(pack_course, seed=seed, history=history).items}
        assert missed <= drawn


def test_one_question_per_rule_and_the_variant_not_yet_seen(course):
    seen_variant, other = sorted(VARIANTS)
    history = ReadinessHistory(met={seen_variant: True})
    other_drawn = 0
    for seed in range(40):
        fresh = {item.key for item in ReadinessRun(course, seed=seed).items}
        assert len(fresh & VARIANTS) <= 1
        drawn = {item.key for item in ReadinessRun(course, seed=seed, history=history).items}
        assert seen_variant not in drawn
        other_drawn += other in drawn
    assert other_drawn > 0


def test_the_store_knows_what_was_met_even_in_a_check_left_half_way(course, store):
    run = session.new_check(course, store, seed=7)
    session.start(store, run)
    item = run.current
    session.answer(store, run, judge_choice(item.question, []) if item.question.kind != "scenario" else
                   answer_with(knows_everything, item.question, lambda step: run.options(item, step),
                               random.Random(0)),
                   seconds=1, scheduler=ReviewScheduler())
    history = store.readiness_history(course.id)
    assert set(history.met) == {item.key}
    assert history.last_draw == {i.key for i in run.items}
    assert session.left_check(course, store).answered == 1


def test_the_verdict_evidence_columns_come_with_a_migration(tmp_path):
    with open_store(tmp_path / "new") as opened:
        opened.close()
    conn = sqlite3.connect(tmp_path / "new" / "progress.db")
    columns = {row[1] for row in conn.execute("PRAGMA table_info(readiness_attempts)")}
    assert {"evidence", "lessons_read", "lessons_total"} <= columns
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    # A database from before the migration keeps its checks, read back without evidence.
    before = next(n for n, step in enumerate(schema.MIGRATIONS) if any("evidence" in s for s in step))
    (tmp_path / "old").mkdir()
    old = sqlite3.connect(tmp_path / "old" / "progress.db", isolation_level=None)
    schema.migrate(old, target=before)
    old.execute("INSERT INTO readiness_attempts (course_id, taken_at, passed, finished_at, score, total, reasons)"
                " VALUES ('demo', 1000, 0, 1000, 3, 4, '[\"Your score...\"]')")
    old.close()
    with open_store(tmp_path / "old") as migrated:
        [attempt] = migrated.readiness_attempts("demo")
    assert (attempt.evidence, attempt.lessons_read, attempt.reasons) == ((), None, ("Your score...",))


def _course():
    import tempfile
    from pathlib import Path

    found, _ = check_pack(write_readiness_pack(Path(tempfile.mkdtemp()) / "pack"))
    return found
