"""Positions in TOML text: where a key path is defined, and where the parser says a syntax error is.

tomllib returns plain dicts with no positions, so when a finding needs a line we scan the text once
and map key paths such as ("questions", 3, "options", 1, "feedback") to (line, col). The scan is
only run for files that have a problem.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[|\[)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^(\s*)((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)")


def _tomllib():
    # Imported on first parse: with the catalogue cache warm, starting the app parses no TOML.
    # tomli is the library the standard tomllib was copied from; its wheels are compiled (mypyc)
    # and parse a quiz about 2.3x faster (docs/performance.md). The standard copy is the fallback.
    try:
        import tomli as tomllib
    except ModuleNotFoundError:  # pragma: no cover - a platform without tomli's wheel
        import tomllib  # type: ignore[no-redef]
    return tomllib


def _split_key(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", key)]


def index_keys(text: str, line_offset: int = 0) -> dict[tuple, tuple[int, int]]:
    """Map each table, array-of-tables element and key path to its 1-based (line, col)."""
    positions: dict[tuple, tuple[int, int]] = {}
    latest: dict[tuple, tuple] = {}  # array-of-tables name path -> resolved path of its latest element
    counts: dict[tuple, int] = {}
    current: tuple = ()
    in_string: str | None = None
    for number, line in enumerate(text.split("\n"), start=1 + line_offset):
        if in_string:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header:
            names = _split_key(header.group(2))
            resolved: tuple = ()
            for i in range(len(names) - 1):
                prefix = tuple(names[: i + 1])
                resolved = latest.get(prefix, resolved + (names[i],))
            if header.group(1) == "[[":
                parent_key = resolved + (names[-1],)
                index = counts.get(parent_key, -1) + 1
                counts[parent_key] = index
                current = parent_key + (index,)
                latest[tuple(names)] = current
            else:
                current = resolved + (names[-1],)
            positions.setdefault(current, (number, len(line) - len(line.lstrip()) + 1))
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


def locate(positions: dict[tuple, tuple[int, int]], path: tuple, default: tuple[int, int] = (1, 1)):
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


def parse_for_report(text: str, report, what: str, line_offset: int = 0) -> dict | None:
    """Parse TOML for one file's report: a syntax error becomes a finding at the parser's
    position (shifted by `line_offset`), and later findings are placed by key path, with the
    key index built only if one is ever needed."""
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, col = syntax_error_position(exc, text)
        report.error(f"{what} is not valid TOML: {message}", "check quotes, brackets and = signs",
                     line=line + line_offset, col=col)
        return None
    index: dict | None = None

    def located(at) -> tuple[int, int]:
        nonlocal index
        if index is None:
            index = index_keys(text, line_offset=line_offset)
        return locate(index, at)

    report.locate = located
    return data
