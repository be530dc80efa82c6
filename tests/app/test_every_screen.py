"""Keys that must work on every screen the app can show, modal ones included: ctrl+q quits, and
help opens with ? or F1 (issue 9: the app's own ctrl+q replaced Textual's priority one, so it did
nothing on any modal)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.app.conftest import PACK, text_of
from tutor.app.messages import StartReviews
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.dialogs import (
    ChoiceScreen,
    ConfirmScreen,
    LinksScreen,
    NoticeScreen,
    OpenLinkScreen,
    TooSmallScreen,
)
from tutor.app.screens.help import HelpScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.app.screens.readiness import ReadinessResultScreen, ReadinessScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.screens.welcome import WelcomeScreen


async def welcome(pilot):
    pass


async def dashboard(pilot):
    await pilot.press("enter")


async def reader(pilot):
    await pilot.press("enter", "enter")


async def contents(pilot):
    await pilot.press("enter", "enter", "t")


async def quiz(pilot):
    await pilot.press("enter", "enter", "q")


async def results(pilot):
    await pilot.press("enter", "enter", "q", "2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n",
                      "2", "enter", "1", "enter", "n")


async def help_screen(pilot):
    await pilot.press("enter", "question_mark")


async def palette(pilot):
    await pilot.press("enter", "ctrl+p")


async def theme_picker(pilot):
    await pilot.press("enter", "ctrl+p", *"theme")
    await pilot.pause(0.3)
    await pilot.press("enter")


async def links(pilot):
    await pilot.press("enter", "enter", "l")


async def open_link(pilot):
    await pilot.press("enter", "enter", "right", "l", "down", "enter")


async def confirm_reset(pilot):
    await pilot.press("enter")
    pilot.app.action_reset_progress()


async def notice(pilot):
    await pilot.press("enter")
    pilot.app.push_screen(NoticeScreen("Your progress file was damaged", "It was moved aside."))


async def too_small(pilot):
    await pilot.press("enter")
    await pilot.resize_terminal(40, 10)


async def readiness(pilot):
    await pilot.press("enter", "a")


async def readiness_result(pilot):
    await pilot.press("enter", "a")
    await pilot.click("#start")
    while isinstance(pilot.app.screen, ReadinessScreen):
        item = pilot.app.screen.run.current
        await pilot.press(*(("1", "s") if item.question.kind == "multi" else ("1", "enter")))
        await pilot.pause()


async def reviews(pilot):
    await pilot.press("enter")
    pilot.app.post_message(StartReviews())


async def resume_choice(pilot):
    await pilot.press("enter", "enter", "q", "1", "enter", "escape", "q")


SCREENS = [
    (welcome, WelcomeScreen), (dashboard, DashboardScreen), (reader, ReaderScreen), (contents, ReaderScreen),
    (quiz, QuizScreen), (results, ResultsScreen), (help_screen, HelpScreen), (palette, CommandPalette),
    (theme_picker, CommandPalette), (links, LinksScreen), (open_link, OpenLinkScreen),
    (confirm_reset, ConfirmScreen), (notice, NoticeScreen), (too_small, TooSmallScreen), (readiness, ReadinessScreen),
    (readiness_result, ReadinessResultScreen), (reviews, ReviewScreen), (resume_choice, ChoiceScreen),
]


@pytest.mark.parametrize("open_screen,expected", SCREENS, ids=[f.__name__ for f, _ in SCREENS])
async def test_ctrl_q_quits_from_every_screen(make_app, open_screen, expected):
    app = make_app(PACK, welcome_seen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await open_screen(pilot)
        await pilot.pause()
        assert isinstance(app.screen, expected), type(app.screen).__name__
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running, f"ctrl+q did nothing on {type(app.screen).__name__}"


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_opens_from_the_welcome_and_from_a_dialog(make_app, key):
    app = make_app(PACK, welcome_seen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "enter", "enter", "l", key)  # from the links dialog too
        assert isinstance(app.screen, HelpScreen)
        assert "Keys" in text_of(app.screen.query_one("#help-text"))
