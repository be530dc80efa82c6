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


class LessonList(ScrollView, can_focus=True):
    """Rows are (text, lesson id); a row without a lesson id is a heading and cannot be chosen."""

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
        self.rows: list[tuple[Text, str | None]] = []

    def set_rows(self, rows: list[tuple[Text, str | None]], keep: str | None = None) -> None:
        """Replace the rows, keeping the highlight on lesson `keep` (else the first lesson)."""
        self.rows = rows
        self.virtual_size = Size(0, len(rows))  # as wide as the list: long titles end in an ellipsis
        ids = [lesson_id for _text, lesson_id in rows]
        wanted = keep if keep is not None and keep in ids else next((i for i in ids if i), None)
        self.highlighted = ids.index(wanted) if wanted else None
        self.refresh()

    @property
    def highlighted_lesson(self) -> str | None:
        return self.rows[self.highlighted][1] if self.highlighted is not None else None

    def row_text(self, lesson_id: str) -> str:
        return next(text.plain for text, lid in self.rows if lid == lesson_id)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        text, lesson_id = self.rows[index]
        line = text.copy()
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
        lessons = [i for i, (_text, lesson_id) in enumerate(self.rows) if lesson_id]
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
