"""Help: the keys, and what each screen is for."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

SECTIONS = (
    ("Everywhere", (("?  or  F1", "this help"), ("ctrl+p", "command palette: go to a lesson, retake a quiz, "
                                                 "reset progress, change theme"), ("ctrl+q", "quit"))),
    ("Dashboard: the course, your progress, every lesson",
     (("↑ ↓  Enter", "choose and open a lesson"), ("c", "continue where you left off"),
      ("q", "take the highlighted lesson's quiz"))),
    ("Lesson: read a page at a time",
     (("→  n", "next page"), ("←  p", "previous page"), ("↑ ↓  PgUp PgDn", "scroll"),
      ("t", "table of contents"), ("l", "links on this page (web links open only after you confirm)"),
      ("q", "take the quiz"), ("Esc", "back to the dashboard"))),
    ("Quiz: one question at a time",
     (("↑ ↓  1-9", "move to an answer"), ("Enter  click", "answer (or tick, in select-all questions)"),
      ("s", "submit a select-all answer"), ("h", "a hint"), ("n  Enter", "next question"),
      ("Esc", "leave the quiz (answers so far are saved)"))),
    ("Results", (("r", "retry the questions you missed"), ("b", "back to the lesson"), ("Esc", "dashboard"))),
)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 80; max-width: 100%; height: 90%; border: thick $primary;
                            background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def compose(self) -> ComposeResult:
        text = Text("Keys\n", style="bold")
        for title, keys in SECTIONS:
            text.append(f"\n{title}\n", style="bold")
            for key, meaning in keys:
                text.append(f"  {key:<16}", style="bold")
                text.append(f"{meaning}\n")
        text.append("\nThe mouse works everywhere: click lessons, answers, buttons and links.", style="dim")
        with Vertical():
            with VerticalScroll():
                yield Static(text)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
