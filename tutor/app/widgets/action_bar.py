"""A wide, focusable line of text that acts as a button: Enter, space or a click presses it.

Used for the dashboard's "Continue" so the first screen does not need Textual's Button, whose
styles for every variant and state are parsed before the first frame (docs/performance.md).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class ActionBar(Static, can_focus=True):
    DEFAULT_CSS = """
    ActionBar {
        width: 100%; height: 1; padding: 0 2; text-style: bold;
        background: $primary; color: $text;
    }
    ActionBar:focus { background: $primary-lighten-1; text-style: bold reverse; }
    ActionBar:hover { background: $primary-lighten-1; }
    ActionBar:disabled { background: $panel; color: $text-muted; text-style: none; }
    """
    BINDINGS = [Binding("enter,space", "press", "Press", show=False)]

    class Pressed(Message):
        """The bar was pressed."""

        def __init__(self, bar: ActionBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> ActionBar:
            return self.bar

    def action_press(self) -> None:
        if not self.disabled:
            self.post_message(self.Pressed(self))

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_press()
