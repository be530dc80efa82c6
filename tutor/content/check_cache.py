"""The app tells the learner when the pack has problems, with the count `tutor check` prints. The check
parses every file of the pack, which a start need not repeat when nothing changed: the count is kept
with a stamp of the pack (every file's name, size and modification time, the day, tutor's version)
and used again while the stamp is the same.

Like the catalogue cache (catalogue_cache.py) it only ever saves time: a stamp that cannot be taken,
a file modified within the last two seconds (an edit within the file system's timestamp resolution
could hide behind it), or a record that cannot be read means the check runs. `tutor check` never
uses it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tutor import __version__
from tutor.content.kept_entries import keep_file

RACY_NS = 2_000_000_000
MAX_FILES = 5_000  # a pack this large is checked every time rather than stamped


def pack_stamp(root: Path, today: date) -> str | None:
    """Every file of the pack as it is now (name, size, time) with the day and tutor's version, as one
    string, or None when it cannot be relied on. Kept whole, not hashed: a few kilobytes, and no
    hashing library to load."""
    parts = [__version__, today.isoformat(), os.fspath(root)]
    newest = 0
    count = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                stat = os.lstat(path)
            except OSError:
                return None
            count += 1
            if count > MAX_FILES:
                return None
            newest = max(newest, stat.st_mtime_ns)
            parts.append(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}")
    if time.time_ns() - newest < RACY_NS:
        return None
    return "\n".join(parts)


def checked_errors(cache: Path, root: Path, today: date, check: Callable[[], int]) -> int:
    """The number of errors `check` finds in the pack at `root`, from `cache` when the pack has not
    changed since it was last counted."""
    stamp = pack_stamp(root, today)
    if stamp is not None:
        try:
            record = json.loads(cache.read_text(encoding="utf-8"))
            if isinstance(record, dict) and record.get("stamp") == stamp and isinstance(record.get("errors"), int):
                return int(record["errors"])
        except (OSError, ValueError):
            pass
    errors = check()
    if stamp is not None and stamp == pack_stamp(root, today):  # nothing changed while it ran
        _save(cache, {"stamp": stamp, "errors": errors})
    return errors


def _save(cache: Path, record: dict[str, object]) -> None:
    # A read-only or full disk: the next start checks again.
    keep_file(cache, json.dumps(record).encode("utf-8"))
