"""How the tutor words what a learner reads in more than one place: a rule's source, a score, a
verdict. One function per thing, used by the app, the command line and the plain mode, so the
same fact never reads two ways. Plain strings: each face adds its own styling."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from tutor.content.model import Source
    from tutor.progress.course_progress import LessonProgress
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


# One rounding rule for every score a learner reads: points to two decimals at most, percentages
# whole, both rounded half up from the exact value, so "5.75 of 10" reads "(58%)" everywhere and a
# partial credit of 0.75 is "0.75", never "0.8" (issue 24). Python's round() rounds half to even, and
# 0.575 * 100 is 57.49999... in floating point: both gave "5.8 of 10 (57%)".


def number(value: float) -> str:
    """A count of points as a learner reads it: "7", "5.75", "0.5", "0.67"."""
    rounded = Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{rounded:f}".rstrip("0").rstrip(".") if rounded != rounded.to_integral() else str(int(rounded))


def percent(fraction: float) -> str:
    """A share as a whole percentage: "58%" for 0.575 (computed from the decimal value, not the
    float's 57.4999...)."""
    return f"{int((Decimal(repr(fraction)) * 100).quantize(Decimal('1'), rounding=ROUND_HALF_UP))}%"


def score_text(score: float, total: float) -> str:
    """'7 of 10 (70%)', '5.75 of 10 (58%)'."""
    share = score / total if total else 0.0
    return f"{number(score)} of {number(total)} ({percent(share)})"


def retry_text(score: QuizScore) -> str:
    """'then 3/3 on retry' when a retry of the missed questions followed the quiz's latest full
    attempt, else "": said beside the score, which the retry never replaces."""
    if score.retry_score is None or score.retry_total is None:
        return ""
    return f"then {number(score.retry_score)}/{number(score.retry_total)} on retry"


def lesson_state(item: LessonProgress, minutes: int) -> str:
    """A lesson's state in a few words, for a row of the dashboard, whatever the width: "9 min"
    (not started), "page 3/6", "read · quiz next", "quiz 57%, not passed", "passed 86%", "read"."""
    if item.reading == "not-started" and item.quiz is None:
        return f"{minutes} min"
    reading = {"not-started": "not read", "reading": "reading", "done": "read"}[item.reading]
    if item.reading == "reading" and item.pages_total:
        reading = f"page {item.page + 1}/{item.pages_total}"
    if item.quiz_id is None:
        return reading
    if item.quiz is None:
        return "read · quiz next" if item.read else reading
    score = percent(item.quiz.last)
    if item.passed:
        return f"passed {score}" if item.read else f"{reading} · passed {score}"
    return f"quiz {score}, not passed" if item.read else f"{reading} · quiz {score}"


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


# -- joining texts an author wrote into one sentence ------------------------------------------------

_ENDS = (".", "!", "?", "…", ".'", '."', ".\u2019", ".\u201d", "?'", '?"', "!'", '!"')


def clause(text: str) -> str:
    """An author's sentence, to be joined into another: its own full stop dropped ("Stop here." ->
    "Stop here"), so that "...first; then Stop here" never reads "first.; then"."""
    text = text.rstrip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def sentence(text: str) -> str:
    """Text that ends a sentence: a full stop added only where it does not end with one already."""
    text = text.rstrip()
    return text if not text or text.endswith(_ENDS) else text + "."


def joined(texts: list[str], separator: str) -> str:
    """Several of an author's sentences in one: "Ask in Messages; then Stop here"."""
    return separator.join(clause(text) for text in texts)
