"""Read a pack file, reporting the problems a file can have before any format is involved.

`read_pack_file` is the one way the core opens a file of a pack: it refuses what is not a regular
file (a FIFO or a device would hang the read or have side effects) and, given the pack's root,
anything that resolves outside the pack through a symlink. Containment is checked on the file
actually opened, at the moment it is read (the kernel says which file a descriptor is), so a file or
folder swapped for a symlink after the pack was listed is refused too: the app reads a lesson's
body or a quiz only when the learner opens it, possibly long after start (issue 22).
"""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path
from typing import Any

from tutor.content.findings import Report
from tutor.content.sanitize import clean_value

MAX_FILE_MB = 2
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_PROC_FD = Path("/proc/self/fd")


def inside_pack(path: Path, root: Path) -> bool:
    """Whether `path`, with every symlink on the way resolved, is inside the pack folder `root`."""
    return _within(os.path.realpath(path), _real_root(os.fspath(root)))


@functools.lru_cache(maxsize=16)
def _real_root(root: str) -> str:
    # The pack's own folder is the one the learner named; resolving it once per load is enough.
    return os.path.realpath(root)


def _within(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _opened_inside(descriptor: int, path: Path, root: Path) -> bool:
    """Whether the file open as `descriptor` lies inside the pack: where the kernel says the
    descriptor leads (Linux), else the resolved path, if it is the very file that was opened."""
    real_root = _real_root(os.fspath(root))
    try:
        return _within(os.readlink(_PROC_FD / str(descriptor)), real_root)
    except OSError:
        pass
    real = os.path.realpath(path)
    try:
        named, opened = os.stat(real), os.fstat(descriptor)
    except OSError:
        return False
    return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino) and _within(real, real_root)


def read_pack_file(path: Path, report: Report, root: Path | None = None, head: int | None = None) -> bytes | None:
    """The bytes of a pack file (its first `head` bytes if given), or None (with a finding at line 1)
    when it must not or cannot be read: outside the pack (when `root` is given), not a regular file,
    too large, unreadable."""
    try:
        # A device or FIFO is refused before it is opened: opening some has side effects.
        if not stat.S_ISREG(os.stat(path).st_mode):
            if not _refused_outside(path, report, root):
                report.error("not a regular file (a folder, FIFO or device): it is not read",
                             "make it an ordinary file", line=1)
            return None
        # Non-blocking, in case the file was swapped for a FIFO since the stat: the read then ends
        # at once instead of waiting for a writer.
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            if root is not None and not _opened_inside(descriptor, path, root):
                _outside(report)
                return None
            info = os.fstat(descriptor)  # the file opened, whatever the name leads to now
            if not stat.S_ISREG(info.st_mode):
                report.error("not a regular file (a folder, FIFO or device): it is not read",
                             "make it an ordinary file", line=1)
                return None
            if info.st_size > MAX_FILE_BYTES and head is None:
                report.error(
                    f"file is {info.st_size / 1024 / 1024:.1f} MB, over the {MAX_FILE_MB} MB limit",
                    "split it into several lessons or quizzes",
                    line=1,
                )
                return None
            want = MAX_FILE_BYTES + 1 if head is None else head  # one byte over the limit: a file that grew
            chunks = []
            size = 0
            while size < want:
                chunk = os.read(descriptor, min(want - size, max(info.st_size + 1 - size, 65536)))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(descriptor)
    except OSError as exc:
        if not _refused_outside(path, report, root):  # a dangling link out of the pack says so
            report.error(f"cannot read file: {exc.strerror or exc}", "check the file's permissions", line=1)
        return None
    return b"".join(chunks)


def _refused_outside(path: Path, report: Report, root: Path | None) -> bool:
    if root is None or inside_pack(path, root):
        return False
    _outside(report)
    return True


def _outside(report: Report) -> None:
    report.error("file points outside the content pack", "copy the file into the pack instead of linking to it",
                 line=1)


def read_text_file(path: Path, report: Report, root: Path | None = None) -> str | None:
    """The file's text with newlines normalised, or None (with a finding) when it cannot be used."""
    data = read_pack_file(path, report, root)
    if data is None:
        return None
    if len(data) > MAX_FILE_BYTES:  # it grew after the stat
        report.error(f"file is over the {MAX_FILE_MB} MB limit",
                     "split it into several lessons or quizzes", line=1)
        return None
    if not data.strip():
        report.error("file is empty", "write the front matter and body, or delete the file", line=1)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            f"file is not valid UTF-8 (byte offset {exc.start}: 0x{data[exc.start]:02x})",
            "save the file as UTF-8",
            line=line,
            col=col,
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_toml_file(path: Path, report: Report, what: str, root: Path | None = None,
                   text_seen: list[str] | None = None, text: str | None = None) -> dict[str, Any] | None:
    """A whole-file TOML document (course.toml, a quiz): read, parsed and cleaned of control
    characters, or None (with a finding) when it cannot be used. `what` names it in messages;
    `text_seen`, when given, receives the text read (to scan a file that does not parse); `text`, when
    given, is the file's text already read (with read_text_file)."""
    text = read_text_file(path, report, root) if text is None else text
    if text is None:
        return None
    if text_seen is not None:
        text_seen.append(text)
    from tutor.content import tomlpos  # only a file parsed now needs it: a start from the cache parses none

    data = tomlpos.parse_for_report(text, report, what)
    return None if data is None else clean_value(data)
