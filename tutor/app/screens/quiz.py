"""The quiz player: one question at a time, feedback that names the rule and its source."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, Static

from tutor.app.base import TutorScreen
from tutor.app.messages import AnswerRecorded, QuizFinished
from tutor.app.screens import styles
from tutor.app.widgets.feedback import Palette, feedback_body, verdict_text
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.question import QuestionPanel
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Question, Quiz, Source
from tutor.progress import OpenAttempt, ProgressStoreError
from tutor.progress.answering import save_answer
from tutor.progress.feedback import feedback_for
from tutor.progress.scoring import Judgement, QuizRun

KIND_HINT = {
    "single": "Choose one answer",
    "truefalse": "True or false?",
    "multi": "Select all that apply, then submit",
    "scenario": "What do you do?",
}


class QuizScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "submit", "Submit", id="quiz.submit", tooltip="submit a select-all answer"),
        Binding("n", "next", "Next", id="quiz.next", tooltip="next question (Enter too, once answered)"),
        Binding("h", "hint", "Hint", id="quiz.hint", tooltip="a hint, one at a time"),
        Binding("escape", "leave", "Leave quiz", id="quiz.leave", tooltip="leave the quiz (answers so far are saved)"),
        Binding("t", "pick_answer('true')", "True", show=False, tooltip="move to True (true/false questions)"),
        Binding("f", "pick_answer('false')", "False", show=False, tooltip="move to False"),
        # Whatever has focus (the Next button, once answered), the feedback scrolls by keyboard;
        # the option list's own keys come first while it has focus.
        Binding("up", "scroll(-1)", "Scroll up", show=False),
        Binding("down", "scroll(1)", "Scroll down", show=False),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False, tooltip="scroll the question and its feedback"),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False, tooltip="scroll the question and its feedback"),
        Binding("home", "scroll_edge(-1)", "Top", show=False, tooltip="to the top"),
        Binding("end", "scroll_edge(1)", "Bottom", show=False, tooltip="to the bottom"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    answered: reactive[bool] = reactive(False, bindings=True, init=False)
    hints_shown: reactive[int] = reactive(0, bindings=True, init=False)

    def __init__(self, quiz: Quiz, only: list[str] | None = None, resume: OpenAttempt | None = None,
                 seed: int | None = None) -> None:
        super().__init__()
        self.quiz = quiz
        if resume is not None:
            self.run = QuizRun(quiz, plan=resume.plan, answered=resume.answers)
            self.run.attempt_id = resume.id
        else:
            self.run = QuizRun(quiz, only, seed=seed)
        self.started = time.monotonic()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="q-progress")
            yield QuestionPanel(id="question")
            yield Static(id="q-hint")
            yield Static(id="q-feedback")
        with Horizontal(id="q-actions"):
            yield Button("Submit", id="submit", variant="primary", action="screen.submit")
            yield Button("Next question", id="next", variant="primary", action="screen.next")
        yield KeyBar()

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

    # -- showing ----------------------------------------------------------------------------

    @property
    def question(self) -> Question:
        question = self.run.current
        assert question is not None
        return question

    @property
    def panel(self) -> QuestionPanel:
        return self.query_one("#question", QuestionPanel)

    @property
    def palette(self) -> Palette:
        return Palette(self.tutor.theme_colors)

    def show_question(self) -> None:
        question = self.question
        self.answered = False
        self.hints_shown = 0
        self.started = time.monotonic()
        self.sub_title = f"question {self.run.index + 1} of {self.run.total}"
        # Classes on the smallest widget they concern: a class on the screen restyles all of it.
        self.query_one("#q-actions").set_class(question.kind == "multi", "-multi")
        progress = Text(f"Question {self.run.index + 1} of {self.run.total}", style="bold")
        progress.append(f"  ·  {KIND_HINT[question.kind]}", style="dim")
        self.query_one("#q-progress", Static).update(progress)
        for name in ("#q-hint", "#q-feedback"):
            self.query_one(name, Static).update("")
        self.panel.show(question, self.run.options)
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)

    # -- answering --------------------------------------------------------------------------

    def action_submit(self) -> None:
        """Submit the ticked answers (select-all-that-apply questions)."""
        if not self.answered and not self.panel.submit():
            self.notify("Tick at least one answer first (Enter or its number ticks it).", severity="warning")

    def action_pick(self, number: int) -> None:
        """Number keys: highlight answer N (tick or untick it, in select-all questions)."""
        self.panel.pick(number)

    def action_pick_answer(self, option_id: str) -> None:
        """t and f: highlight True or False in a true/false question."""
        if self.question.kind == "truefalse":
            self.panel.pick_id(option_id)

    @on(QuestionPanel.Answered, "#question")
    def _answered(self, event: QuestionPanel.Answered) -> None:
        question, judgement = self.question, event.judgement
        shown = self.panel.shown
        try:
            self._save(question, judgement)
        except ProgressStoreError as exc:
            # Not shown as answered: the learner can answer again once the problem is fixed.
            self.tutor.store_failed(exc, always=True)
            self.panel.show(question, self.run.options)
            return
        self.run.record(question, judgement)
        self.answered = True
        self.panel.mark(judgement, shown, self.palette)
        feedback = feedback_for(question, judgement, shown, self._source(question), event.ending)
        palette = self.palette
        body = feedback_body(feedback, palette, multi=question.kind == "multi")
        self.query_one("#q-feedback", Static).update(Group(verdict_text(feedback, palette), body))
        next_button = self.query_one("#next", Button)
        next_button.label = "See results" if self.run.index + 1 >= self.run.total else "Next question"
        self.reveal(self.query_one("#q-feedback"), then=next_button)

    def _save(self, question: Question, judgement: Judgement) -> None:
        store, course = self.tutor.store, self.tutor.course
        if self.run.attempt_id is None:  # started with the first answer: leaving at once records nothing
            self.run.attempt_id = store.start_attempt(course.id, self.quiz.id, self.run.kind, self.run.plan)
        save_answer(store, course.id, self.quiz.id, question, judgement, seconds=time.monotonic() - self.started,
                    scheduler=self.tutor.scheduler, hints=self.hints_shown, attempt_id=self.run.attempt_id)
        self.post_message(AnswerRecorded(self.quiz.id, question.id, judgement.correct, judgement.score))

    def _source(self, question: Question) -> Source | None:
        lesson = self.tutor.course.lessons.get(self.quiz.lesson)
        return lesson.source(question.source) if lesson is not None else None

    def watch_answered(self, answered: bool) -> None:
        self.query_one("#q-actions").set_class(answered, "-answered")
        self.query_one("#q-feedback").set_class(answered, "-shown")

    def action_hint(self) -> None:
        """Show the next hint for this question."""
        hints = self.question.hints
        if self.answered or not hints:
            return
        if self.hints_shown >= len(hints):
            self.notify("There are no more hints for this question.")
            return
        self.hints_shown += 1
        text = Text()
        for n, hint in enumerate(hints[: self.hints_shown], 1):
            text.append(f"Hint {n}: ", style="bold")
            text.append(hint + "\n")
        self.query_one("#q-hint", Static).update(text)

    def action_next(self) -> None:
        """Go on to the next question, or to the results after the last one."""
        if not self.answered:
            return
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

    def action_leave(self) -> None:
        """Leave the quiz; answers given so far are saved."""
        self.dismiss()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#quiz-body", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_scroll_edge(self, direction: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        (body.scroll_end if direction > 0 else body.scroll_home)(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.run.current is None:
            return super().check_action(action, parameters)
        if action == "submit":
            return False if self.question.kind != "multi" else (not self.answered or None)
        if action == "next":
            return self.answered or None
        if action == "hint":
            return bool(self.question.hints) and not self.answered
        return super().check_action(action, parameters)
