"""The first-run welcome: what the tutor covers, what it is not, and the keys that matter."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tutor.app.screens import styles


class WelcomeScreen(ModalScreen[None]):
    DEFAULT_CSS = styles(__file__)
    BINDINGS = [Binding("escape,enter", "start", "Start", show=False)]

    def compose(self) -> ComposeResult:
        course = self.app.course
        with Vertical(id="welcome") as box:
            # Text, never a str: a str would be read as markup, and the title comes from the pack.
            box.border_title = Text(f" Welcome to {course.title} ", style="bold")
            with VerticalScroll():  # scrolls only below 80x24
                yield Static(self._text(course.last_checked(), len(course.lessons)))
            with Horizontal():
                yield Button("Start", id="start", variant="primary")

    @staticmethod
    def _text(checked, lessons: int) -> Text:
        text = Text(f"{lessons} short lessons and scenario quizzes about working on freelance marketplaces "
                    "(Upwork, Fiverr, Freelancer.com) without breaking their rules: keeping the interview on the "
                    "platform, getting paid safely, spotting scams, and what to do if something already "
                    "went wrong.\n\n")
        text.append("Not legal advice. ", style="bold")
        text.append("Platforms change their rules often. Every lesson lists its sources with the date they were "
                    "checked; read the platform's current pages before you rely on a rule.")
        if checked:
            text.append(f" This course was last reviewed against its sources on {checked.isoformat()}.")
        text.append("\n\nThree keys matter:\n", style="bold")
        for key, meaning in (("Enter", "open a lesson, choose an answer"),
                             ("→ / ←", "turn the pages of a lesson"),
                             ("?", "show every key (ctrl+q quits)")):
            text.append(f"  {key:<7}", style="bold")
            text.append(f"{meaning}\n")
        text.append("\nYour progress is saved on this computer after every answer.", style="dim")
        return text

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Close the welcome and go to the dashboard."""
        self.app.store.set_setting("welcome_seen", True)
        self.dismiss(None)
