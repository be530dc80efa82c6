"""Where the progress database lives, and the private folder and file permissions it gets."""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import platformdirs

DB_FILENAME = "progress.db"
# SQLite names its side files by appending these to the database path.
SIDE_FILE_SUFFIXES = ("-wal", "-shm")
HOME_ENV = "TUTOR_HOME"

_PRIVATE_DIR = 0o700
_PRIVATE_FILE = 0o600


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The folder that holds the database: `data_dir` if given, else $TUTOR_HOME, else the platform's
    user data folder for "tutor" (e.g. ~/.local/share/tutor on Linux)."""
    if data_dir is not None and str(data_dir) != "":
        return Path(data_dir).expanduser()
    from_env = os.environ.get(HOME_ENV, "")
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir("tutor", appauthor=False))


def ensure_private_dir(path: Path) -> None:
    """Create `path`, and every missing folder above it, readable by its owner only (0700 whatever
    the umask). A folder that already exists keeps its permissions: it may be one the user chose
    (their home, a shared drive), and changing those is not our call."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            os.mkdir(folder, _PRIVATE_DIR)
        except FileExistsError:
            if folder.is_dir():
                continue  # another process made it meanwhile; it set the mode
            raise
        # mkdir's mode is filtered through the umask, which may remove bits we need; set it exactly.
        os.chmod(folder, _PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist; an existing file is not touched.

    SQLite creates the -wal and -shm files with the mode of the database file, so creating the
    database ourselves first is what keeps those private too. An empty file is a valid, empty database.
    O_NONBLOCK: if a FIFO appeared here since it was checked, opening it fails instead of waiting
    forever for a reader.
    """
    flags = os.O_CREAT | os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags, _PRIVATE_FILE)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
    finally:
        os.close(fd)


def restrict_to_owner(path: Path) -> None:
    """Take away every permission of group and others (and execute), ignoring a file that vanished
    meanwhile (SQLite deletes -wal on close). Only ever removes bits: a file the learner made
    read-only stays read-only."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        if mode & ~_PRIVATE_FILE:
            os.chmod(path, mode & _PRIVATE_FILE)
    except FileNotFoundError:
        pass


def side_files(db_path: Path) -> list[Path]:
    """The -wal and -shm files that belong to `db_path`, whether or not they exist."""
    return [db_path.with_name(db_path.name + suffix) for suffix in SIDE_FILE_SUFFIXES]


def backups(data_dir: Path) -> list[Path]:
    """The copies `reset` (and `reset --restore`) left in the progress folder, newest first."""
    found = [path for path in data_dir.glob(f"{DB_FILENAME}.backup-*")
             if path.is_file() and not path.name.endswith(("-wal", "-shm", "-journal"))]
    return sorted(found, key=lambda path: path.stat().st_mtime, reverse=True)


def unused_sibling(path: Path, label: str, now: float) -> Path:
    """A path beside `path` that does not exist yet: `<name>.<label>-<UTC time>`, with `-2`, `-3`...
    appended when two are made within the same second."""
    stamp = datetime.fromtimestamp(now, tz=timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    return candidate
