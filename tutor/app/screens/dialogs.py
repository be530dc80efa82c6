"""Small modal screens: confirmations, notices, the links on a page, opening a web page, and
"terminal too small"."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.base import TutorModal

if TYPE_CHECKING:  # the document module pulls in markdown-it, which start-up does not need
    from tutor.content.document_blocks import Link

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; max-width: 95%; height: auto; max-height: 90%;
    padding: 1 2; border: thick $primary; background: $surface;
}}
{name} Horizontal {{ height: auto; margin-top: 1; }}
{name} Button {{ margin-right: 2; }}
"""

# In every dialog with buttons, ← and → move between them, as Tab and shift+Tab do.
BUTTON_KEYS = [
    Binding("left", "app.focus_previous", "Previous button", show=False),
    Binding("right", "app.focus_next", "Next button", show=False),
]


class ConfirmScreen(TutorModal[bool]):
    """Ask a yes/no question; dismisses with True only when the learner confirms (y or the button)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")
    BINDINGS = [
        *BUTTON_KEYS,
        Binding("escape,n", "cancel", "Cancel"),
        Binding("y", "confirm", "Yes"),
    ]

    def __init__(self, question: str, confirm: str = "Yes", cancel: str = "Cancel") -> None:
        super().__init__()
        self.question, self.confirm, self.cancel = question, confirm, cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button(f"{self.confirm} (y)", id="confirm", variant="error", action="screen.confirm",
                             compact=True)
                yield Button(f"{self.cancel} (n)", id="cancel", variant="primary", action="screen.cancel",
                             compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class ChoiceScreen(TutorModal[str | None]):
    """A question with a few answers, each a button with its own key; dismisses with the chosen
    answer's id, or None (Esc)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceScreen")

    def __init__(self, question: str, choices: list[tuple[str, str, str]]) -> None:
        """`choices` are (id, label, key) in order; the first is focused."""
        super().__init__()
        self.question, self.choices = question, choices
        self._bindings.bind("escape", "cancel", "Cancel")
        for choice_id, _label, key in choices:
            self._bindings.bind(key, f"choose({choice_id!r})", show=False)
        for binding in BUTTON_KEYS:
            self._bindings.bind(binding.key, binding.action, show=False)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                for choice_id, label, key in self.choices:
                    yield Button(f"{label} ({key})", id=f"choice-{choice_id}", action=f"screen.choose({choice_id!r})",
                                 compact=True)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def action_choose(self, choice_id: str) -> None:
        self.dismiss(choice_id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def browser_unavailable() -> str | None:
    """Why no web browser can be opened from here, or None when one probably can. Over SSH a
    browser would open on the other machine, if at all; on Linux without a desktop, Python would
    start a text browser inside this terminal, over the tutor."""
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return "You are connected over SSH, so a browser would not open on your screen."
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "There is no desktop here (a container, a server or a text console), so no browser can open."
    return None


class OpenLinkScreen(TutorModal[None]):
    """A web link the learner chose: open it in the browser, or copy it. The address is shown whole."""

    DEFAULT_CSS = DIALOG_CSS.format(name="OpenLinkScreen") + "OpenLinkScreen #url { margin-top: 1; }"
    BINDINGS = [
        *BUTTON_KEYS,
        Binding("escape,n", "cancel", "Cancel"),
        Binding("o,y", "open", "Open"),
        Binding("c", "copy", "Copy link"),
    ]

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.unavailable = browser_unavailable()

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.unavailable:
                yield Static(Text(f"{self.unavailable} Copy the link to open it on your own computer."))
            else:
                yield Static(Text("Open this page in your web browser?"))
            # Folded at the edge rather than wrapped at a hyphen, so it reads as one address.
            yield Static(Text(self.url, overflow="fold"), id="url")
            with Horizontal():
                if not self.unavailable:
                    yield Button("Open (o)", id="open", variant="primary", action="screen.open", compact=True)
                yield Button("Copy link (c)", id="copy", action="screen.copy", compact=True)
                yield Button("Cancel (n)", id="cancel", action="screen.cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel" if not self.unavailable else "#copy", Button).focus()

    def action_open(self) -> None:
        if self.unavailable:
            return
        import webbrowser

        self.dismiss(None)
        if not webbrowser.open(self.url):
            self.app.copy_to_clipboard(self.url)
            self.notify("No web browser could be opened; the link was copied instead.", severity="warning")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.url)
        self.dismiss(None)
        self.app.notify("Link copied (your terminal must allow programs to copy; the address is shown in the "
                        "lesson's sources too).", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoticeScreen(TutorModal[None]):
    """A message the learner must acknowledge (a damaged progress file, for example)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="NoticeScreen")
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.heading, style="bold"))
            yield Static(Text(self.message))
            with Horizontal():
                yield Button("OK", id="ok", variant="primary", action="screen.close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class LinksScreen(TutorModal[int | None]):
    """The links on the current page, then the lesson's sources; choosing one dismisses with its number."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LinksScreen") + """
    LinksScreen OptionList { height: auto; max-height: 16; }
    LinksScreen #links-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, links: list[Link]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        from tutor.app.widgets.lesson_page import hanging

        with Vertical():
            yield Static(Text("Links on this page, and the lesson's sources", style="bold"))
            options = []
            for i, link in enumerate(self.links):
                # The words wrap under their number; the address has a line of its own that never
                # wraps (a wrapped address copies broken, and breaks mid-word): it ends in "…" at
                # the edge, and the next dialog shows it whole and can copy it. A Group, not one
                # Text: the option list wraps a Text whatever its no_wrap says.
                where = Text(f"lesson: {link.lesson_id}" if link.lesson_id else link.href, style="dim", no_wrap=True,
                             overflow="ellipsis")
                options.append(Option(Group(hanging(f"{i + 1}.", Text(link.text)), hanging(" " * len(f"{i + 1}."),
                                                                                            where)), id=str(i)))
            if not options:
                yield Static(Text("This page has no links, and the lesson lists no sources."))
            yield OptionList(*options)
            yield Static(Text("↑ ↓ choose · Enter opens it · Esc closes"), id="links-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_resize(self, event: events.Resize) -> None:
        # The list takes what the dialog leaves (90% of the screen, less its border, padding, title
        # and the keys' line), so the keys stay in view at 60x18.
        self.query_one(OptionList).styles.max_height = max(3, min(16, int(event.size.height * 0.9) - 7))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TooSmallScreen(TutorModal[None]):
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
