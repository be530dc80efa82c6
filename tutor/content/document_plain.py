"""A lesson page as plain lines, for the plain mode, `tutor read` and screen readers: lists and
quotes indented, links followed by their address, footnotes at the end of the page."""

from __future__ import annotations

from typing import Protocol

from tutor.content.document_blocks import (
    Callout,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Page,
    Paragraph,
    Quote,
    Rule,
    Table,
)


def _plain_with_links(spans: Inline) -> str:
    """Text with each web link's address after it, since a plain reader cannot follow a link."""
    out: list[str] = []
    for i, span in enumerate(spans):
        out.append(span.text)
        last_of_link = i + 1 == len(spans) or spans[i + 1].href != span.href
        if span.href and not span.href.startswith("lesson:") and last_of_link:
            out.append(f" <{span.href}>")
    return "".join(out)


class Paged(Protocol):
    """A document (tutor/content/document.py), as far as plain text needs it."""

    @property
    def pages(self) -> tuple[Page, ...]: ...


def plain_text(document: Paged) -> str:
    """The document as plain text: what `tutor read` prints, for screen readers and pipes."""
    return "\n".join(plain_page(page) for page in document.pages)


def plain_page(page: Page) -> str:
    """One page as plain text (the plain mode shows a lesson a page at a time)."""
    out: list[str] = []
    if page.title:
        out.append(f"## {page.title}\n")
    for block in page.blocks:
        out.append(_plain_block(block))
    for note in page.footnotes:
        out.append(f"[{note.number}] " + " ".join(_plain_block(b) for b in note.blocks))
    return "\n".join(out)


def _plain_block(block: object, indent: str = "") -> str:
    if isinstance(block, Heading):
        return indent + "#" * block.level + " " + _plain_with_links(block.spans) + "\n"
    if isinstance(block, Paragraph):
        return indent + _plain_with_links(block.spans) + "\n"
    if isinstance(block, ListBlock):
        lines = []
        for n, item in enumerate(block.items, block.start):
            marker = f"{n}. " if block.ordered else "- "
            text = "".join(_plain_block(b) for b in item).strip()
            lines.append(indent + marker + text)
        return "\n".join(lines) + "\n"
    if isinstance(block, CodeBlock):
        return "\n".join(indent + "    " + line for line in block.text.split("\n")) + "\n"
    if isinstance(block, (Quote, Callout)):
        head = f"{block.kind}: " if isinstance(block, Callout) else ""
        inner = "".join(_plain_block(b) for b in block.blocks).strip()
        return indent + "> " + head + inner.replace("\n", "\n" + indent + "> ") + "\n"
    if isinstance(block, Table):
        rows = [block.header] + list(block.rows)
        return "\n".join(indent + " | ".join(_plain_with_links(c) for c in row) for row in rows) + "\n"
    if isinstance(block, Rule):
        return indent + "---\n"
    return ""
