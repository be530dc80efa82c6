"""Read a pack file as text, reporting the problems a file can have before any format is involved."""

from __future__ import annotations

from pathlib import Path

from tutor.content import tomlpos
from tutor.content.findings import Report
from tutor.content.sanitize import clean_value

MAX_FILE_BYTES = 2 * 1024 * 1024


def read_text_file(path: Path, report: Report) -> str | None:
    """The file's text with newlines normalised, or None (with a finding) when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.error(
                f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit",
                "split it into several lessons or quizzes",
                line=1,
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        report.error(f"cannot read file: {exc.strerror or exc}", "check the file's permissions", line=1)
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


def read_toml_file(path: Path, report: Report, what: str) -> dict | None:
    """A whole-file TOML document (course.toml, a quiz): read, parsed and cleaned of control
    characters, or None (with a finding) when it cannot be used. `what` names it in messages."""
    text = read_text_file(path, report)
    if text is None:
        return None
    data = tomlpos.parse_for_report(text, report, what)
    return None if data is None else clean_value(data)
