"""The one question view: a question shown, answered, judged and (outside an exam) explained. The
quiz, the reviews and the readiness check are its three uses; each says how an answer is saved, where
its rule's source is, and what comes next.

The question itself is a QuestionPanel (tutor/app/widgets/question.py); around it, the progress
line, why the question is asked now (a rule that changed), hints, the feedback, and the Submit and
Next buttons, with the keys that work on all three.
"""

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

from tutor.app.base import ScrollingScreen
from tutor.app.messages import OpenGuide
from tutor.app.screens import styles
from tutor.app.widgets.feedback import Palette, feedback_body, verdict_text
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import fitted
from tutor.app.widgets.question import AnswerList, OptionsFor, QuestionPanel
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Option, Question, Source
from tutor.progress import ProgressStoreError
from tutor.progress.feedback import feedback_for
from tutor.progress.scoring import Judgement

# How to answer, said above every question: the one model of the question view (question.py).
HOW_TO_ANSWER = {
    "single": "Choose one: its number or ↑ ↓, then Enter",
    "truefalse": "t for True, f for False, then Enter",
    "multi": "Tick all that apply (its number or Space), then Enter",
    "scenario": "What do you do? Its number or ↑ ↓, then Enter",
}


class AnsweringScreen(ScrollingScreen[None]):
    """Shows one question at a time; subclasses say what an answer is saved as and what follows."""

    DEFAULT_CSS = styles(__file__)
    HELP = "Questions: the quiz, the reviews and the readiness check"
    HELP_WITH = (AnswerList,)
    HELP_NOTES = (("↑, ↓", "move to an answer"),
                  ("1-9", "move to an answer (tick it, in a select-all question)"),
                  ("click", "choose an answer (tick it, in a select-all question)"))
    EXAM: ClassVar[bool] = False  # no feedback, no hints: the answer is kept for the verdict at the end
    SCROLL_BODY = "#q-body"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "submit", "Submit", show=False, tooltip="submit the ticked answers (Enter too)"),
        Binding("n", "next", "Next", tooltip="on to the next question (Enter too, once answered)"),
        Binding("h", "hint", "Hint", tooltip="a hint, one at a time"),
        Binding("g", "guide", "Went wrong?", tooltip="after a bad ending: the guide for when this already happened"),
        Binding("t", "pick_answer('true')", "True", show=False, tooltip="move to True or False (true/false questions)"),
        Binding("f", "pick_answer('false')", "False", show=False,
                tooltip="move to True or False (true/false questions)"),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    answered: reactive[bool] = reactive(False, bindings=True, init=False)
    hints_shown: reactive[int] = reactive(0, bindings=True, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.current_question: Question | None = None
        self.options_for: OptionsFor = lambda question, step: list(step.options if step else question.options)
        self.asked_at = time.monotonic()
        self.progress = ""  # the question's place, "Question 2 of 5"
        self.offered_guide: str | None = None  # after a scenario's bad ending that a guide names

    # -- what each use says -----------------------------------------------------------------

    def save(self, question: Question, judgement: Judgement) -> None:
        """Save the answer (raise ProgressStoreError when it could not be: it is then asked again)."""
        raise NotImplementedError

    def source_of(self, question: Question) -> Source | None:
        """The source of the rule the question tests, for the feedback."""
        return None

    def go_on(self) -> None:
        """After Next: the next question, or what follows the last one."""
        raise NotImplementedError

    def quiz_id_of(self, question: Question) -> str | None:
        """The id of the quiz the question belongs to, where a guide may name it."""
        return None

    def next_label(self) -> str:
        return "Next question"

    def compose_intro(self) -> ComposeResult:
        """What comes above the question (the readiness check's introduction)."""
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield Button("Submit", id="submit", variant="primary", action="screen.submit", compact=True)
        yield Button("Next question", id="next", variant="primary", action="screen.next", compact=True)

    # -- showing ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="q-body"):
            yield from self.compose_intro()
            yield Static(id="q-progress")
            yield Static(id="q-reason")
            yield QuestionPanel(exam=self.EXAM, id="question")
            yield Static(id="q-hint")
            yield Static(id="q-feedback")
            yield Static(id="q-done")
        with Horizontal(id="q-actions"):
            yield from self.compose_buttons()
        yield KeyBar()

    @property
    def panel(self) -> QuestionPanel:
        return self.query_one("#question", QuestionPanel)

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#q-body", VerticalScroll)

    def ask(self, question: Question, options_for: OptionsFor, progress: str, reason: str = "") -> None:
        """Show a question: `progress` is its place ("Question 2 of 5"), `reason` why it is asked now."""
        self.current_question, self.options_for = question, options_for
        self.progress = progress
        self.answered = False
        self.hints_shown = 0
        self.offered_guide = None
        self.asked_at = time.monotonic()
        # Classes on the smallest widget they concern: a class on the screen restyles all of it.
        self.query_one("#q-actions").set_class(question.kind == "multi", "-multi")
        self.query_one("#q-reason", Static).update(Text(reason, style="bold"))
        self.query_one("#q-reason").set_class(bool(reason), "-shown")
        for name in ("#q-hint", "#q-feedback"):
            self.query_one(name, Static).update("")
        self.query_one("#q-hint").remove_class("-shown")
        self.panel.show(question, options_for)
        self._show_progress()
        self.body.scroll_home(animate=False)

    def _show_progress(self) -> None:
        """The question's place (and a scenario's step), then how to answer it."""
        question = self.current_question
        if question is None:
            return
        parts = [Text(self.progress, style="bold")]
        if step := self.panel.step_place():
            parts.append(Text(step, style="bold"))
        if not self.answered:
            parts.append(Text(HOW_TO_ANSWER[question.kind], style="dim"))
        # Parts on a line while they fit, never one split over two (the arrows of "↑ ↓" were).
        width = (self.body.size.width or self.app.size.width) - 6
        self.query_one("#q-progress", Static).update(fitted(parts, max(20, width)))

    def on_resize(self) -> None:
        self._show_progress()

    @on(QuestionPanel.Stepped, "#question")
    def _stepped(self) -> None:
        self._show_progress()

    @on(QuestionPanel.Unanswerable, "#question")
    def _unanswerable(self, event: QuestionPanel.Unanswerable) -> None:
        self.notify(event.why, markup=False, timeout=6)

    def show_done(self, summary: Group | Text) -> None:
        """No question left: show what the session came to instead."""
        self.current_question = None
        self.add_class("-done")
        self.query_one("#q-progress", Static).update("")
        self.query_one("#q-done", Static).update(summary)
        self.refresh_bindings()

    # -- answering --------------------------------------------------------------------------

    @on(QuestionPanel.Answered, "#question")
    def _answered(self, event: QuestionPanel.Answered) -> None:
        question = self.current_question
        if question is None:
            return
        shown = self.panel.shown
        try:
            self.save(question, event.judgement)
        except ProgressStoreError as exc:
            # Not shown as answered: the learner can answer again once the problem is fixed.
            self.tutor.store_failed(exc, always=True)
            self.panel.show(question, self.options_for)
            return
        if self.EXAM:
            self.panel.close_answer()
            self.go_on()
            return
        self.show_judged(question, event.judgement, shown, event.ending)
        self.reveal(self.query_one("#q-feedback"), then=self.query_one("#next", Button))

    def show_judged(self, question: Question, judgement: Judgement, shown: list[Option], ending: Option | None) -> None:
        """Show a question as answered: the options marked, and the feedback with the rule."""
        self.answered = True
        self._show_progress()
        palette = Palette(self.tutor.theme_colors)
        self.panel.mark(judgement, shown, palette)
        feedback = feedback_for(question, judgement, shown, self.source_of(question), ending)
        parts = [verdict_text(feedback, palette), feedback_body(feedback, palette, multi=question.kind == "multi")]
        quiz_id = self.quiz_id_of(question)
        guide = self.tutor.course.guide_for_scenario(quiz_id, question.id) \
            if quiz_id and judgement.outcome == "bad" else None
        if guide is not None:
            self.offered_guide = guide.id
            self.refresh_bindings()
            parts.append(Text.assemble("\n", ("Something like this already happened to you? ", "bold"),
                                       f"Press g for the guide: {guide.title}."))
        self.query_one("#q-feedback", Static).update(Group(*parts))
        self.query_one("#next", Button).label = self.next_label()

    def ask_again(self, question: Question, options_for: OptionsFor, progress: str, reason: str = "",
                  judgement: Judgement | None = None) -> None:
        """Show the question on screen again as it now reads (an author saved it, `--watch`) where the
        learner was: a scenario at the same step, the same boxes ticked, or answered with the same
        answer, the feedback in its new words. Nothing is saved: the answer was saved when given."""
        path, ticked = self.panel.progress()
        if self.answered and judgement is None:
            path = path[:-1]  # what was asked changed: the last choice is to be made again
        scrolled = self.body.scroll_y
        self.ask(question, options_for, progress, reason)
        self.panel.replay(path, ticked)
        if judgement is not None and not self.EXAM:
            self.show_judged(question, judgement, self.panel.shown, self.panel.ending)
        self.body.scroll_to(y=scrolled, animate=False)

    def watch_answered(self, answered: bool) -> None:
        self.query_one("#q-actions").set_class(answered, "-answered")
        self.query_one("#q-feedback").set_class(answered, "-shown")

    def action_submit(self) -> None:
        """Submit the ticked answers (select-all-that-apply questions)."""
        if not self.answered and not self.panel.submit():
            self.notify(self.panel.how_to_choose, markup=False, timeout=6)

    def action_pick(self, number: int) -> None:
        """Number keys: highlight answer N (tick or untick it, in select-all questions)."""
        if self.current_question is not None:
            self.panel.pick(number)

    def action_pick_answer(self, option_id: str) -> None:
        """t and f: highlight True or False in a true/false question."""
        if self.current_question is not None and self.current_question.kind == "truefalse":
            self.panel.pick_id(option_id)

    def action_hint(self) -> None:
        """Show the next hint for this question."""
        question = self.current_question
        if self.EXAM or self.answered or question is None or not question.hints:
            return
        if self.hints_shown >= len(question.hints):
            self.notify("There are no more hints for this question.")
            return
        self.hints_shown += 1
        text = Text()
        for n, hint in enumerate(question.hints[: self.hints_shown], 1):
            text.append(f"Hint {n}: ", style="bold")
            text.append(hint + "\n")
        self.query_one("#q-hint", Static).update(text)
        self.query_one("#q-hint").add_class("-shown")

    def action_guide(self) -> None:
        """After a scenario's bad ending: the guide for when this already happened."""
        if self.offered_guide is not None:
            self.post_message(OpenGuide(self.offered_guide))

    def action_next(self) -> None:
        """Go on to the next question, or to what follows the last one."""
        if self.answered and not self.EXAM:
            self.go_on()

    def action_leave(self) -> None:
        """Leave; the answers given so far are saved."""
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question = self.current_question
        if action == "submit":
            return question is not None and question.kind == "multi" and not self.answered
        if action == "next":
            return not self.EXAM and question is not None and self.answered
        if action == "guide":
            return self.offered_guide is not None
        if action == "hint":
            return not self.EXAM and question is not None and bool(question.hints) and not self.answered
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str | None:
        question = self.current_question
        if question is None:
            return None
        if action == "next" and not self.EXAM:
            return "Answer this question first; then n (or Enter) goes on to the next."
        if action == "hint" and not self.EXAM:
            return "The answer is given: hints are for before you answer." if self.answered else \
                "This question has no hints."
        if action == "hint":
            return "No hints in the readiness check: it is a test of what you know."
        if action == "submit":
            return "Enter answers this question; s is for select-all questions." if not self.answered else None
        return None
