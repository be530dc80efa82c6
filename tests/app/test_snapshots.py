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

    @pytest.mark.parametrize("size", SIZES)
    def test_open_a_link(self, shoot, size, monkeypatch):
        for name in ("SSH_CONNECTION", "SSH_TTY", "DISPLAY", "WAYLAND_DISPLAY"):  # a machine with no desktop
            monkeypatch.delenv(name, raising=False)

        async def steps(pilot, clock):
            await keys(pilot, "enter", "right", "l", "down", "enter")

        assert shoot(steps, size)

    @pytest.mark.parametrize("size", SIZES)
    def test_a_damaged_progress_file(self, tmp_path, snap_compare, size):
        """The notice a learner meets when the progress file could not be read: the real one, from a
        file that is not a database."""
        import re

        from tutor.app.app import create_app
        from tutor.progress import open_store

        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "progress.db").write_bytes(b"this is not a database" * 100)
        with open_store(tmp_path / "data") as store:
            app = create_app(PACK, store)
            store.set_setting(app.welcome_key, True)
            assert store.notice and str(tmp_path) in store.notice
            # Its words as the store wrote them; the folder and the time as on one learner's machine.
            store.notice = re.sub(r"corrupt-\d{8}T\d{6}Z", "corrupt-20261206T120000Z",
                                  store.notice.replace(str(tmp_path / "data"), "/home/ana/.local/share/tutor"))
            assert snap_compare(app, terminal_size=size)

    @pytest.mark.parametrize("size", SIZES)
    def test_an_authors_findings_panel(self, tmp_path, snap_compare, make_app, size):
        """`tutor --watch` on a pack with a broken lesson and a quiz with a mistake: the panel an author sees."""
        from tests.app.test_live import build, panel_shown, settled, until

        pack = tmp_path / "pack"
        shutil.copytree(PACK, pack)
        (pack / "lessons" / "03-broken.md").write_text("no front matter\n", encoding="utf-8")
        app = build(make_app, pack.resolve(), watch=True)

        async def panel(pilot):
            await until(pilot, lambda: panel_shown(pilot.app), "the findings panel")
            await settled(pilot)

        assert snap_compare(app, run_before=panel, terminal_size=size)

    def test_too_small_message(self, shoot):
        assert shoot(nothing, (50, 12))


class TestReadyWithWhatItRestsOn:
    @pytest.mark.parametrize("size", SIZES)
    def test_ready_with_what_it_rests_on(self, snap_compare, make_app, size):
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

        assert snap_compare(app, run_before=answer_everything_right, terminal_size=size)


class TestGuides:
    """The seed case: a freelancer who joined the client's own Zoom call before any contract."""

    SEED = ["1", "enter", "1", "enter", "1", "enter", "1", "enter", "3", "enter", "1", "enter", "1", "enter", "1",
            "enter"]

    @staticmethod
    def _app(make_app):
        from tutor.content.loader import shipped_root

        return make_app(shipped_root())

    async def _open(self, pilot, answers=()):
        from tutor.app.messages import OpenGuide

        pilot.app.post_message(OpenGuide("talked-outside-before-contract"))
        await pilot.pause()
        await pilot.press(*answers)
        await pilot.pause()

    async def _outcome(self, pilot):
        await self._open(pilot, self.SEED)
        await pilot.press("d", *"14 March 2026", "enter", *"dana_k", "enter", "escape")
        await pilot.pause()

    def test_a_question_at_80x24(self, snap_compare, make_app):
        async def second_question(pilot):
            await self._open(pilot, ["1", "enter"])

        assert snap_compare(self._app(make_app), run_before=second_question, terminal_size=(80, 24))

    def test_a_question_at_60x18(self, snap_compare, make_app):
        async def second_question(pilot):
            await self._open(pilot, ["1", "enter"])

        assert snap_compare(self._app(make_app), run_before=second_question, terminal_size=(60, 18))

    def test_the_outcome_at_80x24(self, snap_compare, make_app):
        async def outcome(pilot):
            await self._open(pilot, self.SEED)

        assert snap_compare(self._app(make_app), run_before=outcome, terminal_size=(80, 24))

    def test_the_outcome_at_60x18(self, snap_compare, make_app):
        async def outcome(pilot):
            await self._open(pilot, self.SEED)

        assert snap_compare(self._app(make_app), run_before=outcome, terminal_size=(60, 18))

    @pytest.mark.parametrize("size", SIZES)
    def test_the_details(self, snap_compare, make_app, size):
        async def details(pilot):
            await self._outcome(pilot)
            pilot.app.screen.query_one("#g-details-head").scroll_visible(top=True, animate=False)
            await pilot.pause()

        assert snap_compare(self._app(make_app), run_before=details, terminal_size=size)

    @pytest.mark.parametrize("size", SIZES)
    def test_saving_the_message(self, snap_compare, make_app, size, monkeypatch):
        monkeypatch.setenv("HOME", "/home/ana")  # the file offered is in the learner's home folder

        async def save(pilot):
            await self._outcome(pilot)
            await pilot.press("s")
            await pilot.pause()

        assert snap_compare(self._app(make_app), run_before=save, terminal_size=size)

    def test_the_message_at_80x24(self, snap_compare, make_app):
        async def message(pilot):
            await self._outcome(pilot)
            pilot.app.screen.query_one("#g-message").scroll_visible(top=True, animate=False)
            await pilot.pause()

        assert snap_compare(self._app(make_app), run_before=message, terminal_size=(80, 24))

    def test_the_message_at_60x18(self, snap_compare, make_app):
        async def message(pilot):
            await self._outcome(pilot)
            pilot.app.screen.query_one("#g-message").scroll_visible(top=True, animate=False)
            await pilot.pause()

        assert snap_compare(self._app(make_app), run_before=message, terminal_size=(60, 18))

    def test_the_list_of_guides_at_80x24(self, snap_compare, make_app):
        assert snap_compare(self._app(make_app), press=["g"], terminal_size=(80, 24))

    def test_the_list_of_guides_at_60x18(self, snap_compare, make_app):
        assert snap_compare(self._app(make_app), press=["g"], terminal_size=(60, 18))
