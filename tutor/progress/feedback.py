"""What a learner is told after answering: the verdict, their answer and the right one, each option
marked in words, the explanation and the rule's source. Plain data, independent of any face: the app
styles it, the plain mode prints it, and both say the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msgspec import Struct

from tutor.content.model import Option, Question, Source, Step
from tutor.progress.scoring import Judgement
from tutor.progress.wording import number

# Tones say what kind of news a line is; faces turn them into colour, and never rely on colour alone.
GOOD, PARTIAL, BAD, RISKY, NEUTRAL = "good", "partial", "bad", "risky", ""

ENDING_VERDICT = {"good": ("Good ending", GOOD), "risky": ("Risky ending", RISKY), "bad": ("Bad ending", BAD)}


class OptionMark(Struct, frozen=True):
    """An option as shown once the question is answered: its words say what it was."""

    option: Option
    note: str  # e.g. "your answer: right", "the right answer", "you ticked it: wrong", "" (nothing to say)
    tone: str
    picked: bool
    why: str = ""  # the author's feedback on the option, as it reads beside the note


# An author's feedback often opens with its own verdict on the option ("Correct: ...", "Yes. ...").
# Beside a right answer the learner did not tick, that word reads as praise for a mistake, after
# the note that already says the option is right: it is left out there.
_OPENING_VERDICT = re.compile(r"^(?:Right|Correct|Yes|True)[.:!]\s+")


def _why(option: Option, missed: bool) -> str:
    text = option.feedback
    if missed and (found := _OPENING_VERDICT.match(text)):
        rest = text[found.end():]
        text = rest[:1].upper() + rest[1:]
    return text


class PathStep(Struct, frozen=True):
    step: str  # what happened
    choice: str  # what the learner did (or could have done)


class Feedback(Struct, frozen=True):
    verdict: str  # "Right", "Partly right", "Not quite", or a scenario's "Good ending" ...
    tone: str
    explanation: str
    source: Source | None = None
    points: str = ""  # partial credit, e.g. "0.8 of 1 point: 4 of 5 options judged right"
    ending: str = ""  # a scenario's ending, as the author wrote it
    marks: tuple[OptionMark, ...] = ()  # choice questions: the options worth mentioning, in the order shown
    good_path: tuple[PathStep, ...] = ()  # a scenario that did not end well: one way to a good ending


def option_marks(question: Question, judgement: Judgement, shown: Sequence[Option]) -> list[OptionMark]:
    """Every option in the order shown, marked: the learner's choice and the right one(s) in words."""
    picked = set(judgement.chosen)
    marks = []
    for option in shown:
        chose = option.id in picked
        if question.kind == "multi":
            if chose and option.correct:
                note, tone = "you ticked it: right", GOOD
            elif chose:
                note, tone = "you ticked it: wrong", BAD
            elif option.correct:
                note, tone = "a right answer you did not tick", BAD
            else:
                note, tone = "", NEUTRAL
        elif chose:
            note, tone = ("your answer: right", GOOD) if option.correct else ("your answer: wrong", BAD)
        elif option.correct:
            note, tone = "the right answer", GOOD
        else:
            note, tone = "", NEUTRAL
        marks.append(OptionMark(option, note, tone, chose, _why(option, missed=option.correct and not chose)))
    return marks


def feedback_for(question: Question, judgement: Judgement, shown: Sequence[Option],
                 source: Source | None, ending: Option | None = None) -> Feedback:
    """The feedback for an answered question. `shown` is the options in the order the learner saw
    them (choice questions); `ending` the option that ended a scenario."""
    if question.kind == "scenario":
        verdict, tone = ENDING_VERDICT.get(judgement.outcome or "bad", ("Ending", RISKY))
        return Feedback(verdict, tone, question.explanation, source,
                        ending=ending.ending if ending is not None else "",
                        good_path=() if judgement.correct else tuple(good_path(question)))
    if judgement.correct:
        verdict, tone = "Right", GOOD
    elif judgement.score > 0:
        verdict, tone = "Partly right", PARTIAL
    else:
        verdict, tone = "Not quite", BAD
    points = ""
    if question.kind == "multi" and question.partial_credit and question.options:
        agree = round(judgement.score * len(question.options))
        points = (f"{number(judgement.score)} of 1 point: {agree} of {len(question.options)} "
                  "options judged right")
    marks = [m for m in option_marks(question, judgement, shown) if m.note]
    if question.kind != "multi":
        marks.sort(key=lambda m: not m.picked)  # "You answered" before "Right answer"
    return Feedback(verdict, tone, question.explanation, source, points=points, marks=tuple(marks))


def good_path(question: Question) -> list[PathStep]:
    """The shortest way from the scenario's start to a good ending (breadth first), or [] if none."""
    start = question.start_step
    if start is None:
        return []
    queue: list[tuple[Step, list[PathStep]]] = [(start, [])]
    seen = {start.id}
    while queue:
        step, path = queue.pop(0)
        for option in step.options:
            walked = [*path, PathStep(step.text, option.text)]
            if option.outcome == "good":
                return walked
            following = question.step(option.next) if option.next else None
            if following is not None and following.id not in seen:
                seen.add(following.id)
                queue.append((following, walked))
    return []
