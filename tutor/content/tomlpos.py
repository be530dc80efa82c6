"""Positions in TOML text: where a key path is defined, and where the parser says a syntax error is.

tomllib returns plain dicts with no positions, so when a finding needs a line we scan the text once
and map key paths such as ("questions", 3, "options", 1, "feedback") to (line, col). The scan is
only run for files that have a problem.

Before tomllib sees a text, a fast scan refuses absurd nesting (tomllib recurses per level of arrays
and inline tables, and takes quadratic time on a dotted key of thousands of parts), so that a
stranger's file gives a finding at its line, never a RecursionError or a hang.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any, cast

from tutor.content.findings import KeyPath, Report

# Far above any real pack (the formats nest three levels, and the longest dotted key has three parts),
# far below what tomllib can take (about 300 levels before a RecursionError, less inside the app).
MAX_NESTING = 50
MAX_KEY_PARTS = 50

# Strings and comments, whose brackets and dots do not count (multi-line forms first).
_STRINGS = re.compile(r'"""(?:[^\\]|\\[\s\S])*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')
_INNERMOST = re.compile(r"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")
_BRACKET = re.compile(r"[\[\]{}\n]")
_LONG_KEY = re.compile(r"(?:[A-Za-z0-9_\- \t]*\.){" + str(MAX_KEY_PARTS - 1) + ",}")

_HEADER = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


_ID_LINE = re.compile(r'^id\s*=\s*"([A-Za-z0-9][A-Za-z0-9_-]*)"\s*(?:#.*)?$', re.M)


def scan_id(text: str) -> str | None:
    """The `id = "..."` of a file that TOML could not parse, so that what names the file can say it
    could not be loaded instead of claiming it does not exist."""
    found = _ID_LINE.search(text.split("\n[", 1)[0])
    return found.group(1) if found else None


def toml_library() -> ModuleType:
    # Imported on first parse: with the catalogue cache warm, starting the app parses no TOML.
    # tomli is the library the standard tomllib was copied from; its wheels are compiled (mypyc)
    # and parse a quiz about 2.3x faster (docs/performance.md). The standard copy is the fallback.
    try:
        import tomli

        return tomli
    except ModuleNotFoundError:  # pragma: no cover - a platform without tomli's wheel
        import tomllib  # type: ignore[import-not-found, unused-ignore]

        return cast(ModuleType, tomllib)


def _split_key(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", key)]


Positions = dict[KeyPath, tuple[int, int]]


def index_keys(text: str, line_offset: int = 0) -> Positions:
    """Map each table, array-of-tables element and key path to its 1-based (line, col)."""
    positions: Positions = {}
    latest: dict[KeyPath, KeyPath] = {}  # array-of-tables name path -> resolved path of its latest element
    counts: dict[KeyPath, int] = {}
    current: KeyPath = ()
    in_string: str | None = None
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header:
            names = _split_key(header.group(2))
            resolved: KeyPath = ()
            column = len(line) - len(line.lstrip()) + 1
            for i in range(len(names) - 1):
                prefix = tuple(names[: i + 1])
                resolved = latest.get(prefix, resolved + (names[i],))
                # A table defined only through a dotted header ([[question.options]]) is placed there.
                positions.setdefault(resolved, (number, column))
            if header.group(1) == "[[":
                parent_key = resolved + (names[-1],)
                index = counts.get(parent_key, -1) + 1
                counts[parent_key] = index
                current = parent_key + (index,)
                latest[tuple(names)] = current
            else:
                current = resolved + (names[-1],)
            positions.setdefault(current, (number, column))
            continue
        key = _KEY.match(line)
        if key:
            path = current + tuple(_split_key(key.group(2)))
            positions.setdefault(path, (number, len(key.group(1)) + 1))
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_string = quote
                    break
    return positions


def locate(positions: Positions, path: KeyPath, default: tuple[int, int] = (1, 1)) -> tuple[int, int]:
    """The position of `path`, or of its nearest enclosing table when the key itself is missing."""
    path = tuple(path)
    while path:
        if path in positions:
            return positions[path]
        path = path[:-1]
    return default


def syntax_error_position(exc: Exception, text: str) -> tuple[str, int, int]:
    """(message without position, line, col) from a TOMLDecodeError, on any Python version."""
    message = str(exc)
    lineno = getattr(exc, "lineno", None)
    colno = getattr(exc, "colno", None)
    match = _POSITION.search(message)
    if match:
        lineno, colno = int(match.group(1)), int(match.group(2))
        message = _POSITION.sub("", message)
    elif "at end of document" in message:
        message = message.replace(" (at end of document)", "")
        lineno = text.count("\n") + 1
        colno = 1
    msg_attr = getattr(exc, "msg", None)
    if isinstance(msg_attr, str) and lineno:
        message = msg_attr
    return message.strip(), int(lineno or 1), int(colno or 1)


def too_deep(text: str) -> tuple[str, int] | None:
    """("nesting" or "key", 1-based line) when the text nests arrays and inline tables more than
    MAX_NESTING deep or has a dotted key of more than MAX_KEY_PARTS parts; None for any real file.

    Costs two counts for a typical file; the regular expressions run at C speed otherwise, and only
    a refused file pays for finding the line."""
    bare: str | None = None
    if text.count("[") + text.count("{") > MAX_NESTING:  # fewer brackets cannot nest deeper
        bare = _STRINGS.sub("", text)
        for _ in range(MAX_NESTING + 1):  # each pass removes the innermost brackets: one level
            bare, removed = _INNERMOST.subn("", bare)
            if not removed:
                break
        else:
            return "nesting", _deep_line(text)
    if text.count(".") >= MAX_KEY_PARTS - 1 and _LONG_KEY.search(_STRINGS.sub("", text)):
        return "key", _long_key_line(text)
    return None


def _keep_lines(text: str) -> str:
    """The text with strings and comments removed but their line breaks kept."""
    return _STRINGS.sub(lambda match: "\n" * match.group().count("\n"), text)


def _deep_line(text: str) -> int:
    depth, line = 0, 1
    for match in _BRACKET.finditer(_keep_lines(text)):
        char = match.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        else:
            depth = max(depth - 1, 0)
    return 1


def _long_key_line(text: str) -> int:
    for number, line in enumerate(_keep_lines(text).split("\n"), start=1):
        if _LONG_KEY.search(line):
            return number
    return 1


def parse_for_report(text: str, report: Report, what: str, line_offset: int = 0) -> dict[str, Any] | None:
    """Parse TOML for one file's report: a syntax error becomes a finding at the parser's
    position (shifted by `line_offset`), and later findings are placed by key path, with the
    key index built only if one is ever needed."""
    problem = too_deep(text)
    if problem is not None:
        kind, line = problem
        if kind == "nesting":
            report.error(f"{what} nests arrays or inline tables more than {MAX_NESTING} levels deep",
                         "a pack needs two or three levels; remove the extra [ ] or { }", line=line + line_offset)
        else:
            report.error(f"{what} has a dotted key of more than {MAX_KEY_PARTS} parts",
                         "write the key with fewer dots, or use a [table] header", line=line + line_offset)
        return None
    tomllib = toml_library()
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, col = syntax_error_position(exc, text)
        report.error(f"{what} is not valid TOML: {message}", "check quotes, brackets and = signs",
                     line=line + line_offset, col=col)
        return None
    except RecursionError:  # the scan above makes this unreachable in practice; never a traceback
        report.error(f"{what} is nested too deeply to read", "remove the extra [ ] or { }", line=1 + line_offset)
        return None
    index: Positions | None = None

    def located(at: KeyPath) -> tuple[int, int]:
        nonlocal index
        if index is None:
            index = index_keys(text, line_offset=line_offset)
        return locate(index, at)

    report.locate = located
    return data
