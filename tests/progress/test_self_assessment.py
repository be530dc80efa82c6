"""Honest self-assessment in the core: shuffled options, the review queue's FSRS schedule, the readiness
verdict, and a learner who presses 1 on everything scoring about what chance gives."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from msgspec.structs import replace

from tests.progress.fakes import FakeClock
from tutor.content.loader import check_pack, content_root
from tutor.progress import ProgressStore, open_store
from tutor.progress.answering import save_answer
from tutor.progress.readiness_check import ReadinessRun, judge
from tutor.progress.scheduling import MAX_INTERVAL_DAYS, ReviewScheduler
from tutor.progress.schema import migrate
from tutor.progress.scoring import QuizRun, ScenarioWalk, judge_choice

COURSE, FINDINGS = check_pack(content_root())
QUIZZES = [COURSE.quiz_for(lesson.id) for lesson in COURSE.ordered_lessons()]


def press_one(run: QuizRun | ReadinessRun, question, step_options) -> object:
    """What a learner who presses 1 (then Enter, or s) on every question is judged: the first option
    shown, at every step of a story."""
    if question.kind == "scenario":
        walk = ScenarioWalk(question)
        while not walk.finished:
            walk.choose(step_options(walk.step)[0].id)
        return walk.judgement()
    return judge_choice(question, [step_options(None)[0].id])


def test_pressing_1_on_everything_scores_about_what_chance_gives():
    total = score = passed = 0
    for quiz in QUIZZES:
        run = QuizRun(quiz, seed=20261201)
        for question in run.questions:
            judgement = press_one(run, question, lambda step, q=question, r=run: r.options(q, step))
            run.record(question, judgement)
        total += run.total
        score += run.score
        passed += run.score / run.total >= COURSE.pass_mark
    assert total >= 120
    assert score / total < 0.40, f"pressing 1 scored {score / total:.0%}"
    assert passed == 0, f"pressing 1 passed {passed} quizzes"


def test_options_are_shuffled_per_attempt_unless_the_author_turns_it_off():
    quiz = next(q for q in QUIZZES if any(x.kind == "single" for x in q.questions))
    question = next(x for x in quiz.questions if x.kind == "single")
    orders = {tuple(o.id for o in QuizRun(quiz, seed=seed).options(question)) for seed in range(30)}
    assert len(orders) > 1
    kept = QuizRun(replace(quiz, shuffle=False))
    assert [o.id for o in kept.options(question)] == [o.id for o in question.options]
    truefalse = next(x for q in QUIZZES for x in q.questions if x.kind == "truefalse")
    quiz_of = next(q for q in QUIZZES if truefalse in q.questions)
    assert [o.id for o in QuizRun(quiz_of, seed=1).options(truefalse)] == ["true", "false"]


def test_a_resumed_run_shows_the_order_it_was_shown_in():
    quiz = QUIZZES[0]
    first = QuizRun(quiz, seed=5)
    resumed = QuizRun(quiz, plan=first.plan)
    for question in quiz.questions:
        assert resumed.options(question) == first.options(question)
        for step in question.steps:
            assert resumed.options(question, step) == first.options(question, step)


def test_a_wrong_answer_becomes_a_card_and_good_answers_space_it_out_up_to_180_days(tmp_path: Path):
    clock = FakeClock()
    scheduler = ReviewScheduler(fuzz=False)
    quiz = QUIZZES[0]
    question = next(q for q in quiz.questions if q.kind == "single")
    right = next(o.id for o in question.options if o.correct)
    wrong = next(o.id for o in question.options if not o.correct)
    with open_store(tmp_path, clock=clock) as store:
        save_answer(store, COURSE.id, quiz.id, question, judge_choice(question, [right]), seconds=1, scheduler=scheduler)
        assert store.get_review(COURSE.id, quiz.id, question.id) is None  # right the first time: no card
        save_answer(store, COURSE.id, quiz.id, question, judge_choice(question, [wrong]), seconds=1, scheduler=scheduler)
        card = store.get_review(COURSE.id, quiz.id, question.id)
        assert card is not None and card.misses == 1 and card.card is not None
        assert card.due_at - store.now() == timedelta(minutes=10)  # Again: back after one short step
        intervals = []
        for _ in range(12):
            clock.now = store.get_review(COURSE.id, quiz.id, question.id).due_at.timestamp()
            save_answer(store, COURSE.id, quiz.id, question, judge_choice(question, [right]), seconds=1,
                        scheduler=scheduler)
            intervals.append(store.get_review(COURSE.id, quiz.id, question.id).interval_days)
        assert intervals == sorted(intervals) and intervals[-1] == MAX_INTERVAL_DAYS


def test_right_after_a_hint_is_hard_and_comes_back_sooner_than_good():
    from tutor.progress.records import ReviewItem

    scheduler = ReviewScheduler(fuzz=False)
    now = FakeClock().now
    from datetime import datetime, timezone

    moment = datetime.fromtimestamp(now, tz=timezone.utc)
    missed = scheduler.next_state(None, correct=False, hinted=False, now=moment)
    assert isinstance(missed, ReviewItem)
    later = missed.due_at + timedelta(days=1)
    good = scheduler.next_state(missed, correct=True, hinted=False, now=later)
    hard = scheduler.next_state(missed, correct=True, hinted=True, now=later)
    assert hard.due_at < good.due_at


def test_counting_due_reviews_is_one_index_range(store: ProgressStore):
    plan = [row[-1] for row in store._conn.execute(  # noqa: SLF001
        "EXPLAIN QUERY PLAN SELECT count(*) FROM review_queue WHERE course_id = ? AND due_at <= ?", ("c", 1.0))]
    assert any("review_queue_by_due" in step for step in plan), plan


def test_the_review_table_of_version_2_keeps_its_rows_when_upgraded(tutor_home: Path):
    tutor_home.mkdir()
    old = sqlite3.connect(tutor_home / "progress.db", isolation_level=None)
    migrate(old, target=2)
    old.execute("INSERT INTO review_queue VALUES ('demo', 'q', 'q1', 1000, 2.0, 2.5, 1, 0.5, 999)")
    old.close()
    with open_store() as store:
        [item] = store.due_reviews("demo", now=store.now())
        assert (item.question_id, item.interval_days, item.misses, item.card) == ("q1", 2.0, 0, None)


def test_the_readiness_verdict_is_not_yet_when_a_high_risk_question_is_missed():
    run = ReadinessRun(COURSE, seed=11)
    assert run.total == sum(min(COURSE.readiness.questions_per_module, 99) for _ in COURSE.modules)
    high = next(item for item in run.items if item.question.risk == "high")
    for item in run.items:
        question = item.question
        if item is high:
            judgement = press_wrong(question)
        else:
            judgement = press_right(question)
        run.record(item, judgement)
    result = judge(run)
    assert result.share >= result.pass_mark and not result.passed
    assert result.verdict == "Not yet" and any("high-risk" in reason for reason in result.reasons)
    assert [m.share for m in result.modules] == sorted(m.share for m in result.modules)


def press_right(question):
    if question.kind == "scenario":
        from tutor.progress.feedback import good_path

        walk = ScenarioWalk(question)
        for step in good_path(question):
            walk.choose(next(o.id for o in walk.step.options if o.text == step.choice))
        return walk.judgement()
    return judge_choice(question, [o.id for o in question.options if o.correct])


def press_wrong(question):
    if question.kind == "scenario":
        walk = ScenarioWalk(question)
        while not walk.finished:
            bad = [o for o in walk.step.options if o.outcome in ("bad", "risky")]
            walk.choose((bad or [o for o in walk.step.options if o.next])[0].id)
        return walk.judgement()
    return judge_choice(question, [next(o.id for o in question.options if not o.correct)])


@pytest.mark.parametrize("seed", range(5))
def test_the_check_draws_from_every_module_without_repeating_a_question(seed):
    run = ReadinessRun(COURSE, seed=seed)
    keys = [item.key for item in run.items]
    assert len(keys) == len(set(keys))
    assert {item.module_id for item in run.items} == {module.id for module in COURSE.modules}
