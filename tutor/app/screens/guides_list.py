"""Something already went wrong? The pack's guides to choose from (the dashboard's g, the palette)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option as ListOption

from tutor.app.base import TutorModal
from tutor.app.widgets.lesson_page import hanging
from tutor.content.model import GuideEntry


class GuidesScreen(TutorModal[str | None]):
    """Something already went wrong? The guides, each with its summary; dismisses with the chosen id."""

    DEFAULT_CSS = """
    GuidesScreen { align: center middle; }
    GuidesScreen > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 90%; padding: 1 2; border: thick $primary;
        background: $surface;
    }
    GuidesScreen OptionList { height: auto; max-height: 20; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, guides: list[GuideEntry]) -> None:
        super().__init__()
        self.guides = guides

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Something already went wrong? Choose what happened.", style="bold"))
            options = []
            for number, guide in enumerate(self.guides, 1):
                label = Text(guide.title, style="bold")
                label.append(f"\n{guide.summary}", style="not bold")
                options.append(ListOption(hanging(f"{number}.", label), id=guide.id))
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
