"""Where a pack is: whether a folder is one, and the pack an author is working in, found upward
from the current folder (`tutor check` and `tutor new` with no folder named)."""

from __future__ import annotations

from pathlib import Path


def is_pack(folder: Path) -> bool:
    """Whether a folder looks like a content pack: a course.toml, a lessons/ or a quizzes/ folder."""
    return (folder / "course.toml").is_file() or (folder / "lessons").is_dir() or (folder / "quizzes").is_dir()


def pack_around(start: Path) -> Path | None:
    """The pack an author is working in: `start` itself or the nearest folder above it that is a pack
    (from inside lessons/ or quizzes/, or deeper); None when there is none."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if folder.name in ("lessons", "quizzes") and is_pack(folder.parent):
            return folder.parent  # a pack's lessons/ is never a pack of its own, whatever it holds
        if is_pack(folder):
            return folder
    return None
