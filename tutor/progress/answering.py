"""Recording an answer as every face does it: the answer, and its question's place in the review
queue, saved together in one transaction. The app, the plain mode and the tests all call this,
so a quiz taken anywhere records the same rows."""

from __future__ import annotations

from tutor.content.model import Question
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import Judgement
from tutor.progress.store import ProgressStore


def save_answer(store: ProgressStore, course_id: str, quiz_id: str, question: Question, judgement: Judgement,
                *, seconds: float, scheduler: ReviewScheduler, hints: int = 0, attempt_id: int | None = None,
                readiness_id: int | None = None) -> int:
    """Save the answer (on disk when this returns) and reschedule the question: a wrong answer puts
    it in the review queue, a later one moves it (right: Good, right after a hint: Hard)."""
    return store.record_answer(
        course_id, quiz_id, question.id, chosen=judgement.chosen, path=judgement.path,
        correct=judgement.correct, score=judgement.score, seconds=max(0.0, round(seconds, 3)),
        content_hash=question.content_hash, attempt_id=attempt_id, readiness_id=readiness_id, hints=hints,
        reschedule=scheduler.after_answer(judgement.correct, hinted=hints > 0),
    )
