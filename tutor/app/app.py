"""The Textual App: what screens may use, where each message leads, app-wide keys, the theme,
and the too-small guard.

Build it with `create_app`, which the command line and the tests both use. Screens post messages
(tutor/app/messages.py) and the app decides what to show: no screen reaches into another one.
"""

from __future__ import annotations

import gc
import os
import shlex
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from tutor.app import messages
from tutor.app.screens.dashboard import DashboardScreen
from tutor.content.findings import ERROR, Finding
from tutor.content.loader import load_course, shipped_root
from tutor.content.model import Course
from tutor.progress import ProgressStore, ProgressStoreError, StoreWriteError
from tutor.progress.rule_changes import ChangeNews, change_for, open_course, when_text
from tutor.progress.scheduling import ReviewScheduler, end_of_today

if TYPE_CHECKING:
    from textual.theme import Theme

    from tutor.app.watch import LiveContent, LiveOptions

MIN_SIZE = (60, 18)


class TutorApp(App[int]):
    CSS_PATH = "app.tcss"  # app-wide rules; each screen brings its own (tutor/app/screens/__init__.py)
    TITLE = "tutor"
    COMMANDS = App.COMMANDS | {lambda: _lesson_commands()}
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="this help"),
        # Priority bindings reach every screen, modal ones included; `?` cannot be one (the
        # palette's input needs it), so F1 is the help key that works everywhere.
        Binding("f1", "help", "Help", show=False, priority=True, id="app.help-f1"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="quit (your progress is saved)"),
    ]

    # What screens may use.
    course: Course
    store: ProgressStore
    findings: list[Finding]
    scheduler: ReviewScheduler
    seed: int | None  # for tests and snapshots: the random draws (readiness, option orders) repeat
    change_news: ChangeNews  # rule changes to tell the learner about (tutor/progress/rule_changes.py)
    live: LiveContent | None = None  # for authors: --watch and `tutor preview` (tutor/app/watch.py)

    def __init__(self, course: Course, store: ProgressStore, findings: list[Finding] | None = None,
                 scheduler: ReviewScheduler | None = None, seed: int | None = None,
                 change_news: ChangeNews | None = None) -> None:
        super().__init__()
        self.seed = seed
        self.change_news = change_news or ChangeNews()
        self.start_at: tuple[str, str] | None = None  # ("quiz", lesson id) or ("readiness", ""): open there
        self.course = course
        self.store = store
        self.findings = findings or []
        self.scheduler = scheduler or ReviewScheduler()
        self._started = False  # set by on_mount
        self._too_small: Screen[None] | None = None  # the "terminal too small" screen, while shown
        self.title = course.title
        from tutor.app.themes import HIGH_CONTRAST

        self.register_theme(HIGH_CONTRAST)
        self._store_trouble: tuple[str, float] | None = None  # the last store failure told, and when
        self._early_trouble: ProgressStoreError | None = None  # met before the app runs: told on mount
        self._theme_colors: tuple[Theme, dict[str, str]] | None = None  # see theme_colors
        try:
            theme = store.get_setting("theme")
        except ProgressStoreError as exc:
            theme, self._early_trouble = None, exc
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def get_default_screen(self) -> Screen[Any]:
        # The dashboard is the bottom of the screen stack, made by Textual at start-up: the first
        # frame is the dashboard, not a blank screen with the dashboard pushed over it. (Textual's
        # MODES would do the same but re-parse the whole stylesheet once more before that frame.)
        return DashboardScreen()

    @property
    def dashboard(self) -> DashboardScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    def on_mount(self) -> None:
        previewing = self.live is not None and self.live.options.preview is not None
        if self._early_trouble is not None:
            self.store_failed(self._early_trouble)
        welcome_seen = True
        with self.keep_going():
            welcome_seen = bool(self.store.get_setting(self.welcome_key))
        if not previewing and not welcome_seen:
            from tutor.app.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        if self.store.notice:
            from tutor.app.screens.dialogs import NoticeScreen

            self.push_screen(NoticeScreen("Your progress file was damaged", self.store.notice))
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._started = True
        if self.start_at is not None:
            kind, lesson_id = self.start_at
            if kind == "quiz":
                self.take_quiz(lesson_id)
            else:
                self.start_readiness()
        self._guard_size()
        self._watch_for_hangup()
        self.set_timer(0.1, self._warm_up)
        # After the first frame: the same check `tutor check` runs, so the count the learner is
        # told is the count the check prints (with --watch, the findings panel says it instead).
        if self.live is None or not self.live.options.watch:
            self.set_timer(0.3, self._count_problems)
        if self.live is not None:
            self.live.start()

    def _warm_up(self) -> None:
        """Once the dashboard is drawn, import what the first lesson and quiz need: the reader
        alone takes 30 ms to import (the Markdown parser), which the first Enter would wait for.
        Then what start-up made, which lives as long as the app, is put out of the garbage
        collector's sight: a full collection no longer walks it in the middle of a key (18 to
        27 ms each, docs/performance.md "Key to frame")."""
        import tutor.app.screens.quiz
        import tutor.app.screens.reader  # noqa: F401

        gc.freeze()

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()

    def on_content_changed(self, message: messages.ContentChanged) -> None:
        if self.live is not None:
            self.live.reload(message.paths)

    @property
    def welcome_key(self) -> str:
        """The setting that says the welcome of this course was seen: per course, since each pack
        has its own welcome."""
        return f"welcome_seen:{self.course.id}"

    @property
    def theme_colors(self) -> dict[str, str]:
        """The theme's variables ($primary, $success, ...) for what the tutor draws itself: a
        page, feedback, the key bar. Textual works out the whole colour system again on every
        `get_css_variables` (about a millisecond), and a page or an answer asks more than once."""
        theme = self.current_theme
        if self._theme_colors is None or self._theme_colors[0] is not theme:
            self._theme_colors = (theme, self.get_css_variables())
        return self._theme_colors[1]

    def _remember_theme(self, theme: Theme) -> None:
        with self.keep_going():
            self.store.set_setting("theme", theme.name)

    # -- when progress cannot be saved or read -------------------------------------------------

    def store_failed(self, exc: ProgressStoreError, *, always: bool = False) -> None:
        """Tell the learner that progress could not be saved (or read), in the store's own words:
        what was lost, why (a full disk, a read-only file, a lock) and what to do. The same
        trouble is told once a minute at most, so that turning pages on a full disk does not pile
        up a notice per page; `always` for what the learner just asked for (an answer)."""
        message, now = str(exc), time.monotonic()
        if not always and self._store_trouble is not None:
            last, when = self._store_trouble
            if last == message and now - when < 60:
                return
        self._store_trouble = (message, now)
        title = "Not saved" if isinstance(exc, StoreWriteError) else "Your progress could not be read"
        self.notify(message, title=title, severity="error", timeout=20, markup=False)

    @contextmanager
    def keep_going(self) -> Iterator[None]:
        """Around a store call the screen can do without (a page seen, a setting, a count): when it
        fails, say so and carry on with what is on screen. Textual stops a screen for good when one
        of its handlers raises, so no store call may raise into one."""
        try:
            yield
        except ProgressStoreError as exc:
            self.store_failed(exc)

    # -- problems in the pack ----------------------------------------------------------------

    def _count_problems(self) -> None:
        self.run_worker(self._check_pack, thread=True, exit_on_error=False, group="check")

    def _check_pack(self) -> None:
        from tutor.content.loader import check_pack

        _course, findings = check_pack(self.course.root)
        self.findings = findings
        errors = sum(f.severity == ERROR for f in findings)
        if errors:
            self.call_from_thread(self._tell_problems, errors)

    def _check_command(self) -> str:
        """The exact command that checks the pack the learner has open."""
        if self.course.root == shipped_root():
            return "`tutor check`"
        return f"`tutor check {shlex.quote(str(self.course.root))}`"

    def _tell_problems(self, errors: int) -> None:
        self.notify(f"{errors} problem{'s' * (errors != 1)} in this course's files: what they affect is left out. "
                    f"Run {self._check_command()} for the list.", severity="warning", timeout=12, markup=False)

    # -- where each message leads ------------------------------------------------------------

    def on_open_lesson(self, message: messages.OpenLesson) -> None:
        self.open_lesson(message.lesson_id, message.page, keep_trail=message.keep_trail)

    def open_lesson(self, lesson_id: str, page: int | None = None, keep_trail: bool = False) -> None:
        """Show a lesson. Like a browser: from a link (keep_trail) it opens over the current screen,
        so Esc comes back; from the dashboard it opens over the dashboard. Going back to the lesson
        right below the current screen returns to it rather than opening it twice."""
        from tutor.app.screens.reader import ReaderScreen

        if lesson_id not in self.course.lessons:
            self.notify(f"There is no lesson called {lesson_id!r} in this course.", severity="warning", markup=False)
            return
        self._leave_welcome()
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, ReaderScreen) and below.lesson.id == lesson_id and page is None:
            self.pop_screen()
            return
        if not keep_trail:
            self.go_to_dashboard()
        self.push_screen(ReaderScreen(self.course.lessons[lesson_id], page))

    def on_take_quiz(self, message: messages.TakeQuiz) -> None:
        self.take_quiz(message.lesson_id, message.only)

    def take_quiz(self, lesson_id: str, only: list[str] | None = None) -> None:
        from tutor.app.screens.quiz import QuizScreen
        from tutor.progress.scoring import QuizRun

        quiz = self.course.quiz_for(lesson_id)
        if quiz is None or not quiz.questions:
            self.notify("This lesson has no quiz that can be shown (run `tutor check` for details).",
                        severity="warning", markup=False)
            return
        self._leave_welcome()
        if quiz.left_out:
            many = quiz.left_out != 1
            self.notify(f"{quiz.left_out} question{'s' * many} of this quiz {'have' if many else 'has'} problems "
                        f"and {'are' if many else 'is'} left out: {self._check_command()} lists them.",
                        severity="warning", timeout=10, markup=False)
        left = None
        with self.keep_going():
            left = self.store.open_attempt(self.course.id, quiz.id) if only is None else None
        resumable = QuizRun(quiz, plan=left.plan, answered=left.answers) if left is not None else None
        if left is None or resumable is None or resumable.finished or not resumable.results:
            self._show_quiz(QuizScreen(quiz, only, seed=self.seed))
            return
        from tutor.app.screens.dialogs import ChoiceScreen

        def chosen(choice: str | None) -> None:
            if choice == "restart":
                with self.keep_going():
                    self.store.abandon_attempt(left.id)
            if choice is not None:
                self._show_quiz(QuizScreen(quiz, resume=left if choice == "resume" else None, seed=self.seed))

        answered = len(resumable.results)
        self.push_screen(ChoiceScreen(
            f"You left this quiz part-way: {answered} of {resumable.total} questions answered. Go on at "
            f"question {resumable.index + 1}, or start again from the first?",
            [("resume", f"Go on at question {resumable.index + 1}", "g"), ("restart", "Start again", "s")]), chosen)

    def _show_quiz(self, screen: Screen[None]) -> None:
        from tutor.app.screens.results import ResultsScreen

        if isinstance(self.screen, ResultsScreen):  # retrying: the results make way for the quiz
            self.switch_screen(screen)
        else:  # the quiz opens over where the learner is, so leaving it returns there
            self.push_screen(screen)

    def on_quiz_finished(self, message: messages.QuizFinished) -> None:
        from tutor.app.screens.results import ResultsScreen

        self.switch_screen(ResultsScreen(message.quiz, message.run))

    # -- the readiness check and the reviews -------------------------------------------------

    def on_start_readiness(self, _message: messages.StartReadiness) -> None:
        self.start_readiness()

    def start_readiness(self) -> None:
        from tutor.app.screens.readiness import ReadinessScreen
        from tutor.progress.readiness_check import ReadinessRun

        self._leave_welcome()
        left = None
        with self.keep_going():
            left = self.store.open_readiness(self.course.id)
        if left is not None:
            resumed = ReadinessRun(self.course, plan=left.plan, answered=left.answers)
            resumed.readiness_id = left.id
            if resumed.total:
                from tutor.app.screens.dialogs import ChoiceScreen

                def chosen(choice: str | None) -> None:
                    if choice == "resume":
                        self.push_screen(ReadinessScreen(resumed, started_at=left.started_at))
                    elif choice == "restart":
                        with self.keep_going():
                            self.store.abandon_readiness(left.id)
                        self.push_screen(ReadinessScreen(ReadinessRun(self.course, seed=self.seed)))

                self.push_screen(ChoiceScreen(
                    f"You started a readiness check on {left.started_at.astimezone():%d %B at %H:%M} and answered "
                    f"{len(resumed.results)} of {resumed.total} questions. Go on with it, or start a new one?",
                    [("resume", "Go on", "g"), ("restart", "Start a new check", "s")]), chosen)
                return
        run = ReadinessRun(self.course, seed=self.seed)
        if not run.total:
            self.notify("This course has no quiz questions to draw a readiness check from.", severity="warning")
            return
        self.push_screen(ReadinessScreen(run))

    def on_readiness_finished(self, message: messages.ReadinessFinished) -> None:
        from tutor.app.screens.readiness import ReadinessResultScreen

        self.switch_screen(ReadinessResultScreen(message.result, message.readiness_id))

    def on_save_report(self, _message: messages.SaveReport) -> None:
        self.save_report()

    def save_report(self) -> None:
        """Write the latest readiness result as an HTML report in the progress folder; say where."""
        from tutor.progress.readiness_check import finished_result
        from tutor.progress.report import render

        try:
            found = finished_result(self.course, self.store)
        except ProgressStoreError as exc:
            self.store_failed(exc, always=True)
            return
        if found is None:
            self.notify("There is no finished readiness check to report yet.", severity="warning")
            return
        attempt, result = found
        folder = self.store.path.parent / "reports"
        target = folder / f"readiness-{self.course.id}-{attempt.taken_at.astimezone():%Y%m%d-%H%M}.html"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.write_text(render("html", self.course, attempt, result), encoding="utf-8")
        except OSError as exc:
            self.notify(f"The report could not be saved in {folder}: {exc.strerror or exc}", severity="error",
                        markup=False)
            return
        self.notify(f"Report saved: {target} (open it in a browser to read or print it; `tutor report` "
                    "writes it as Markdown or JSON too)", timeout=15, markup=False)

    def on_start_reviews(self, _message: messages.StartReviews) -> None:
        from tutor.app.screens.review import ReviewScreen

        self._leave_welcome()
        with self.keep_going():
            self.push_screen(ReviewScreen(self.store.due_reviews(self.course.id, now=end_of_today(self.store.now()))))

    def describe_review_reason(self, reason: str) -> str:
        """What the learner is told before a question that is due for a reason, not its schedule."""
        change = change_for(self.course, reason)
        if change is None:
            return ""
        return (f"A rule this question tests has changed ({when_text(change)}): {change.title}. {change.summary} "
                f"Answer it again with the rule as it is now.")

    def on_changes_seen(self, message: messages.ChangesSeen) -> None:
        ids = [i for i in message.change_ids
               if any(c.id == i for found in self.change_news.unseen.values() for c in found)]
        if ids:
            with self.keep_going():
                self.store.mark_changes_seen(self.course.id, ids)
                self.change_news.seen(set(ids))

    def on_show_changes(self, message: messages.ShowChanges) -> None:
        from tutor.app.screens.changes import RuleChangesScreen

        self._leave_welcome()
        self.push_screen(RuleChangesScreen(message.change_id))

    def on_go_to_dashboard(self, _message: messages.GoToDashboard) -> None:
        self.go_to_dashboard()

    def go_to_dashboard(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def on_follow_link(self, message: messages.FollowLink) -> None:
        self.follow_link(message.href)

    def follow_link(self, href: str) -> None:
        """A lesson link opens the lesson; a web link opens in the browser only after the learner
        confirms it, and only for http(s)."""
        if href.startswith("lesson:"):
            self.open_lesson(href[len("lesson:"):].split("#", 1)[0], keep_trail=True)
            return
        if urlsplit(href).scheme not in ("http", "https"):
            self.notify("Only web (http/https) links can be opened.", severity="warning")
            return
        from tutor.app.screens.dialogs import OpenLinkScreen

        self.push_screen(OpenLinkScreen(href))

    def _leave_welcome(self) -> None:
        """The welcome counts as seen however the learner leaves it (Start, the palette, a link)."""
        from tutor.app.screens.welcome import WelcomeScreen

        if isinstance(self.screen, WelcomeScreen):
            self.screen.leave()
        elif any(isinstance(screen, WelcomeScreen) for screen in self.screen_stack):
            with self.keep_going():
                self.store.set_setting(self.welcome_key, True)

    # -- app-wide actions --------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys and what each screen does."""
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_reset_progress(self) -> None:
        """Erase this course's progress after confirmation (a backup copy is kept)."""
        from tutor.app.screens.dialogs import ConfirmScreen

        def reset(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    backup = self.store.reset(self.course.id)
                except ProgressStoreError as exc:
                    self.store_failed(exc, always=True)
                    return
                self.go_to_dashboard()
                self.dashboard.refresh_progress()
                self.notify(f"Progress reset. A copy of the old progress is in {backup}", timeout=10, markup=False)

        self.push_screen(ConfirmScreen("Erase all your progress in this course? A backup copy is kept.",
                                       confirm="Reset"), reset)

    def action_screenshot(self, *_ignored: object) -> None:
        """Save an SVG picture of the screen in the progress folder, and say where. (Textual's own
        takes a file name and folder; nothing from outside chooses ours.)"""
        folder = self.store.path.parent / "screenshots"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            saved = self.save_screenshot(path=str(folder))
        except OSError as exc:
            self.notify(f"The screenshot could not be saved in {folder}: {exc.strerror or exc}",
                        severity="error", markup=False)
            return
        self.notify(f"Screenshot saved: {saved}", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own list, less "Keys" (our Help shows every key) and with our screenshot.
        yield SystemCommand("Help", "Show the keys and what each screen does", self.action_help)
        yield SystemCommand("Am I ready for a first job?", "Take the readiness check: questions from every module",
                            lambda: self.post_message(messages.StartReadiness()))
        yield SystemCommand("Reviews", "Answer the questions that are due again",
                            lambda: self.post_message(messages.StartReviews()))
        yield SystemCommand("Rule changes", "The timeline of the platforms' rule changes this course follows",
                            lambda: self.post_message(messages.ShowChanges()))
        yield SystemCommand("Save readiness report", "Save your latest readiness result as a report to keep",
                            self.save_report)
        yield SystemCommand("Theme", "Change the colours (your choice is remembered)", self.action_change_theme)
        yield SystemCommand("Reset progress", "Erase your progress in this course (a backup is kept)",
                            self.action_reset_progress)
        yield SystemCommand("Screenshot", "Save a picture of this screen in your progress folder",
                            lambda: self.set_timer(0.1, self.action_screenshot))
        yield SystemCommand("Quit", "Quit the tutor (your progress is saved)", self.action_quit)

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
        print("tutor stopped because of a bug (every answer you saw feedback for was saved). "
              f"The details are in {name}; set TUTOR_DEBUG=1 to see them here.", file=sys.stderr)

    # -- the terminal --------------------------------------------------------------------------

    def _watch_for_hangup(self) -> None:
        """Quit when the terminal is gone and no hang-up signal said so (the app run under nohup, or
        by a program that closes its pseudo-terminal): Textual's input thread would otherwise read
        nothing, at full speed, for ever. Checked once a second; nothing to do when headless."""
        import select

        if self.is_headless or not hasattr(select, "poll"):
            return
        try:
            fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        except (OSError, ValueError):
            return
        if fd < 0 or not os.isatty(fd):
            return
        poller = select.poll()
        poller.register(fd, select.POLLHUP)

        def check() -> None:
            if any(events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _fd, events in poller.poll(0)):
                self.exit(0)

        self.set_interval(1.0, check, name="hangup")

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


def _lesson_commands() -> type:
    # Imported when the palette first opens: textual.command is not needed to start.
    from tutor.app.commands import LessonCommands

    return LessonCommands


def create_app(root: Path, store: ProgressStore, scheduler: ReviewScheduler | None = None,
               live: LiveOptions | None = None) -> TutorApp:
    """The one way to build the app, for the command line and for tests. `live` is for authors:
    watch the pack and show each save, or open one lesson or quiz at start (tutor/app/watch.py)."""
    from tutor.content.catalogue_cache import cache_file

    # The catalogue cache lives with the learner's progress (docs/progress.md, "Files").
    course, findings = load_course(root, cache=cache_file(store.path.parent / "cache", root))
    app = TutorApp(course, store, findings, scheduler, change_news=open_course(course, store))
    if live is not None:
        from tutor.app.watch import LiveContent

        app.live = LiveContent(app, live)
    return app
