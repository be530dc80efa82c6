"""Content problems as values: a place in a file, a message and a hint, collected rather than raised."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from tutor.content.sanitize import clean_text

ERROR = "error"
WARNING = "warning"


class Finding(Struct, frozen=True):
    path: Path
    line: int
    col: int
    severity: str  # ERROR or WARNING
    message: str
    hint: str = ""

    def format(self, base: Path | None = None) -> str:
        # Messages quote content (ids, field names, links): clean them before they reach a terminal.
        where = clean_text(_display_path(self.path, base))
        text = f"{where}:{self.line}:{self.col}: {self.severity}: {clean_text(self.message)}"
        return f"{text} (hint: {clean_text(self.hint)})" if self.hint else text

    def as_dict(self, base: Path | None = None) -> dict:
        return {
            "path": _display_path(self.path, base),
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def _display_path(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.relative_to(base))
        except ValueError:
            pass
    return str(path)


class Report:
    """Collects findings for one file; `line_of` turns a key path into a line lazily, because
    working out positions costs time that a clean file should never pay."""

    def __init__(self, path: Path, findings: list[Finding]) -> None:
        self.path = path
        self.findings = findings
        self.locate = None  # set by tomlpos.parse_for_report: key path -> (line, col)

    def add(self, severity: str, message: str, hint: str = "", at=(), line: int | None = None,
            col: int = 1) -> None:
        if line is None:
            line, col = self.locate(at) if self.locate else (1, 1)
        self.findings.append(Finding(self.path, line, col, severity, message, hint))

    def error(self, message: str, hint: str = "", at=(), line: int | None = None, col: int = 1) -> None:
        self.add(ERROR, message, hint, at, line, col)

    def warning(self, message: str, hint: str = "", at=(), line: int | None = None, col: int = 1) -> None:
        self.add(WARNING, message, hint, at, line, col)
