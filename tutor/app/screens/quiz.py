"""The quiz player: one question at a time, feedback that names the rule and its source (the one
question view, tutor/app/screens/answering.py), then the results."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import ClassVar

from msgspec import structs
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

    def reload(self, quiz: Quiz, in_file: Sequence[str]) -> None:
        """Go on with the quiz as its file reads now (an author saved it, `--watch`). `in_file` are
        the ids of the questions the file holds, in its order, errors or not: a question with an
        error now stays on as its last good version (tutor check says what is wrong), so the author
        never loses her place. The question on screen is shown again as written now, where she was
        in it when its structure did not change (the same step, the same answer with the new
        feedback); answers to questions that did not change are kept. Nothing the edit causes is
        recorded: the attempt goes on."""
        old = self.run
        current = old.current.id if old.current is not None else None
        fresh = {q.id: q for q in quiz.questions}
        last_good = {q.id: q for q in old.questions}
        wanted = set(old.plan["questions"]) if old.kind == "retry" else None
        ids = [qid for qid in dict.fromkeys(in_file)
               if (qid in fresh or qid in last_good) and (wanted is None or qid in wanted)]
        questions = tuple(fresh.get(qid) or last_good[qid] for qid in ids)
        shown = structs.replace(quiz, questions=questions)
        run = QuizRun(shown, plan={"questions": ids, "options": old.plan["options"]})
        run.kind, run.attempt_id = old.kind, old.attempt_id
        before = {q.id: q.content_hash for q in old.questions}
        shaped = {q.id: q.structure for q in old.questions}
        run.results = {q.id: old.results[q.id] for q in run.questions
                       if q.id in old.results and before.get(q.id) == q.content_hash}
        if current in ids:
            run.index = ids.index(current)
        else:  # deleted: the next question after it, else the last one (an edit never ends the quiz)
            after = [qid for qid in old.plan["questions"][old.index:] if qid in ids]
            run.index = ids.index(after[0]) if after else max(len(ids) - 1, 0)
        self.quiz, self.run = shown, run
        self.title = quiz.title
        self.sub_title = self._place().lower()
        if not ids:
            return  # every question deleted: the last good screen stays until one is back
        question = self.question
        reason = "" if question.id in fresh else ("Shown as last saved without errors: the file has an error in "
                                                  "this question now (the panel below says which).")
        if current == question.id and shaped.get(question.id) == question.structure:
            self.ask_again(question, self.run.options, self._place(), reason, run.results.get(question.id))
        else:
            self.ask(question, self.run.options, self._place(), reason)

    def _place(self) -> str:
        # A retry says so on every question: it is practice, and the quiz's score stays what it was.
        place = f"question {self.run.index + 1} of {self.run.total}"
        return f"Retry of the ones you missed: {place}" if self.run.kind == "retry" else place.capitalize()

    @property
    def question(self) -> Question:
        question = self.run.current
        assert question is not None
        return question

    def show_question(self) -> None:
        place = f"question {self.run.index + 1} of {self.run.total}"
        self.sub_title = f"retry: {place}" if self.run.kind == "retry" else place
        self.ask(self.question, self.run.options, self._place())

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
