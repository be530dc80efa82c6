"""Taking a readiness check against the store, as every face does it: draw a new check for this
learner (or take up the one left half-way), start it, save each answer as it is given, and finish
with the verdict recorded beside its reasons or its evidence. The app, the plain mode and the
guessing learners of the test suite all go through these functions, so they record the same rows
and reach the same verdict.
"""

from __future__ import annotations

from tutor.content.model import Course
from tutor.progress.answering import save_answer
from tutor.progress.readiness_check import Circumstances, Item, ReadinessResult, ReadinessRun, judge
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import Judgement
from tutor.progress.store import ProgressStore


def new_check(course: Course, store: ProgressStore, seed: int | None = None) -> ReadinessRun:
    """A check drawn for this learner: questions not met in an earlier check first, then those
    missed, and none of the previous check's unless the course has no others."""
    return ReadinessRun(course, seed=seed, history=store.readiness_history(course.id))


def left_check(course: Course, store: ProgressStore) -> ReadinessRun | None:
    """The check this learner started and did not finish, with its answers so far (None if none,
    or if none of its questions is left in the course)."""
    left = store.open_readiness(course.id)
    if left is None:
        return None
    run = ReadinessRun(course, plan=left.plan, answered=left.answers)
    if not run.total:
        return None
    run.readiness_id, run.started_at = left.id, left.started_at
    return run


def start(store: ProgressStore, run: ReadinessRun) -> None:
    """The learner starts: the check and its plan are saved from here on."""
    run.readiness_id = store.start_readiness(run.course.id, run.plan)
    run.started_at = store.now()


def answer(store: ProgressStore, run: ReadinessRun, judgement: Judgement, *, seconds: float,
           scheduler: ReviewScheduler) -> Item | None:
    """Save the answer to the current question (on disk when this returns), then go on; returns the
    next question, or None at the end."""
    item = run.current
    if item is None:
        raise ValueError("the readiness check has no question left to answer")
    save_answer(store, run.course.id, item.quiz.id, item.question, judgement, seconds=seconds, scheduler=scheduler,
                readiness_id=run.readiness_id)
    run.record(item, judgement)
    return run.advance()


def finish(store: ProgressStore, run: ReadinessRun, timed_out: bool = False) -> ReadinessResult:
    """Judge the check and record the verdict with its reasons, or the evidence a "Ready" rests on
    (how many lessons were read, how long it took)."""
    course = run.course
    states = store.lesson_states(course.id, list(course.lessons))
    read = sum(state.status == "done" for state in states.values())
    seconds = (store.now() - run.started_at).total_seconds() if run.started_at is not None else None
    result = judge(run, timed_out=timed_out, circumstances=Circumstances(read, len(course.lessons), seconds))
    if run.readiness_id is not None and result.total:
        store.finish_readiness(run.readiness_id, {m.module_id: m.share for m in result.modules}, result.passed,
                               result.score, result.total, result.reasons, result.evidence,
                               (read, len(course.lessons)))
    return result
