"""The review queue's scheduler: FSRS, through the `fsrs` package (py-fsrs, major version 6).

Every question answered wrong, in a quiz, the readiness check or a review, becomes a card; each later
answer to it is a review: wrong is Again, right is Good, right after a hint is Hard. Intervals are
capped at 180 days, since platform rules change about that often. The store keeps the card state
(tutor/progress/review.py); this module only computes it, and imports fsrs only when an answer is
scheduled, so starting the app does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from msgspec import Struct

from tutor.progress.records import ReviewItem

if TYPE_CHECKING:
    import fsrs

    from tutor.progress.store import ProgressStore

MAX_INTERVAL_DAYS = 180
# A missed question comes back after ten minutes, then on FSRS's schedule: one step, since a learner
# reviews in sessions, not in the minute-by-minute drills flashcard defaults assume.
STEPS = (timedelta(minutes=10),)
WEAK_SPOT_MISSES = 3


class ReviewOutlook(Struct, frozen=True):
    """What the review queue holds for the learner at a moment: the questions due then (a question
    is due at its due time, not earlier that day: a question just missed comes back after its
    learning step, ten minutes, not a minute later), and when the next one becomes due."""

    due: int
    next_at: datetime | None  # None: nothing else is scheduled
    now: datetime


def review_outlook(store: ProgressStore, course_id: str, now: datetime | None = None) -> ReviewOutlook:
    """The review queue of a course as the dashboard, the plain mode and `tutor progress` say it."""
    moment = now or store.now()
    return ReviewOutlook(store.due_count(course_id, moment), store.next_due(course_id, moment), moment)


class ReviewScheduler:
    """Turns an answer into the question's next review state. `fuzz` spreads due dates a little
    (FSRS's fuzzing); tests turn it off and pass the time, so schedules are exact."""

    def __init__(self, fuzz: bool = True) -> None:
        self.fuzz = fuzz
        self._scheduler: fsrs.Scheduler | None = None

    @property
    def scheduler(self) -> fsrs.Scheduler:
        if self._scheduler is None:
            import fsrs

            self._scheduler = fsrs.Scheduler(maximum_interval=MAX_INTERVAL_DAYS, enable_fuzzing=self.fuzz,
                                              learning_steps=STEPS, relearning_steps=STEPS)
        return self._scheduler

    def after_answer(self, correct: bool, hinted: bool,
                     reason: str | None = None) -> Callable[[ReviewItem | None, datetime], ReviewItem | None]:
        """The reschedule function ProgressStore.record_answer runs in the answer's transaction."""

        def reschedule(item: ReviewItem | None, now: datetime) -> ReviewItem | None:
            return self.next_state(item, correct, hinted, now, reason)

        return reschedule

    def next_state(self, item: ReviewItem | None, correct: bool, hinted: bool, now: datetime,
                   reason: str | None = None) -> ReviewItem | None:
        """The new state of a question after an answer at `now`; None when a question that is not in
        the queue is answered right (it stays out)."""
        if item is None and correct:
            return None
        import fsrs

        card = fsrs.Card.from_dict(cast("fsrs.card.CardDict", item.card)) if item is not None and item.card \
            else fsrs.Card(due=now)
        rating = fsrs.Rating.Again if not correct else fsrs.Rating.Hard if hinted else fsrs.Rating.Good
        card, _log = self.scheduler.review_card(card, rating, review_datetime=now)
        due = card.due
        interval = (due - now).total_seconds() / 86400
        return ReviewItem(
            course_id=item.course_id if item else "",
            quiz_id=item.quiz_id if item else "",
            question_id=item.question_id if item else "",
            due_at=due,
            interval_days=max(0.0, interval),
            ease=card.difficulty or 0.0,
            box=int(card.state),
            last_score=1.0 if correct else 0.0,
            updated_at=now,
            card=dict(card.to_dict()),
            misses=(item.misses if item else 0) + (0 if correct else 1),
            reason=reason,
        )

    def due_now(self, item: ReviewItem, now: datetime, reason: str) -> ReviewItem:
        """The same card, due at `now` for `reason` (a rule it tests has changed): the learner sees
        why before the question."""
        from msgspec.structs import replace

        return replace(item, due_at=now, reason=reason, updated_at=now)
