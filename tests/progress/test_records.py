"""Every kind of record survives a round trip through the database, per course, and comes back as
what the app needs to show: lesson states, the resume point, quiz scores, readiness, review queue,
settings."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest

from tests.progress.fakes import FakeClock
from tutor.progress import LessonState, Position, ProgressStore, QuizScore, open_store


def at(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, tz=timezone.utc)


def answer(store: ProgressStore, question_id: str, *, correct: bool = True, quiz_id: str = "intro-quiz",
           course_id: str = "demo", attempt_id: int | None = None, content_hash: str = "h1") -> int:
    return store.record_answer(
        course_id, quiz_id, question_id, chosen=["a"], correct=correct, score=1.0 if correct else 0.0,
        seconds=4.0, content_hash=content_hash, attempt_id=attempt_id,
    )


def test_a_new_learner_has_no_progress(store: ProgressStore) -> None:
    assert store.lesson_states("demo") == {}
    assert store.last_position("demo") is None
    assert store.quiz_scores("demo") == {}
    assert store.readiness_attempts("demo") == []
    assert store.due_reviews("demo") == []
    assert store.get_setting("theme") is None
    assert store.notice is None


def test_opening_a_lesson_marks_it_reading_and_finishing_it_marks_it_done(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.record_lesson_opened("demo", "intro")
    opened = at(clock)
    assert store.lesson_states("demo") == {
        "intro": LessonState("intro", "reading", page=0, opened_at=opened, updated_at=opened)
    }
    clock.tick()
    store.record_lesson_completed("demo", "intro")
    state = store.lesson_states("demo")["intro"]
    assert (state.status, state.opened_at, state.completed_at) == ("done", opened, at(clock))


def test_finishing_a_lesson_again_keeps_the_first_completion_time(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.record_lesson_completed("demo", "intro")
    first = at(clock)
    clock.tick(60)
    store.record_lesson_opened("demo", "intro")
    store.record_lesson_completed("demo", "intro")
    state = store.lesson_states("demo")["intro"]
    assert state.status == "done"
    assert state.completed_at == first
    assert state.updated_at == at(clock)


def test_lesson_states_for_the_course_lessons_include_unseen_ones_as_not_started(
    store: ProgressStore,
) -> None:
    store.record_position("demo", "rules", 2)
    states = store.lesson_states("demo", ["intro", "rules"])
    assert list(states) == ["intro", "rules"]
    assert states["intro"] == LessonState("intro", "not-started")
    assert (states["rules"].status, states["rules"].page) == ("reading", 2)


def test_resume_goes_to_the_page_read_most_recently_even_after_restarting(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.record_position("demo", "intro", 2)
    clock.tick()
    store.record_position("demo", "rules", 5)
    clock.tick()
    store.record_position("demo", "intro", 3)
    store.close()

    with open_store(clock=clock) as reopened:
        assert reopened.last_position("demo") == Position("intro", 3, at(clock))
        assert reopened.lesson_states("demo")["rules"].page == 5


def test_reopening_a_lesson_keeps_its_page_and_makes_it_the_place_to_resume(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.record_position("demo", "intro", 4)
    clock.tick()
    store.record_position("demo", "rules", 1)
    clock.tick()
    store.record_lesson_opened("demo", "intro")
    assert store.last_position("demo") == Position("intro", 4, at(clock))


def test_an_answer_is_stored_with_everything_that_was_submitted(
    store: ProgressStore, clock: FakeClock
) -> None:
    attempt = store.start_attempt("demo", "intro-quiz")
    clock.tick(12.5)
    answer_id = store.record_answer(
        "demo", "intro-quiz", "zoom-story", chosen=["decline"], path=["reply/decline", "offer/accept"],
        correct=True, score=0.75, seconds=12.5, content_hash="abc123", attempt_id=attempt,
    )
    (row,) = [r for r in store.export_rows("demo") if r.kind == "answer"]
    assert (row.id, row.attempt_id, row.course_id, row.quiz_id, row.question_id) == (
        answer_id, attempt, "demo", "intro-quiz", "zoom-story"
    )
    assert (row.chosen, row.path, row.correct, row.score, row.seconds, row.content_hash) == (
        ["decline"], ["reply/decline", "offer/accept"], True, 0.75, 12.5, "abc123"
    )
    assert row.answered_at == at(clock).isoformat(timespec="milliseconds")


def test_an_answer_is_on_disk_as_soon_as_record_answer_returns(store: ProgressStore) -> None:
    answer_id = answer(store, "q1")
    # A second, independent connection sees it while the store is still open: it was committed.
    other = sqlite3.connect(store.path)
    try:
        assert other.execute("SELECT question_id FROM answers WHERE id = ?", (answer_id,)).fetchall() == [
            ("q1",)
        ]
    finally:
        other.close()


def test_quiz_scores_give_best_and_last_of_finished_attempts(
    store: ProgressStore, clock: FakeClock
) -> None:
    for points in (6, 9, 7):
        attempt = store.start_attempt("demo", "intro-quiz")
        clock.tick()
        store.finish_attempt(attempt, points, 10)
    store.start_attempt("demo", "intro-quiz")  # abandoned: no score, not counted
    assert store.quiz_scores("demo") == {
        "intro-quiz": QuizScore("intro-quiz", best=0.9, last=0.7, attempts=3, last_finished_at=at(clock),
                                last_score=7, last_total=10)
    }


def test_a_retry_of_the_missed_questions_is_practice_beside_the_score_never_the_score(
    store: ProgressStore, clock: FakeClock
) -> None:
    full = store.start_attempt("demo", "intro-quiz")
    store.finish_attempt(full, 7, 10)
    clock.tick()
    retry = store.start_attempt("demo", "intro-quiz", kind="retry")
    store.finish_attempt(retry, 3, 3)
    score = store.quiz_scores("demo")["intro-quiz"]
    assert (score.best, score.last, score.attempts) == (0.7, 0.7, 1)
    assert (score.last_score, score.last_total, score.retry_score, score.retry_total) == (7, 10, 3, 3)
    clock.tick()
    again = store.start_attempt("demo", "intro-quiz")
    store.finish_attempt(again, 5, 10)  # a new full attempt: the quiz's score is now 5/10, no retry after it
    score = store.quiz_scores("demo")["intro-quiz"]
    assert (score.best, score.last, score.attempts, score.retry_score) == (0.7, 0.5, 2, None)
    kinds = [r.attempt_kind for r in store.export_rows("demo") if r.kind == "quiz-attempt"]
    assert kinds == ["full", "retry", "full"]


def test_every_page_must_be_seen_before_a_lesson_counts_as_read(store: ProgressStore) -> None:
    assert store.record_page_seen("demo", "intro", 0, 3) is False
    assert store.record_page_seen("demo", "intro", 2, 3) is False  # jumped to the end
    state = store.lesson_states("demo")["intro"]
    assert (state.status, state.page, state.pages_seen, state.pages_total) == ("reading", 2, (0, 2), 3)
    assert store.record_page_seen("demo", "intro", 1, 3) is True
    assert store.lesson_states("demo")["intro"].status == "done"


def test_a_quiz_left_part_way_can_be_resumed_with_its_order_and_answers(store: ProgressStore) -> None:
    plan = {"questions": ["q1", "q2"], "options": {"q1": ["b", "a"]}}
    attempt = store.start_attempt("demo", "intro-quiz", plan=plan)
    assert store.open_attempt("demo", "intro-quiz") is None  # nothing answered yet: nothing to resume
    store.record_answer("demo", "intro-quiz", "q1", chosen=["b"], correct=True, score=1.0, seconds=2,
                        content_hash="h1", attempt_id=attempt, hints=1)
    open_attempt = store.open_attempt("demo", "intro-quiz")
    assert open_attempt is not None
    assert (open_attempt.id, open_attempt.plan, open_attempt.kind) == (attempt, plan, "full")
    [answer] = open_attempt.answers
    assert (answer.question_id, answer.chosen, answer.correct, answer.hints) == ("q1", ("b",), True, 1)
    store.finish_attempt(attempt, 1, 2)
    assert store.open_attempt("demo", "intro-quiz") is None


def test_an_answer_cannot_be_filed_under_an_attempt_at_another_quiz(store: ProgressStore) -> None:
    attempt = store.start_attempt("demo", "intro-quiz")
    with pytest.raises(ValueError, match="not an attempt at quiz 'rules-quiz'"):
        answer(store, "q1", quiz_id="rules-quiz", attempt_id=attempt)
    with pytest.raises(ValueError):
        answer(store, "q1", course_id="other", attempt_id=attempt)
    assert store.export_rows() == store.export_rows("demo")
    assert [r.kind for r in store.export_rows()] == ["quiz-attempt"]


@pytest.mark.parametrize(
    "bad",
    [
        {"score": 1.5},
        {"score": -0.1},
        {"seconds": -1},
        {"seconds": float("nan")},
        {"content_hash": ""},
        {"chosen": "abc"},
        {"path": "step/option"},
    ],
)
def test_impossible_answers_are_refused(store: ProgressStore, bad: dict) -> None:
    fields = dict(chosen=["a"], correct=True, score=1.0, seconds=1.0, content_hash="h")
    fields.update(bad)
    with pytest.raises((ValueError, TypeError)):
        store.record_answer("demo", "intro-quiz", "q1", **fields)
    assert store.export_rows() == []


def test_impossible_attempt_scores_and_pages_are_refused(store: ProgressStore) -> None:
    attempt = store.start_attempt("demo", "intro-quiz")
    with pytest.raises(ValueError):
        store.finish_attempt(attempt, 11, 10)
    with pytest.raises(ValueError):
        store.finish_attempt(attempt, 0, 0)
    with pytest.raises(ValueError, match="no quiz attempt with id 999"):
        store.finish_attempt(999, 1, 2)
    with pytest.raises(ValueError):
        store.record_position("demo", "intro", -1)
    with pytest.raises(ValueError):
        store.record_readiness("demo", {"basics": 2.0}, passed=True)
    assert store.quiz_scores("demo") == {}


def test_readiness_attempts_keep_each_module_score_and_the_verdict(
    store: ProgressStore, clock: FakeClock
) -> None:
    first_id = store.record_readiness("demo", {"basics": 0.5, "money": 0.25}, passed=False)
    first_at = at(clock)
    clock.tick(3600)
    store.record_readiness("demo", {"basics": 1.0, "money": 0.8}, passed=True)
    first, second = store.readiness_attempts("demo")
    assert (first.id, first.course_id, first.taken_at, first.passed) == (first_id, "demo", first_at, False)
    assert first.module_scores == {"basics": 0.5, "money": 0.25}
    assert (second.passed, second.module_scores, second.taken_at) == (
        True, {"basics": 1.0, "money": 0.8}, at(clock)
    )


def test_review_queue_keeps_each_questions_schedule_and_lists_what_is_due(
    store: ProgressStore, clock: FakeClock
) -> None:
    now = at(clock)
    store.set_review("demo", "intro-quiz", "q1", due_at=now - timedelta(days=2), interval_days=1,
                     ease=2.3, box=1, last_score=0.0)
    store.set_review("demo", "intro-quiz", "q2", due_at=now - timedelta(hours=1), interval_days=3)
    store.set_review("demo", "rules-quiz", "q1", due_at=now + timedelta(days=1), interval_days=6,
                     box=3, last_score=1.0)

    item = store.get_review("demo", "intro-quiz", "q1")
    assert item is not None
    assert (item.due_at, item.interval_days, item.ease, item.box, item.last_score, item.updated_at) == (
        now - timedelta(days=2), 1.0, 2.3, 1, 0.0, now
    )
    assert [(i.quiz_id, i.question_id) for i in store.due_reviews("demo")] == [
        ("intro-quiz", "q1"), ("intro-quiz", "q2")
    ]
    assert len(store.due_reviews("demo", limit=1)) == 1
    assert len(store.due_reviews("demo", now=now + timedelta(days=2))) == 3

    store.set_review("demo", "intro-quiz", "q1", due_at=now + timedelta(days=4), interval_days=4, box=2)
    assert store.get_review("demo", "intro-quiz", "q1").box == 2  # replaced, not duplicated
    assert store.remove_review("demo", "intro-quiz", "q2") is True
    assert store.remove_review("demo", "intro-quiz", "q2") is False
    assert store.due_reviews("demo") == []
    with pytest.raises(ValueError, match="timezone-aware"):
        store.set_review("demo", "q", "q", due_at=datetime(2027, 1, 1), interval_days=1)


def test_settings_are_global_keep_their_type_and_survive_a_restart(store: ProgressStore) -> None:
    store.set_setting("theme", "textual-light")
    store.set_setting("welcome_seen", True)
    store.set_setting("theme", "nord")
    store.close()
    with open_store() as reopened:
        assert reopened.get_setting("theme") == "nord"
        assert reopened.get_setting("welcome_seen") is True
        assert reopened.get_setting("missing", default="x") == "x"


def test_two_courses_never_see_each_others_progress(store: ProgressStore) -> None:
    store.record_position("demo", "intro", 1)
    store.record_lesson_completed("other", "intro")
    attempt = store.start_attempt("other", "intro-quiz")
    answer(store, "q1", course_id="other", attempt_id=attempt, correct=False)
    store.finish_attempt(attempt, 0, 1)
    store.record_readiness("other", {"basics": 1.0}, passed=True)

    assert store.lesson_states("demo")["intro"].status == "reading"
    assert store.lesson_states("other")["intro"].status == "done"
    assert store.quiz_scores("demo") == {}
    assert store.question_results("demo", "intro-quiz", {"q1": "h1"}) == {"q1": None}
    assert store.question_results("other", "intro-quiz", {"q1": "h1"}) == {"q1": False}
    assert store.readiness_attempts("demo") == []
    assert {r.course_id for r in store.export_rows("other")} == {"other"}


def test_the_store_can_be_used_from_a_worker_thread(store: ProgressStore) -> None:
    # The app records from background workers; one shared connection must allow that.
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for n in range(20):
                answer(store, f"t{n}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.export_rows("demo")) == 60
