"""Tells: an answer's shape that gives it away to a learner who does not know the rule.

A single-answer choice is a single-choice question, or a scenario step where exactly one option
still leads to a good ending. When its right option is clearly longer than every wrong one, a
learner who always picks the longest option passes without knowing anything (the shipped course
once had the right option longest in 81% of its choices). `tutor check` warns on each such choice,
and once per pack when the right option is the longest in more than 40% of them.

Other tells were measured on the shipped course as a guesser's score against chance (35%): the
right option the only one repeating the prompt's words (a guesser picking the most shared words
scored 40%), absolute words ("always", "never") only in wrong options (avoiding them, 39%), the
right option the only one giving a reason (31%: no tell). Within the noise of 116 choices, so no
warning; tests/progress/test_guessing_learners.py keeps guessers that use them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct

from tutor.content.findings import KeyPath, Report
from tutor.content.model import Option, Question, Step

# "Clearly longer": both, so that neither a long answer a few words longer nor a short one of
# twice the length is flagged (authoring.md "Writing wrong options").
CLEARLY_LONGER_RATIO = 1.25
CLEARLY_LONGER_CHARS = 15
# Once a pack's right options are the longest this often, "pick the longest" beats chance well.
LONGEST_SHARE_LIMIT = 0.40
# Below this many choices a share says little (two of three is 67%), and each choice's own warning
# already says what matters.
LONGEST_SHARE_MIN_CHOICES = 5


class Choice(Struct, frozen=True):
    """One single-answer choice: the options shown together and which of them is right."""

    question: Question
    step: Step | None  # None for a single-choice question
    options: tuple[Option, ...]
    right: int  # index into options

    @property
    def right_option(self) -> Option:
        return self.options[self.right]

    @property
    def wrong_options(self) -> tuple[Option, ...]:
        return self.options[:self.right] + self.options[self.right + 1:]

    def at(self) -> KeyPath:
        """Where the right option is written in its quiz file."""
        if self.step is None:
            return ("questions", self.question.position, "options", self.right, "text")
        index = next(i for i, step in enumerate(self.question.steps) if step.id == self.step.id)
        return ("questions", self.question.position, "steps", index, "options", self.right, "text")


def single_answer_choices(question: Question) -> Iterator[Choice]:
    """A single-choice question's one choice; a scenario's steps with exactly one good choice."""
    if question.kind == "single":
        right = [i for i, option in enumerate(question.options) if option.correct]
        if len(right) == 1 and len(question.options) > 1:
            yield Choice(question, None, question.options, right[0])
    elif question.kind == "scenario":
        hopeful = steps_that_can_end_well(question)
        for step in question.steps:
            good = [i for i, option in enumerate(step.options)
                    if option.outcome == "good" or (option.next is not None and option.next in hopeful)]
            if len(good) == 1 and len(step.options) > 1:
                yield Choice(question, step, step.options, good[0])


def steps_that_can_end_well(question: Question) -> set[str]:
    """Ids of the steps from which some way still reaches a good ending (worked backwards)."""
    hopeful: set[str] = set()
    grew = True
    while grew:
        grew = False
        for step in question.steps:
            if step.id not in hopeful and any(o.outcome == "good" or (o.next in hopeful) for o in step.options):
                hopeful.add(step.id)
                grew = True
    return hopeful


def clearly_longer(choice: Choice) -> bool:
    """The right option at least 1.25 times as long as the longest wrong one, and 15 characters more."""
    right = len(choice.right_option.text)
    longest_wrong = max(len(option.text) for option in choice.wrong_options)
    return right >= CLEARLY_LONGER_RATIO * longest_wrong and right - longest_wrong >= CLEARLY_LONGER_CHARS


def right_is_longest(choice: Choice) -> bool:
    """The right option strictly the longest (a tie gives a guesser nothing)."""
    right = len(choice.right_option.text)
    return all(len(option.text) < right for option in choice.wrong_options)


def check_lengths(questions: Iterable[Question], report: Report) -> None:
    """Warn at each choice whose right option is clearly longer than every wrong one."""
    for question in questions:
        for choice in single_answer_choices(question):
            if not clearly_longer(choice):
                continue
            right = len(choice.right_option.text)
            longest_wrong = max(len(option.text) for option in choice.wrong_options)
            report.warning(f"the right option is {right} characters long, the longest wrong one "
                           f"{longest_wrong}: a learner who picks the longest option gets it right without "
                           "knowing the rule",
                           "make the wrong options real mistakes as specific and as long as the right one, "
                           "or say the right one shorter: see \"Writing wrong options\" in docs/authoring.md",
                           at=choice.at())


def check_pack_lengths(quizzes: Iterable[tuple[str, Report, Iterable[Question]]]) -> None:
    """Warn once for the whole pack (quizzes as name, report, questions) when its right options are
    the longest in more than 40% of its single-answer choices (five or more): said at the first such
    choice of the quiz where it is most often, naming the quizzes that lead."""
    counts: list[tuple[str, Report, int, int, KeyPath]] = []  # name, report, longest, choices, first
    for name, report, questions in quizzes:
        choices = list(choice for question in questions for choice in single_answer_choices(question))
        longest = [choice for choice in choices if right_is_longest(choice)]
        if longest:
            counts.append((name, report, len(longest), len(choices), longest[0].at()))
        elif choices:
            counts.append((name, report, 0, len(choices), ()))
    longest_total = sum(count[2] for count in counts)
    total = sum(count[3] for count in counts)
    if total < LONGEST_SHARE_MIN_CHOICES or longest_total <= LONGEST_SHARE_LIMIT * total:
        return
    leading = sorted((count for count in counts if count[2]), key=lambda count: (-count[2] / count[3], -count[2]))
    where = ", ".join(f"{name} {longest} of {choices}" for name, _report, longest, choices, _at in leading[:3])
    share = round(100 * longest_total / total)
    _name, report, _longest, _choices, first = leading[0]
    report.warning(f"in this pack the right option is the longest in {longest_total} of its {total} single-answer "
                   f"choices ({share}%, over 40%): a learner who picks the longest option passes; most often in "
                   f"{where}",
                   "lengthen the wrong options or shorten the right ones until the longest option is right no more "
                   "often than chance: see \"Writing wrong options\" in docs/authoring.md", at=first)
