"""Small modal screens: confirmations, notices, the links on a page, and "terminal too small"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # the document module pulls in markdown-it, which start-up does not need
    from tutor.content.document import Link

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; max-height: 90%;
    padding: 1 2; border: thick $primary; background: $surface;
}}
{name} Horizontal {{ height: auto; margin-top: 1; }}
{name} Button {{ margin-right: 2; }}
"""


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True only when the learner confirms."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, confirm: str = "Yes", cancel: str = "Cancel") -> None:
        super().__init__()
        self.question, self.confirm, self.cancel = question, confirm, cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button(self.confirm, id="confirm", variant="error")
                yield Button(self.cancel, id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")

    def action_cancel(self) -> None:
        self.dismiss(False)


class NoticeScreen(ModalScreen[None]):
    """A message the learner must acknowledge (a damaged progress file, for example)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="NoticeScreen")
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading, style="bold"))
            yield Static(Text(self.message))
            with Horizontal():
                yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed)
    def action_close(self) -> None:
        self.dismiss(None)


class LinksScreen(ModalScreen[int | None]):
    """The links on the current page; choosing one dismisses with its number."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LinksScreen") + "LinksScreen OptionList { height: auto; max-height: 16; }"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Links on this page", style="bold"))
            options = []
            for i, link in enumerate(self.links):
                label = Text(f"{i + 1}. {link.text}  ")
                label.append(f"(lesson: {link.lesson_id})" if link.lesson_id else link.href, style="dim")
                options.append(Option(label, id=str(i)))
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TooSmallScreen(ModalScreen[None]):
    """Covers everything while the terminal is below the minimum size; removed on resize."""

    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; height: auto; text-align: center; }
    """

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        width, height = self.minimum
        yield Static(Text(f"Terminal too small\nMake it at least {width}×{height}\n(or press ctrl+q to quit)"))
