"""Content problems as values: a place in a file, a message and a hint, collected rather than raised."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content.sanitize import one_line

ERROR = "error"
WARNING = "warning"

# A place in a parsed TOML document: keys and array indexes, e.g. ("questions", 3, "options", 1, "id").
KeyPath = tuple[str | int, ...]
Locator = Callable[[KeyPath], tuple[int, int]]


class Finding(Struct, frozen=True):
    path: Path
    line: int
    col: int
    severity: str  # ERROR or WARNING
    message: str
    hint: str = ""

    def format(self, base: Path | None = None) -> str:
        """The finding as exactly one line. Messages quote content (ids, field names, links), so
        everything is cleaned, and a newline in quoted content is shown as \\n."""
        where = one_line(display_path(self.path, base))
        text = f"{where}:{self.line}:{self.col}: {self.severity}: {one_line(self.message)}"
        return f"{text} (hint: {one_line(self.hint)})" if self.hint else text

    def as_dict(self, base: Path | None = None) -> dict[str, Any]:
        return {
            "path": display_path(self.path, base),
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)


class Report:
    """Collects findings for one file; `locate` turns a key path into a line lazily, because
    working out positions costs time that a clean file should never pay. `errors` counts the
    errors reported so far, so a builder can tell whether a part of the file had any.

    Without `warnings`, a file read to be shown rather than checked (a quiz the app opens), warnings are
    not collected, and what only looks for them (Markdown in question texts, the right answers'
    positions) is skipped: `tutor check` and the app's count of problems say them."""

    def __init__(self, path: Path, findings: list[Finding], warnings: bool = True) -> None:
        self.path = path
        self.findings = findings
        self.warnings = warnings
        self.locate: Locator | None = None  # set by tomlpos.parse_for_report
        self.errors = 0

    def add(self, severity: str, message: str, hint: str = "", at: KeyPath = (), line: int | None = None,
            col: int = 1) -> None:
        if line is None:
            line, col = self.locate(at) if self.locate else (1, 1)
        self.errors += severity == ERROR
        self.findings.append(Finding(self.path, line, col, severity, message, hint))

    def error(self, message: str, hint: str = "", at: KeyPath = (), line: int | None = None, col: int = 1) -> None:
        self.add(ERROR, message, hint, at, line, col)

    def warning(self, message: str, hint: str = "", at: KeyPath = (), line: int | None = None,
                col: int = 1) -> None:
        if self.warnings:
            self.add(WARNING, message, hint, at, line, col)
