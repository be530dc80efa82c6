"""Writing a file whole or not at all: a temporary file in the same folder, flushed to disk, renamed
over the target. A full disk or a crash leaves the old file as it was.

Kept small and local on purpose: the shared "safe output" of issue 22 can take its place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or those a new file gets (mkstemp's are owner-only)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_whole(output: Path, data: bytes) -> None:
    target = output.resolve()
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), _mode_for(target))
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        folder = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return  # a folder that cannot be opened (Windows): the rename is done, only its flush is skipped
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
