"""What a screen may ask of the app, as a Protocol: screens type their view of the tutor with it
(`self.tutor`, tutor/app/base.py), so no screen imports the App and no import circle forms. The
App (tutor/app/app.py) is the one implementation; Textual's own App methods stay on `self.app`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tutor.content.findings import Finding
    from tutor.content.model import Course
    from tutor.content.page_cache import PageCache
    from tutor.progress import ProgressStore, ProgressStoreError
    from tutor.progress.rule_changes import ChangeNews
    from tutor.progress.scheduling import ReviewScheduler


class TutorContext(Protocol):
    course: Course  # swapped by a live reload (--watch): read it each time, do not keep it
    store: ProgressStore
    scheduler: ReviewScheduler
    findings: list[Finding]
    seed: int | None  # for tests and snapshots: the random draws (readiness, option orders) repeat
    change_news: ChangeNews  # rule changes to tell the learner about (tutor/progress/rule_changes.py)
    page_cache: PageCache | None  # lesson pages parsed in earlier runs (tutor/content/page_cache.py)

    @property
    def theme_colors(self) -> dict[str, str]:
        """The theme's variables ($primary, $success, ...) for what the tutor draws itself."""
        ...

    @property
    def welcome_key(self) -> str:
        """The setting that says this course's welcome was seen."""
        ...

    def keep_going(self) -> AbstractContextManager[None]:
        """Around a store call the screen can do without: a failure is told, and the screen goes on."""
        ...

    def store_failed(self, exc: ProgressStoreError, *, always: bool = False) -> None:
        """Tell the learner, in the store's words, that progress could not be saved or read."""
        ...

    def toggle_high_contrast(self) -> None:
        """The high-contrast colours on, or back to the default ones."""
        ...

    def describe_review_reason(self, reason: str) -> str:
        """What the learner is told before a question due for a reason, not its schedule."""
        ...
