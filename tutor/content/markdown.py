"""The one Markdown parser configuration, shared by `tutor check` and the reader.

CommonMark with tables, strikethrough and footnotes; raw HTML off (shown as text), no linkify,
no typographer: nothing in a pack can make the parser fetch or execute anything.

Every link is accepted by the parser, whatever its scheme (markdown-it's own `validateLink` would
silently keep `javascript:` and `file:` links as raw text, where no check sees them). The document
model then keeps only web and lesson links clickable (links.py), and `tutor check` reports the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

ALERT_KINDS = ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION")

class _Parser(MarkdownIt):
    def validateLink(self, url: str) -> bool:  # noqa: N802 - markdown-it's name
        return True  # judged by link_kind, after parsing, so that the check can see every link


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    md = _Parser("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    return md


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def iter_links(tokens: list[Token]) -> Iterator[tuple[str, int, int]]:
    """(href, first line, end line) of the block holding each link; lines 0-based within the body."""
    for token, span in iter_inline(tokens):
        for child in token.children or ():
            if child.type == "link_open":
                yield str(child.attrs.get("href", "")), span[0], span[1]


def iter_inline(tokens: list[Token]) -> Iterator[tuple[Token, tuple[int, int]]]:
    """Each inline token with the (first, end) lines of the block that holds it."""
    span = (0, 1)
    for token in tokens:
        if token.map:
            span = (token.map[0], token.map[1])
        if token.type == "inline" and token.children:
            yield token, span


def alert_kind(inline: Token) -> str | None:
    """The alert kind when an inline token (the first in a block quote) starts with `[!KIND]`."""
    content = inline.content
    if not content.startswith("[!"):
        return None
    end = content.find("]")
    return content[2:end].upper() if end > 2 else None
