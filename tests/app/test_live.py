"""An author's live loop (issue 11): `tutor preview` opens the file asked for, and with --watch a
saved lesson or quiz is on screen at once, a broken one shows its problems in a panel while the
app keeps running, and fixing it brings the new text back."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.app.conftest import PACK, text_of
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.findings import FindingsScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.app.watch import LiveOptions

# Short waits keep the tests fast; the command line uses the defaults.
FAST = {"step_ms": 20, "debounce_ms": 200}


@pytest.fixture
def pack(tmp_path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(PACK, copy)
    return copy.resolve()


def save(path: Path, text: str) -> None:
    """Save as many editors do: a new file renamed over the old one, so no one reads it half-written."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


async def until(pilot, condition, what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s; the screen is {pilot.app.screen!r}")
        await pilot.pause(0.02)


async def settled(pilot) -> None:
    """Wait until the check that follows every save has finished and its panel is up to date."""
    await until(pilot, lambda: not [w for w in pilot.app.workers if w.group == "live-check" and not w.is_finished],
                "the check after the save")
    await pilot.pause(0.05)


def page_text(app) -> str:
    return text_of(app.screen.query_one("#page"))


def panel_text(app) -> str:
    return text_of(app.screen.query_one("#findings-list"))


def panel_shown(app) -> bool:
    return isinstance(app.screen, FindingsScreen) and bool(app.screen.query("#findings-list")) and \
        bool(panel_text(app).strip())


def build(make_app, pack: Path, **options):
    app = make_app(pack)
    from tutor.app.watch import LiveContent

    app.live = LiveContent(app, LiveOptions(**{**FAST, **options}))
    return app


async def test_preview_of_a_lesson_opens_the_reader_on_that_lesson_without_the_welcome(make_app, pack):
    app = build(make_app, pack, preview=pack / "lessons" / "02-money.md")
    app.store.set_setting(app.welcome_key, False)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        assert app.screen.lesson.id == "money"
        assert "Even asking to be paid outside" in page_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_preview_of_a_quiz_opens_the_quiz_at_its_first_question(make_app, pack):
    app = build(make_app, pack, preview=pack / "quizzes" / "stay.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        assert app.screen.quiz.id == "stay"
        assert "Question 1 of 4" in text_of(app.screen.query_one("#q-progress"))


async def test_a_saved_lesson_shows_at_once_on_its_page_and_a_broken_one_shows_its_problems_until_fixed(
        make_app, pack):
    lesson = pack / "lessons" / "01-stay.md"
    original = lesson.read_text(encoding="utf-8")
    app = build(make_app, pack, watch=True, preview=lesson)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await settled(pilot)
        await pilot.press("right")
        assert app.screen.page_index == 1 and "Do not join a meeting" in page_text(app)

        save(lesson, original.replace("Do not join a meeting", "Never join a meeting"))
        await until(pilot, lambda: "Never join a meeting" in page_text(app), "the edited text")
        assert app.screen.page_index == 1, "the reader stays on the page the author was reading"
        await settled(pilot)
        assert not isinstance(app.screen, FindingsScreen)

        save(lesson, original.replace('title = "Stay on the platform"', 'title = "Stay on the platform'))
        await until(pilot, lambda: panel_shown(app), "the findings panel")
        await settled(pilot)
        shown = panel_text(app)
        assert "lessons/01-stay.md" in shown and "error" in shown and "front matter is not valid TOML" in shown
        assert "hint:" in shown
        reader = app.screen_stack[-2]
        assert isinstance(reader, ReaderScreen) and "Never join a meeting" in text_of(reader.query_one("#page")), \
            "the last good version stays under the panel"

        save(lesson, original.replace("Do not join a meeting", "Do not ever join a meeting"))
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the panel closing")
        await until(pilot, lambda: "Do not ever join a meeting" in page_text(app), "the fixed text")
        assert app.screen.page_index == 1
        await pilot.press("left")  # the app kept running: the reader still answers keys
        assert app.screen.page_index == 0


async def test_the_page_is_kept_by_its_heading_when_a_page_is_added_before_it(make_app, pack):
    lesson = pack / "lessons" / "01-stay.md"
    original = lesson.read_text(encoding="utf-8")
    app = build(make_app, pack, watch=True, preview=lesson)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen), "the reader")
        await pilot.press("right")
        heading = app.screen.document.toc()[1]
        first_heading = original.index("\n## ")
        save(lesson, original[:first_heading] + "\n## A new first page\n\nNew text.\n" + original[first_heading:])
        await until(pilot, lambda: "A new first page" in app.screen.document.toc(), "the new page")
        assert app.screen.document.toc()[app.screen.page_index] == heading
        assert app.screen.page_index == 2


async def test_a_saved_quiz_shows_the_question_on_screen_as_now_written_and_recovers_from_a_mistake(
        make_app, pack):
    quiz = pack / "quizzes" / "stay.toml"
    original = quiz.read_text(encoding="utf-8")
    app = build(make_app, pack, watch=True, preview=quiz)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        await settled(pilot)
        await pilot.press("1", "enter", "n")  # on to question 2
        assert app.screen.run.index == 1
        prompt = app.screen.run.current.prompt
        save(quiz, original.replace(prompt, "Edited: " + prompt))
        await until(pilot, lambda: "Edited: " in text_of(app.screen.query_one("#q-prompt")), "the edited question")
        assert app.screen.run.index == 1, "the quiz stays on the question the author was at"
        await settled(pilot)

        save(quiz, original.replace('kind = "single"', 'kind = "singel"', 1))
        await until(pilot, lambda: panel_shown(app), "the findings panel")
        await settled(pilot)
        assert 'unknown question kind "singel"' in panel_text(app)
        assert isinstance(app.screen_stack[-2], QuizScreen)

        save(quiz, original)
        await until(pilot, lambda: isinstance(app.screen, QuizScreen), "the panel closing")
        assert "Edited: " not in text_of(app.screen.query_one("#q-prompt"))


async def test_esc_hides_the_panel_until_the_next_save_and_a_broken_course_file_keeps_the_course(make_app, pack):
    course = pack / "course.toml"
    original = course.read_text(encoding="utf-8")
    app = build(make_app, pack, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        save(course, original.replace('id = "test-pack"', 'id = "test pack"'))
        await until(pilot, lambda: panel_shown(app), "the findings panel")
        await settled(pilot)
        assert app.course.id == "test-pack", "progress stays with the course id while course.toml is broken"
        assert "may only contain a-z" in panel_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        await settled(pilot)
        assert isinstance(app.screen, DashboardScreen), "hidden until the next save"

        save(course, original.replace('id = "test-pack"', 'id = "test pack"') + "\n")
        await until(pilot, lambda: panel_shown(app), "the panel after the next save")
        save(course, original.replace("Test pack: before the first job", "Renamed pack"))
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the panel closing")
        await until(pilot, lambda: "Renamed pack" in text_of(app.screen.query_one("#summary")), "the new title")


async def test_a_pack_with_errors_at_the_start_of_watching_shows_them_at_once(make_app, pack):
    (pack / "lessons" / "03-broken.md").write_text("no front matter\n", encoding="utf-8")
    app = build(make_app, pack, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: panel_shown(app), "the findings panel")
        assert "lesson has no front matter" in panel_text(app)


async def test_the_findings_panel_shows_pack_text_as_text_never_as_markup(make_app, pack):
    lesson = pack / "lessons" / "02-money.md"
    app = build(make_app, pack, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        # The id quotes markup and, through TOML's escapes, a terminal escape sequence.
        save(lesson, lesson.read_text(encoding="utf-8").replace('id = "money"', r'id = "[bold]x[/]\u001b]52;c;aGk=\u0007"'))
        await until(pilot, lambda: panel_shown(app), "the findings panel")
        await settled(pilot)
        shown = panel_text(app)
        assert "[bold]x[/]" in shown and "\x1b" not in shown
