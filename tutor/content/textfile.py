"""Read a pack file, reporting the problems a file can have before any format is involved.

`read_pack_file` is the one way the core opens a file of a pack: it refuses what is not a regular
file (a FIFO or a device would hang the read or have side effects) and, given the pack's root,
anything that resolves outside the pack through a symlink. Lesson and quiz files are listed with
os.scandir, which tells symlinks apart for free, so the listing vets them (loader.pack_files);
every other file (course.toml, the welcome file, ...) is vetted here, with the root.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from tutor.content import tomlpos
from tutor.content.findings import Report
from tutor.content.sanitize import clean_value

MAX_FILE_MB = 2
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def inside_pack(path: Path, root: Path) -> bool:
    """Whether `path`, with every symlink on the way resolved, is inside the pack folder `root`."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read_pack_file(path: Path, report: Report, root: Path | None = None) -> bytes | None:
    """The bytes of a pack file, or None (with a finding at line 1) when it must not or cannot be
    read: outside the pack (when `root` is given), not a regular file, too large, unreadable."""
    if root is not None and not inside_pack(path, root):
        report.error("file points outside the content pack",
                     "copy the file into the pack instead of linking to it", line=1)
        return None
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            report.error("not a regular file (a folder, FIFO or device): it is not read",
                         "make it an ordinary file", line=1)
            return None
        if info.st_size > MAX_FILE_BYTES:
            report.error(
                f"file is {info.st_size / 1024 / 1024:.1f} MB, over the {MAX_FILE_MB} MB limit",
                "split it into several lessons or quizzes",
                line=1,
            )
            return None
        # Non-blocking, in case the file was swapped for a FIFO since the stat: the read then ends
        # at once instead of waiting for a writer.
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            chunks = []
            size = 0
            while size <= MAX_FILE_BYTES:
                chunk = os.read(descriptor, max(info.st_size + 1 - size, 65536))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(descriptor)
    except OSError as exc:
        report.error(f"cannot read file: {exc.strerror or exc}", "check the file's permissions", line=1)
        return None
    return b"".join(chunks)[: MAX_FILE_BYTES + 1]


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
                   text_seen: list[str] | None = None) -> dict[str, Any] | None:
    """A whole-file TOML document (course.toml, a quiz): read, parsed and cleaned of control
    characters, or None (with a finding) when it cannot be used. `what` names it in messages;
    `text_seen`, when given, receives the text read (to scan a file that does not parse)."""
    text = read_text_file(path, report, root)
    if text is None:
        return None
    if text_seen is not None:
        text_seen.append(text)
    data = tomlpos.parse_for_report(text, report, what)
    return None if data is None else clean_value(data)
