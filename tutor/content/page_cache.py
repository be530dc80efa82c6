"""Lesson pages already parsed, kept between runs: reading a lesson again (or after a restart) draws
its pages from here instead of parsing Markdown, so a returning learner's app never loads the
Markdown parser for a lesson that did not change.

An entry is keyed by a digest of the lesson body's text (and tutor's version), so an edited lesson is
a new entry and a stale one is never used; it holds the page titles and the pages parsed so far. It
only ever saves time: an entry that cannot be read or decoded is ignored, a write that fails is
dropped, and deleting the folder is always safe. Entries are typed msgspec data written and read by
us alone, in a folder only the learner can read, never evaluated.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import msgspec

from tutor import __version__
from tutor.content.document_blocks import Page

MAX_ENTRIES = 500  # beyond this, the entries not read for longest are removed


class CachedBody(msgspec.Struct):
    titles: list[str]
    pages: dict[int, Page]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(CachedBody)


def body_digest(body: str) -> str:
    return hashlib.sha256(f"{__version__}\0{body}".encode()).hexdigest()[:32]


class PageCache:
    """One folder of entries, one file per lesson body."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, digest: str) -> CachedBody | None:
        try:
            return _DECODER.decode((self.folder / f"{digest}.pages").read_bytes())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    def put(self, digest: str, entry: CachedBody) -> None:
        target = self.folder / f"{digest}.pages"
        temporary = self.folder / f".{digest}.{os.getpid()}.tmp"
        try:
            if not self.folder.is_dir():  # ours: 0700 whatever the umask (docs/progress.md)
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(self.folder, 0o700)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_ENCODER.encode(entry))
            os.replace(temporary, target)
            self._prune()
        except OSError:  # a read-only or full disk: the page is parsed again next time
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass

    def _prune(self) -> None:
        entries = list(self.folder.glob("*.pages"))
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda path: path.stat().st_atime)
        for path in entries[: len(entries) - MAX_ENTRIES]:
            path.unlink(missing_ok=True)
