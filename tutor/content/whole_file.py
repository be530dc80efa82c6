"""Writing a file so that it appears whole or not at all: the one way tutor writes a file someone
will keep (an export, a report, a backup, a screenshot, a scaffold's lesson, course.toml).

The text goes to a temporary file in the target's own folder, is flushed and synced, and only then
takes the target's name (a rename, which is atomic within a folder). A full disk, a killed process
or an exception half-way leaves the old file as it was (or no file) and no partial file behind.

It lives at the bottom of the house so that the content layer (tutor new) and the progress layer
(tutor/progress/output.py, which adds the refusal to overwrite the learner's progress) share it.
"""

from __future__ import annotations

import io
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

_NEW_FILE = 0o666  # filtered through the umask, as the shell's `>` would
_EXTRA_FLAGS = getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def real_target(target: Path) -> Path:
    """Where writing `target` lands: the file a symlink leads to (the link itself is kept)."""
    return Path(os.path.realpath(target))


def _is_stream(path: Path) -> bool:
    """A FIFO, device or socket already there: written straight to (`-o /dev/stdout`), never
    replaced (renaming over /dev/null would replace the device for everyone)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode)


@contextmanager
def staged_path(target: Path, *, mode: int | None = None, overwrite: bool = True) -> Iterator[Path]:
    """A temporary path beside `target` to write to; when the block ends normally the file is
    synced and takes `target`'s name, otherwise it is removed and `target` is untouched.

    `mode` is the new file's permissions (default: those of the file it replaces, else 0666 less
    the umask). With `overwrite=False` an existing `target` raises FileExistsError at the end
    (and nothing is written): the file is linked into place, which fails rather than replace.
    """
    if target.is_dir():
        raise IsADirectoryError(21, "it is a folder", str(target))
    folder = target.parent
    temporary = folder / f".{target.name}.{secrets.token_hex(4)}.partial"
    wanted = mode if mode is not None else _mode_of(target)
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _EXTRA_FLAGS, _NEW_FILE)
    except OSError as exc:
        about = _about(exc, target, temporary)
        if about is exc:
            raise
        raise about from exc
    os.close(descriptor)
    try:
        if wanted is not None:
            os.chmod(temporary, wanted)
        yield temporary
        _sync(temporary)
        if overwrite:
            os.replace(temporary, target)
        else:
            _link_without_replacing(temporary, target)
    except BaseException as exc:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        if isinstance(exc, OSError) and (about := _about(exc, target, temporary)) is not exc:
            raise about from exc
        raise
    _sync_folder(folder)


def _about(exc: OSError, target: Path, temporary: Path) -> OSError:
    """The error as the learner should read it: about the file they named, not our temporary one."""
    if exc.filename not in (None, str(temporary), temporary) or exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, str(target))


@contextmanager
def whole_file(target: Path, *, overwrite: bool = True, mode: int | None = None) -> Iterator[IO[bytes]]:
    """An open binary file whose contents replace `target` when the block ends normally, and vanish
    when it raises. A symlink is followed (the file it leads to is replaced); a FIFO or device is
    written to as it is."""
    real = real_target(target)
    if _is_stream(real):
        with open(real, "wb") as stream:
            yield stream
        return
    with staged_path(real, mode=mode, overwrite=overwrite) as temporary, open(temporary, "wb") as raw:
        yield raw


@contextmanager
def whole_text_file(target: Path, *, overwrite: bool = True, mode: int | None = None,
                    newline: str | None = None) -> Iterator[IO[str]]:
    """As whole_file, for UTF-8 text (`newline` as open() takes it)."""
    with whole_file(target, overwrite=overwrite, mode=mode) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline)
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the binary file is closed by whole_file, before the rename


def write_whole(target: Path, data: str | bytes, *, overwrite: bool = True, mode: int | None = None) -> None:
    """Write `data` (text as UTF-8) to `target` whole or not at all."""
    with whole_file(target, overwrite=overwrite, mode=mode) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


def _link_without_replacing(temporary: Path, target: Path) -> None:
    try:
        os.link(temporary, target)  # FileExistsError if anything took the name meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network drives)
        if os.path.lexists(target):
            raise FileExistsError(17, "it already exists", str(target)) from None
        os.replace(temporary, target)
        return
    temporary.unlink()


def _mode_of(target: Path) -> int | None:
    try:
        info = os.stat(target)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY | _EXTRA_FLAGS)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable. Some file systems cannot sync a folder: that is not an error."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
