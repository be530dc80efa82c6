"""What loading found in each catalogue file, kept between runs so that starting the app parses no
TOML for files that have not changed (docs/performance.md).

The catalogue is course.toml and each lesson's front matter; for each file the cache keeps its
size and modification time (ns), the parsed result and the findings loading it produced. An entry
is used only while the file's size and time are unchanged. A file modified less than two seconds
before the cache is written is not kept, so an edit within the file system's timestamp resolution
is never missed (git's "racy clean" rule). A cache from another version of tutor, for another
folder, or one that cannot be read or decoded is ignored and written anew: the cache only ever
saves time, and deleting it is always safe. `tutor check` never uses it.

The app keeps one cache file per content folder, in the progress folder (`cache/`). It is written
and read by us alone, in a folder only the learner can read, and decoded into typed structures
(msgspec), never evaluated.
"""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePath

import msgspec

from tutor import __version__
from tutor.content.course_format import CourseFile
from tutor.content.findings import Finding
from tutor.content.kept_entries import keep_file
from tutor.content.model import Change, Lesson

# 2: Lesson lost its cached body; 3: course.toml gained fields; 4: a lesson with an error is None;
# 5: changes.toml is cached too; 6: [readiness] gained module_floor; 7: course.toml gained [texts] and
# language, a source its document or reference
FORMAT = 7
RACY_NS = 2_000_000_000


class Entry(msgspec.Struct, frozen=True):
    """One file as loading found it: a lesson (or None when unusable), or course.toml's content."""

    mtime_ns: int
    size: int
    findings: tuple[Finding, ...] = ()
    lesson: Lesson | None = None
    course: CourseFile | None = None
    changes: tuple[Change, ...] | None = None


class _CacheFile(msgspec.Struct):
    format: int
    version: str
    root: str
    entries: dict[str, Entry]


def _encode_path(value: object) -> object:
    if isinstance(value, PurePath):
        return str(value)
    raise NotImplementedError(type(value).__name__)


def _decode_path(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(kind.__name__)


_ENCODER = msgspec.json.Encoder(enc_hook=_encode_path)
_DECODER = msgspec.json.Decoder(_CacheFile, dec_hook=_decode_path)


def cache_file(folder: Path, root: Path) -> Path:
    """The cache file for the content folder `root`, inside `folder`: one file per content folder."""
    import zlib

    return folder / f"catalogue-{zlib.crc32(str(root).encode()):08x}.json"


class CatalogueCache:
    """The entries of one content folder: `get` before parsing a file, `put` after, `save` at the end."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self._prefix = len(os.fspath(root)) + 1
        self._old = self._read()
        self._new: dict[str, Entry] = {}

    def _read(self) -> dict[str, Entry]:
        try:
            cached = _DECODER.decode(self.path.read_bytes())
        except (OSError, msgspec.DecodeError):
            return {}
        if (cached.format, cached.version, cached.root) != (FORMAT, __version__, str(self.root)):
            return {}
        return cached.entries

    def get(self, path: Path) -> Entry | None:
        """The cached entry for `path` if the file is unchanged since it was cached."""
        try:
            stat = path.stat()
        except OSError:
            return None
        key = self._key(path)
        entry = self._old.get(key)
        if entry is None or (entry.mtime_ns, entry.size) != (stat.st_mtime_ns, stat.st_size):
            return None
        self._new[key] = entry
        return entry

    def put(self, path: Path, findings: list[Finding], lesson: Lesson | None = None,
            course: CourseFile | None = None, changes: tuple[Change, ...] | None = None) -> None:
        try:
            stat = path.stat()
        except OSError:
            return
        if time.time_ns() - stat.st_mtime_ns < RACY_NS:
            return  # modified just now: a second edit within the timestamp resolution could hide
        self._new[self._key(path)] = Entry(stat.st_mtime_ns, stat.st_size, tuple(findings), lesson, course, changes)

    def save(self) -> None:
        """Write the entries used or added in this load, if they differ from what was read."""
        if self._new == self._old:
            return
        # A read-only or full disk: the next start parses again, nothing is lost.
        keep_file(self.path, _ENCODER.encode(_CacheFile(FORMAT, __version__, str(self.root), self._new)))

    def _key(self, path: Path) -> str:
        # Catalogue paths are built as root / folder / name: the text after the root's is the key
        # (Path.relative_to costs ten times more, and a start may look up a thousand files).
        return os.fspath(path)[self._prefix:]
