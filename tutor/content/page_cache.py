"""Lesson pages already parsed, kept between runs: reading a lesson again (or after a restart) draws
its pages from here instead of parsing Markdown, so a returning learner's app never loads the
Markdown parser for a lesson that did not change.

An entry is keyed by a digest of the lesson body's text (kept_entries.py says how entries are kept);
it holds the page titles and the pages parsed so far.
"""

from __future__ import annotations

from pathlib import Path

import msgspec

from tutor.content.document_blocks import Page
from tutor.content.kept_entries import KeptEntries, text_digest


class CachedBody(msgspec.Struct):
    titles: list[str]
    pages: dict[int, Page]


def body_digest(body: str) -> str:
    return text_digest(body)


class PageCache(KeptEntries[CachedBody]):
    """One folder of entries, one file per lesson body."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, CachedBody, ".pages")
