"""The readiness check: "am I ready for a first job?", answered honestly.

Questions are drawn from every module's quizzes, new ones to this learner first (readiness_draw.py;
course.toml's [readiness] sets how many per module, the pass mark, the module floor and an optional
time limit), shown in a random order with shuffled options, and judged only at the end (exam mode).
"Ready" needs all three: the score at the pass mark, no question marked `risk = "high"` missed (a
mistake that can cost the account or the money), and every module at or above the module floor.
Every reason and every piece of evidence is worded from the check's own numbers and the choices
taken. A check is saved answer by answer and can be resumed; its plan (what was drawn, in what
order) is kept with it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from tutor.content.model import Course, CourseTexts, Option, Question, Source, Step
from tutor.content.tells import steps_that_can_end_well
from tutor.progress import wording
from tutor.progress.feedback import good_path
from tutor.progress.readiness_draw import Item, draw
from tutor.progress.records import ReadinessAttempt, ReadinessHistory, StoredAnswer
from tutor.progress.scoring import Judgement, judgement_of, option_orders, ordered, shuffles
from tutor.progress.wording import joined

if TYPE_CHECKING:
    from tutor.progress.store import ProgressStore

__all__ = ["Circumstances", "Item", "Missed", "ModuleResult", "ReadinessResult", "ReadinessRun", "finished_result",
           "judge"]


class ReadinessRun:
    """One readiness check: the questions drawn, their option orders, and the answers so far."""

    def __init__(self, course: Course, seed: int | None = None, plan: Mapping[str, Any] | None = None,
                 answered: Sequence[StoredAnswer] = (), history: ReadinessHistory | None = None) -> None:
        self.course = course
        rng = random.Random(seed)
        if plan is None:
            self.items = draw(course, rng, history)
            # How many of them this learner never met in a check: "12 of these 20 are new to you".
            self.new = sum(item.key not in history.met for item in self.items) if history else len(self.items)
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
            self.new = int(plan.get("new", len(self.items)))
        self.pass_mark = course.readiness.pass_mark or course.pass_mark
        self.module_floor = course.readiness.module_floor
        self.started_at: datetime | None = None  # when the learner started (set by readiness_session)
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
                "minutes": self.minutes, "new": self.new}

    @property
    def answered(self) -> int:
        return len(self.results)

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
    mistake: str = ""  # the choice that made it wrong: 'you chose “...”, which led to a bad ending'


class Circumstances(Struct, frozen=True):
    """What the evidence for a verdict says beyond the answers: how much of the course had been
    read when the check was taken, and how long it took."""

    lessons_read: int
    lessons_total: int
    seconds: float | None = None


class ReadinessResult(Struct, frozen=True):
    score: float
    total: int
    pass_mark: float
    passed: bool
    reasons: tuple[str, ...]  # why "not yet" (empty when ready)
    modules: tuple[ModuleResult, ...]  # weakest first
    missed: tuple[Missed, ...]
    module_floor: float = 0.6
    evidence: tuple[str, ...] = ()  # what a "Ready" rests on (empty when not yet)
    texts: CourseTexts = CourseTexts()  # the pack's words for the verdict (course.toml's [texts])

    @property
    def share(self) -> float:
        return self.score / self.total if self.total else 0.0

    @property
    def verdict(self) -> str:
        return wording.verdict_word(self.passed, self.texts)

    @property
    def headline(self) -> str:
        """The verdict with what it rests on: 'Ready for a first job: 19 of 20 (95%), weakest module 75%'."""
        weakest = self.modules[0].share if self.modules else None
        return wording.verdict_headline(self.passed, self.score, self.total, weakest, self.texts)

    @property
    def explanation(self) -> tuple[str, ...]:
        """The reasons for "Not yet", the evidence for "Ready": what every face lists under the headline."""
        return self.evidence if self.passed else self.reasons


def judge(run: ReadinessRun, timed_out: bool = False, circumstances: Circumstances | None = None) -> ReadinessResult:
    """The verdict: the score at the pass mark, no high-risk question missed, and every module at or
    above the floor. Questions not answered (time ran out) count as missed."""
    course = run.course
    score = sum(j.score for j in run.results.values())
    total = run.total
    share = score / total if total else 0.0
    missed = tuple(_missed(course, run, item) for item in run.items
                   if item.key not in run.results or not run.results[item.key].correct)
    modules = _modules(course, run, missed)
    reasons: list[str] = []
    if share < run.pass_mark:
        reasons.append(wording.score_reason(score, total, run.pass_mark))
    reasons += [wording.floor_reason(m.title, m.score, m.total, run.module_floor) for m in modules
                if m.share < run.module_floor]
    unanswered = sum(item.key not in run.results for item in run.items)
    if timed_out and unanswered:
        reasons.append(wording.timeout_reason(unanswered, total))
    reasons += [wording.high_risk_reason(wrong.mistake, course.texts) for wrong in missed if wrong.high_risk]
    passed = total > 0 and not reasons
    evidence = _evidence(run, modules, circumstances) if passed else ()
    return ReadinessResult(score, total, run.pass_mark, passed, tuple(reasons), modules, missed, run.module_floor,
                           evidence, course.texts)


def _modules(course: Course, run: ReadinessRun, missed: tuple[Missed, ...]) -> tuple[ModuleResult, ...]:
    """Each module's points, weakest first; its lesson is where its first missed question is taught."""
    module_of = {item.key: item.module_id for item in run.items}
    first_missed: dict[str, str] = {}
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
    return tuple(modules)


def _evidence(run: ReadinessRun, modules: tuple[ModuleResult, ...],
              circumstances: Circumstances | None) -> tuple[str, ...]:
    """What a "Ready" rests on: what was asked, the weakest module, the high-risk questions handled,
    how much was read and how long it took, and when the course's rules were checked."""
    in_course_order = sorted(modules, key=lambda m: [mod.id for mod in run.course.modules].index(m.module_id))
    lines = [wording.questions_evidence([(m.title, m.total) for m in in_course_order])]
    if modules:
        weakest = modules[0]
        lines.append(wording.weakest_evidence(weakest.title, weakest.score, weakest.total, run.module_floor))
    handled = [_choice_words(item.question, run.results[item.key]) for item in run.items
               if item.question.risk == "high" and item.key in run.results]
    lines.append(wording.high_risk_evidence(handled))
    if circumstances is not None:
        lines.append(wording.lessons_evidence(circumstances.lessons_read, circumstances.lessons_total))
        if circumstances.seconds is not None:
            lines.append(wording.time_evidence(circumstances.seconds))
    lines.append(wording.sources_evidence(run.course.last_checked()))
    return tuple(lines)


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
    recorded = {"score": attempt.score, "total": int(attempt.total)} if attempt.score is not None and attempt.total \
        else {}
    return attempt, msgspec.structs.replace(result, passed=attempt.passed, reasons=attempt.reasons,
                                            evidence=attempt.evidence, **recorded)


def _missed(course: Course, run: ReadinessRun, item: Item) -> Missed:
    question = item.question
    judgement = run.results.get(item.key)
    lesson = course.lessons.get(item.quiz.lesson)
    source = lesson.source(question.source) if lesson is not None else None
    return Missed(item.quiz.id, question.id, item.quiz.lesson, question.prompt,
                  _answer_text(question, judgement) if judgement else "(not answered)",
                  _right_text(question), question.explanation, source, question.risk == "high",
                  _choice_words(question, judgement) if judgement else wording.not_answered(question.prompt))


def _choice_words(question: Question, judgement: Judgement) -> str:
    """What the learner did, named by the choice taken: in a story that went wrong, the choice after
    which no good ending was left (the mistake, not the story's setup)."""
    if question.kind == "scenario":
        return _scenario_choice(question, judgement)
    chosen = [o for o in question.options if o.id in judgement.chosen]
    if question.kind == "truefalse":
        return wording.answered_statement(chosen[0].text if chosen else "nothing", question.prompt)
    if question.kind == "multi" and not judgement.correct:
        return wording.ticked([o.text for o in chosen if not o.correct],
                              [o.text for o in question.options if o.correct and o.id not in judgement.chosen])
    return "; ".join(wording.chose(o.text) for o in chosen) or wording.not_answered(question.prompt)


def _scenario_choice(question: Question, judgement: Judgement) -> str:
    taken: list[Option] = []
    for pair in judgement.path:
        step_id, _, option_id = pair.partition("/")
        step = question.step(step_id)
        option = step.option(option_id) if step else None
        if option is not None:
            taken.append(option)
    if not taken:
        return wording.not_answered(question.prompt)
    if judgement.correct:
        return wording.chose(taken[-1].text)
    hopeful = steps_that_can_end_well(question)
    turn = next((o for o in taken if o.outcome is not None or o.next not in hopeful), taken[-1])
    return wording.chose(turn.text, judgement.outcome or taken[-1].outcome)


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
