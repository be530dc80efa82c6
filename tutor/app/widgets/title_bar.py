"""The line at the top of the reader and the quiz: the screen's title, and where the learner is.

Textual's Header centres the title and its subtitle together, so a long lesson title pushes
"page 2 of 5" off the edge of an 80-column terminal. Here the place is drawn first, on the right,
and the title gets what is left, ending in "…" when it must.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._changed)
        self.watch(self.screen, "sub_title", self._changed)

    def _changed(self, _value: object) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.size.width
        place = Text(f" {self.screen.sub_title} " if self.screen.sub_title else "", style="not bold")
        title = Text(f" {self.screen.title or ''}")
        title.truncate(max(0, width - place.cell_len), overflow="ellipsis", pad=True)
        return title + place
