"""Progress as a learner makes it, written through the real store: answers to the fixture pack's quiz,
and a finished readiness check of any course (what `tutor report` needs)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tutor.content.model import Course
from tutor.progress import open_store
from tutor.progress.readiness_check import ReadinessRun, judge
from tutor.progress.scoring import ScenarioWalk, judge_choice


def answers_recorded(data_dir: Path, count: int = 25) -> Path:
    """A closed database with `count` answers to the fixture pack's quiz; returns its path."""
    with open_store(data_dir) as store:
        attempt = store.start_attempt("test-pack", "stay")
        for n in range(count):
            store.record_answer("test-pack", "stay", "zoom-link" if n % 2 else "contact-details",
                                chosen=["join"] if n % 2 else ["email", "phone"], correct=n % 2 == 0,
                                score=float(n % 2 == 0), seconds=1.5, content_hash="h" * 16, attempt_id=attempt)
        store.finish_attempt(attempt, count / 2, float(count))
        return store.path


def answer_count(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT count(*) FROM answers").fetchone()[0])
    finally:
        conn.close()


def readiness_taken(data_dir: Path, course: Course, right: bool = False) -> None:
    """A finished readiness check of `course`: every question answered with its first option, or
    (`right`) with its right options (a scenario walks its first options either way)."""
    with open_store(data_dir) as store:
        run = ReadinessRun(course, seed=2)
        readiness_id = store.start_readiness(course.id, run.plan)
        for item in run.items:
            question = item.question
            if question.kind == "scenario":
                walk = ScenarioWalk(question)
                while not walk.finished:
                    walk.choose(run.options(item, walk.step)[0].id)
                judgement = walk.judgement()
            elif right:
                judgement = judge_choice(question, [option.id for option in question.options if option.correct])
            else:
                judgement = judge_choice(question, [run.options(item, None)[0].id])
            store.record_answer(course.id, item.quiz.id, question.id, chosen=judgement.chosen, path=judgement.path,
                                correct=judgement.correct, score=judgement.score, seconds=1,
                                content_hash=question.content_hash, readiness_id=readiness_id)
            run.record(item, judgement)
        result = judge(run)
        store.finish_readiness(readiness_id, {m.module_id: m.share for m in result.modules}, result.passed,
                               result.score, result.total, result.reasons)
