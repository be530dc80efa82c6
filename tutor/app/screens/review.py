"""A review session: the questions the scheduler says are due, one at a time with full feedback, then
when the next ones are due and which questions are weak spots."""

from __future__ import annotations

import time
from datetime import datetime
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.app.base import TutorScreen
from tutor.app.messages import OpenLesson
from tutor.app.screens import styles
from tutor.app.widgets.feedback import Palette, feedback_body, verdict_text
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import rows
from tutor.app.widgets.question import QuestionPanel
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Question, Quiz
from tutor.progress import ProgressStoreError, ReviewItem
from tutor.progress.answering import save_answer
from tutor.progress.feedback import feedback_for
from tutor.progress.scheduling import WEAK_SPOT_MISSES
from tutor.progress.scoring import QuizRun


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%A %d %B, %H:%M")


class ReviewScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "submit", "Submit", id="review.submit", tooltip="submit a select-all answer"),
        Binding("n", "next", "Next", id="review.next", tooltip="next review"),
        Binding("l", "lesson", "Lesson", id="review.lesson", tooltip="open this question's lesson"),
        Binding("escape", "leave", "Leave", id="review.leave", tooltip="leave the reviews (answers so far are saved)"),
        Binding("t", "pick_answer('true')", "True", show=False),
        Binding("f", "pick_answer('false')", "False", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, due: list[ReviewItem]) -> None:
        super().__init__()
        self.due = due
        self.index = -1
        self.reviewed = 0
        self.answered = False
        self.asked_at = time.monotonic()
        self.item: tuple[ReviewItem, Quiz, Question, QuizRun] | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="review-body"):
            yield Static(id="rv-progress")
            yield Static(id="rv-reason")
            yield QuestionPanel(id="question")
            yield Static(id="rv-feedback")
            yield Static(id="rv-done")
        with Horizontal(id="rv-actions"):
            yield Button("Submit", id="submit", variant="primary", action="screen.submit")
            yield Button("Next", id="next", variant="primary", action="screen.next")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Reviews"
        self.action_next()

    @property
    def panel(self) -> QuestionPanel:
        return self.query_one("#question", QuestionPanel)

    def action_next(self) -> None:
        """On to the next question due."""
        if self.item is not None and not self.answered:
            return
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
        run = QuizRun(quiz, only=[question.id])
        self.item = (card, quiz, question, run)
        self.answered = False
        self.asked_at = time.monotonic()
        actions = self.query_one("#rv-actions")
        actions.remove_class("-answered")
        actions.set_class(question.kind == "multi", "-multi")
        self.query_one("#rv-feedback").remove_class("-shown")
        self.sub_title = f"review {self.index + 1} of {len(self.due)}"
        self.query_one("#rv-progress", Static).update(Text(f"Review {self.index + 1} of {len(self.due)}  ·  "
                                                           f"from {quiz.title}", style="bold"))
        reason = self._reason(card)
        self.query_one("#rv-reason", Static).update(reason)
        self.query_one("#rv-reason").set_class(bool(reason.plain), "-shown")
        self.query_one("#rv-feedback", Static).update("")
        self.panel.show(question, run.options)
        self.query_one("#review-body", VerticalScroll).scroll_home(animate=False)

    def _reason(self, card: ReviewItem) -> Text:
        """Why this question is asked now, when it is not just its schedule (a rule that changed)."""
        return Text(self.tutor.describe_review_reason(card.reason) if card.reason else "", style="bold")

    @on(QuestionPanel.Answered, "#question")
    def _answered(self, event: QuestionPanel.Answered) -> None:
        if self.item is None:
            return
        card, quiz, question, run = self.item
        shown = self.panel.shown
        try:
            save_answer(self.tutor.store, self.tutor.course.id, quiz.id, question, event.judgement,
                        seconds=time.monotonic() - self.asked_at, scheduler=self.tutor.scheduler)
        except ProgressStoreError as exc:
            self.tutor.store_failed(exc, always=True)
            self.panel.show(question, run.options)
            return
        self.answered = True
        self.reviewed += 1
        self.query_one("#rv-actions").add_class("-answered")
        self.query_one("#rv-feedback").add_class("-shown")
        palette = Palette(self.tutor.theme_colors)
        self.panel.mark(event.judgement, shown, palette)
        lesson = self.tutor.course.lessons.get(quiz.lesson)
        feedback = feedback_for(question, event.judgement, shown,
                                lesson.source(question.source) if lesson else None, event.ending)
        self.query_one("#rv-feedback", Static).update(
            Group(verdict_text(feedback, palette), feedback_body(feedback, palette, question.kind == "multi")))
        self.reveal(self.query_one("#rv-feedback"), then=self.query_one("#next", Button))

    def _done(self) -> None:
        self.item = None
        self.query_one("#question").add_class("-done")
        self.query_one("#rv-actions").add_class("-done")
        self.sub_title = ""
        store, course = self.tutor.store, self.tutor.course
        text = Text(f"{'No reviews are due.' if not self.due else f'Done: {self.reviewed} reviewed.'}\n",
                    style="bold")
        following, weak = None, []
        with self.tutor.keep_going():
            following = store.next_due(course.id)
            weak = store.weak_spots(course.id, WEAK_SPOT_MISSES)
        text.append(f"The next ones are due {_when(following)}.\n" if following else
                    "Nothing else is scheduled: questions you miss in a quiz come back here.\n")
        parts: list[object] = [text]
        if weak:
            items = []
            for spot in weak:
                quiz = course.quiz(spot.quiz_id)
                question = quiz.question(spot.question_id) if quiz is not None else None
                lesson = course.lessons.get(quiz.lesson) if quiz is not None else None
                if question is None or lesson is None:
                    continue
                items.append(("!", Text(f"{question.prompt}\nMissed {spot.misses} times: read again "
                                        f"\u201c{lesson.title}\u201d.")))
            if items:
                parts += [Text("\nWeak spots", style="bold"), rows(items)]
        self.query_one("#rv-done", Static).update(Group(*parts))  # type: ignore[arg-type]
        self.query_one("#rv-progress", Static).update("")

    def action_submit(self) -> None:
        """Submit the ticked answers (select-all-that-apply questions)."""
        if not self.panel.submit():
            self.notify("Tick at least one answer first (Enter or its number ticks it).", severity="warning")

    def action_pick(self, number: int) -> None:
        self.panel.pick(number)

    def action_pick_answer(self, option_id: str) -> None:
        if self.item is not None and self.item[2].kind == "truefalse":
            self.panel.pick_id(option_id)

    def action_lesson(self) -> None:
        """Open the lesson this question comes from."""
        if self.item is not None:
            self.post_message(OpenLesson(self.item[1].lesson, keep_trail=True))

    def action_leave(self) -> None:
        """Leave the reviews; answers given so far are saved."""
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.answered or None
        if action == "submit":
            return self.item is not None and self.item[2].kind == "multi" and not self.answered
        if action == "lesson":
            return self.item is not None
        return super().check_action(action, parameters)
