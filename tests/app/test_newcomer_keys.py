"""A newcomer's second walk (issue 24): every key does what it says, on the screen where it was met,
at the size it was met at (80x24 unless said)."""

from __future__ import annotations

from datetime import timedelta

from tests.app.conftest import text_of, toasts
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.widgets.key_bar import KeyBar
from tutor.content.loader import content_root

SHIPPED = content_root()


def key_bar(app) -> list[str]:
    """The keys on the bar that work now (a dimmed key does not count)."""
    bar = app.screen.query_one(KeyBar)
    return [description for _key, _shown, description, enabled in bar._items if enabled]


async def open_quiz(pilot, lesson_id: str | None = None):
    app = pilot.app
    await pilot.pause()
    if lesson_id is None:
        await pilot.press("q")
    else:
        app.take_quiz(lesson_id)
    await pilot.pause()
    assert isinstance(app.screen, QuizScreen)
    return app.screen


async def go_to(pilot, quiz: QuizScreen, kind: str, steps: int = 1) -> None:
    """Answer questions (1, then s or Enter, then n) until one of `kind` (with `steps` steps) shows."""
    while quiz.question.kind != kind or (kind == "scenario" and len(quiz.question.steps) < steps):
        await pilot.press("1", "s" if quiz.question.kind == "multi" else "enter")
        while not quiz.answered:  # a scenario's steps
            await pilot.press("1", "enter")
        await pilot.press("n")
        await pilot.pause()


# -- 1. a second Enter never answers -------------------------------------------------------------


async def test_the_enter_that_answered_a_scenario_step_does_not_answer_the_next_step(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        quiz = await open_quiz(pilot, "interview-stays-on-platform")
        await go_to(pilot, quiz, "scenario", steps=2)
        going_on = next(n for n, option in enumerate(quiz.panel.shown, 1) if not option.outcome)
        await pilot.press(str(going_on), "enter")  # the first step, answered
        await pilot.pause()
        assert not quiz.answered and quiz.panel.walk is not None and len(quiz.panel.walk.path) == 1
        await pilot.press("enter")  # the reflexive second Enter
        await pilot.pause()
        assert len(quiz.panel.walk.path) == 1, "the second Enter chose an answer the learner never chose"
        assert not quiz.answered
        assert any("Choose an answer first" in toast for toast in toasts(app))
        assert "Step 2 of" in text_of(quiz.query_one("#q-progress"))


async def test_the_enter_that_went_on_does_not_answer_the_next_question(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await pilot.press("2", "enter")
        assert quiz.answered
        await pilot.press("enter")  # Next
        await pilot.pause()
        assert quiz.run.index == 1
        await pilot.press("enter")  # once more, out of habit
        await pilot.pause()
        assert quiz.run.index == 1 and not quiz.answered


# -- 2. select-all: one model, said on screen ----------------------------------------------------


async def test_select_all_numbers_tick_and_enter_submits_the_ticks(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await go_to(pilot, quiz, "multi")
        assert "then Enter" in text_of(quiz.query_one("#q-progress"))
        await pilot.press("1", "3", "enter")
        await pilot.pause()
        assert quiz.answered, "Enter submits the ticked answers"
        shown = quiz.panel.shown
        assert set(quiz.run.results[quiz.question.id].chosen) == {shown[0].id, shown[2].id}


async def test_select_all_space_ticks_the_highlighted_answer(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await go_to(pilot, quiz, "multi")
        await pilot.press("down", "space", "down", "space", "space")  # tick 1, tick 2, untick 2
        assert quiz.panel.ticked == {quiz.panel.shown[0].id}
        assert not quiz.answered


async def test_every_kind_of_question_says_how_to_answer_it_with_enter(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        kinds = set()
        while isinstance(pilot.app.screen, QuizScreen):
            line = text_of(quiz.query_one("#q-progress"))
            assert "then Enter" in line, line
            kinds.add(quiz.question.kind)
            await pilot.press("1", "enter")
            while not quiz.answered:  # a scenario's next steps
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        assert kinds == {"single", "multi", "truefalse", "scenario"}


# -- 13. the key bar shows the keys that work now; a key that cannot says why --------------------


async def test_next_before_answering_says_why_and_is_not_on_the_key_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_quiz(pilot)
        assert "Next" not in key_bar(app)
        await pilot.press("n")
        await pilot.pause()
        assert any("Answer this question first" in toast for toast in toasts(app))


async def test_reviews_with_nothing_due_says_so_and_is_not_on_the_key_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Reviews" not in key_bar(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("No reviews are due" in toast for toast in toasts(app))


async def test_submit_leaves_the_key_bar_once_answered_and_next_once_the_reviews_are_done(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot)
        await go_to(pilot, quiz, "multi")
        await pilot.press("1", "enter")
        await pilot.pause()
        assert "Submit" not in key_bar(app) and "Answer" not in key_bar(app)
        assert "Next" in key_bar(app)
        await pilot.press("escape")
        store = app.store
        app.push_screen(ReviewScreen(store.due_reviews(app.course.id, now=store.now() + timedelta(days=1))))
        await pilot.pause()
        review = app.screen
        while review.current_question is not None:
            await pilot.press("1", "s" if review.current_question.kind == "multi" else "enter")
            while not review.answered:
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        assert "Done: " in text_of(review.query_one("#q-done"))
        assert "Next" not in key_bar(app) and "Hint" not in key_bar(app)
