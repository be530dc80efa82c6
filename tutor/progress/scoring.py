"""Judging answers and walking through a quiz, independent of any UI.

The app shows what these objects say; tests drive them directly. A quiz run keeps its own order
(shuffled once when the quiz asks for it) so that what the learner saw is what gets judged.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from msgspec import Struct, field

from tutor.content.model import Option, Question, Quiz, Step


class Judgement(Struct, frozen=True):
    """The verdict on one answered question."""

    correct: bool
    score: float  # 0..1
    chosen: tuple[str, ...]
    path: tuple[str, ...] = ()  # scenario: "step/option" pairs in the order walked
    outcome: str | None = None  # scenario: the ending reached
    right: tuple[str, ...] = ()  # option ids that were right (choice questions)


def judge_choice(question: Question, chosen: Sequence[str]) -> Judgement:
    """Single, truefalse and multi questions. Multi is all-or-nothing unless the question declares
    partial credit, in which case the score is the share of options judged correctly."""
    picked = set(chosen)
    right = {o.id for o in question.options if o.correct}
    correct = picked == right
    if question.kind == "multi" and question.partial_credit and question.options:
        agree = sum((o.id in picked) == o.correct for o in question.options)
        score = agree / len(question.options)
    else:
        score = 1.0 if correct else 0.0
    ordered = tuple(o.id for o in question.options if o.id in picked)
    return Judgement(correct, score, ordered, right=tuple(o.id for o in question.options if o.correct))


class ScenarioWalk(Struct):
    """A learner's way through a scenario: the current step, the choices made, the ending."""

    question: Question
    step: Step | None = None
    path: list[tuple[str, str]] = field(default_factory=list)
    ending: Option | None = None

    def __post_init__(self) -> None:
        if self.step is None:
            self.step = self.question.start_step

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def choose(self, option_id: str) -> Option:
        """Take a choice at the current step; returns it (its feedback is the consequence)."""
        if self.step is None or self.finished:
            raise ValueError("the scenario has already ended")
        option = self.step.option(option_id)
        if option is None:
            raise ValueError(f"step {self.step.id!r} has no option {option_id!r}")
        self.path.append((self.step.id, option.id))
        if option.outcome:
            self.ending = option
        else:
            self.step = self.question.step(option.next or "")
        return option

    def judgement(self) -> Judgement:
        outcome = self.ending.outcome if self.ending else None
        good = outcome == "good"
        return Judgement(
            correct=good,
            score=1.0 if good else 0.0,
            chosen=tuple(option for _step, option in self.path),
            path=tuple(f"{step}/{option}" for step, option in self.path),
            outcome=outcome,
        )


class QuizRun:
    """One pass through a quiz, or through some of its questions (retrying the missed ones)."""

    def __init__(self, quiz: Quiz, only: Sequence[str] | None = None, seed: int | None = None) -> None:
        self.quiz = quiz
        wanted = set(only) if only is not None else None
        self.questions = [q for q in quiz.questions if wanted is None or q.id in wanted]
        self._rng = random.Random(seed)
        self._option_order: dict[str, list[Option]] = {}
        self.index = 0
        self.results: dict[str, Judgement] = {}
        self.attempt_id: int | None = None  # the store's attempt, once the first answer is saved

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    def options(self, question: Question, step: Step | None = None) -> list[Option]:
        """The options in the order shown: shuffled once per run if the quiz asks for it
        (true/false keeps its order)."""
        key = f"{question.id}/{step.id}" if step else question.id
        if key not in self._option_order:
            options = list(step.options if step else question.options)
            if self.quiz.shuffle and question.kind != "truefalse":
                self._rng.shuffle(options)
            self._option_order[key] = options
        return self._option_order[key]

    def record(self, question: Question, judgement: Judgement) -> None:
        self.results[question.id] = judgement

    def advance(self) -> Question | None:
        self.index += 1
        return self.current

    @property
    def score(self) -> float:
        return sum(j.score for j in self.results.values())

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def missed(self) -> list[str]:
        return [q.id for q in self.questions if q.id in self.results and not self.results[q.id].correct]
