"""The readiness check, driven as a learner would: from the dashboard, through every question in
exam mode, to the verdict, its report, and a review session of what was missed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.app.conftest import text_of
from tests.progress.fakes import FakeClock
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.dialogs import ChoiceScreen
from tutor.app.screens.readiness import ReadinessResultScreen, ReadinessScreen
from tutor.app.screens.review import ReviewScreen
from tutor.content.loader import content_root
from tutor.content.tells import steps_that_can_end_well
from tutor.progress import open_store

SHIPPED = content_root()


async def answer_first_option(pilot, screen) -> None:
    """Answer the current question by taking the first option shown at each step (select-all:
    tick it and submit), until the check moves on."""
    run = screen.run
    before = run.index
    while run.index == before and pilot.app.screen is screen:
        if run.current.question.kind == "multi":
            await pilot.press("1", "s")
        else:
            await pilot.press("1", "enter")
        await pilot.pause()


async def answer_right(pilot, screen) -> None:
    """Answer the current question right, pressing the numbers of the right options as shown."""
    run, panel = screen.run, screen.panel
    before = run.index
    while run.index == before and pilot.app.screen is screen:
        question = run.current.question
        shown = panel.shown
        if question.kind == "scenario":
            step = panel.walk.step
            hopeful = steps_that_can_end_well(question)
            good = [o for o in step.options if o.outcome == "good"] or [o for o in step.options if o.next in hopeful]
            await pilot.press(str(shown.index(good[0]) + 1), "enter")
        elif question.kind == "multi":
            await pilot.press(*[str(n) for n, o in enumerate(shown, 1) if o.correct], "s")
        else:
            await pilot.press(str(next(n for n, o in enumerate(shown, 1) if o.correct)), "enter")
        await pilot.pause()


NOON = 1_800_000_000.0 - 1_800_000_000.0 % 86400 + 12 * 3600  # a day's noon (UTC): "today" lasts a while


async def test_the_readiness_check_from_the_dashboard_to_its_verdict_and_report(make_app, data_dir):
    app = make_app(SHIPPED, clock=FakeClock(NOON))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Readiness check: not taken yet" in text_of(app.screen.query_one("#summary"))
        await pilot.press("a")
        check = app.screen
        assert isinstance(check, ReadinessScreen)
        intro = text_of(check.query_one("#r-intro"))
        assert "20 questions drawn from the course's 5 modules" in intro and "All 20 are new to you." in intro
        assert "every module reaches 60%" in intro and "miss no high-risk question" in intro
        await pilot.click("#start")
        await pilot.pause()
        modules = {item.module_id for item in check.run.items}
        assert len(modules) == 5 and check.run.total == 20
        while isinstance(app.screen, ReadinessScreen):
            # Exam mode: nothing says whether the last answer was right, not even in a story.
            story = text_of(app.screen.query_one("#question #q-story"))
            assert "→" not in story and "Right" not in story
            await answer_first_option(pilot, app.screen)
        result = app.screen
        assert isinstance(result, ReadinessResultScreen)
        verdict = text_of(result.query_one("#verdict"))
        assert verdict.startswith("✗ Not yet: ") and "The pass mark is 80%; every module must reach 60%." in verdict
        assert "Why not yet:" in verdict and "under the module floor of 60%" in verdict
        assert "Every module at or above" not in verdict
        bars = text_of(result.query_one("#modules"))
        assert "weakest first" in bars and bars.count(" of 4 (") == 5
        missed = text_of(result.query_one("#missed"))
        assert "Your answer:" in missed and "Right answer:" in missed and "(checked 2026-12-01)" in missed

        await pilot.press("s")  # save the report
        await pilot.pause()
        reports = list((data_dir / "reports").glob("readiness-freelance-tos-*.html"))
        assert len(reports) == 1 and "Not yet" in reports[0].read_text(encoding="utf-8")

        await pilot.press("escape")
        await pilot.pause()
        summary = text_of(app.screen.query_one("#summary"))
        assert f"Not yet on {attempt_day(data_dir)}: " in summary and ", weakest module " in summary
        assert "Next review at" in summary  # every question missed became a review card, due in ten minutes

    with open_store(data_dir, clock=FakeClock(NOON)) as store:
        [attempt] = store.readiness_attempts("freelance-tos")
        assert not attempt.passed and attempt.total == 20 and attempt.reasons
        assert len(store.readiness_answers(attempt.id)) == 20
        assert store.due_count("freelance-tos", until=store.now() + timedelta(hours=1)) >= 1


def attempt_day(data_dir) -> str:
    with open_store(data_dir, clock=FakeClock(NOON)) as store:
        attempt = store.readiness_attempts("freelance-tos")[-1]
    return (attempt.finished_at or attempt.taken_at).astimezone().strftime("%-d %b")


async def test_a_learner_who_answers_right_is_ready_and_sees_what_it_rests_on(make_app, data_dir):
    app = make_app(SHIPPED, clock=FakeClock(NOON))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.click("#start")
        await pilot.pause()
        while isinstance(app.screen, ReadinessScreen):
            await answer_right(pilot, app.screen)
        verdict = text_of(app.screen.query_one("#verdict"))
        assert verdict.startswith("✓ Ready for a first job: 20 of 20 (100%), weakest module 100%")
        assert "What it rests on:" in verdict and "20 questions, 4 from each of the 5 modules." in verdict
        checked = app.course.last_checked()
        assert "Lessons read when you took it: 0 of 12." in verdict and f"{checked:%-d %B %Y}" in verdict
        await pilot.press("escape")
        await pilot.pause()
        summary = text_of(app.screen.query_one("#summary"))
        assert f"Ready for a first job on {attempt_day(data_dir)}: 20 of 20, weakest module 100%; 0 of 12 lessons " \
            "read" in summary
        await pilot.press("a")  # a retake: new questions, and it says so
        intro = text_of(app.screen.query_one("#r-intro"))
        assert "All 20 are new to you." in intro
        first = {item.key for item in app.screen.run.items}
    with open_store(data_dir, clock=FakeClock(NOON)) as store:
        [attempt] = store.readiness_attempts("freelance-tos")
        drawn = {f"{a.quiz_id}/{a.question_id}" for a in store.readiness_answers(attempt.id)}
    assert not first & drawn


async def test_a_check_left_half_way_goes_on_where_it_stopped(make_app, data_dir):
    app = make_app(SHIPPED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.click("#start")
        await pilot.pause()
        for _ in range(3):
            await answer_first_option(pilot, app.screen)
        drawn = [item.key for item in app.screen.run.items]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "Readiness check: 3 of 20 answered, press a to go on" in text_of(app.screen.query_one("#summary"))
    app = make_app(SHIPPED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        assert isinstance(app.screen, ChoiceScreen)
        assert "answered 3 of 20 questions" in text_of(app.screen.query_one(Static))
        await pilot.press("g")
        await pilot.pause()
        check = app.screen
        assert isinstance(check, ReadinessScreen)
        assert [item.key for item in check.run.items] == drawn and check.run.index == 3
        assert check.sub_title.startswith("question 4 of 20")


async def test_a_review_session_asks_what_was_missed_with_full_feedback(make_app, data_dir):
    clock = FakeClock(NOON)
    app = make_app(Path(__file__).resolve().parent.parent / "fixtures" / "pack", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "q", "1", "enter")  # miss the first question: it becomes a review card
        await pilot.press("escape", "escape")
        await pilot.pause()
        # Due after its learning step, not at once (issue 24): the dashboard says when.
        assert "Next review at" in text_of(app.screen.query_one("#summary"))
    clock.tick(3600)  # an hour later: the card is due
    app = make_app(Path(__file__).resolve().parent.parent / "fixtures" / "pack", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert "his own Zoom room" in text_of(review.query_one("#q-prompt"))
        await pilot.press("2", "enter")
        feedback = text_of(review.query_one("#q-feedback"))
        assert "✓ Right" in feedback and "Rule: Help: On-platform interviews" in feedback
        await pilot.press("n")
        done = text_of(review.query_one("#q-done"))
        assert "Done: 1 reviewed." in done and "The next review is due" in done


async def test_starting_a_quiz_again_means_the_old_attempt_is_not_offered_again(make_app, data_dir):
    from tutor.app.screens.quiz import QuizScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "1", "enter", "escape", "q")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("s")  # start again
        assert isinstance(app.screen, QuizScreen) and app.screen.run.index == 0
        await pilot.press("escape", "q")
        assert isinstance(app.screen, QuizScreen), "no second offer to resume the attempt left before"


async def test_a_quiz_left_part_way_goes_on_at_the_first_unanswered_question_in_the_same_order(make_app):
    """Issue 10: leaving after some answers and coming back offers to go on; going on shows the
    next question with its options in the order they were shown, and the score counts both parts."""
    from textual.widgets import OptionList

    from tutor.app.screens.quiz import QuizScreen
    from tutor.app.screens.results import ResultsScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        order = list(quiz.run.options(quiz.run.questions[1]))  # what question 2 will show
        await pilot.press("1", "enter", "escape", "q")
        assert isinstance(app.screen, ChoiceScreen)
        assert "1 of 4 questions answered" in app.screen.question
        await pilot.press("g")  # go on
        again = app.screen
        assert isinstance(again, QuizScreen) and again.run.index == 1
        assert [o.id for o in again.run.options(again.question)] == [o.id for o in order]
        shown = again.query_one("#q-options", OptionList)
        assert [shown.get_option_at_index(i).id for i in range(shown.option_count)] == [o.id for o in order]
        while not isinstance(app.screen, ResultsScreen):
            screen = app.screen
            assert isinstance(screen, QuizScreen)
            await pilot.press("1", "s" if screen.question.kind == "multi" else "enter")
            await pilot.pause()
            if screen.answered:
                await pilot.press("n")
                await pilot.pause()
        assert app.screen.run.total == 4 and len(app.screen.run.results) == 4


@pytest.mark.parametrize("quiz_id", ["why-the-platform", "getting-paid-safely"])
async def test_every_review_verdict_is_in_view_at_80x24(make_app, data_dir, quiz_id):
    """The Next button sits below the feedback: focusing it must not scroll the verdict away."""
    from textual.containers import VerticalScroll

    from tutor.app.screens.quiz import QuizScreen

    clock = FakeClock(NOON)
    app = make_app(content_root(), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.take_quiz(quiz_id)
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        for _ in range(quiz.run.total):  # the first answer, right or wrong: some become review cards
            while not quiz.answered:  # a scenario takes a step per answer
                await pilot.press("1", "s" if quiz.question.kind == "multi" else "enter")
                await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
    clock.tick(3600)
    app = make_app(content_root(), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        seen = 0
        while review.current_question is not None:
            while not review.answered:  # a scenario takes a step per answer
                await pilot.press("1", "s" if review.current_question.kind == "multi" else "enter")
                await pilot.pause()
            body = review.query_one(VerticalScroll)
            top = review.query_one("#q-feedback").virtual_region.y
            assert body.scroll_y <= top < body.scroll_y + body.scrollable_content_region.height, "the verdict"
            assert review.focused is review.query_one("#next")
            seen += 1
            await pilot.press("n")
            await pilot.pause()
        assert seen >= 2
