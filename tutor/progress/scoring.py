"""Judging answers and walking through a quiz, independent of any UI.

The app and the plain mode show what these objects say; tests drive them directly. A quiz run keeps
its own order (options shuffled once per attempt, unless the author turns it off) so that what the
learner saw is what gets judged, and a resumed attempt shows it again.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from msgspec import Struct

from tutor.content.model import Option, Question, Quiz, Step
from tutor.progress.records import StoredAnswer


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


class Story(Protocol):
    """Steps with choices that lead to other steps or end the story: a scenario question, or a guide."""

    @property
    def start_step(self) -> Step | None: ...

    def step(self, step_id: str) -> Step | None: ...


class StepWalk:
    """A learner's way through a story told in steps (a scenario, a guide): the current step, the
    choices made, the choice that ended it. One engine for both (docs/authoring.md)."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.step: Step | None = story.start_step
        self.path: list[tuple[str, str]] = []
        self.ending: Option | None = None

    @property
    def finished(self) -> bool:
        return self.ending is not None

    def choose(self, option_id: str) -> Option:
        """Take a choice at the current step; returns it (in a scenario, its feedback is the consequence)."""
        if self.step is None or self.finished:
            raise ValueError("the story has already ended")
        option = self.step.option(option_id)
        if option is None:
            raise ValueError(f"step {self.step.id!r} has no option {option_id!r}")
        self.path.append((self.step.id, option.id))
        if option.outcome:
            self.ending = option
        else:
            self.step = self.story.step(option.next or "")
        return option

    def place(self) -> str:
        """"Step 2 of 3", or "Step 2" where the ways through differ in length."""
        shortest, longest = scenario_length(self.story)
        number = len(self.path) + (0 if self.finished else 1)
        return f"Step {number} of {longest}" if shortest == longest else f"Step {number}"

    def back(self) -> None:
        """Undo the last choice: the walk is at the step where it was taken."""
        if not self.path:
            return
        path = self.path[:-1]
        self.step, self.path, self.ending = self.story.start_step, [], None
        for _step_id, option_id in path:
            self.choose(option_id)

    def walked(self) -> list[tuple[Step, Option]]:
        """Each step passed and the choice taken there, in order."""
        pairs = []
        for step_id, option_id in self.path:
            step = self.story.step(step_id)
            option = step.option(option_id) if step else None
            if step is not None and option is not None:
                pairs.append((step, option))
        return pairs


def replay(walk: StepWalk, path: Sequence[tuple[str, str]]) -> bool:
    """Take the choices of a stored `path` again; False (and the walk back at the start) when the story
    has changed so that they no longer fit."""
    try:
        for step_id, option_id in path:
            if walk.step is None or walk.step.id != step_id:
                raise ValueError(step_id)
            walk.choose(option_id)
    except ValueError:
        walk.step, walk.path, walk.ending = walk.story.start_step, [], None
        return False
    return True


class ScenarioWalk(StepWalk):
    """A learner's way through a scenario question, judged at its ending."""

    def __init__(self, question: Question) -> None:
        super().__init__(question)
        self.question = question

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


def scenario_length(question: Story) -> tuple[int, int]:
    """The fewest and the most steps a way through a story (a scenario, a guide) takes, from its
    start to an ending (a step already on the way is not walked twice)."""
    lengths: list[int] = []

    def walk(step: Step, seen: tuple[str, ...]) -> None:
        for option in step.options:
            following = question.step(option.next) if option.next and not option.outcome else None
            if following is None or following.id in seen:
                lengths.append(len(seen) + 1)
            else:
                walk(following, (*seen, step.id))

    if question.start_step is not None:
        walk(question.start_step, ())
    return (min(lengths), max(lengths)) if lengths else (1, 1)


def shuffles(quiz_shuffle: bool, question: Question) -> bool:
    """Whether a question's options are shown in a new order each attempt: the question's own
    `shuffle` if it sets one, else the quiz's (on by default). True/false keeps True, False."""
    if question.kind == "truefalse":
        return False
    return question.shuffle if question.shuffle is not None else quiz_shuffle


def option_orders(question: Question, shuffle: bool, rng: random.Random) -> dict[str, list[str]]:
    """The order to show the options of a question (key: its id) and of each scenario step
    (key: "question/step"), as option ids."""
    orders: dict[str, list[str]] = {}
    groups: list[tuple[str, tuple[Option, ...]]] = [(question.id, question.options)] if question.options else []
    groups += [(f"{question.id}/{step.id}", step.options) for step in question.steps]
    for key, options in groups:
        ids = [o.id for o in options]
        if shuffle:
            rng.shuffle(ids)
        orders[key] = ids
    return orders


def ordered(options: Sequence[Option], order: Sequence[str] | None) -> list[Option]:
    """`options` in the stored `order` of ids; options the order does not know (the question was
    edited since) keep their place at the end."""
    if not order:
        return list(options)
    by_id = {o.id: o for o in options}
    shown = [by_id[i] for i in order if i in by_id]
    return shown + [o for o in options if o.id not in order]


def judgement_of(answer: StoredAnswer) -> Judgement:
    """What a stored answer was judged, for an attempt that is resumed."""
    return Judgement(answer.correct, answer.score, answer.chosen, answer.path)


class QuizRun:
    """One pass through a quiz, or through some of its questions (a retry of the missed ones).

    Questions keep the author's order (a lesson quiz follows its lesson); options are shown in a new
    order on every attempt unless the quiz or question turns shuffling off. The order shown is the
    run's `plan`, stored with the attempt, so a resumed attempt shows the same order."""

    def __init__(self, quiz: Quiz, only: Sequence[str] | None = None, seed: int | None = None,
                 plan: Mapping[str, Any] | None = None, answered: Sequence[StoredAnswer] = ()) -> None:
        self.quiz = quiz
        self.kind = "retry" if only is not None else "full"
        rng = random.Random(seed)
        if plan is not None:
            by_id = {q.id: q for q in quiz.questions}
            self.questions = [by_id[i] for i in plan.get("questions", []) if i in by_id]
            self._orders: dict[str, list[str]] = {k: list(v) for k, v in plan.get("options", {}).items()}
        else:
            wanted = set(only) if only is not None else None
            self.questions = [q for q in quiz.questions if wanted is None or q.id in wanted]
            self._orders = {}
            for question in self.questions:
                self._orders.update(option_orders(question, shuffles(quiz.shuffle, question), rng))
        self.results: dict[str, Judgement] = {}
        self.attempt_id: int | None = None  # the store's attempt, once the first answer is saved
        hashes = {q.id: q.content_hash for q in self.questions}
        for answer in answered:  # an answer to a question edited since is not kept: it is asked again
            if hashes.get(answer.question_id) == answer.content_hash:
                self.results[answer.question_id] = judgement_of(answer)
        self.index = next((i for i, q in enumerate(self.questions) if q.id not in self.results), len(self.questions))

    @property
    def plan(self) -> dict[str, Any]:
        """The order shown, as ids: what the store keeps with the attempt."""
        return {"questions": [q.id for q in self.questions], "options": self._orders}

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < len(self.questions) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.questions)

    def options(self, question: Question, step: Step | None = None) -> list[Option]:
        """The options in the order shown."""
        key = f"{question.id}/{step.id}" if step else question.id
        return ordered(step.options if step else question.options, self._orders.get(key))

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
