"""The Textual App: screens, app-wide keys, theme memory and the too-small guard.

Build it with `create_app`, which the command line and the tests both use.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from tutor.app.screens.dashboard import DashboardScreen
from tutor.content.findings import ERROR, Finding
from tutor.content.loader import load_course
from tutor.content.model import Course, Quiz
from tutor.progress import ProgressStore

if TYPE_CHECKING:
    from tutor.content.document import Link

MIN_SIZE = (60, 18)


class TutorApp(App):
    CSS_PATH = "app.tcss"  # app-wide rules; each screen brings its own (tutor/app/screens/__init__.py)
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {lambda: _lesson_commands()}
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, course: Course, store: ProgressStore, findings: list[Finding] | None = None) -> None:
        super().__init__()
        self.course = course
        self.store = store
        self.findings = findings or []
        self._started = False  # set by on_mount
        self._too_small: Screen | None = None  # the "terminal too small" screen, while shown
        self.title = course.title
        theme = store.get_setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen:
        # The dashboard is the bottom of the screen stack, made by Textual at start-up: the first
        # frame is the dashboard, not a blank screen with the dashboard pushed over it. (Textual's
        # MODES would do the same but re-parse the whole stylesheet once more before that frame.)
        return DashboardScreen()

    def on_mount(self) -> None:
        if not self.store.get_setting("welcome_seen"):
            from tutor.app.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        if self.store.notice:
            from tutor.app.screens.dialogs import NoticeScreen

            self.push_screen(NoticeScreen("Your progress file was damaged", self.store.notice))
        errors = sum(f.severity == ERROR for f in self.findings)
        if errors:
            self.notify(f"{errors} problem{'s' * (errors != 1)} in this course's files: some lessons may be "
                        "missing. Run `tutor check` for details.", severity="warning", timeout=12)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._started = True
        self._guard_size()

    def _remember_theme(self, theme) -> None:
        self.store.set_setting("theme", theme.name)

    # -- navigation used by the screens ------------------------------------------------------

    def open_lesson(self, lesson_id: str, page: int | None = None) -> None:
        from tutor.app.screens.reader import ReaderScreen

        if lesson_id in self.course.lessons:
            self.go_to_dashboard()
            self.push_screen(ReaderScreen(lesson_id, page))

    def quiz_screen(self, quiz: Quiz, only: list[str] | None = None) -> Screen:
        from tutor.app.screens.quiz import QuizScreen

        return QuizScreen(quiz, only)

    def take_quiz(self, lesson_id: str) -> None:
        from tutor.app.screens.reader import ReaderScreen

        quiz = self.course.quiz_for(lesson_id)
        if quiz is None or not quiz.questions:
            self.notify("This lesson has no quiz that can be shown (run `tutor check` for details).",
                        severity="warning", markup=False)
            return
        # The quiz sits on top of its lesson, so leaving it returns to the reading.
        if not (isinstance(self.screen, ReaderScreen) and self.screen.lesson.id == lesson_id):
            self.open_lesson(lesson_id)
        self.push_screen(self.quiz_screen(quiz))

    def go_to_dashboard(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def follow_link(self, link: Link) -> None:
        """A lesson link opens the lesson; a web link opens in the browser only after the learner
        confirms it, and only for http(s)."""
        if link.lesson_id is not None:
            if link.lesson_id in self.course.lessons:
                self.open_lesson(link.lesson_id)
            else:
                self.notify(f"There is no lesson called {link.lesson_id!r} in this course.", severity="warning",
                            markup=False)
            return
        if urlsplit(link.href).scheme not in ("http", "https"):
            self.notify("Only web (http/https) links can be opened.", severity="warning")
            return

        from tutor.app.screens.dialogs import ConfirmScreen

        def opened(confirmed: bool | None) -> None:
            if confirmed:
                import webbrowser

                webbrowser.open(link.href)

        self.push_screen(ConfirmScreen(f"Open this page in your web browser?\n\n{link.href}", confirm="Open"),
                         opened)

    # -- app-wide actions --------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys and what each screen does."""
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_reset_progress(self) -> None:
        """Erase this course's progress after confirmation (a backup copy is kept)."""
        from tutor.app.screens.dialogs import ConfirmScreen

        def reset(confirmed: bool | None) -> None:
            if confirmed:
                backup = self.store.reset(self.course.id)
                self.go_to_dashboard()
                if isinstance(self.screen, DashboardScreen):
                    self.screen.refresh_progress()
                self.notify(f"Progress reset. A copy of the old progress is in {backup}", timeout=10, markup=False)

        self.push_screen(ConfirmScreen("Erase all your progress in this course? A backup copy is kept.",
                                       confirm="Reset"), reset)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Reset progress", "Erase your progress in this course (a backup is kept)",
                            self.action_reset_progress)
        yield SystemCommand("Help", "Show the keys and what each screen does", self.action_help)

    # -- a bug inside the app ------------------------------------------------------------------

    def _print_error_renderables(self) -> None:
        # Textual prints a crash's traceback when the app exits. A learner gets one line saying
        # it is a bug and where the details are; every answer was already saved on submit.
        if not self._exit_renderables or os.environ.get("TUTOR_DEBUG"):
            super()._print_error_renderables()
            return
        from rich.console import Console

        handle, name = tempfile.mkstemp(prefix="tutor-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as report:
            console = Console(file=report, width=100, color_system=None)
            for renderable in self._exit_renderables:
                console.print(renderable)
        self._exit_renderables.clear()
        print(f"tutor stopped because of a bug (your progress is saved). The details are in {name}; "
              "set TUTOR_DEBUG=1 to see them here.", file=sys.stderr)

    # -- terminal size -----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # Textual sends the first Resize before the app's styles are applied; a screen pushed then
        # keeps the unstyled colours (its text drawn in the background colour). on_mount checks
        # the starting size instead.
        if self._started:
            self._guard_size(event.size)

    def _guard_size(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_SIZE[0] or size.height < MIN_SIZE[1]
        covered = self._too_small is not None and self.screen is self._too_small
        if small and not covered:
            from tutor.app.screens.dialogs import TooSmallScreen  # imported only when needed

            self._too_small = TooSmallScreen(MIN_SIZE)
            self.push_screen(self._too_small)
        elif covered and not small:
            self._too_small = None
            self.pop_screen()


def _lesson_commands():
    # Imported when the palette first opens: textual.command is not needed to start.
    from tutor.app.commands import LessonCommands

    return LessonCommands


def create_app(content_root: Path, store: ProgressStore) -> TutorApp:
    """The one way to build the app, for the command line and for tests."""
    from tutor.content.catalogue_cache import cache_file

    # The catalogue cache lives with the learner's progress (docs/progress.md, "Files").
    course, findings = load_course(content_root, cache=cache_file(store.path.parent / "cache", content_root))
    return TutorApp(course, store, findings)
