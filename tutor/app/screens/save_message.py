"""Ask for the file to save a guide's message in (the guide screen writes it: tutor/progress/output_file.py)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from tutor.app.base import TutorModal


class SaveMessageScreen(TutorModal[str | None]):
    """Ask for the file to save the message in; dismisses with the name typed, or None."""

    DEFAULT_CSS = """
    SaveMessageScreen { align: center middle; }
    SaveMessageScreen > Vertical {
        width: 70; max-width: 95%; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Save the message in this file (Enter saves, Esc cancels). An existing file is "
                              "replaced only if you say so."))
            yield Input(self.default, id="save-path")

    @on(Input.Submitted, "#save-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
