"""What the learner sees, pinned as SVG snapshots (look at the report before updating them)."""

from __future__ import annotations


class TestDashboard:
    def test_dashboard_with_a_lesson_in_progress(self, snap_compare, make_app):
        async def read_a_page(pilot):
            await pilot.press("enter", "right", "escape")

        assert snap_compare(make_app(), run_before=read_a_page, terminal_size=(80, 24))


class TestReader:
    def test_lesson_page_with_a_callout_and_a_table(self, snap_compare, make_app):
        assert snap_compare(make_app(), press=["enter", "right"], terminal_size=(80, 30))


class TestQuiz:
    def test_feedback_for_a_wrong_answer(self, snap_compare, make_app):
        assert snap_compare(make_app(), press=["enter", "q", "1", "enter"], terminal_size=(80, 30))

    def test_scenario_ending(self, snap_compare, make_app):
        keys = ["enter", "q", "2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "2", "enter", "1", "enter"]
        assert snap_compare(make_app(), press=keys, terminal_size=(80, 34))

    def test_results_with_missed_questions(self, snap_compare, make_app):
        keys = ["enter", "q", "1", "enter", "n", "1", "s", "n", "1", "enter", "n", "1", "enter", "n"]
        assert snap_compare(make_app(), press=keys, terminal_size=(80, 24))


class TestSmallTerminal:
    def test_too_small_message(self, snap_compare, make_app):
        assert snap_compare(make_app(), terminal_size=(50, 12))


class TestReadiness:
    def test_readiness_result_with_a_missed_high_risk_question(self, snap_compare, make_app):
        app = make_app()
        app.seed = 3  # the same three questions, in the same order, on every run

        async def take_the_check(pilot):
            from tutor.app.screens.readiness import ReadinessScreen

            await pilot.press("a")
            await pilot.click("#start")
            while isinstance(pilot.app.screen, ReadinessScreen):
                item = pilot.app.screen.run.current
                await pilot.press(*(("1", "s") if item.question.kind == "multi" else ("1", "enter")))
                await pilot.pause()

        assert snap_compare(app, run_before=take_the_check, terminal_size=(80, 30))

    def test_readiness_result_at_60x18(self, snap_compare, make_app):
        app = make_app()
        app.seed = 3

        async def take_the_check(pilot):
            from tests.app.test_readiness import answer_first_option
            from tutor.app.screens.readiness import ReadinessScreen

            await pilot.press("a")
            await pilot.click("#start")
            while isinstance(pilot.app.screen, ReadinessScreen):
                await answer_first_option(pilot, pilot.app.screen)

        assert snap_compare(app, run_before=take_the_check, terminal_size=(60, 18))

    def test_ready_with_what_it_rests_on_at_80x24(self, snap_compare, make_app):
        from tests.progress.fakes import FakeClock

        app = make_app(clock=FakeClock())  # a clock that stands still: "Time taken: 0 s."
        app.seed = 3

        async def answer_everything_right(pilot):
            from tests.app.test_readiness import answer_right
            from tutor.app.screens.readiness import ReadinessScreen

            await pilot.press("a")
            await pilot.click("#start")
            while isinstance(pilot.app.screen, ReadinessScreen):
                await answer_right(pilot, pilot.app.screen)

        assert snap_compare(app, run_before=answer_everything_right, terminal_size=(80, 24))
