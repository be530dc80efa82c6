"""Where the progress database lives, and the private folder and file permissions it gets."""

from __future__ import annotations

import os
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
    """Create `path` readable by its owner only. A folder that already exists keeps its permissions:
    it may be one the user chose (their home, a shared drive), and changing those is not our call."""
    if path.is_dir():
        return
    path.mkdir(mode=_PRIVATE_DIR, parents=True, exist_ok=True)
    # mkdir's mode is filtered through the umask, which may add or keep odd bits; set it exactly.
    os.chmod(path, _PRIVATE_DIR)


def create_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist; an existing file is not touched.

    SQLite creates the -wal and -shm files with the mode of the database file, so creating the
    database ourselves first is what keeps those private too. An empty file is a valid, empty database.
    """
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, _PRIVATE_FILE)
    os.close(fd)


def restrict_to_owner(path: Path) -> None:
    """chmod 0600, ignoring a file that vanished meanwhile (SQLite deletes -wal on close)."""
    try:
        os.chmod(path, _PRIVATE_FILE)
    except FileNotFoundError:
        pass


def side_files(db_path: Path) -> list[Path]:
    """The -wal and -shm files that belong to `db_path`, whether or not they exist."""
    return [db_path.with_name(db_path.name + suffix) for suffix in SIDE_FILE_SUFFIXES]


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
