"""The first screen, as a new learner meets it, and what start-up leaves behind (issue 23).

The welcome is built of light widgets (docs/performance.md, "A new learner's first start"): what
its Buttons and scrolling container did, it must still do, by keyboard and by mouse, at the
smallest size. And Python's cycle collector, off while the app starts, is on again once the
first frame is drawn, and after a launch that never drew one.
"""

from __future__ import annotations

import gc

from tests.app.conftest import PACK
from tutor.app.launch import launch
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.welcome import WelcomeScreen
from tutor.app.themes import HIGH_CONTRAST
from tutor.content.loader import content_root
from tutor.exit_codes import Exit

SHIPPED = content_root()


async def test_at_60x18_the_arrow_and_page_keys_scroll_the_welcome_whatever_has_the_focus(make_app):
    app = make_app(SHIPPED, welcome_seen=False)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        words = app.screen.query_one("#words")
        assert words.max_scroll_y > 0, "at 60x18 the words do not fit: they scroll"
        assert app.focused is None, "every key of the welcome is its own: no widget needs the focus"
        await pilot.press("down", "down")
        assert words.scroll_y == 2
        await pilot.press("pagedown")
        assert words.scroll_y > 2
        await pilot.press("up")
        await pilot.press("pageup")
        assert words.scroll_y == 0
        await pilot.press("tab")  # Start takes the focus: the keys still scroll
        assert app.focused is not None and app.focused.id == "start"
        await pilot.press("down", "pagedown")
        assert words.scroll_y > 1
        assert isinstance(app.screen, WelcomeScreen), "scrolling never starts the course"
        start = app.screen.query_one("#start")
        assert start.region.bottom <= 18 and app.screen.query_one("#contrast").region.bottom <= 18


async def test_h_switches_high_contrast_and_tab_reaches_both_buttons(make_app):
    app = make_app(welcome_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name and isinstance(app.screen, WelcomeScreen)
        await pilot.press("h")
        await pilot.pause()
        assert app.theme != HIGH_CONTRAST.name
        await pilot.press("tab", "tab", "enter")  # Start, then High contrast, pressed
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        assert isinstance(app.screen, WelcomeScreen), "the contrast button does not leave the welcome"
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.store.get_setting(app.welcome_key) is True


async def test_clicking_high_contrast_switches_it_and_clicking_start_leaves(make_app):
    app = make_app(welcome_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#contrast")
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST.name
        await pilot.click("#start")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_the_dashboard_under_the_welcome_is_built_when_the_learner_first_sees_it(make_app):
    # Not styled and laid out under the welcome before the first frame; whole, with the course and
    # the keys, the moment the welcome is left, by key or by the palette.
    app = make_app(SHIPPED, welcome_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        dashboard = app.screen_stack[0]
        assert isinstance(dashboard, DashboardScreen) and not dashboard.children
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dashboard
        shown = " ".join(str(widget.render()) for widget in dashboard.query("Static"))
        assert app.course.title in shown and "0 of 12 lessons done" in shown
        assert app.focused is dashboard.query_one("#lessons")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.lesson.id == list(app.course.lessons)[1], "the second lesson, a key down from the first"


async def test_a_lesson_opened_from_the_welcome_by_the_palette_returns_to_a_whole_dashboard(make_app):
    app = make_app(SHIPPED, welcome_seen=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lesson = app.course.lessons[list(app.course.lessons)[2]]
        app.open_lesson(lesson.id)
        await pilot.pause()
        assert app.screen.lesson.id == lesson.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.focused is app.screen.query_one("#lessons")
        assert app.store.get_setting(app.welcome_key) is True


async def test_the_cycle_collector_is_on_again_once_the_first_frame_is_drawn(make_app):
    app = make_app()
    gc.disable()  # as tutor/app/launch.py leaves it for the app
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause(0.05)
            assert gc.isenabled()
    finally:
        gc.enable()


def test_a_launch_that_draws_nothing_leaves_the_cycle_collector_on(tmp_path, capsys):
    # Under pytest the standard streams are not a terminal: the launch says what works instead.
    assert launch(PACK, str(tmp_path)) == Exit.USAGE
    assert "needs a terminal" in capsys.readouterr().err
    assert gc.isenabled()
