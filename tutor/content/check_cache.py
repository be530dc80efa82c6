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

import hashlib
import json
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tutor import __version__

RACY_NS = 2_000_000_000
MAX_FILES = 5_000  # a pack this large is checked every time rather than stamped


def pack_stamp(root: Path, today: date) -> str | None:
    """A digest of every file of the pack as it is now, or None when it cannot be relied on."""
    digest = hashlib.sha256(f"{__version__}\0{today.isoformat()}\0{os.fspath(root)}".encode())
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
            digest.update(f"{os.path.relpath(path, root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    if time.time_ns() - newest < RACY_NS:
        return None
    return digest.hexdigest()


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
    temporary = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        if not cache.parent.is_dir():  # ours: 0700 whatever the umask (docs/progress.md)
            cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(cache.parent, 0o700)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        os.replace(temporary, cache)
    except OSError:  # a read-only or full disk: the next start checks again
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
