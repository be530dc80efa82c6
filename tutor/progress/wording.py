"""How the tutor words what a learner reads in more than one place: a rule's source, a score, a
verdict. One function per thing, used by the app, the command line and the plain mode, so the
same fact never reads two ways. Plain strings: each face adds its own styling."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from tutor.content.model import Source
    from tutor.progress.records import QuizScore
    from tutor.progress.scheduling import ReviewOutlook

# The readiness check's verdict, as the result screen, the report and the plain mode start with it.
READY, NOT_YET = "Ready for a first job", "Not yet"

# After a retry of the missed questions: what the learner must know about its score.
RETRY_IS_PRACTICE = "This was a retry of the ones you missed: it is practice, and the quiz's score stays what it was."


def source_line(source: Source) -> str:
    """'Upwork Help: Circumvention, Penalties (checked 2026-11-24)'; the section is left out when
    the lesson gives none."""
    where = f"{source.title}, {source.section}" if source.section else source.title
    return f"{where} (checked {source.checked.isoformat()})"


def number(value: float) -> str:
    """A count of points as a learner reads it: whole numbers as they are, else one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def score_text(score: float, total: float) -> str:
    """'7 of 10 (70%)', '7.8 of 10 (78%)'."""
    share = score / total if total else 0.0
    return f"{number(score)} of {number(total)} ({percent(share)})"


def retry_text(score: QuizScore) -> str:
    """'then 3/3 on retry' when a retry of the missed questions followed the quiz's latest full
    attempt, else "": said beside the score, which the retry never replaces."""
    if score.retry_score is None or score.retry_total is None:
        return ""
    return f"then {number(score.retry_score)}/{number(score.retry_total)} on retry"


def readiness_verdict(passed: bool) -> str:
    """The readiness check's verdict inside a sentence: "ready for a first job" or "not yet"."""
    return (READY if passed else NOT_YET).lower()


def when_due(moment: datetime, now: datetime) -> str:
    """A moment near `now`, as a learner reads it: "at 15:40" (today), "tomorrow at 09:10", "on
    Tuesday 8 December at 09:10"."""
    local, today = moment.astimezone(), now.astimezone().date()
    clock = f"{local:%H:%M}"
    if local.date() <= today:
        return f"at {clock}"
    if (local.date() - today).days == 1:
        return f"tomorrow at {clock}"
    return f"on {local:%A} {local.day} {local:%B} at {clock}"


def reviews_text(outlook: ReviewOutlook) -> str:
    """"2 reviews due now", "Next review at 15:40", "No reviews yet"."""
    if outlook.due:
        return f"{outlook.due} review{'s' * (outlook.due != 1)} due now"
    if outlook.next_at is not None:
        return f"Next review {when_due(outlook.next_at, outlook.now)}"
    return "No reviews yet"


def no_reviews_due(outlook: ReviewOutlook) -> str:
    """What `r` (or the plain mode's Reviews) says when nothing is due now."""
    if outlook.next_at is not None:
        return f"No reviews are due now; the next is due {when_due(outlook.next_at, outlook.now)}."
    from tutor.progress.scheduling import STEPS

    return f"No reviews are due: a question you miss comes back here after {STEPS[0].seconds // 60} minutes."
