"""The wheel's course with its catalogue already parsed: written when the wheel is built (hatch_build.py),
read by the catalogue cache at a first start (catalogue_cache.py, SEED)."""

from __future__ import annotations

import zlib
from pathlib import Path, PurePath

import msgspec

from tutor import __version__
from tutor.content.catalogue_cache import FORMAT, CatalogueCache, Entry, Seeded, SeedFile
from tutor.content.course_format import CourseFile
from tutor.content.findings import Finding
from tutor.content.guide_index import guide_entry
from tutor.content.loader import load_catalogue
from tutor.content.model import Change, GuideEntry, Lesson


class _Everything(CatalogueCache):
    """Every file the catalogue reads, as loading found it, however recently the file was written (a
    seed entry is keyed by content, not by time), and nothing read from an earlier cache."""

    def _read(self) -> dict[str, Entry]:
        return {}

    def put(self, path: Path, findings: list[Finding], lesson: Lesson | None = None,
            course: CourseFile | None = None, changes: tuple[Change, ...] | None = None,
            guide: GuideEntry | None = None) -> None:
        self._new[self._key(path)] = Entry(0, 0, tuple(findings), lesson, course, changes, guide)

    def save(self) -> None:
        pass  # written whole by write_seed, with the guides' tops

    def seed(self) -> SeedFile:
        entries = {}
        for key, entry in self._new.items():
            data = (self.root / key).read_bytes()
            entries[key] = Seeded(len(data), zlib.crc32(data), entry)
        return SeedFile(FORMAT, __version__, entries)


def write_seed(root: Path, target: Path) -> None:
    """The catalogue of the course at `root`, with the top of each guide file, as SEED, to `target`.
    Paths are written relative to `root`: the wheel is installed elsewhere."""
    kept = _Everything(target, root)
    catalogue = load_catalogue(root, kept)
    for path in catalogue.guide_files:
        kept.put(path, [], guide=guide_entry(path, root))

    def relative(value: object) -> object:
        if isinstance(value, PurePath):
            return value.relative_to(root).as_posix()
        raise NotImplementedError(type(value).__name__)

    target.write_bytes(msgspec.json.encode(kept.seed(), enc_hook=relative))
