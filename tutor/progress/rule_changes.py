"""Telling a learner that a rule they studied has changed.

At each start the app asks `open_course`: changes of the pack (changes.toml) not met before are
announced when they affect a lesson the learner opened or a question they answered right, and
met silently otherwise (the lesson they have not read yet already says the new rule). Questions
answered right that an announced change affects go back into the review queue, due now, with the
change as the reason. A lesson shows a note for its changes the learner has not seen; seeing it
(or the change in the timeline) marks it seen. Nothing is announced twice; a reset forgets it all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from msgspec import Struct

from tutor.content.model import Change, Course
from tutor.progress.records import CHANGE_REASON_PREFIX

if TYPE_CHECKING:
    from tutor.progress.store import ProgressStore

REASON_PREFIX = CHANGE_REASON_PREFIX
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class ChangeNews(Struct):
    announced: tuple[Change, ...] = ()  # changes to what the learner studied, told on this start
    since: datetime | None = None  # the learner's previous visit
    unseen: dict[str, tuple[Change, ...]] = {}  # lesson id -> its changes the learner has not seen

    def seen(self, change_ids: set[str]) -> None:
        self.unseen = {lesson: kept for lesson, changes in self.unseen.items()
                       if (kept := tuple(c for c in changes if c.id not in change_ids))}


def open_course(course: Course, store: ProgressStore, *, record_visit: bool = True) -> ChangeNews:
    """Record this visit and work out what to tell the learner (see the module's docstring). With
    `record_visit` False the visit is left for the caller to record (the app does, once its first
    frame is on screen: a write waits for the disk)."""
    previous = store.record_visit(course.id) if record_visit else store.last_visit(course.id)
    if not course.changes:
        return ChangeNews(since=previous)
    states = store.change_states(course.id)
    new = [change for change in course.changes if change.id not in states]
    told: list[Change] = []
    if new:
        lessons, right = store.studied(course.id)
        told = [c for c in new if lessons.intersection(c.lessons) or right.intersection(c.questions)]
        told_ids = {c.id for c in told}
        requeue = [(*_split(name), REASON_PREFIX + change.id)
                   for change in told for name in change.questions if name in right]
        store.announce_changes(course.id, list(told_ids), [c.id for c in new if c.id not in told_ids], requeue)
    # Not seen yet: what was told before and not looked at, and what is told now (what need not
    # be told is recorded as seen).
    unseen_ids = {change_id for change_id, state in states.items() if state.seen_at is None}
    unseen_ids.update(c.id for c in told)
    unseen: dict[str, list[Change]] = {}
    for change in course.changes:
        if change.id in unseen_ids:
            for lesson_id in change.lessons:
                unseen.setdefault(lesson_id, []).append(change)
    return ChangeNews(tuple(told), previous, {lesson: tuple(found) for lesson, found in unseen.items()})


def _split(name: str) -> tuple[str, str]:
    """Split "quiz/question" into the quiz id and the question id."""
    quiz_id, _, question_id = name.partition("/")
    return quiz_id, question_id


def timeline(course: Course, since: date | None = None, platform: str | None = None) -> list[Change]:
    """The pack's changes, newest first, optionally from a date and for one platform."""
    found = [c for c in course.changes if (since is None or c.when >= since)
             and (platform is None or c.platform.casefold() == platform.casefold())]
    return sorted(found, key=lambda c: (c.when, c.id), reverse=True)


def change_for(course: Course, reason: str | None) -> Change | None:
    """The change a review's reason names ("change:<id>"), if it is one."""
    if not reason or not reason.startswith(REASON_PREFIX):
        return None
    wanted = reason[len(REASON_PREFIX):]
    return next((c for c in course.changes if c.id == wanted), None)


def when_text(change: Change) -> str:
    """The change's date as precisely as it is known: "26 June 2020", "June 2016", "2025", or
    "undated, found 1 December 2026" for a change the platform gave no date."""
    if change.effective is None and change.noticed is not None:
        return f"undated, found {day_text(change.noticed)}"
    moment = change.when
    if change.precision == "year":
        return str(moment.year)
    if change.precision == "month":
        return f"{MONTHS[moment.month - 1]} {moment.year}"
    return day_text(moment)


def day_text(moment: date) -> str:
    """"26 June 2020"."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"
