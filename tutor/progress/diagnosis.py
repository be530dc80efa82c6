"""What a failure of SQLite or of the file system means for the learner, in words: what happened and
what to do about it.

SQLite says "disk I/O error" or "attempt to write a readonly database" whatever the cause, and
Python's sqlite3 does not pass on the operating system's errno. So when something fails, this looks
at the disk, the folder and the file to say which it is: full, read-only, not ours to read, locked.
It runs only after a failure, so it costs nothing while everything works.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from pathlib import Path

from msgspec import Struct

from tutor.progress.errors import Problem
from tutor.progress.location import side_files

# Primary result codes (the low byte of an extended code).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_NOMEM = 7
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_PROTOCOL = 15
SQLITE_NOLFS = 22
SQLITE_AUTH = 23
SQLITE_NOTADB = 26
_SQLITE_READONLY_DIRECTORY = SQLITE_READONLY | (6 << 8)

# Below this much free space an I/O error is put down to a full disk: SQLite needs room for a 32 KiB
# shared-memory file and for log frames of a page each, and a disk this full fails for everyone.
_NEARLY_FULL_BYTES = 1 << 20

_ELSEWHERE = "or pass --data-dir DIR to keep progress somewhere else"
_TRY_AGAIN = "then try again; everything saved before is still there"


class Diagnosis(Struct, frozen=True):
    problem: Problem
    reason: str  # completes "Your answer could not be saved: ..." (no full stop)
    advice: str = ""  # one or two sentences: what to do


def diagnose(exc: BaseException, path: Path, busy_timeout: float) -> Diagnosis | None:
    """What `exc`, raised while using the database at `path`, means; None when it is not about the
    disk, the file or a lock but a bug (a constraint violated, SQL that does not parse), which
    must reach the caller as it is."""
    if isinstance(exc, sqlite3.Error):
        return _sqlite_failure(exc, path, busy_timeout)
    if isinstance(exc, OSError):
        return _os_failure(exc, path)
    return None


def kind_of_file(path: Path) -> str | None:
    """None if `path` is absent or a regular file (or a symbolic link to one); otherwise what it is,
    in words: "a FIFO", "a symbolic link to a folder"... Opening a FIFO waits for a writer forever,
    so this is asked before anything is opened."""
    try:
        link = os.lstat(path)
        target = os.stat(path)
    except FileNotFoundError:
        return None  # absent, or a dangling link whose target will be created
    kind = _kind(target.st_mode)
    if kind is None:
        return None
    return f"a symbolic link to {kind}" if stat.S_ISLNK(link.st_mode) else kind


def not_a_file(path: Path, db_path: Path, kind: str) -> Diagnosis:
    what = "it" if path == db_path else f"{path.name} beside it"
    return Diagnosis(
        "not-a-file", f"{what} is {kind}, not a database file",
        f"Move {path} out of the way, {_ELSEWHERE}.",
    )


def primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return int(code) & 0xFF
    # Python 3.10 has no error codes on exceptions; SQLite's messages for these are fixed strings.
    message = str(exc)
    for text, primary in _MESSAGES:
        if text in message:
            return primary
    return None


_MESSAGES = (
    ("database is locked", SQLITE_BUSY),
    ("database table is locked", SQLITE_LOCKED),
    ("database disk image is malformed", SQLITE_CORRUPT),
    ("file is not a database", SQLITE_NOTADB),
    ("database or disk is full", SQLITE_FULL),
    ("attempt to write a readonly database", SQLITE_READONLY),
    ("disk I/O error", SQLITE_IOERR),
    ("unable to open database file", SQLITE_CANTOPEN),
    ("out of memory", SQLITE_NOMEM),
    ("access permission denied", SQLITE_PERM),
    ("locking protocol", SQLITE_PROTOCOL),
)


def _sqlite_failure(exc: sqlite3.Error, path: Path, busy_timeout: float) -> Diagnosis | None:
    code = primary_code(exc)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return Diagnosis(
            "locked", f"another program has kept the database locked for more than {busy_timeout:g} seconds",
            "It may be another tutor window, or a program reading the file; close it, then try again.",
        )
    if code == SQLITE_FULL:
        return _disk_full(path)
    if code == SQLITE_IOERR:
        # Read-only first: a disk mounted read-only (a CD image, say) may also report no free space.
        if _mounted_read_only(path.parent):
            return _file_system_read_only(path.parent)
        if _nearly_full(path.parent):
            return _disk_full(path)
        return _not_writable(path) or _disk_error(str(exc))
    if code == SQLITE_READONLY:
        extended = getattr(exc, "sqlite_errorcode", None)
        if extended == _SQLITE_READONLY_DIRECTORY:
            return _folder_read_only(path.parent)
        return _not_writable(path) or Diagnosis(
            "read-only", f"SQLite may not write to it ({exc})", f"Check the file's permissions, {_ELSEWHERE}."
        )
    if code == SQLITE_CANTOPEN:
        return _not_writable(path) or _not_readable(path) or _disk_error(str(exc))
    if code in (SQLITE_PERM, SQLITE_AUTH):
        return _not_readable(path) or _not_writable(path) or _no_access(path, str(exc))
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return Diagnosis(
            "damaged", f"SQLite found the file damaged ({exc})",
            "Quit tutor and start it again: it moves a damaged file aside, keeps it for rescue, "
            "and starts a new one.",
        )
    if code == SQLITE_NOMEM:
        return Diagnosis("out-of-memory", "there was not enough memory", "Close other programs, then try again.")
    if code in (SQLITE_NOLFS, SQLITE_PROTOCOL):
        return _disk_error(str(exc))
    return None


def _os_failure(exc: OSError, path: Path) -> Diagnosis:
    where = Path(exc.filename) if exc.filename else path
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _disk_full(path, quota=exc.errno == errno.EDQUOT)
    if exc.errno == errno.EROFS:
        return _file_system_read_only(path.parent)
    if exc.errno in (errno.EACCES, errno.EPERM):
        if where.is_dir() or not where.exists():
            return _folder_read_only(where if where.is_dir() else where.parent)
        return _not_readable(where) or _not_writable(where) or _no_access(where, exc.strerror or str(exc))
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = _first_non_folder(where)
        if blocker is not None:
            kind = kind_of_file(blocker) or "a file"
            return Diagnosis("not-a-file", f"{blocker} is {kind}, not a folder",
                             f"Move it out of the way, {_ELSEWHERE}.")
    return _disk_error(f"{exc.strerror or exc}: {where}")


def _disk_full(path: Path, quota: bool = False) -> Diagnosis:
    reason = (f"your disk quota on the disk holding {path.parent} is used up" if quota
              else f"the disk holding {path.parent} is full")
    return Diagnosis("disk-full", reason, f"Free some space on it, {_TRY_AGAIN}.")


def _disk_error(detail: str) -> Diagnosis:
    return Diagnosis("disk-error", f"the disk reported an error ({detail})",
                     "Check that the disk is still connected and working, then try again.")


def _not_writable(path: Path) -> Diagnosis | None:
    """Which of the disk, the file, its side files or its folder may not be written, if any."""
    folder = path.parent
    if _mounted_read_only(folder):
        return _file_system_read_only(folder)
    for own in (path, *side_files(path)):
        if own.exists() and not _may(own, os.W_OK):
            subject = "the database file" if own == path else f"the file {own.name} beside it"
            return Diagnosis(
                "read-only", f"{subject} is read-only for you",
                f"Make it writable (chmod u+w {own}), {_ELSEWHERE}.",
            )
    if folder.is_dir() and not _may(folder, os.W_OK):
        return _folder_read_only(folder)
    return None


def _not_readable(path: Path) -> Diagnosis | None:
    if path.exists() and not _may(path, os.R_OK):
        return _no_access(path, "permission denied")
    return None


def _no_access(path: Path, detail: str) -> Diagnosis:
    return Diagnosis("no-access", f"you may not read {path} ({detail})",
                     f"Check its owner and permissions (ls -l {path}), {_ELSEWHERE}.")


def _folder_read_only(folder: Path) -> Diagnosis:
    if _mounted_read_only(folder):
        return _file_system_read_only(folder)
    return Diagnosis(
        "read-only",
        f"the folder {folder} is read-only for you, and the database needs to create files in it",
        f"Make it writable (chmod u+w {folder}), {_ELSEWHERE}.",
    )


def _file_system_read_only(folder: Path) -> Diagnosis:
    return Diagnosis("read-only", f"the disk holding {folder} is mounted read-only",
                     f"Mount it read-write, {_ELSEWHERE}.")


def _nearly_full(folder: Path) -> bool:
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return False
    if free < _NEARLY_FULL_BYTES:
        return True
    try:
        inodes = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return False
    return inodes.f_files > 0 and inodes.f_favail == 0


def _mounted_read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _may(path: Path, mode: int) -> bool:
    effective = os.access in os.supports_effective_ids
    return os.access(path, mode, effective_ids=effective)


def _first_non_folder(path: Path) -> Path | None:
    for candidate in (*reversed(path.parents), path):
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return None


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"
