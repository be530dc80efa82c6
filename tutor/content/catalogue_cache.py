"""What loading found in each catalogue file, kept between runs so that starting the app parses no
TOML for files that have not changed (docs/performance.md).

The catalogue is course.toml, changes.toml, each lesson's front matter and the top of each guide
file (kept once the guides were first listed: guide_index.py); for each file the cache keeps its
size and modification time (ns), the parsed result and the findings loading it produced. An entry
is used only while the file's size and time are unchanged. A file modified less than two seconds
before the cache is written is not kept, so an edit within the file system's timestamp resolution
is never missed (git's "racy clean" rule). A cache from another version of tutor, for another
folder, or one that cannot be read or decoded is ignored and written anew: the cache only ever
saves time, and deleting it is always safe. `tutor check` never uses it.

The app keeps one cache file per content folder, in the progress folder (`cache/`). It is written
and read by us alone, in a folder only the learner can read, and decoded into typed structures
(msgspec), never evaluated.

The wheel's own course comes with its catalogue already parsed (SEED, written when the wheel is
built: catalogue_seed.py), so that a new learner's first start parses no TOML either (nor loads a TOML
parser: docs/performance.md). Installing sets every file's time anew, so a seed entry is keyed by
the file's size and CRC-32 instead, and used only while the file's bytes are still the ones it was
parsed from. It is read for the wheel's course alone (the loader passes it for PACKAGED): a pack's
own file could claim any content for its lessons, the wheel's is as trusted as our code.
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
from tutor.content.model import Change, GuideEntry, Lesson

# 2: Lesson lost its cached body; 3: course.toml gained fields; 4: a lesson with an error is None;
# 5: changes.toml is cached too; 6: [readiness] gained module_floor; 7: course.toml gained [texts] and
# language, a source its document or reference; 8: the top of each guide file
FORMAT = 8
RACY_NS = 2_000_000_000
SEED = ".catalogue.json"  # in the wheel's course folder, beside course.toml


class Entry(msgspec.Struct, frozen=True):
    """One file as loading found it: a lesson (or None when unusable), course.toml's or changes.toml's
    content, or what the top of a guide file says (None: not a guide the course lists)."""

    mtime_ns: int
    size: int
    findings: tuple[Finding, ...] = ()
    lesson: Lesson | None = None
    course: CourseFile | None = None
    changes: tuple[Change, ...] | None = None
    guide: GuideEntry | None = None


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


class Seeded(msgspec.Struct, frozen=True):
    """A file as the wheel was built with it: its size and CRC-32, and what loading it found (paths
    relative to the course folder, since the wheel is installed elsewhere)."""

    size: int
    crc32: int
    entry: Entry


class SeedFile(msgspec.Struct):
    format: int
    version: str
    entries: dict[str, Seeded]


def cache_file(folder: Path, root: Path) -> Path:
    """The cache file for the content folder `root`, inside `folder`: one file per content folder."""
    import zlib

    return folder / f"catalogue-{zlib.crc32(str(root).encode()):08x}.json"


class CatalogueCache:
    """The entries of one content folder: `get` before parsing a file, `put` after, `save` at the end."""

    def __init__(self, path: Path, root: Path, seed: Path | None = None) -> None:
        self.path = path
        self.root = root
        self._prefix = len(os.fspath(root)) + 1
        self._old = self._read()
        self._new: dict[str, Entry] = {}
        self._seed_path = seed
        self._seed: dict[str, Seeded] | None = None  # read at the first file the cache does not know

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
            entry = self._seeded(key, path, stat.st_size)
            if entry is None:
                return None
            entry = msgspec.structs.replace(entry, mtime_ns=stat.st_mtime_ns, size=stat.st_size)
            if time.time_ns() - stat.st_mtime_ns < RACY_NS:
                return entry  # right for these bytes; kept by time only once the time can be trusted
        self._new[key] = entry
        return entry

    def keep_guides(self, entries: dict[Path, GuideEntry | None]) -> None:
        """The tops of guide files, parsed when the guides were first listed (after the catalogue was
        saved): kept, and saved again."""
        for path, entry in entries.items():
            self.put(path, [], guide=entry)
        self.save()

    def _seeded(self, key: str, path: Path, size: int) -> Entry | None:
        if self._seed_path is None:
            return None
        if self._seed is None:
            self._seed = _read_seed(self._seed_path, self.root)
        seeded = self._seed.get(key)
        if seeded is None or seeded.size != size:
            return None
        import zlib

        try:
            data = path.read_bytes()
        except OSError:
            return None
        return seeded.entry if zlib.crc32(data) == seeded.crc32 else None

    def put(self, path: Path, findings: list[Finding], lesson: Lesson | None = None,
            course: CourseFile | None = None, changes: tuple[Change, ...] | None = None,
            guide: GuideEntry | None = None) -> None:
        try:
            stat = path.stat()
        except OSError:
            return
        if time.time_ns() - stat.st_mtime_ns < RACY_NS:
            return  # modified just now: a second edit within the timestamp resolution could hide
        self._new[self._key(path)] = Entry(stat.st_mtime_ns, stat.st_size, tuple(findings), lesson, course, changes,
                                           guide)

    def save(self) -> None:
        """Write the entries used or added so far, if they differ from what was read or last written
        (saved again once the guides are first listed)."""
        if self._new == self._old:
            return
        # A read-only or full disk: the next start parses again, nothing is lost.
        keep_file(self.path, _ENCODER.encode(_CacheFile(FORMAT, __version__, str(self.root), self._new)))
        self._old = dict(self._new)

    def _key(self, path: Path) -> str:
        # Catalogue paths are built as root / folder / name: the text after the root's is the key
        # (Path.relative_to costs ten times more, and a start may look up a thousand files).
        return os.fspath(path)[self._prefix:]


def _read_seed(path: Path, root: Path) -> dict[str, Seeded]:
    def inside(kind: type, value: object) -> object:
        if kind is Path and isinstance(value, str):
            return root / value
        raise NotImplementedError(kind.__name__)

    try:
        seed = msgspec.json.decode(path.read_bytes(), type=SeedFile, dec_hook=inside)
    except (OSError, msgspec.DecodeError):
        return {}
    return seed.entries if (seed.format, seed.version) == (FORMAT, __version__) else {}
