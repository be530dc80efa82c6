"""Every file a learner or an author names as output (`--output` of export and report, the app's
saved report and screenshot, and any command that writes a file it is told to) goes through here.

Two promises (docs/reliability.md):

- It never destroys progress: a target that is the progress database, its -wal, -shm or -journal, a
  backup or a moved-aside copy of it, a link (soft or hard) to any of those, or any file that holds
  an SQLite database or journal is refused in words, and nothing is written.
- It is written whole or not at all (tutor/content/whole_file.py): on a full disk or a kill the old
  file stays as it was and nothing half-written remains.

Usage, from any face:

    with output_file(Path(args.output), data_dir=args.data_dir) as out:   # text; binary=True for bytes
        out.write(...)
    write_output(path, text, data_dir=...)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tutor.content.whole_file import real_target, whole_file, whole_text_file
from tutor.progress.location import DB_FILENAME, resolve_data_dir

# The suffixes SQLite gives a database's side files, and the labels of the copies tutor keeps.
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
_COPY_LABELS = (".backup-", ".corrupt-")
# The first bytes of an SQLite database, a WAL file (two byte orders) and a rollback journal.
_SQLITE_MAGIC = (b"SQLite format 3\x00", b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83",
                 b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")

DataDir = str | os.PathLike[str] | None


class OutputRefusedError(Exception):
    """The file named as output must not be written (it holds progress). str() says why, in words;
    nothing was written."""


def refuse_progress_files(target: Path, data_dir: DataDir = None) -> None:
    """Raise OutputRefusedError if writing `target` could destroy progress: the database of
    `data_dir` (and of the default data folder), a file beside it that belongs to it, a link to one
    of those, or any SQLite database or journal."""
    real = real_target(target)
    for database in _databases(data_dir):
        what = _belongs_to(real, database)
        if what is not None:
            link = "a link to " if os.path.realpath(target.parent) / Path(target.name) != real else ""
            raise OutputRefusedError(f"refusing to write {target}: it is {link}{what} ({database}); nothing "
                                     "was written. Choose another file name.")
        twin = _same_file_in(real, database.parent, database.name)
        if twin is not None:
            raise OutputRefusedError(f"refusing to write {target}: it is the same file as {twin}, which "
                                     "holds your progress; nothing was written. Choose another file name.")
    if _holds_a_database(real):
        raise OutputRefusedError(f"refusing to write {target}: it holds a database (your progress, or a "
                                 "copy of it?); nothing was written. Choose another file name, or delete "
                                 "that file first if you are sure.")


@contextmanager
def output_file(target: Path, *, data_dir: DataDir = None, newline: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text file to write `target` through: refused (OutputRefusedError) if it holds
    progress, written whole when the block ends, left as it was if the block raises."""
    refuse_progress_files(target, data_dir)
    with whole_text_file(target, newline=newline) as out:
        yield out


@contextmanager
def binary_output_file(target: Path, *, data_dir: DataDir = None) -> Iterator[IO[bytes]]:
    """As output_file, for bytes (a zip, a picture)."""
    refuse_progress_files(target, data_dir)
    with whole_file(target) as out:
        yield out


def write_output(target: Path, data: str | bytes, *, data_dir: DataDir = None) -> None:
    """Write `data` (text as UTF-8) to `target` as output_file does."""
    with binary_output_file(target, data_dir=data_dir) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


def _databases(data_dir: DataDir) -> list[Path]:
    """The progress database the command uses, and the default one (a learner may point
    --data-dir elsewhere and still name the usual file as output)."""
    found = []
    for folder in (resolve_data_dir(data_dir), resolve_data_dir(None)):
        database = Path(os.path.realpath(folder)) / DB_FILENAME
        if database not in found:
            found.append(database)
    return found


def _belongs_to(real: Path, database: Path) -> str | None:
    """What `real` is to the database, by name: None if it is nothing of it."""
    if real.parent != database.parent or not real.name.startswith(database.name):
        return None
    rest = real.name[len(database.name):]
    if rest == "":
        return "your progress database"
    if rest in _SIDE_SUFFIXES:
        return f"a file of your progress database ({rest[1:]})"
    if rest.startswith(_COPY_LABELS):
        return "a copy of your progress database kept by tutor"
    return None


def _same_file_in(real: Path, folder: Path, prefix: str) -> Path | None:
    """A file of the database's folder whose name starts with `prefix` and that is `real` itself
    (a hard link), or None."""
    try:
        info = os.stat(real)
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for entry in entries:
        if not entry.name.startswith(prefix):
            continue
        try:
            other = entry.stat()
        except OSError:
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):
            return Path(entry.path)
    return None


def _holds_a_database(real: Path) -> bool:
    """Whether `real` is a regular file starting as an SQLite database, WAL or journal does."""
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return False
        with open(real, "rb", buffering=0) as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head.startswith(_SQLITE_MAGIC)
