"""The quiz player: one question at a time, feedback that names the rule and its source."""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.content.model import Question, Quiz
from tutor.progress.scoring import Judgement, QuizRun, ScenarioWalk, judge_choice

KIND_HINT = {
    "single": "Choose one answer",
    "truefalse": "True or false?",
    "multi": "Select all that apply, then submit",
    "scenario": "What do you do?",
}
OUTCOME_LOOK = {"good": ("Good ending", "success"), "risky": ("Risky ending", "warning"),
                "bad": ("Bad ending", "error")}


class QuizScreen(Screen):
    DEFAULT_CSS = styles(__file__)

    BINDINGS = [
        Binding("s", "submit", "Submit", id="quiz.submit"),
        Binding("n", "next", "Next", id="quiz.next"),
        Binding("h", "hint", "Hint", id="quiz.hint"),
        Binding("escape", "leave", "Leave quiz", id="quiz.leave"),
    ] + [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self, quiz: Quiz, only: list[str] | None = None) -> None:
        super().__init__()
        self.quiz = quiz
        self.run = QuizRun(quiz, only)
        self.walk: ScenarioWalk | None = None
        self.answered = False
        self.hints_shown = 0
        self.started = time.monotonic()
        self.attempt_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="quiz-body"):
            yield Static(id="q-progress")
            yield Static(id="q-prompt")
            yield Static(id="q-story")
            yield OptionList(id="q-options")
            yield SelectionList[str](id="q-multi")
            yield Static(id="q-hint")
            yield Static(id="q-feedback")
        with Horizontal(id="q-actions"):
            yield Button("Submit", id="submit", variant="primary")
            yield Button("Next question", id="next", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.quiz.title
        self.attempt_id = self.app.store.start_attempt(self.app.course.id, self.quiz.id)
        self.show_question()

    # -- showing ----------------------------------------------------------------------------

    @property
    def question(self) -> Question:
        question = self.run.current
        assert question is not None
        return question

    def show_question(self) -> None:
        question = self.question
        self.answered = False
        self.hints_shown = 0
        self.started = time.monotonic()
        self.sub_title = f"question {self.run.index + 1} of {self.run.total}"
        progress = Text(f"Question {self.run.index + 1} of {self.run.total}", style="bold")
        progress.append(f"  ·  {KIND_HINT[question.kind]}", style="dim")
        self.query_one("#q-progress", Static).update(progress)
        self.query_one("#q-prompt", Static).update(Text(question.prompt))
        self.query_one("#q-hint", Static).update("")
        self.query_one("#q-feedback", Static).display = False
        self.query_one("#next", Button).display = False
        story = self.query_one("#q-story", Static)
        story.update("")
        story.display = question.kind == "scenario"
        multi = question.kind == "multi"
        self.query_one("#submit", Button).display = multi
        self.query_one("#q-options", OptionList).display = not multi
        self.query_one("#q-multi", SelectionList).display = multi
        if question.kind == "scenario":
            self.walk = ScenarioWalk(question)
            self._show_step()
        elif multi:
            choices = self.query_one("#q-multi", SelectionList)
            choices.disabled = False
            choices.clear_options()
            choices.add_options([Selection(Text(f"{n}. {o.text}"), o.id)
                                 for n, o in enumerate(self.run.options(question), 1)])
            choices.highlighted = 0
            choices.focus()
        else:
            self._fill_options(self.run.options(question))
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def _fill_options(self, options) -> None:
        option_list = self.query_one("#q-options", OptionList)
        option_list.disabled = False
        option_list.clear_options()
        option_list.add_options([Option(Text(f"{n}. {o.text}"), id=o.id) for n, o in enumerate(options, 1)])
        option_list.highlighted = 0
        option_list.focus()

    def _show_step(self) -> None:
        assert self.walk is not None and self.walk.step is not None
        story = self.query_one("#q-story", Static)
        story.update(self._story_text(current=self.walk.step.text))
        self._fill_options(self.run.options(self.question, self.walk.step))
        options = self.query_one("#q-options", OptionList)
        self.call_after_refresh(options.scroll_visible, animate=False)

    def _story_text(self, current: str | None = None) -> Text:
        """The scenario so far: each step, the learner's choice and its consequence."""
        assert self.walk is not None
        text = Text()
        question = self.walk.question
        for step_id, option_id in self.walk.path:
            step = question.step(step_id)
            option = step.option(option_id) if step else None
            if step is None or option is None:
                continue
            text.append(f"▸ {step.text}\n")
            text.append(f"  You: {option.text}\n", style="bold")
            text.append(f"  → {option.feedback}\n\n", style="italic")
        if current:
            text.append(f"▸ {current}", style="bold")
        return text

    # -- answering --------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#q-options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        if self.answered or event.option.id is None:
            return
        if self.question.kind == "scenario":
            self._scenario_choice(event.option.id)
        else:
            self._judge(judge_choice(self.question, [event.option.id]))

    def _scenario_choice(self, option_id: str) -> None:
        assert self.walk is not None
        self.walk.choose(option_id)
        if self.walk.finished:
            self.query_one("#q-story", Static).update(self._story_text())
            self.query_one("#q-options", OptionList).display = False  # the story above shows the path
            self._judge(self.walk.judgement())
        else:
            self._show_step()

    def action_submit(self) -> None:
        """Submit the selected answers (select-all-that-apply questions)."""
        if self.answered or self.question.kind != "multi":
            return
        chosen = self.query_one("#q-multi", SelectionList).selected
        if not chosen:
            self.notify("Select at least one answer first.", severity="warning")
            return
        self._judge(judge_choice(self.question, chosen))

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.action_submit()

    def action_pick(self, number: int) -> None:
        """Number keys: highlight option N (toggle it, in select-all questions)."""
        if self.answered:
            return
        if self.question.kind == "multi":
            choices = self.query_one("#q-multi", SelectionList)
            if number <= choices.option_count:
                choices.highlighted = number - 1
                choices.toggle(choices.get_option_at_index(number - 1).value)
        else:
            options = self.query_one("#q-options", OptionList)
            if number <= options.option_count:
                options.highlighted = number - 1
                options.focus()

    def _judge(self, judgement: Judgement) -> None:
        question = self.question
        self.answered = True
        self.run.record(question, judgement)
        self.app.store.record_answer(
            self.app.course.id, self.quiz.id, question.id, chosen=judgement.chosen, path=judgement.path,
            correct=judgement.correct, score=judgement.score, seconds=round(time.monotonic() - self.started, 3),
            content_hash=question.content_hash, attempt_id=self.attempt_id)
        self.query_one("#q-options", OptionList).disabled = True
        self.query_one("#q-multi", SelectionList).disabled = True
        self.query_one("#submit", Button).display = False
        feedback = self.query_one("#q-feedback", Static)
        feedback.update(self._feedback_text(question, judgement))
        feedback.display = True
        next_button = self.query_one("#next", Button)
        next_button.label = "See results" if self.run.index + 1 >= self.run.total else "Next question"
        next_button.display = True
        next_button.focus()
        self.refresh_bindings()
        self.call_after_refresh(feedback.scroll_visible, animate=False)

    def _feedback_text(self, question: Question, judgement: Judgement) -> Text:
        colors = self.app.get_css_variables()
        good, bad = colors.get("success", "green"), colors.get("error", "red")
        text = Text()
        if question.kind == "scenario":
            label, color = OUTCOME_LOOK.get(judgement.outcome or "bad", ("Ending", "warning"))
            text.append(f"{label}\n", style=f"bold {colors.get(color, 'yellow')}")
            ending = self.walk.ending if self.walk else None
            if ending is not None and ending.ending:
                text.append(ending.ending + "\n")
        else:
            verdict = ("✓ Right" if judgement.correct else
                       "◐ Partly right" if judgement.score > 0 else "✗ Not quite")
            text.append(verdict + "\n", style=f"bold {good if judgement.correct else bad}")
            for option in self.run.options(question):
                picked = option.id in judgement.chosen
                if question.kind == "multi":
                    if not picked and not option.correct:
                        continue
                    mark = ("✓ " if option.correct else "✗ ") if picked else "○ missed: "
                    color = good if picked == option.correct else bad
                    text.append(f"{mark}{option.text}\n", style=f"bold {color}")
                    text.append(f"  {option.feedback}\n")
                elif picked:
                    text.append("You answered: ", style="bold")
                    text.append(option.text + "\n")
                    text.append(option.feedback + "\n")
            if question.kind != "multi" and not judgement.correct:
                right = [o for o in question.options if o.correct]
                if right:
                    text.append("Right answer: ", style=f"bold {good}")
                    text.append(right[0].text + "\n")
        text.append("\nWhy: ", style="bold")
        text.append(question.explanation + "\n")
        source = self.app.course.lessons[self.quiz.lesson].source(question.source) \
            if self.quiz.lesson in self.app.course.lessons else None
        if source is not None:
            text.append("Rule: ", style="bold")
            text.append(f"{source.title}, {source.section} (checked {source.checked.isoformat()})\n")
            text.append(f"      {source.url}", style="dim")
        return text

    def action_hint(self) -> None:
        """Show the next hint for this question."""
        hints = self.question.hints
        if self.answered or self.hints_shown >= len(hints):
            return
        self.hints_shown += 1
        text = Text()
        for n, hint in enumerate(hints[: self.hints_shown], 1):
            text.append(f"Hint {n}: ", style="bold")
            text.append(hint + "\n")
        self.query_one("#q-hint", Static).update(text)
        self.refresh_bindings()

    @on(Button.Pressed, "#next")
    def action_next(self) -> None:
        """Go on to the next question, or to the results after the last one."""
        if not self.answered:
            return
        if self.run.advance() is None:
            self._finish()
        else:
            self.show_question()

    def _finish(self) -> None:
        from tutor.app.screens.results import ResultsScreen

        if self.attempt_id is not None and self.run.total:
            self.app.store.finish_attempt(self.attempt_id, self.run.score, self.run.total)
        self.app.switch_screen(ResultsScreen(self.quiz, self.run))

    def action_leave(self) -> None:
        """Leave the quiz; answers given so far are saved."""
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.run.current is None:
            return True
        if action == "submit":
            return False if self.question.kind != "multi" else (not self.answered or None)
        if action == "next":
            return self.answered or None
        if action == "hint":
            return (not self.answered and self.hints_shown < len(self.question.hints)) or None
        return True
