"""What every room of the App shares: the state screens may use (tutor/app/context.py says which),
how a failing store is told to the learner, and the command that checks the pack. The App is put
together from rooms that build on it: navigation.py (where each message leads), app_actions.py (the
palette's commands and app-wide actions), terminal.py (the terminal's size and hang-up, a bug's exit)."""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from textual.app import App

from tutor.app.screens.dashboard import DashboardScreen
from tutor.content.findings import Finding
from tutor.content.loader import shipped_root
from tutor.content.model import Course
from tutor.progress import ProgressStore, ProgressStoreError, StoreWriteError
from tutor.progress.rule_changes import ChangeNews
from tutor.progress.scheduling import ReviewScheduler

if TYPE_CHECKING:
    from tutor.app.sending import BackgroundSending
    from tutor.app.watch import LiveContent
    from tutor.content.page_cache import PageCache


class AppBase(App[int]):
    # What screens may use (TutorContext).
    course: Course
    store: ProgressStore
    findings: list[Finding]
    scheduler: ReviewScheduler
    seed: int | None  # for tests and snapshots: the random draws (readiness, option orders) repeat
    change_news: ChangeNews  # rule changes to tell the learner about (tutor/progress/rule_changes.py)
    page_cache: PageCache | None = None  # lesson pages parsed in earlier runs (tutor/content/page_cache.py)
    live: LiveContent | None = None  # for authors: --watch and `tutor preview` (tutor/app/watch.py)
    sending: BackgroundSending | None = None  # results to the organisation's LRS (tutor/app/sending.py)
    _store_trouble: tuple[str, float] | None = None  # the last store failure told, and when

    @property
    def dashboard(self) -> DashboardScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, DashboardScreen)
        return screen

    @property
    def welcome_key(self) -> str:
        """The setting that says the welcome of this course was seen: per course, since each pack
        has its own welcome."""
        return f"welcome_seen:{self.course.id}"

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

    def tell_from_any_thread(self, message: str) -> None:
        """A notice for the learner, from the app's thread or another (the background sender)."""
        import threading

        def show() -> None:
            self.notify(message, title="Results", severity="warning", timeout=15, markup=False)

        if threading.current_thread() is threading.main_thread():
            show()
            return
        try:
            self.call_from_thread(show)
        except RuntimeError:
            pass  # the app is no longer running: there is no one to tell

    @contextmanager
    def keep_going(self) -> Iterator[None]:
        """Around a store call the screen can do without (a page seen, a setting, a count): when it
        fails, say so and carry on with what is on screen. Textual stops a screen for good when one
        of its handlers raises, so no store call may raise into one."""
        try:
            yield
        except ProgressStoreError as exc:
            self.store_failed(exc)

    def check_command(self) -> str:
        """The exact command that checks the pack the learner has open."""
        if self.course.root == shipped_root():
            return "`tutor check`"
        return f"`tutor check {shlex.quote(str(self.course.root))}`"
