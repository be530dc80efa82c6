"""The readiness check: "am I ready for a first job?", answered honestly.

Questions are drawn at random from every module's quizzes (course.toml's [readiness] sets how many
per module, the pass mark and an optional time limit), shown in a random order with shuffled
options, and judged only at the end (exam mode). Missing any question marked `risk = "high"` (a
mistake that can cost the account or the money) makes the verdict "not yet" whatever the score.
A check is saved answer by answer and can be resumed; its plan (what was drawn, in what order)
is kept with it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from tutor.content.model import Course, Option, Question, Quiz, Source, Step
from tutor.progress.feedback import good_path
from tutor.progress.records import ReadinessAttempt, StoredAnswer
from tutor.progress.scoring import Judgement, judgement_of, option_orders, ordered, shuffles
from tutor.progress.wording import NOT_YET, READY, joined, percent

if TYPE_CHECKING:
    from tutor.progress.store import ProgressStore



class Item(Struct, frozen=True):
    """One drawn question, with where it comes from."""

    quiz: Quiz
    question: Question
    module_id: str

    @property
    def key(self) -> str:
        return f"{self.quiz.id}/{self.question.id}"


def draw(course: Course, rng: random.Random) -> list[Item]:
    """Up to `questions_per_module` questions from each module, spread over its quizzes (round
    robin, each quiz in a random order), then all of them in a random order. A quiz is parsed only
    when the draw reaches it, so a large course costs a few quizzes per module, not all of them."""
    per_module = course.readiness.questions_per_module
    items: list[Item] = []
    for module in course.modules:
        quiz_ids = list(dict.fromkeys(q for q in (course.quiz_id_for(lid) for lid in module.lessons) if q))
        rng.shuffle(quiz_ids)
        pools: dict[str, list[tuple[Quiz, Question]]] = {}
        picked = 0
        while picked < per_module and quiz_ids:
            for quiz_id in list(quiz_ids):
                if picked >= per_module:
                    break
                if quiz_id not in pools:
                    quiz = course.quiz(quiz_id)
                    pool = [(quiz, q) for q in quiz.questions] if quiz is not None else []
                    rng.shuffle(pool)
                    pools[quiz_id] = pool
                if not pools[quiz_id]:
                    quiz_ids.remove(quiz_id)
                    continue
                quiz, question = pools[quiz_id].pop()
                items.append(Item(quiz, question, module.id))
                picked += 1
    rng.shuffle(items)
    return items


class ReadinessRun:
    """One readiness check: the questions drawn, their option orders, and the answers so far."""

    def __init__(self, course: Course, seed: int | None = None, plan: Mapping[str, Any] | None = None,
                 answered: Sequence[StoredAnswer] = ()) -> None:
        self.course = course
        rng = random.Random(seed)
        if plan is None:
            self.items = draw(course, rng)
            self._orders: dict[str, list[str]] = {}
            for item in self.items:
                for key, order in option_orders(item.question, shuffles(item.quiz.shuffle, item.question),
                                                rng).items():
                    self._orders[f"{item.quiz.id}/{key}"] = order
            self.minutes = course.readiness.minutes
        else:
            self.items = _items_of(course, plan)
            self._orders = {k: list(v) for k, v in plan.get("options", {}).items()}
            self.minutes = plan.get("minutes")
        self.pass_mark = course.readiness.pass_mark or course.pass_mark
        self.results: dict[str, Judgement] = {}
        self.hints_used: dict[str, int] = {}
        by_key = {item.key: item for item in self.items}
        for answer in answered:
            asked = by_key.get(f"{answer.quiz_id}/{answer.question_id}")
            if asked is not None and asked.question.content_hash == answer.content_hash:
                self.results[asked.key] = judgement_of(answer)
        self.index = next((i for i, item in enumerate(self.items) if item.key not in self.results), len(self.items))
        self.readiness_id: int | None = None

    @property
    def plan(self) -> dict[str, Any]:
        return {"items": [[i.quiz.id, i.question.id, i.module_id] for i in self.items], "options": self._orders,
                "minutes": self.minutes}

    @property
    def current(self) -> Item | None:
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    def options(self, item: Item, step: Step | None = None) -> list[Option]:
        key = f"{item.key}/{step.id}" if step else item.key
        return ordered(step.options if step else item.question.options, self._orders.get(key))

    def record(self, item: Item, judgement: Judgement) -> None:
        self.results[item.key] = judgement

    def advance(self) -> Item | None:
        self.index += 1
        return self.current

    def deadline(self, started_at: datetime) -> datetime | None:
        return started_at + timedelta(minutes=self.minutes) if self.minutes else None


def _items_of(course: Course, plan: Mapping[str, Any]) -> list[Item]:
    items = []
    for quiz_id, question_id, module_id in plan.get("items", []):
        quiz = course.quiz(quiz_id)
        question = quiz.question(question_id) if quiz is not None else None
        if quiz is not None and question is not None:  # a question removed since is left out
            items.append(Item(quiz, question, module_id))
    return items


class ModuleResult(Struct, frozen=True):
    module_id: str
    title: str
    score: float
    total: int
    lesson_id: str  # where to study it: the lesson of its first missed question, else its first lesson

    @property
    def share(self) -> float:
        return self.score / self.total if self.total else 0.0


class Missed(Struct, frozen=True):
    """A question answered wrong (or not at all), with everything the learner needs to learn from it."""

    quiz_id: str
    question_id: str
    lesson_id: str
    prompt: str
    your_answer: str
    right_answer: str
    explanation: str
    source: Source | None
    high_risk: bool


class ReadinessResult(Struct, frozen=True):
    score: float
    total: int
    pass_mark: float
    passed: bool
    reasons: tuple[str, ...]  # why "not yet" (empty when ready)
    modules: tuple[ModuleResult, ...]  # weakest first
    missed: tuple[Missed, ...]

    @property
    def share(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def verdict(self) -> str:
        return READY if self.passed else NOT_YET


def judge(run: ReadinessRun, timed_out: bool = False) -> ReadinessResult:
    """The verdict: the score against the pass mark, and no high-risk question missed. Questions
    not answered (time ran out) count as missed."""
    course = run.course
    score = sum(j.score for j in run.results.values())
    total = run.total
    share = score / total if total else 0.0
    missed = tuple(_missed(course, run, item) for item in run.items
                   if item.key not in run.results or not run.results[item.key].correct)
    reasons: list[str] = []
    if share < run.pass_mark:
        reasons.append(f"Your score, {percent(share)}, is below the pass mark of {percent(run.pass_mark)}.")
    unanswered = sum(item.key not in run.results for item in run.items)
    if timed_out and unanswered:
        reasons.append(f"Time ran out with {unanswered} question{'s' * (unanswered != 1)} unanswered.")
    for wrong in missed:
        if wrong.high_risk:
            reasons.append(f"You missed a high-risk question, a mistake that can cost the account or the money: "
                           f"\u201c{wrong.prompt}\u201d")
    module_of = {item.key: item.module_id for item in run.items}
    first_missed: dict[str, str] = {}  # module id -> the lesson of its first missed question
    for wrong in missed:
        first_missed.setdefault(module_of[f"{wrong.quiz_id}/{wrong.question_id}"], wrong.lesson_id)
    points: dict[str, float] = {}
    counts: dict[str, int] = {}
    for item in run.items:
        counts[item.module_id] = counts.get(item.module_id, 0) + 1
        judgement = run.results.get(item.key)
        points[item.module_id] = points.get(item.module_id, 0.0) + (judgement.score if judgement else 0.0)
    modules = [ModuleResult(module.id, module.title, points[module.id], counts[module.id],
                            first_missed.get(module.id, module.lessons[0]))
               for module in course.modules if module.id in counts]
    modules.sort(key=lambda m: (m.share, m.title))
    passed = total > 0 and not reasons
    return ReadinessResult(score, total, run.pass_mark, passed, tuple(reasons), tuple(modules), missed)


def finished_result(course: Course, store: ProgressStore,
                    attempt: ReadinessAttempt | None = None) -> tuple[ReadinessAttempt, ReadinessResult] | None:
    """A finished check (the latest when `attempt` is None) and its result, rebuilt from its plan and
    answers; the verdict and its reasons are the ones recorded when it was taken."""
    if attempt is None:
        attempts = store.readiness_attempts(course.id)
        if not attempts:
            return None
        attempt = attempts[-1]
    plan = store.readiness_plan(attempt.id)
    if plan is None:
        return None
    run = ReadinessRun(course, plan=plan, answered=store.readiness_answers(attempt.id))
    result = judge(run)
    return attempt, msgspec.structs.replace(result, passed=attempt.passed, reasons=attempt.reasons)


def _missed(course: Course, run: ReadinessRun, item: Item) -> Missed:
    question = item.question
    judgement = run.results.get(item.key)
    lesson = course.lessons.get(item.quiz.lesson)
    source = lesson.source(question.source) if lesson is not None else None
    return Missed(item.quiz.id, question.id, item.quiz.lesson, question.prompt,
                  _answer_text(question, judgement) if judgement else "(not answered)",
                  _right_text(question), question.explanation, source, question.risk == "high")


def _answer_text(question: Question, judgement: Judgement) -> str:
    if question.kind == "scenario":
        texts = []
        for pair in judgement.path:
            step_id, _, option_id = pair.partition("/")
            step = question.step(step_id)
            option = step.option(option_id) if step else None
            if option is not None:
                texts.append(option.text)
        return joined(texts, "; then ") or "(no choice)"
    texts = [o.text for o in question.options if o.id in judgement.chosen]
    return joined(texts, "; ") or "(nothing chosen)"


def _right_text(question: Question) -> str:
    if question.kind == "scenario":
        return joined([step.choice for step in good_path(question)], "; then ")
    return joined([o.text for o in question.options if o.correct], "; ")
