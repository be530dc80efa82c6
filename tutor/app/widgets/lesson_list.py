"""The dashboard's list: module headings and lessons, one line each, one lesson highlighted.

A single scrolling widget that draws only the lines in view (Textual's line API). Textual's
OptionList did the same job with more machinery than 24 short lines need, and a container around
the list cost the first frame a few more widgets to style and lay out (docs/performance.md).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

# A row: its text, its lesson id (None for a heading, which cannot be chosen), and optionally a state
# drawn at the right edge, whole, however narrow the list: the text gives way to it, ending in "…".
Row = tuple[Text, str | None] | tuple[Text, str | None, Text]


class LessonList(ScrollView, can_focus=True):
    """Rows of module headings and lessons (see Row)."""

    COMPONENT_CLASSES = {"lesson-list--highlight", "lesson-list--heading"}
    DEFAULT_CSS = """
    LessonList { height: 1fr; padding: 0 1; overflow-x: hidden; }
    LessonList > .lesson-list--highlight { background: $block-cursor-blurred-background; }
    LessonList:focus > .lesson-list--highlight {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    LessonList > .lesson-list--heading { color: $text-muted; text-style: bold; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Up", show=False, tooltip="previous lesson"),
        Binding("down,j", "move(1)", "Down", show=False, tooltip="next lesson"),
        Binding("pageup", "move(-8)", "Page up", show=False, tooltip="8 lessons up"),
        Binding("pagedown", "move(8)", "Page down", show=False, tooltip="8 lessons down"),
        Binding("home", "move(-10000)", "First", show=False, tooltip="first lesson"),
        Binding("end", "move(10000)", "Last", show=False, tooltip="last lesson"),
        Binding("enter", "choose", "Open", show=False, tooltip="open the highlighted lesson"),
    ]

    highlighted: reactive[int | None] = reactive(None)  # index into self.rows

    class Highlighted(Message):
        """The highlight moved to another lesson."""

        def __init__(self, lesson_list: LessonList, lesson_id: str | None) -> None:
            super().__init__()
            self.lesson_list = lesson_list
            self.lesson_id = lesson_id

        @property
        def control(self) -> LessonList:
            return self.lesson_list

    class Chosen(Message):
        """A lesson was opened with Enter or a click."""

        def __init__(self, lesson_list: LessonList, lesson_id: str) -> None:
            super().__init__()
            self.lesson_list = lesson_list
            self.lesson_id = lesson_id

        @property
        def control(self) -> LessonList:
            return self.lesson_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []

    def set_rows(self, rows: list[Row], keep: str | None = None) -> None:
        """Replace the rows, keeping the highlight on lesson `keep` (else the first lesson)."""
        self.rows = rows
        self.virtual_size = Size(0, len(rows))  # as wide as the list: long titles end in an ellipsis
        ids = [row[1] for row in rows]
        wanted = keep if keep is not None and keep in ids else next((i for i in ids if i), None)
        self.highlighted = ids.index(wanted) if wanted else None
        self.refresh()

    @property
    def highlighted_lesson(self) -> str | None:
        return self.rows[self.highlighted][1] if self.highlighted is not None else None

    def row_text(self, lesson_id: str) -> str:
        """A lesson's row as plain text: its text, then its state."""
        return next(row[0].plain + "  " + "".join(state.plain for state in row[2:])
                    for row in self.rows if row[1] == lesson_id)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        text, lesson_id = self.rows[index][:2]
        state = self.rows[index][2] if len(self.rows[index]) > 2 else None  # type: ignore[misc]
        line = text.copy()
        if state is not None:
            line.truncate(max(1, width - state.cell_len - 2), overflow="ellipsis", pad=True)
            line.append("  ").append_text(state)
        line.truncate(width, overflow="ellipsis", pad=True)
        if lesson_id is None:
            line.stylize(self.get_component_rich_style("lesson-list--heading"))
        if index == self.highlighted:
            line.stylize(self.get_component_rich_style("lesson-list--highlight"))
        return Strip(line.render(self.app.console), width).apply_style(self.rich_style)

    def watch_highlighted(self, index: int | None) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted_lesson))
        if index is not None and self.is_mounted:  # scrolls only when the row is out of sight
            self.call_after_refresh(self.scroll_to_region, Region(0, index, 1, 1), animate=False)

    def action_move(self, step: int) -> None:
        """Move the highlight by `step` lessons (headings are skipped)."""
        lessons = [i for i, row in enumerate(self.rows) if row[1]]
        if not lessons:
            return
        position = lessons.index(self.highlighted) if self.highlighted in lessons else 0
        self.highlighted = lessons[max(0, min(len(lessons) - 1, position + step))]

    def action_choose(self) -> None:
        """Open the highlighted lesson."""
        if self.highlighted_lesson:
            self.post_message(self.Chosen(self, self.highlighted_lesson))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the padding or the scrollbar
            return
        row = self.scroll_offset.y + offset.y
        lesson_id = self.rows[row][1] if 0 <= row < len(self.rows) else None
        if lesson_id:
            self.highlighted = row
            self.post_message(self.Chosen(self, lesson_id))
