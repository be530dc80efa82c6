"""A newcomer's second walk (issue 24): every key does what it says, on the screen where it was met,
at the size it was met at (80x24 unless said)."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import VerticalScroll

from tests.app.conftest import plain, text_of, toasts
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.readiness import ReadinessResultScreen, ReadinessScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.widgets.key_bar import KeyBar
from tutor.content.loader import content_root

SHIPPED = content_root()


def bounded(condition, most: int = 40):
    """Go round while `condition` holds, at most `most` times: a key that does not do what the
    test expects fails the test instead of hanging it."""
    for turn in range(most):
        if not condition():
            return
        yield turn
    raise AssertionError("the keys never got there")

async def answer_a_readiness_check(pilot) -> None:
    """Start the readiness check from the dashboard and answer every question with its first option."""
    await pilot.press("a")
    await pilot.click("#start")
    for _ in bounded(lambda: isinstance(pilot.app.screen, ReadinessScreen)):
        await pilot.press("1", "enter")
        await pilot.pause()



def lines(renderable) -> str:
    """A renderable as the terminal shows it, at 76 columns."""
    import io

    from rich.console import Console

    console = Console(width=76, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.export_text().rstrip("\n")


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
    for _ in bounded(lambda: quiz.question.kind != kind or (kind == "scenario" and len(quiz.question.steps) < steps)):
        await pilot.press("1", "s" if quiz.question.kind == "multi" else "enter")
        for _ in bounded(lambda: not quiz.answered):  # a scenario's steps
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
        assert "Step 2" in text_of(quiz.query_one("#q-progress"))


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
        for _ in bounded(lambda: isinstance(pilot.app.screen, QuizScreen)):
            line = text_of(quiz.query_one("#q-progress"))
            assert "then Enter" in line, line
            kinds.add(quiz.question.kind)
            await pilot.press("1", "enter")
            for _ in bounded(lambda: not quiz.answered):  # a scenario's next steps
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
        for _ in bounded(lambda: review.current_question is not None):
            await pilot.press("1", "s" if review.current_question.kind == "multi" else "enter")
            for _ in bounded(lambda: not review.answered):
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        assert "Done: " in text_of(review.query_one("#q-done"))
        assert "Next" not in key_bar(app) and "Hint" not in key_bar(app)


# -- 6. help: the keys of the screen you are on, first; every screen; one notation ---------------


async def help_text(pilot) -> str:
    await pilot.press("question_mark")
    await pilot.pause()
    return text_of(pilot.app.screen.query_one("#help-text"))


async def test_help_on_rule_changes_lists_its_own_keys_first(make_app):
    async with make_app(SHIPPED).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        shown = await help_text(pilot)
        assert shown.index("Rule changes") < shown.index("Everywhere") < shown.index("Dashboard")
        assert "open the lesson this change affects" in shown


async def test_help_lists_the_readiness_result_and_the_reviews_and_names_keys_one_way(make_app):
    async with make_app().run_test(size=(80, 24)) as pilot:
        shown = await help_text(pilot)
        assert "Readiness result" in shown and "save this result as a report" in shown
        assert "open the lesson of module number N" in shown
        assert "Reviews" in shown and "open this question's lesson" in shown
        for mixed in ("^q", "ctrl+p", "f1", "esc ", "pgdn"):  # one notation: Ctrl+Q, Ctrl+P, F1, Esc, PgDn
            assert mixed not in shown, mixed
        assert "Ctrl+Q" in shown and "?, F1" in shown
        for section in shown.split("\n\n"):  # within a section, no meaning said twice
            meanings = [line.split("  ", 1)[-1].strip() for line in section.splitlines()[1:] if "  " in line]
            assert len(meanings) == len(set(meanings)), section


async def test_help_on_the_readiness_result_starts_with_its_keys(make_app):
    app = make_app()
    app.seed = 3
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer_a_readiness_check(pilot)
        assert isinstance(app.screen, ReadinessResultScreen)
        shown = await help_text(pilot)
        assert shown.index("Readiness result") < shown.index("Everywhere")


# -- 10. results scroll with ↓, PgDn and j while a button has the focus, and the bar says so -------


async def results_of_a_missed_quiz(pilot):
    await pilot.pause()
    pilot.app.take_quiz("interview-stays-on-platform")
    await pilot.pause()
    quiz = pilot.app.screen
    for _ in bounded(lambda: isinstance(pilot.app.screen, QuizScreen)):
        await pilot.press("1", "enter")
        for _ in bounded(lambda: not quiz.answered):
            await pilot.press("1", "enter")
        await pilot.press("n")
        await pilot.pause()
    assert isinstance(pilot.app.screen, ResultsScreen)
    return pilot.app.screen


async def test_results_scroll_with_down_pagedown_and_j_while_a_button_has_the_focus(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await results_of_a_missed_quiz(pilot)
        body = results.query_one("#results-body", VerticalScroll)
        assert app.focused is not None and app.focused.id == "retry" and body.max_scroll_y > 0
        assert "More" in key_bar(app), "the key bar says there is more below"
        for key in ("down", "j", "pagedown"):
            before = body.scroll_y
            await pilot.press(key)
            await pilot.pause()
            assert body.scroll_y > before, key
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y and "More" not in key_bar(app)
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_the_readiness_result_scrolls_with_down_while_a_button_has_the_focus(make_app):
    app = make_app(SHIPPED)
    app.seed = 3
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer_a_readiness_check(pilot)
        body = app.screen.query_one("#result-body", VerticalScroll)
        assert "More" in key_bar(app)
        await pilot.press("down", "pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


# -- 14. a glance does not take over Continue ------------------------------------------------------


async def test_a_glance_at_a_lesson_leaves_continue_where_the_learner_was_working(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "right", "escape")  # working on 1.1, page 3
        await pilot.pause()
        working = text_of(app.screen.query_one("#continue"))
        assert "Continue at page 3" in working
        await pilot.press("u")  # the rule changes: o opens a lesson for a look
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        glanced = app.screen.lesson.id
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert glanced != "why-the-platform"
        assert text_of(app.screen.query_one("#continue")) == working
        app.follow_link("lesson:scams-and-red-flags")  # a link, the readiness result: the same
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert text_of(app.screen.query_one("#continue")) == working
        app.follow_link("lesson:scams-and-red-flags")
        await pilot.pause()
        await pilot.press("right", "escape")  # a page turned: now the learner works there
        await pilot.pause()
        assert "Continue at page 2" in text_of(app.screen.query_one("#continue"))


# -- 17. small wants: hints in review, the palette, high contrast ----------------------------------


async def test_a_review_gives_hints_with_h(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_quiz(pilot)
        await pilot.press("1", "enter", "escape")
        store = app.store
        app.push_screen(ReviewScreen(store.due_reviews(app.course.id, now=store.now() + timedelta(hours=1))))
        await pilot.pause()
        assert "Hint" in key_bar(app)
        await pilot.press("h")
        await pilot.pause()
        assert "Hint 1: Has a contract started yet?" in text_of(app.screen.query_one("#q-hint"))


async def test_the_palette_lists_a_lesson_on_one_line(make_app):
    from textual.command import CommandPalette

    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        assert isinstance(app.screen, CommandPalette)
        listed = app.screen.query_one("CommandList")
        prompts = [listed.get_option_at_index(i).prompt for i in range(listed.option_count)]
        lessons = [prompt for prompt in prompts if "Go to lesson" in plain(prompt)]
        assert len(lessons) == 12
        assert all("\n" not in lines(prompt) for prompt in lessons), "one line each, no description under it"


async def test_high_contrast_is_offered_on_the_welcome_and_in_help(make_app):
    from tutor.app.themes import HIGH_CONTRAST

    app = make_app(welcome_seen=False)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#contrast").region.bottom <= 18
        await pilot.press("h")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("enter")
        shown = await help_text(pilot)
        assert "High contrast" in shown
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles.index("High contrast") < titles.index("Theme")


# -- README and the help agree with the keys -------------------------------------------------------


README_SECTIONS = {
    "everywhere": ("Everywhere",),
    "dashboard": ("Dashboard",),
    "lesson": ("Lesson",),
    "questions (quiz, reviews, readiness check)": ("Questions", "Quiz", "Reviews", "Readiness check"),
    "quiz results": ("Quiz results", "Scrolling"),
    "readiness result": ("Readiness result", "Scrolling"),
    "rule changes": ("Rule changes",),
}


async def test_readme_names_the_keys_the_app_has_screen_by_screen(make_app):
    import re
    from pathlib import Path

    from tutor.app.screens.help import sections

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("| Where | Keys |")[1].split("\n\n")[0]
    rows = {cells[0]: cells[1] for line in table.splitlines()[2:]
            if len(cells := [c.strip() for c in line.strip("|").split("|")]) == 2}
    assert set(rows) == set(README_SECTIONS)
    app = make_app()
    async with app.run_test(size=(80, 24)):
        found = dict(sections(app, None))
    for where, titles in README_SECTIONS.items():
        bound: set[str] = set()
        for title, keys in found.items():
            if title.split(":")[0] in titles:
                bound |= {key for shown, _meaning in keys for key in shown.split(", ")}
        named = set(re.findall(r"`([^`]+)`", rows[where])) - {"1", "9"}
        assert named <= bound | {"1-9"}, f"{where}: README names keys the app does not have: {named - bound}"
        letters = {key for key in bound if len(key) == 1 and key.isalpha()}
        assert letters <= named, f"{where}: keys the app has and README does not name: {letters - named}"


async def test_in_a_guide_the_enter_that_chose_does_not_choose_the_next_step(make_app):
    from tutor.app.messages import OpenGuide

    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.post_message(OpenGuide("talked-outside-before-contract"))
        await pilot.pause()
        guide = app.screen
        await pilot.press("1", "enter")
        await pilot.pause()
        assert len(guide.walk.path) == 1
        await pilot.press("enter")  # out of habit
        await pilot.pause()
        assert len(guide.walk.path) == 1, "the step is the learner's to choose"
        assert any("Choose first" in toast for toast in toasts(app))
