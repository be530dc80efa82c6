"""Learners who know nothing and guess, each by one habit, and one who knows everything. They answer
through the same core functions as the app and the plain mode: the readiness check with
readiness_session (a real store on disk), every quiz with QuizRun; options are seen in the order
those show them."""

from __future__ import annotations

import random
import re
import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from msgspec import Struct, structs

from tutor.content.model import Course, Option, Question, Step
from tutor.content.tells import steps_that_can_end_well
from tutor.progress import ProgressStore, open_store
from tutor.progress import readiness_session as session
from tutor.progress.readiness_check import ReadinessResult
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import Judgement, QuizRun, ScenarioWalk, judge_choice

# A habit: given the question, the step (scenarios) and the options as shown, the ids it picks.
Habit = Callable[[Question, Step | None, list[Option], random.Random], list[str]]

_STOP = set("the a an and or to of in on for is are be it you your they them their this that with as at by from "
            "not do if then so but have has was will can just what which who when".split())
_ABSOLUTE = re.compile(r"\b(always|never|all|every|only|any|anything|nothing|guaranteed|must|no one|nobody|"
                       r"everyone|everything|completely)\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'$0-9]+", text.lower()) if w not in _STOP and len(w) > 2}


def _best(options: list[Option], key: Callable[[Option], float]) -> list[str]:
    """The option with the highest key; the first shown among equals (a guesser reads top down)."""
    return [max(options, key=key).id]


def longest(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    if question.kind == "multi":  # the longer half
        cut = statistics.median(len(o.text) for o in options)
        return [o.id for o in options if len(o.text) >= cut]
    return _best(options, lambda o: len(o.text))


def shortest(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    if question.kind == "multi":
        cut = statistics.median(len(o.text) for o in options)
        return [o.id for o in options if len(o.text) <= cut]
    return _best(options, lambda o: -len(o.text))


def first(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    return [options[0].id]


def last(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    return [options[-1].id]


def at_random(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    if question.kind == "multi":
        return [o.id for o in options if rng.random() < 0.5] or [rng.choice(options).id]
    return [rng.choice(options).id]


def prompt_words(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    """The option sharing most words with what was asked (the prompt, and the step's text)."""
    asked = _words(question.prompt + " " + (step.text if step else ""))
    if question.kind == "multi":
        shared = [len(_words(o.text) & asked) for o in options]
        return [o.id for o, n in zip(options, shared, strict=True) if n and n >= statistics.mean(shared)] \
            or [options[0].id]
    return _best(options, lambda o: len(_words(o.text) & asked))


def always_false(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    if question.kind == "truefalse":
        return ["false"]
    return at_random(question, step, options, rng)


def all_but_shortest(question: Question, step: Step | None, options: list[Option],
                     rng: random.Random) -> list[str]:
    if question.kind == "multi":
        short = min(options, key=lambda o: len(o.text))
        return [o.id for o in options if o is not short]
    return at_random(question, step, options, rng)


def no_absolutes(question: Question, step: Step | None, options: list[Option], rng: random.Random) -> list[str]:
    """Skips options with absolute words ("always", "never"), as test-taking advice says."""
    plain = [o for o in options if not _ABSOLUTE.search(o.text)] or options
    if question.kind == "multi":
        return [o.id for o in plain]
    return [rng.choice(plain).id]


def length_and_false(question: Question, step: Step | None, options: list[Option],
                     rng: random.Random) -> list[str]:
    """Issue 21's guesser: the longest option, False on every true/false, all but the shortest in
    select-all. It scored a median of 72% and was "Ready" in 3 of 30 checks of the course then."""
    if question.kind == "truefalse":
        return ["false"]
    if question.kind == "multi":
        return all_but_shortest(question, step, options, rng)
    return longest(question, step, options, rng)


def knows_everything(question: Question, step: Step | None, options: list[Option],
                     rng: random.Random) -> list[str]:
    if question.kind == "scenario":
        assert step is not None
        hopeful = steps_that_can_end_well(question)
        good = [o for o in options if o.outcome == "good"] or [o for o in options if o.next in hopeful]
        return [good[0].id]
    return [o.id for o in options if o.correct]


GUESSERS: dict[str, Habit] = {
    "longest": longest, "shortest": shortest, "first": first, "last": last, "random": at_random,
    "prompt words": prompt_words, "always False": always_false, "all but the shortest": all_but_shortest,
    "no absolute words": no_absolutes, "longest, False, all but the shortest": length_and_false,
}


def answer_with(habit: Habit, question: Question, options_for: Callable[[Step | None], list[Option]],
                rng: random.Random) -> Judgement:
    """One question answered by a habit, through the core's own judging (a scenario walked step by step)."""
    if question.kind == "scenario":
        walk = ScenarioWalk(question)
        while not walk.finished:
            assert walk.step is not None
            [chosen] = habit(question, walk.step, options_for(walk.step), rng)[:1]
            walk.choose(chosen)
        return walk.judgement()
    return judge_choice(question, habit(question, None, options_for(None), rng))


@contextmanager
def learner_store(folder: Path) -> Iterator[ProgressStore]:
    """A real progress store for one learner; in memory-backed /dev/shm when there is one, so that 600
    answers' fsyncs do not make the suite slow (the store does not know the difference)."""
    import tempfile

    shm = Path("/dev/shm")
    with tempfile.TemporaryDirectory(dir=shm if shm.is_dir() else folder) as place, open_store(place) as store:
        yield store


def readiness_check(course: Course, habit: Habit, store: ProgressStore, rng: random.Random,
                    seed: int) -> ReadinessResult:
    """One readiness check taken by a learner with this habit, from the draw to the recorded verdict."""
    run = session.new_check(course, store, seed=seed)
    session.start(store, run)
    while (item := run.current) is not None:
        judgement = answer_with(habit, item.question, lambda step, item=item: run.options(item, step), rng)
        session.answer(store, run, judgement, seconds=1.0, scheduler=ReviewScheduler())
    return session.finish(store, run)


def readiness_checks(course: Course, habit: Habit, checks: int, folder: Path, seed: int = 0) -> list[ReadinessResult]:
    """`checks` first readiness checks, each by a new learner with this habit: a learner who retook
    would meet the questions they missed first, which a guesser who repeats a habit misses again, and
    the median would flatter the course. Progress is kept per course id, so each learner is the
    course under an id of their own, in one real store (a store per learner costs a migration each)."""
    rng = random.Random(seed)
    results = []
    with learner_store(folder) as store:
        for n in range(checks):
            learner = structs.replace(course, id=f"{course.id}-learner-{n}")
            results.append(readiness_check(learner, habit, store, rng, seed * 1000 + n))
    return results


class QuizPoints(Struct, frozen=True):
    score: float
    total: int

    @property
    def share(self) -> float:
        return self.score / self.total


def every_quiz(course: Course, habit: Habit, seed: int = 0) -> QuizPoints:
    """Every quiz of the course taken once, with options in the order a fresh attempt shows them."""
    rng = random.Random(seed)
    score, total = 0.0, 0
    for quiz_id in course.quiz_index:
        quiz = course.quiz(quiz_id)
        assert quiz is not None
        run = QuizRun(quiz, seed=rng.randrange(1 << 30))
        while (question := run.current) is not None:
            run.record(question, answer_with(habit, question, lambda step, q=question, r=run: r.options(q, step), rng))
            run.advance()
        score, total = score + run.score, total + run.total
    return QuizPoints(score, total)
