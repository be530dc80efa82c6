"""Parsed content kept between runs, one file per entry in a folder of the learner's own (lesson pages:
page_cache.py; quizzes: quiz_cache.py). An entry is keyed by a digest of the text it was parsed from
(and tutor's version), so an edited file is a new entry and a stale one is never used.

It only ever saves time: an entry that cannot be read or decoded is ignored, a write that fails is
dropped, and deleting the folder is always safe. Entries are typed msgspec data written and read by
us alone, in a folder only the learner can read (0700), never evaluated."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Generic, TypeVar

import msgspec

from tutor import __version__

T = TypeVar("T")
MAX_ENTRIES = 500  # per folder unless told otherwise; beyond it, the entries not read for longest go


def keep_file(target: Path, data: bytes) -> bool:
    """Write a file that only saves time (an entry, a cache) whole, in a folder of the learner's own
    (0700 whatever the umask, docs/progress.md), the file 0600. False when it could not be written: a
    read-only or full disk means the work is done again next time, never an error."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if not target.parent.is_dir():
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(target.parent, 0o700)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    return True


def text_digest(text: str) -> str:
    import hashlib  # here, not at the top: OpenSSL is 0.7 MiB a start need not load

    return hashlib.sha256(f"{__version__}\0{text}".encode()).hexdigest()[:32]


class KeptEntries(Generic[T]):
    """One folder of entries of one type, each a `<digest><suffix>` file."""

    def __init__(self, folder: Path, kind: type[T], suffix: str, max_entries: int = MAX_ENTRIES) -> None:
        self.folder, self.suffix, self.max_entries = folder, suffix, max_entries
        self._pruned = False  # the folder is trimmed once a run, at the first entry written
        self._decoder = msgspec.msgpack.Decoder(kind)
        self._encoder = msgspec.msgpack.Encoder()

    def get(self, digest: str) -> T | None:
        try:
            return self._decoder.decode((self.folder / f"{digest}{self.suffix}").read_bytes())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None

    def put(self, digest: str, entry: T) -> None:
        if keep_file(self.folder / f"{digest}{self.suffix}", self._encoder.encode(entry)) and not self._pruned:
            # listing the folder at every write would cost a large pack's first check a second; it
            # may exceed the limit until the next run
            self._pruned = True
            try:
                self._prune()
            except OSError:
                pass

    def _prune(self) -> None:
        entries = list(self.folder.glob(f"*{self.suffix}"))
        if len(entries) <= self.max_entries:
            return
        entries.sort(key=lambda path: path.stat().st_atime)
        for path in entries[: len(entries) - self.max_entries]:
            path.unlink(missing_ok=True)
