"""A review session: the questions the scheduler says are due, one at a time with full feedback (the
one question view, tutor/app/screens/answering.py), then when the next ones are due and which
questions are weak spots."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType

from tutor.app.messages import OpenLesson
from tutor.app.screens.answering import AnsweringScreen
from tutor.app.widgets.lesson_page import rows
from tutor.content.model import Question, Quiz, Source
from tutor.progress import ReviewItem
from tutor.progress.answering import save_answer
from tutor.progress.scheduling import WEAK_SPOT_MISSES
from tutor.progress.scoring import Judgement, QuizRun
from tutor.progress.wording import when_due


class ReviewScreen(AnsweringScreen):
    HELP = "Reviews"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "lesson", "Lesson", id="review.lesson", tooltip="open this question's lesson"),
        Binding("escape", "leave", "Leave", id="review.leave", tooltip="leave the reviews (answers so far are saved)"),
    ]

    def __init__(self, due: list[ReviewItem]) -> None:
        super().__init__()
        self.due = due
        self.index = -1
        self.reviewed = 0
        self.quiz: Quiz | None = None  # the quiz of the question on screen

    def on_mount(self) -> None:
        self.title = "Reviews"
        self.go_on()

    def next_label(self) -> str:
        return "Next"

    def go_on(self) -> None:
        """On to the next question due."""
        course = self.tutor.course
        while True:
            self.index += 1
            if self.index >= len(self.due):
                self._done()
                return
            card = self.due[self.index]
            quiz = course.quiz(card.quiz_id)
            question = quiz.question(card.question_id) if quiz is not None else None
            if quiz is not None and question is not None:
                break
            # The question is gone from the course: nothing to review any more.
            with self.tutor.keep_going():
                self.tutor.store.remove_review(course.id, card.quiz_id, card.question_id)
        self.quiz = quiz
        self.sub_title = f"review {self.index + 1} of {len(self.due)}"
        reason = self.tutor.describe_review_reason(card.reason) if card.reason else ""
        self.ask(question, QuizRun(quiz, only=[question.id]).options,
                 f"Review {self.index + 1} of {len(self.due)}  ·  from {quiz.title}", reason)

    def save(self, question: Question, judgement: Judgement) -> None:
        assert self.quiz is not None
        save_answer(self.tutor.store, self.tutor.course.id, self.quiz.id, question, judgement,
                    seconds=time.monotonic() - self.asked_at, scheduler=self.tutor.scheduler, hints=self.hints_shown)
        self.reviewed += 1

    def source_of(self, question: Question) -> Source | None:
        lesson = self.tutor.course.lessons.get(self.quiz.lesson) if self.quiz is not None else None
        return lesson.source(question.source) if lesson is not None else None

    def _done(self) -> None:
        self.quiz = None
        self.sub_title = ""
        store, course = self.tutor.store, self.tutor.course
        text = Text(f"{'No reviews are due.' if not self.due else f'Done: {self.reviewed} reviewed.'}\n",
                    style="bold")
        following, weak, now = None, [], store.now()
        with self.tutor.keep_going():
            following = store.next_due(course.id, now)
            weak = store.weak_spots(course.id, WEAK_SPOT_MISSES)
        text.append(f"The next review is due {when_due(following, now)}.\n" if following else
                    "Nothing else is scheduled: questions you miss in a quiz come back here.\n")
        parts: list[RenderableType] = [text]
        items = []
        for spot in weak:
            quiz = course.quiz(spot.quiz_id)
            question = quiz.question(spot.question_id) if quiz is not None else None
            lesson = course.lessons.get(quiz.lesson) if quiz is not None else None
            if question is not None and lesson is not None:
                items.append(("!", Text(f"{question.prompt}\nMissed {spot.misses} times: read again "
                                        f"\u201c{lesson.title}\u201d.")))
        if items:
            parts += [Text("\nWeak spots", style="bold"), rows(items)]
        self.show_done(Group(*parts))

    def action_lesson(self) -> None:
        """Open the lesson this question comes from."""
        if self.quiz is not None:
            self.post_message(OpenLesson(self.quiz.lesson, keep_trail=True))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lesson":
            return self.quiz is not None
        return super().check_action(action, parameters)
