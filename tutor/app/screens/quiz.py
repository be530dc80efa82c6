"""The quiz player: one question at a time, feedback that names the rule and its source (the one
question view, tutor/app/screens/answering.py), then the results."""

from __future__ import annotations

import time
from typing import ClassVar

from textual.binding import Binding, BindingType

from tutor.app.messages import AnswerRecorded, QuizFinished
from tutor.app.screens.answering import AnsweringScreen
from tutor.content.model import Question, Quiz, Source
from tutor.progress import OpenAttempt, ProgressStoreError
from tutor.progress.answering import save_answer
from tutor.progress.scoring import Judgement, QuizRun


class QuizScreen(AnsweringScreen):
    HELP = "Quiz"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave quiz", id="quiz.leave", tooltip="leave the quiz (answers so far are saved)"),
    ]

    def __init__(self, quiz: Quiz, only: list[str] | None = None, resume: OpenAttempt | None = None,
                 seed: int | None = None) -> None:
        super().__init__()
        self.quiz = quiz
        if resume is not None:
            self.run = QuizRun(quiz, plan=resume.plan, answered=resume.answers)
            self.run.attempt_id = resume.id
        else:
            self.run = QuizRun(quiz, only, seed=seed)

    def on_mount(self) -> None:
        self.title = self.quiz.title
        if self.run.finished:
            self._finish()
        else:
            self.show_question()

    def reload(self, quiz: Quiz) -> None:
        """Go on with the quiz as its file reads now (an author saved it, `--watch`): the question
        on screen is shown again as written now, with the options in the order shown before;
        answers to questions that did not change are kept."""
        old = self.run
        current = old.current.id if old.current is not None else None
        wanted = set(old.plan["questions"]) if old.kind == "retry" else None
        ids = [q.id for q in quiz.questions if wanted is None or q.id in wanted]
        run = QuizRun(quiz, plan={"questions": ids, "options": old.plan["options"]})
        run.kind, run.attempt_id = old.kind, old.attempt_id
        before = {q.id: q.content_hash for q in old.questions}
        run.results = {q.id: old.results[q.id] for q in run.questions
                       if q.id in old.results and q.id != current and before.get(q.id) == q.content_hash}
        run.index = ids.index(current) if current is not None and current in ids else next(
            (i for i, qid in enumerate(ids) if qid not in run.results), len(ids))
        self.quiz, self.run = quiz, run
        self.title = quiz.title
        if run.finished:
            self._finish()
        else:
            self.show_question()

    @property
    def question(self) -> Question:
        question = self.run.current
        assert question is not None
        return question

    def show_question(self) -> None:
        place = f"question {self.run.index + 1} of {self.run.total}"
        retry = self.run.kind == "retry"
        self.sub_title = f"retry: {place}" if retry else place
        # A retry says so on every question: it is practice, and the quiz's score stays what it was.
        self.ask(self.question, self.run.options,
                 f"Retry of the ones you missed: {place}" if retry else place[0].upper() + place[1:])

    def save(self, question: Question, judgement: Judgement) -> None:
        store, course = self.tutor.store, self.tutor.course
        if self.run.attempt_id is None:  # started with the first answer: leaving at once records nothing
            self.run.attempt_id = store.start_attempt(course.id, self.quiz.id, self.run.kind, self.run.plan)
        save_answer(store, course.id, self.quiz.id, question, judgement, seconds=time.monotonic() - self.asked_at,
                    scheduler=self.tutor.scheduler, hints=self.hints_shown, attempt_id=self.run.attempt_id)
        self.run.record(question, judgement)
        self.post_message(AnswerRecorded(self.quiz.id, question.id, judgement.correct, judgement.score))

    def source_of(self, question: Question) -> Source | None:
        lesson = self.tutor.course.lessons.get(self.quiz.lesson)
        return lesson.source(question.source) if lesson is not None else None

    def quiz_id_of(self, question: Question) -> str | None:
        return self.quiz.id

    def next_label(self) -> str:
        return "See results" if self.run.index + 1 >= self.run.total else "Next question"

    def go_on(self) -> None:
        if self.run.advance() is None:
            self._finish()
        else:
            self.show_question()

    def _finish(self) -> None:
        if self.run.attempt_id is not None and self.run.total:
            try:
                self.tutor.store.finish_attempt(self.run.attempt_id, self.run.score, self.run.total)
            except ProgressStoreError as exc:  # the answers are saved; the results can still be shown
                self.tutor.store_failed(exc, always=True)
        self.post_message(QuizFinished(self.quiz, self.run))
