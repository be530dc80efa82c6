"""Draw one page of a lesson (the core's block model) as Rich renderables in a single Static.

One widget per page instead of one per block keeps opening a long lesson fast: the cost is
wrapping text, not mounting and laying out hundreds of widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, ConsoleOptions, Group, JustifyMethod, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule as RichRule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual.widgets import Static

from tutor.content.document_blocks import (
    Callout,
    CodeBlock,
    Heading,
    Inline,
    Link,
    ListBlock,
    Page,
    Paragraph,
    Quote,
    Rule,
    Table,
)

CALLOUT_LOOK = {  # kind -> (label, theme colour)
    "NOTE": ("ℹ Note", "primary"),
    "TIP": ("✱ Tip", "success"),
    "IMPORTANT": ("! Important", "accent"),
    "WARNING": ("⚠ Warning", "warning"),
    "CAUTION": ("⛔ Caution", "error"),
}


class LeftBar:
    """A renderable with a bar down the whole of its left side, and an optional label above the
    text (block quotes and callouts): the bar is drawn on every line, however many the text wraps to."""

    def __init__(self, inner: RenderableType, bar_style: Style, label: Text | None = None) -> None:
        self.inner, self.bar_style, self.label = inner, bar_style, label

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - 2)
        bar = Segment("▌ ", self.bar_style)
        if self.label is not None:
            for line in console.render_lines(self.label, options.update(width=width), pad=False):
                yield bar
                yield from line
                yield Segment.line()
        for line in console.render_lines(self.inner, options.update(width=width, height=None), pad=False):
            yield bar
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options.update(width=max(1, options.max_width - 2)), self.inner)
        return Measurement(inner.minimum + 2, inner.maximum + 2)


class Hanging:
    """`marker`, then `body` beside it, the body's wrapped lines indented under its first line (a
    hanging indent). Drawn line by line: a Rich table would do the same with far more measuring,
    and option lists and feedback draw many of these on every answer (docs/performance.md)."""

    def __init__(self, marker: Text | str, body: RenderableType, gap: int = 1, width: int | None = None) -> None:
        self.marker = _plain(marker)
        self.body = _plain(body)
        self.lead = max(self.marker.cell_len, width or 0) + gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        inner = options.update(width=max(1, options.max_width - self.lead), height=None)
        # render_lines, not Text.render: only the former applies the Text's own style.
        marker = console.render_lines(self.marker, inner.update(width=max(1, self.marker.cell_len)), pad=False)[0] \
            if self.marker.cell_len else []
        pad = Segment(" " * (self.lead - self.marker.cell_len))
        for i, line in enumerate(console.render_lines(self.body, inner, pad=False)):
            if i == 0:
                yield from marker
                yield pad
            else:
                yield Segment(" " * self.lead)
            yield from line
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options.update(width=max(1, options.max_width - self.lead)), self.body)
        return Measurement(inner.minimum + self.lead, inner.maximum + self.lead)


def hanging(marker: Text | str, text: RenderableType, gap: int = 1) -> Hanging:
    """`marker` then `text`, the text's wrapped lines indented under its first (a hanging indent)."""
    return Hanging(marker, text, gap)


def fitted(parts: list[Text], width: int, separator: str = "  ·  ") -> Text:
    """Parts on one line, `separator` between them, a new line between two parts instead where the
    next would not fit: a part ("Readiness check: not taken yet (press a)") is never split."""
    line, used = Text(), 0
    for part in parts:
        if used and used + len(separator) + part.cell_len > width:
            line.append("\n")
            used = 0
        elif used:
            line.append(separator)
            used += len(separator)
        line.append_text(part)
        used += part.cell_len
    return line


def _plain(cell: RenderableType) -> Text:
    # A str would be read as markup by Rich ("[x]" would vanish): every str becomes plain Text.
    if isinstance(cell, str):
        return Text(cell)
    return cell  # type: ignore[return-value]


def rows(pairs: Iterable[tuple[Text | str, RenderableType]], gap: int = 1,
         marker_width: int | None = None) -> Group:
    """Several hanging-indent rows, their markers in a column of the same width."""
    items = [(_plain(marker), text) for marker, text in pairs]
    width = max([marker.cell_len for marker, _text in items] + [marker_width or 0])
    return Group(*(Hanging(marker, text, gap, width) for marker, text in items))


class PageRenderer:
    """Turns blocks into renderables with the theme's colours. Links are numbered as they are
    drawn, which is the order of `Page.links` (blocks, then footnotes), so a click names its link
    by that number."""

    def __init__(self, colors: dict[str, str]) -> None:
        self.colors = colors
        self.links_drawn = 0

    def color(self, name: str, fallback: str = "default") -> str:
        value = self.colors.get(name, "")
        return value if value.startswith("#") else fallback

    def background(self, name: str) -> str | None:
        value = self.colors.get(name, "")
        return value if value.startswith("#") else None

    def page(self, page: Page) -> Group:
        parts: list[RenderableType] = []
        for block in page.blocks:
            parts.append(self.block(block))
            parts.append(Text(""))
        if page.footnotes:
            parts.append(RichRule("Notes", style=self.color("secondary"), align="left"))
            parts.append(rows((Text(f"[{note.number}]", style=self.color("accent")), self.blocks(note.blocks))
                              for note in page.footnotes))
        return Group(*parts)

    def blocks(self, blocks: Sequence[object]) -> RenderableType:
        rendered: list[RenderableType] = []
        for i, block in enumerate(blocks):
            if i:
                rendered.append(Text(""))
            rendered.append(self.block(block))
        return Group(*rendered)

    def block(self, block: object) -> RenderableType:
        if isinstance(block, Heading):
            return self.inline(block.spans, Style(bold=True, color=self.color("primary"),
                                                  underline=block.level <= 2))
        if isinstance(block, Paragraph):
            return self.inline(block.spans)
        if isinstance(block, ListBlock):
            return self.list_block(block)
        if isinstance(block, CodeBlock):
            # Set apart: its own background, indented, never wrapped into the text around it.
            code = Text(block.text, style=Style(color=self.color("accent")), no_wrap=True, overflow="fold")
            return Padding(code, (0, 2), style=Style(bgcolor=self.background("panel")), expand=True)
        if isinstance(block, Callout):
            label, color = CALLOUT_LOOK.get(block.kind, (block.kind.title(), "primary"))
            bar = Style(color=self.color(color), bold=True)
            return LeftBar(self.blocks(block.blocks), bar, Text(label, style=bar))
        if isinstance(block, Quote):
            return LeftBar(self.blocks(block.blocks), Style(color=self.color("secondary")))
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Rule):
            return RichRule(style=self.color("secondary"))
        return Text("")

    def list_block(self, block: ListBlock) -> RenderableType:
        grid = RichTable.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, justify="right")
        grid.add_column(ratio=1)
        for n, item in enumerate(block.items, block.start):
            marker = f"{n}." if block.ordered else "•"
            grid.add_row(Text(marker, style=self.color("accent")), self.blocks(item))
        return grid

    def table(self, block: Table) -> RenderableType:
        table = RichTable(box=box.ROUNDED, show_header=True, header_style=Style(bold=True),
                          border_style=self.color("secondary"), expand=False)
        for cell, align in zip(block.header, block.aligns):
            justify: JustifyMethod = align if align in ("left", "center", "right") else "left"  # type: ignore[assignment]
            table.add_column(self.inline(cell), justify=justify, overflow="fold")
        for row in block.rows:
            table.add_row(*(self.inline(cell) for cell in row))
        return table

    def inline(self, spans: Inline, base: Style | None = None) -> Text:
        text = Text(style=base or Style())
        for span in spans:
            style = Style()
            if "strong" in span.style:
                style += Style(bold=True)
            if "em" in span.style:
                style += Style(italic=True)
            if "strike" in span.style:
                style += Style(strike=True)
            if "code" in span.style:
                style += Style(color=self.color("accent"), bgcolor=self.background("panel"))
            if "footnote" in span.style:
                style += Style(color=self.color("accent"))
            if span.href is not None:
                index = self.links_drawn
                self.links_drawn += 1
                # The action names the link by number: nothing from the content reaches the action string.
                style += Style(underline=True, color=self.color("accent"),
                               meta={"@click": f"screen.follow_link({index})"})
            text.append(span.text, style)
        return text


class Rendered:
    """`renderable`, rendered once per set of options. Textual renders a widget's content once to
    measure its height and again to draw it, and a page is laid out two or three times as it is
    shown: a page's blocks (tables, callouts, hanging indents) are the most costly thing on screen."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._lines: dict[tuple[object, ...], list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Not the height: Textual measures with the screen's and draws with the widget's, and
        # nothing a page is made of depends on it.
        key = (options.max_width, options.min_width, options.justify, options.overflow, options.no_wrap,
               options.highlight, options.markup)
        segments = self._lines.get(key)
        if segments is None:
            segments = self._lines[key] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class LessonPage(Static):
    """Shows one page; `links` lists the page's links in reading order."""

    DEFAULT_CSS = """
    LessonPage { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.links: list[Link] = []

    def show(self, page: Page, colors: dict[str, str]) -> None:
        """Show `page` in the theme's `colors` (the app's CSS variables)."""
        self.update(Rendered(PageRenderer(colors).page(page)))
        self.links = page.links
