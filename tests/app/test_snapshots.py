"""What the learner sees, pinned as SVG snapshots at 80x24 and at 60x18 (the documented minimum) for
every screen: each was looked at before it was committed (issue 24: the layouts are designed for
those two sizes first). Update them with `pytest tests/app/test_snapshots.py --snapshot-update`
and look at the report before committing."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.app.conftest import PACK
from tests.app.test_rule_changes import CHANGE, NOON
from tests.progress.fakes import FakeClock
from tutor.app.screens.readiness import ReadinessScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 18), id="60x18")]


@pytest.fixture(autouse=True)
def _same_clock_everywhere(monkeypatch):
    """Times on screen ("Next review at 12:10") read the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def shoot(snap_compare, make_app, tmp_path):
    """Snapshot the app (the fixture pack, with a rule change, at noon on a fixed day) after `steps`."""
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "changes.toml").write_text(CHANGE, encoding="utf-8")

    def take(steps, size, welcome_seen: bool = True) -> bool:
        clock = FakeClock(NOON)
        app = make_app(pack, welcome_seen=welcome_seen, clock=clock)
        app.seed = 3  # the same readiness questions, in the same order, on every run

        async def run_before(pilot):
            await pilot.pause()
            await steps(pilot, clock)
            await pilot.pause()

        return snap_compare(app, run_before=run_before, terminal_size=size)

    return take


async def nothing(pilot, clock):
    pass


async def keys(pilot, *pressed):
    await pilot.press(*pressed)
    await pilot.pause()


# Fixture quiz "stay", in its order: 1 single (2 is right), 2 select-all (1 and 2), 3 true/false
# (t), 4 a two-step scenario (2 then 1 is the good way).
async def quiz_failed_then_an_hour(pilot, clock):
    await keys(pilot, "q", "1", "enter", "n", "1", "3", "enter", "n", "f", "enter", "n", "1", "enter", "n",
               "escape")
    clock.tick(3600)
    await keys(pilot, "down", "enter", "escape")  # a look at the second lesson; the dashboard again


class TestWelcomeAndDashboard:
    @pytest.mark.parametrize("size", SIZES)
    def test_welcome(self, shoot, size):
        assert shoot(nothing, size, welcome_seen=False)

    @pytest.mark.parametrize("size", SIZES)
    def test_dashboard_of_a_new_learner(self, shoot, size):
        assert shoot(nothing, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_dashboard_with_a_failed_quiz_and_reviews_due(self, shoot, size):
        assert shoot(quiz_failed_then_an_hour, size)


class TestReader:
    @pytest.mark.parametrize("size", SIZES)
    def test_lesson_page_with_a_callout_and_a_table(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "enter", "right")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_contents(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "enter", "t")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_last_page_with_its_sources_and_the_way_on(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "enter", "end")
            await keys(pilot, "right", "right", "end")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_links(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "enter", "right", "l")

        assert shoot(steps, size)


class TestQuiz:
    @pytest.mark.parametrize("size", SIZES)
    def test_a_question_before_any_choice(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_select_all_with_two_ticked(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "2", "enter", "n", "1", "3")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_feedback_for_a_wrong_answer(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "1", "enter")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_feedback_for_a_select_all_with_one_missed(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "2", "enter", "n", "1", "enter")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_a_scenario_at_its_second_step(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "2", "enter", "n", "1", "2", "enter", "n", "t", "enter", "n", "2", "enter")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_a_scenario_ending(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "2", "enter", "n", "1", "2", "enter", "n", "t", "enter", "n", "2", "enter", "1",
                       "enter")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_results_with_missed_questions(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "1", "enter", "n", "1", "enter", "n", "t", "enter", "n", "1", "enter", "n")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_results_of_a_retry(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "1", "enter", "n", "1", "enter", "n", "t", "enter", "n", "1", "enter", "n")
            await keys(pilot, "r", "2", "enter", "n", "1", "2", "enter", "n", "2", "enter", "1", "enter", "n")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_resume_or_start_again(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "2", "enter", "escape", "q")

        assert shoot(steps, size)


class TestReadiness:
    @pytest.mark.parametrize("size", SIZES)
    def test_introduction(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "a")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_a_question(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "a")
            await pilot.click("#start")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_result_with_a_missed_high_risk_question(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "a")
            await pilot.click("#start")
            while isinstance(pilot.app.screen, ReadinessScreen):
                await keys(pilot, "1", "enter")

        assert shoot(steps, size)


class TestReviews:
    @pytest.mark.parametrize("size", SIZES)
    def test_a_review(self, shoot, size):
        async def steps(pilot, clock):
            await quiz_failed_then_an_hour(pilot, clock)
            await keys(pilot, "r")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_reviews_done(self, shoot, size):
        async def steps(pilot, clock):
            await quiz_failed_then_an_hour(pilot, clock)
            await keys(pilot, "r")
            while pilot.app.screen.current_question is not None:
                await keys(pilot, "1", "enter")
                while not pilot.app.screen.answered:
                    await keys(pilot, "1", "enter")
                await keys(pilot, "n")

        assert shoot(steps, size)


class TestElsewhere:
    @pytest.mark.parametrize("size", SIZES)
    def test_rule_changes(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "u")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_help_from_a_quiz(self, shoot, size):
        async def steps(pilot, clock):
            await keys(pilot, "q", "question_mark")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_confirm_reset(self, shoot, size):
        async def steps(pilot, clock):
            pilot.app.action_reset_progress()

        assert shoot(steps, size)

    def test_too_small_message(self, shoot):
        assert shoot(nothing, (50, 12))
