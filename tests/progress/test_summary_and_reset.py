"""The course summary the dashboard and `tutor progress` show, and resetting progress with a backup."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock
from tutor.content.model import Course
from tutor.progress import ProgressStore, open_store, resolve_data_dir


def at(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock.now, tz=timezone.utc)


def finished_attempt(store: ProgressStore, quiz_id: str, score: float, total: float) -> int:
    attempt = store.start_attempt("demo", quiz_id)
    store.record_answer("demo", quiz_id, "q1", chosen=["a"], correct=True, score=1.0, seconds=2.0,
                        content_hash="h", attempt_id=attempt)
    store.finish_attempt(attempt, score, total)
    return attempt


def test_summary_shows_each_module_lessons_quizzes_and_last_activity(
    store: ProgressStore, clock: FakeClock, course: Course
) -> None:
    store.record_lesson_completed("demo", "intro")
    finished_attempt(store, "intro-quiz", 3, 4)
    basics_activity = at(clock)
    clock.tick(3600)
    store.record_position("demo", "payments", 2)
    clock.tick()
    finished_attempt(store, "fees-quiz", 1, 2)  # fees' quiz is found through the quiz index
    money_activity = at(clock)
    clock.tick()
    store.record_readiness("demo", {"basics": 0.9, "money": 0.4}, passed=False)
    store.record_lesson_completed("elsewhere", "rules")  # another course: must not count

    summary = store.summary(course)

    basics, money = summary.modules
    assert (basics.module_id, basics.title, basics.lessons_done, basics.lessons_total) == (
        "basics", "The basics", 1, 2
    )
    assert basics.quizzes_total == 2
    assert {q: (s.best, s.attempts) for q, s in basics.quiz_scores.items()} == {"intro-quiz": (0.75, 1)}
    assert basics.last_activity == basics_activity
    assert (money.lessons_done, money.lessons_total, money.quizzes_total) == (0, 2, 1)
    assert list(money.quiz_scores) == ["fees-quiz"]
    assert money.last_activity == money_activity
    assert [a.passed for a in summary.readiness] == [False]
    assert (summary.lessons_done, summary.lessons_total) == (1, 4)
    # 1 lesson read + best quiz scores 0.75 and 0.5, over 4 lessons + 3 quizzes.
    assert summary.fraction == pytest.approx((1 + 0.75 + 0.5) / 7)
    assert summary.last_activity == at(clock)


def test_summary_of_a_new_course_is_all_zero(store: ProgressStore, course: Course) -> None:
    summary = store.summary(course)
    assert summary.fraction == 0.0
    assert summary.last_activity is None
    assert all(m.lessons_done == 0 and m.quiz_scores == {} for m in summary.modules)


def test_summary_uses_the_latest_answer_time_as_a_quizs_last_activity(
    store: ProgressStore, clock: FakeClock, course: Course
) -> None:
    attempt = store.start_attempt("demo", "rules-quiz")
    clock.tick(600)
    store.record_answer("demo", "rules-quiz", "q1", chosen=["a"], correct=True, score=1.0, seconds=1.0,
                        content_hash="h", attempt_id=attempt)  # never finished: the learner left
    assert store.summary(course).modules[0].last_activity == at(clock)


def test_reset_erases_one_course_and_keeps_a_backup_of_everything(
    store: ProgressStore, clock: FakeClock
) -> None:
    store.record_lesson_completed("demo", "intro")
    finished_attempt(store, "intro-quiz", 1, 1)
    store.record_readiness("demo", {"basics": 1.0}, passed=True)
    store.set_review("demo", "intro-quiz", "q1", due_at=at(clock), interval_days=1)
    store.record_lesson_completed("other", "intro")
    store.set_setting("theme", "nord")

    backup = store.reset("demo")

    assert backup.parent == store.path.parent and backup.name.startswith("progress.db.backup-")
    assert store.lesson_states("demo") == {} and store.export_rows("demo") == []
    assert store.due_reviews("demo", now=at(clock)) == []
    assert store.lesson_states("other")["intro"].status == "done"
    assert store.get_setting("theme") == "nord"
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT count(*) FROM answers").fetchone() == (1,)
        assert copy.execute("SELECT count(*) FROM lesson_progress").fetchone() == (2,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()


def test_resetting_everything_twice_in_one_second_keeps_both_backups(store: ProgressStore) -> None:
    store.record_lesson_completed("demo", "intro")
    store.record_lesson_completed("other", "intro")
    first = store.reset()
    second = store.reset()
    assert first != second and first.exists() and second.exists()
    assert store.lesson_states("demo") == {} and store.lesson_states("other") == {}


def test_data_dir_argument_beats_tutor_home_which_beats_the_platform_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "platform"))
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.setenv("TUTOR_HOME", "")
    assert resolve_data_dir() == tmp_path / "platform"

    with open_store(tmp_path / "arg") as store:
        assert store.path == tmp_path / "arg" / "progress.db"
        assert store.path.exists()
