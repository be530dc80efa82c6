"""Draw one page of a lesson (the core's block model) as Rich renderables in a single Static.

One widget per page instead of one per block keeps opening a long lesson fast: the cost is
wrapping text, not mounting and laying out hundreds of widgets.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule as RichRule
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual.widgets import Static

from tutor.content.document import (
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


class PageRenderer:
    """Turns blocks into renderables with the theme's colours. Links are numbered as they are
    drawn, which is the order of `Page.links` (blocks, then footnotes), so a click names its link
    by that number."""

    def __init__(self, colors: dict[str, str]) -> None:
        self.colors = colors
        self.links_drawn = 0

    def color(self, name: str, fallback: str | None = "default") -> str | None:
        value = self.colors.get(name, "")
        return value if value.startswith("#") else fallback

    def page(self, page: Page) -> Group:
        parts: list[RenderableType] = []
        for block in page.blocks:
            parts.append(self.block(block))
            parts.append(Text(""))
        if page.footnotes:
            parts.append(RichRule("Notes", style=self.color("secondary"), align="left"))
            for note in page.footnotes:
                grid = RichTable.grid(padding=(0, 1))
                grid.add_column(no_wrap=True)
                grid.add_column(ratio=1)
                grid.add_row(Text(f"[{note.number}]", style=self.color("accent")), self.blocks(note.blocks))
                parts.append(grid)
        return Group(*parts)

    def blocks(self, blocks) -> RenderableType:
        rendered: list[RenderableType] = []
        for i, block in enumerate(blocks):
            if i:
                rendered.append(Text(""))
            rendered.append(self.block(block))
        return Group(*rendered)

    def block(self, block) -> RenderableType:
        if isinstance(block, Heading):
            return self.inline(block.spans, Style(bold=True, color=self.color("primary"),
                                                  underline=block.level <= 2))
        if isinstance(block, Paragraph):
            return self.inline(block.spans)
        if isinstance(block, ListBlock):
            return self.list_block(block)
        if isinstance(block, CodeBlock):
            return Padding(Text(block.text, style=Style(color=self.color("accent"))), (0, 2))
        if isinstance(block, Callout):
            label, color = CALLOUT_LOOK.get(block.kind, (block.kind.title(), "primary"))
            return Panel(self.blocks(block.blocks), title=Text(label, style=Style(bold=True)), title_align="left",
                         border_style=self.color(color), box=box.ROUNDED, padding=(0, 1))
        if isinstance(block, Quote):
            grid = RichTable.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, style=self.color("secondary"))
            grid.add_column(ratio=1)
            grid.add_row("▌", self.blocks(block.blocks))
            return grid
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
            table.add_column(self.inline(cell), justify=align or "left", overflow="fold")
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
                style += Style(color=self.color("accent"), bgcolor=self.color("panel", None))
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


class LessonPage(Static):
    """Shows one page; `links` lists the page's links in reading order."""

    DEFAULT_CSS = """
    LessonPage { width: 1fr; height: auto; padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.links: list[Link] = []

    def show(self, page: Page) -> None:
        self.update(PageRenderer(self.app.get_css_variables()).page(page))
        self.links = page.links
