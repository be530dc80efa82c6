"""The blocks a lesson page is made of: the model's Markdown, typed (a heading, a callout, a table,
a link), with no knowledge of how they are drawn. document.py builds them; the app and the plain
mode draw them. Blocks are tagged Structs, so a page can be kept as bytes and read back typed
(page_cache.py)."""

from __future__ import annotations

from msgspec import Struct, field

# Containers nest at most this deep in the model. Eight is more than any lesson needs (the shipped
# course nests two) and keeps a renderer that nests a grid per level fast (issue 12: 19 levels took
# 87 s to draw). `tutor check` warns about deeper content.
MAX_DEPTH = 8


class Span(Struct, frozen=True):
    text: str
    style: frozenset[str] = frozenset()  # "strong", "em", "code", "strike", "link", "footnote"
    href: str | None = None


Inline = tuple[Span, ...]


class Heading(Struct, frozen=True, tag=True):
    level: int
    spans: Inline


class Paragraph(Struct, frozen=True, tag=True):
    spans: Inline


class ListBlock(Struct, frozen=True, tag=True):
    items: tuple[tuple[Block, ...], ...]  # each item is a tuple of blocks
    ordered: bool = False
    start: int = 1


class CodeBlock(Struct, frozen=True, tag=True):
    text: str
    lang: str = ""


class Quote(Struct, frozen=True, tag=True):
    blocks: tuple[Block, ...]


class Callout(Struct, frozen=True, tag=True):
    kind: str  # one of markdown.ALERT_KINDS
    blocks: tuple[Block, ...]


class Table(Struct, frozen=True, tag=True):
    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    aligns: tuple[str, ...]  # "left", "center", "right" or ""


class Rule(Struct, frozen=True, tag=True):
    pass


class Footnote(Struct, frozen=True):
    number: int
    blocks: tuple[Block, ...]


class Link(Struct, frozen=True):
    text: str
    href: str

    @property
    def lesson_id(self) -> str | None:
        return self.href[len("lesson:"):].split("#", 1)[0] if self.href.startswith("lesson:") else None


Block = Heading | Paragraph | ListBlock | CodeBlock | Quote | Callout | Table | Rule


class Page(Struct):
    title: str  # "" for the opening page before the first `##`
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def plain_spans(spans: Inline) -> str:
    """The text of a run of spans, without styles or links."""
    return "".join(span.text for span in spans)
