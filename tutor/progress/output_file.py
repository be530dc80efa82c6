"""Write a text file the learner names (a drafted message to support) without ever destroying data:
the text goes to a temporary file in the same folder, is synced to disk, and only then takes the
name, so a crash or a full disk leaves the old file whole or the new one whole, never half of each.
The progress database, its -wal and -shm files and its backups are refused whatever the name given,
and an existing file is replaced only when the caller says the learner agreed.

Small and local to guides for now; issue 22 (branch `reliability`) builds one shared helper for every
file a command writes, which this is to be swapped for.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from tutor.progress.location import side_files


class OutputNotWritten(Exception):
    """The file was not written; str() says why, in words. Nothing on disk changed."""


class OutputExists(OutputNotWritten):
    """A file of that name exists: ask the learner before replacing it."""


def refuses(target: Path, database: Path | None) -> str | None:
    """Why `target` must never be written (it is the progress database or belongs to it), else None."""
    if database is None or str(database) == ":memory:":
        return None
    real = Path(os.path.realpath(target))
    db = Path(os.path.realpath(database))
    if real == db or real in [Path(os.path.realpath(side)) for side in side_files(db)] or \
            (real.parent == db.parent and real.name.startswith(db.name + ".")):
        return (f"{target} is your progress database, or one of its files or backups: it is never written "
                "over. Choose another name.")
    return None


def write_output_file(target: Path, text: str, database: Path | None, replace: bool = False) -> Path:
    """Write `text` (UTF-8) to `target`; returns the path written. Raises OutputExists when the file
    exists and `replace` is False, OutputNotWritten for any other reason (in words)."""
    target = target.expanduser()
    try:
        return _write(target, text, database, replace)
    except OutputNotWritten:
        raise
    except OSError as exc:  # a name too long, a folder that cannot be read: said in words
        raise OutputNotWritten(f"{target} could not be written: {exc.strerror or exc} (nothing was changed)") from exc


def _write(target: Path, text: str, database: Path | None, replace: bool) -> Path:
    refused = refuses(target, database)
    if refused:
        raise OutputNotWritten(refused)
    if target.is_dir():
        raise OutputNotWritten(f"{target} is a folder: add a file name, such as {target / 'message.txt'}")
    real = Path(os.path.realpath(target))
    mode = 0o600  # a message to support is the learner's own business
    if os.path.lexists(target):
        try:
            info = os.stat(real)
        except OSError as exc:
            raise OutputNotWritten(f"{target} cannot be used: {exc.strerror or exc}") from exc
        if not stat.S_ISREG(info.st_mode):
            raise OutputNotWritten(f"{target} is not an ordinary file (a device or a pipe): choose another name")
        if not replace:
            raise OutputExists(f"{target} already exists")
        mode = stat.S_IMODE(info.st_mode)
    if not real.parent.is_dir():
        raise OutputNotWritten(f"the folder {real.parent} does not exist")
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".part", dir=real.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
        temporary = None
        _sync_folder(real.parent)
    except OSError as exc:
        raise OutputNotWritten(f"{target} could not be written: {exc.strerror or exc} (nothing was changed)") from exc
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return real


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
