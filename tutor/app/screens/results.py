"""The end of a quiz: the score, the questions missed, and a way to retry just those."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.content.model import Quiz
from tutor.progress.scoring import QuizRun


class ResultsScreen(Screen):
    DEFAULT_CSS = styles(__file__)

    BINDINGS = [
        Binding("r", "retry", "Retry missed", id="results.retry"),
        Binding("b", "lesson", "Back to lesson", id="results.lesson"),
        Binding("escape", "dashboard", "Dashboard", id="results.dashboard"),
    ]

    def __init__(self, quiz: Quiz, run: QuizRun) -> None:
        super().__init__()
        self.quiz = quiz
        self.run = run
        self.missed = run.missed

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results-body"):
            yield Static(self._summary(), id="score")
            yield Static(self._missed_text(), id="missed")
        with Horizontal(id="results-actions"):
            yield Button("Retry the ones I missed", id="retry", variant="primary", disabled=not self.missed)
            yield Button("Back to the lesson", id="lesson")
            yield Button("Dashboard", id="dashboard")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"{self.quiz.title}: results"
        self.query_one("#retry" if self.missed else "#dashboard", Button).focus()

    def _summary(self) -> Text:
        score, total = self.run.score, self.run.total
        share = score / total if total else 0
        text = Text("Your score\n", style="bold")
        shown = f"{score:g}" if score != int(score) else f"{int(score)}"
        text.append(f"{shown} of {total} ({share:.0%})\n", style="bold")
        if not self.missed:
            text.append("You answered every question well. ")
        return text

    def _missed_text(self) -> Text:
        if not self.missed:
            return Text("Nothing to retry.")
        text = Text("Questions to look at again\n", style="bold")
        for qid in self.missed:
            question = self.quiz.question(qid)
            if question is not None:
                text.append(f"✗ {question.prompt}\n")
                text.append(f"  {question.explanation}\n\n", style="dim")
        return text

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        """Take the quiz again, with only the questions missed this time."""
        if self.missed:
            self.app.switch_screen(self.app.quiz_screen(self.quiz, self.missed))

    @on(Button.Pressed, "#lesson")
    def action_lesson(self) -> None:
        """Back to the lesson this quiz belongs to."""
        self.app.pop_screen()

    @on(Button.Pressed, "#dashboard")
    def action_dashboard(self) -> None:
        """Back to the dashboard."""
        self.app.go_to_dashboard()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.missed) or None
        return True
