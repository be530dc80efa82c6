"""The Textual App: wiring. It holds what screens may use (tutor/app/context.py), builds the first
screens, and is put together from rooms: where each message leads (navigation.py), the palette's and
app-wide actions (app_actions.py), the terminal (terminal.py), the shared state and store trouble
(app_base.py).

Build it with `create_app`, which the command line and the tests both use. Screens post messages
(tutor/app/messages.py) and the app decides what to show: no screen reaches into another one.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.screen import Screen

from tutor.app import messages
from tutor.app.app_actions import AppActions
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.terminal import TerminalGuard
from tutor.content.findings import Finding
from tutor.content.loader import load_course
from tutor.content.model import Course
from tutor.progress import ProgressStore, ProgressStoreError
from tutor.progress.rule_changes import ChangeNews, change_for, open_course, when_text
from tutor.progress.scheduling import ReviewScheduler

if TYPE_CHECKING:
    from textual.theme import Theme

    from tutor.app.context import TutorContext
    from tutor.app.watch import LiveOptions


class TutorApp(AppActions, TerminalGuard):
    CSS_PATH = "app.tcss"  # app-wide rules; each screen brings its own (tutor/app/screens/__init__.py)
    TITLE = "tutor"
    # Textual's system commands and our lessons, both matched by a bounded matcher (palette_match.py).
    COMMANDS = {lambda: _system_commands(), lambda: _lesson_commands()}
    BINDINGS = [
        Binding("question_mark", "help", "Help", id="app.help", tooltip="this help"),
        # Priority bindings reach every screen, modal ones included; `?` cannot be one (the
        # palette's input needs it), so F1 is the help key that works everywhere.
        Binding("f1", "help", "Help", show=False, priority=True, id="app.help-f1", tooltip="this help"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit", tooltip="quit (your progress is saved)"),
    ]

    def __init__(self, course: Course, store: ProgressStore, findings: list[Finding] | None = None,
                 scheduler: ReviewScheduler | None = None, seed: int | None = None,
                 change_news: ChangeNews | None = None) -> None:
        super().__init__()
        self.seed = seed
        self.change_news = change_news or ChangeNews()
        # ("quiz", lesson id), ("guide", guide id) or ("readiness", ""): open there
        self.start_at: tuple[str, str] | None = None
        self.course = course
        self.store = store
        self.findings = findings or []
        self.scheduler = scheduler or ReviewScheduler()
        self.title = course.title
        from tutor.app.themes import HIGH_CONTRAST

        self.register_theme(HIGH_CONTRAST)
        self._early_trouble: ProgressStoreError | None = None  # met before the app runs: told on mount
        self._welcome = False  # this start shows the course's welcome first (get_default_screen)
        self._theme_colors: tuple[Theme, dict[str, str]] | None = None  # see theme_colors
        try:
            theme = store.get_setting("theme")
        except ProgressStoreError as exc:
            theme, self._early_trouble = None, exc
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    def get_key_display(self, binding: Binding) -> str:
        # One way of naming keys, on the bar and in the help (tutor/app/widgets/key_bar.py).
        from tutor.app.widgets.key_bar import key_label

        return binding.key_display or key_label(binding.key)

    def get_default_screen(self) -> Screen[Any]:
        # The dashboard is the bottom of the screen stack, made by Textual at start-up: the first
        # frame is the dashboard, not a blank screen with the dashboard pushed over it. (Textual's
        # MODES would do the same but re-parse the whole stylesheet once more before that frame.)
        # Under a new learner's welcome it is built when first shown.
        self._welcome = self._welcome_due()
        return DashboardScreen(under_welcome=self._welcome)

    def _welcome_due(self) -> bool:
        # Opened at a quiz or a guide (`tutor quiz X`, `tutor guide X`), the learner asked for that:
        # the welcome waits for the next start (pushed and left before it was drawn, it crashed the
        # app); a preview shows what the author asked for.
        if self.start_at is not None or (self.live is not None and self.live.options.preview is not None):
            return False
        try:
            return not self.store.get_setting(self.welcome_key)
        except ProgressStoreError as exc:  # told on mount
            self._early_trouble = self._early_trouble or exc
            return False

    def on_mount(self) -> None:
        if self._early_trouble is not None:
            self.store_failed(self._early_trouble)
        if self._welcome:
            from tutor.app.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), callback=self._after_welcome)
        if self.store.notice:
            from tutor.app.screens.dialogs import NoticeScreen

            self.push_screen(NoticeScreen("Your progress file was damaged", self.store.notice))
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._started = True
        if self.start_at is not None:
            kind, lesson_id = self.start_at
            if kind == "quiz":
                from tutor.content.lesson_numbers import find_lesson

                lesson = find_lesson(self.course, lesson_id)  # its id, or its number ("2.1")
                self.take_quiz(lesson.id if lesson is not None else lesson_id)
            elif kind == "guide":
                self.open_guide(lesson_id)
            else:
                self.start_readiness()
        self._guard_size()
        self._watch_for_hangup()
        self.call_after_refresh(self._after_first_frame)
        if self.live is not None:
            self.live.start()
        self.set_timer(0.5, self._start_sending)

    def _start_sending(self) -> None:
        """Results go to the organisation's LRS in the background, if the learner set that up."""
        from tutor.app.sending import sending_for

        self.sending = sending_for(self.store, self.tell_from_any_thread)
        if self.sending is not None:
            self.sending.start()

    def _after_first_frame(self) -> None:
        """What the first frame does not need waits until it is on screen: on a slow or busy machine
        a timer set at mount could otherwise fire before that frame and hold it back.

        The cycle collector, off since launch (tutor/app/launch.py), comes back on here, with what
        start-up made put out of its sight first (gc.freeze): a collection walks only what is made
        from now on. The few start-up objects that were garbage (about a thousand) stay."""
        gc.freeze()
        gc.enable()
        with self.keep_going():
            self.store.record_visit(self.course.id)
        if not self._welcome:  # the welcome's Enter opens the dashboard, not a lesson: see _after_welcome
            self.set_timer(0.1, self._warm_up)
        # The same check `tutor check` runs, so the count the learner is told is the count the
        # check prints (with --watch, the findings panel says it instead).
        if self.live is None or not self.live.options.watch:
            self.set_timer(0.3, self._count_problems)

    def _after_welcome(self, _result: None) -> None:
        # A new learner's first Enter leaves the welcome for the dashboard: the lesson and the quiz are
        # warmed up once that is drawn, not behind the welcome (0.4 MiB that a learner who only reads
        # the welcome and quits never needs).
        self.call_after_refresh(self.set_timer, 0.1, self._warm_up)

    def _warm_up(self) -> None:
        """Once the dashboard is drawn, import what the first lesson and quiz need (and list the guides):
        the reader alone takes 30 ms to import (the Markdown parser), which the first Enter would wait for.
        Then what start-up made, which lives as long as the app, is put out of the garbage
        collector's sight: a full collection no longer walks it in the middle of a key (18 to
        27 ms each, docs/performance.md "Key to frame")."""
        import tutor.app.screens.quiz
        import tutor.app.screens.reader  # noqa: F401

        _ = self.course.guide_index  # the top of each guide file, which a lesson's keys ask for
        gc.freeze()

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()
        if self.sending is not None:
            self.sending.stop()

    def on_content_changed(self, message: messages.ContentChanged) -> None:
        if self.live is not None:
            self.live.reload(message.paths)

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

    # -- what the app itself handles ------------------------------------------------------------

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


def _lesson_commands() -> type:
    # Imported when the palette first opens: textual.command is not needed to start.
    from tutor.app.commands import LessonCommands

    return LessonCommands


def _system_commands() -> type:
    from tutor.app.palette_match import SystemCommands

    return SystemCommands


def create_app(root: Path, store: ProgressStore, scheduler: ReviewScheduler | None = None,
               live: LiveOptions | None = None) -> TutorApp:
    """The one way to build the app, for the command line and for tests. `live` is for authors:
    watch the pack and show each save, or open one lesson or quiz at start (tutor/app/watch.py)."""
    from tutor.content.catalogue_cache import cache_file

    # The catalogue cache lives with the learner's progress (docs/progress.md, "Files").
    course, findings = load_course(root, cache=cache_file(store.path.parent / "cache", root))
    app = TutorApp(course, store, findings, scheduler, change_news=open_course(course, store, record_visit=False))
    from tutor.content.page_cache import PageCache

    app.page_cache = PageCache(store.path.parent / "cache" / "pages")
    _screens_see: TutorContext = app  # mypy checks here that the App offers screens all they may use
    if live is not None:
        from tutor.app.watch import LiveContent

        app.live = LiveContent(app, live)
    return app
