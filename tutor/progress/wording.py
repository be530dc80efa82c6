"""How the tutor words what a learner reads in more than one place: a rule's source, a score, a
verdict. One function per thing, used by the app, the command line and the plain mode, so the
same fact never reads two ways. Plain strings: each face adds its own styling."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.model import CourseTexts, Source
    from tutor.progress.course_progress import LessonProgress
    from tutor.progress.records import QuizScore, ReadinessAttempt
    from tutor.progress.scheduling import ReviewOutlook

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


def whole_percent(fraction: float) -> int:
    """A share as a whole number of percent, 58 for 0.575 (from the decimal value, not the float's
    57.4999...)."""
    return int((Decimal(repr(fraction)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def percent(fraction: float) -> str:
    """A share as a whole percentage: "58%" for 0.575."""
    return f"{whole_percent(fraction)}%"


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


# -- the readiness verdict ---------------------------------------------------------------------
# Every sentence is built from the check's own numbers: no verdict is ever said without what it
# rests on (docs/self-assessment.md).


def quoted(text: str) -> str:
    return f"\u201c{text.strip()}\u201d"


def verdict_word(passed: bool, texts: CourseTexts) -> str:
    """The verdict alone, for a heading that the numbers follow at once, in the pack's words
    (course.toml's [texts]: "Ready for a first job" in the shipped course)."""
    return texts.verdict(passed)


def verdict_headline(passed: bool, score: float, total: float, weakest: float | None, texts: CourseTexts) -> str:
    """'Ready for a first job: 19 of 20 (95%), weakest module 75%'."""
    line = f"{verdict_word(passed, texts)}: {score_text(score, total)}"
    return line + (f", weakest module {percent(weakest)}" if weakest is not None else "")


def points_needed(pass_mark: float, total: float) -> float:
    """The fewest points that reach the pass mark (a whole number when the check has whole points)."""
    return math.ceil(pass_mark * total - 1e-9)


def score_reason(score: float, total: float, pass_mark: float) -> str:
    return (f"Your score, {score_text(score, total)}, is under the pass mark of {percent(pass_mark)}: "
            f"it needs {number(points_needed(pass_mark, total))} of {number(total)}.")


def floor_reason(title: str, score: float, total: float, floor: float) -> str:
    """A module under the floor, and by how much (in percentage points, as the bars show it)."""
    gap = max(1, whole_percent(floor) - whole_percent(score / total)) if total else whole_percent(floor)
    return (f"{quoted(title)}: {score_text(score, total)}, {gap} point{'s' * (gap != 1)} under the module floor "
            f"of {percent(floor)}.")


def high_risk_reason(mistake: str, texts: CourseTexts) -> str:
    """`mistake` names the choice taken ('you chose “...”'), not the story it was taken in; what
    high-risk means is the pack's words (course.toml's [texts])."""
    return f"A high-risk mistake ({texts.high_risk}): {mistake}."


def timeout_reason(unanswered: int, total: int) -> str:
    return f"Time ran out with {unanswered} of {total} questions unanswered; they count as missed."


def chose(text: str, outcome: str | None = None) -> str:
    """'you chose “Deposit it...”', with where it led in a story: ', which led to a bad ending'."""
    led = f", which led to a {outcome} ending" if outcome else ""
    return f"you chose {quoted(text)}{led}"


def answered_statement(word: str, statement: str) -> str:
    return f"you answered {word} to {quoted(statement)}"


def ticked(wrongly: Sequence[str], left_out: Sequence[str]) -> str:
    parts = [f"you ticked {quoted(text)}" for text in wrongly] + [f"you left out {quoted(text)}" for text in left_out]
    return "; ".join(parts)


def not_answered(prompt: str) -> str:
    return f"you did not answer {quoted(prompt)}"


def questions_evidence(per_module: Sequence[tuple[str, int]]) -> str:
    """'20 questions, 4 from each of the 5 modules' or '7 questions: Money 4, Safety 3'."""
    total = sum(count for _title, count in per_module)
    counts = {count for _title, count in per_module}
    if len(per_module) == 1:
        return f"{total} question{'s' * (total != 1)}, all from {quoted(per_module[0][0])}."
    if len(counts) == 1:
        return f"{total} questions, {counts.pop()} from each of the {len(per_module)} modules."
    listed = ", ".join(f"{quoted(title)} {count}" for title, count in per_module)
    return f"{total} question{'s' * (total != 1)}: {listed}."


def weakest_evidence(title: str, score: float, total: float, floor: float) -> str:
    return (f"Weakest module: {quoted(title)}, {score_text(score, total)}; every module had to reach "
            f"{percent(floor)}.")


def high_risk_evidence(handled: Sequence[str]) -> str:
    """`handled` names what was done in each high-risk question drawn ('you chose “...”')."""
    if not handled:
        return "No high-risk question was drawn this time, so this check says nothing about them."
    count = len(handled)
    return (f"High-risk situation{'s' * (count != 1)} handled, {count} of {count}: " + "; ".join(handled) + ".")


def lessons_evidence(read: int, total: int) -> str:
    return f"Lessons read when you took it: {read} of {total}."


def time_evidence(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"Time taken: {minutes} min {rest} s." if minutes else f"Time taken: {rest} s."


def sources_evidence(checked: date | None) -> str:
    if checked is None:
        return "The course does not say when its rules were checked against their sources."
    return (f"The course's rules were checked against their sources on {checked:%-d %B %Y}; platforms change "
            "them, so read their current pages before you rely on one.")


def readiness_line(attempt: ReadinessAttempt, texts: CourseTexts) -> str:
    """The dashboard's line: 'Ready on 5 Dec: 19 of 20, weakest module 75%; 1 of 12 lessons read'."""
    when: datetime = attempt.finished_at or attempt.taken_at
    line = f"{texts.verdict(attempt.passed)} on {when.astimezone():%-d %b}"
    if attempt.score is not None and attempt.total:
        line += f": {number(attempt.score)} of {number(attempt.total)}"
    if attempt.module_scores:
        line += f", weakest module {percent(min(attempt.module_scores.values()))}"
    if attempt.lessons_read is not None and attempt.lessons_total:
        line += f"; {attempt.lessons_read} of {attempt.lessons_total} lessons read"
    return line


def unfinished_line(answered: int, total: int, how: str = "press a to go on") -> str:
    return f"Readiness check: {answered} of {total} answered, {how}"


def readiness_rule(pass_mark: float, module_floor: float, texts: CourseTexts) -> str:
    """The rule as the check applies it, said before it starts."""
    return (f"You are ready when you score at least {percent(pass_mark)}, every module reaches "
            f"{percent(module_floor)}, and you miss no high-risk question ({texts.high_risk}).")


def new_questions(new: int, total: int) -> str:
    """'12 of these 20 are new to you': a retake asks what was not met before, as far as the course allows."""
    if new >= total:
        return f"All {total} are new to you."
    if new == 0:
        return f"None of these {total} is new to you: you have met every question the course could give."
    return f"{new} of these {total} {'are' if new != 1 else 'is'} new to you."


# A guide's outcome, said the same way in the app and the plain mode.
SERIOUSNESS_WORDS = {"low": "Low", "medium": "Medium", "high": "High"}
GUIDE_NOTICE = ("Practical guidance from the platforms' own pages, not legal advice. It cannot promise an outcome: "
                "the platform decides.")
MESSAGE_NOTE = "Change it so that every sentence is true for you before you send it."
