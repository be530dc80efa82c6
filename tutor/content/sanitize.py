"""The one sanitiser for pack text: what must never reach a terminal is removed here.

C0/C1 control characters and DEL are what make escape sequences (CSI, OSC, ...), carriage-return
overwrites and form feeds; removing them leaves an escape sequence as harmless printable text.
Content is cleaned once where it is loaded (`clean_text`, `clean_value`), the document model cleans
text that markdown-it decodes from character references, and the command line passes what it prints
through `one_line`, `clean_line` or `escape_c1_in_json` (docs/architecture.md, "Safety boundaries").
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except \t and \n, DEL, and C1 controls (U+0080-U+009F, which some terminals treat as CSI/OSC).
# \r is dropped too: files with CRLF endings are normalised before this runs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_C1 = re.compile("[\x7f-\x9f]")


def clean_text(text: str) -> str:
    """`text` without control characters; newlines and tabs are kept."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """`text` without any control character, newlines and tabs included: for one-line labels made
    from names the pack does not validate, such as its folder's name."""
    return text if text.isprintable() else _ANY_CONTROL.sub("", text)


def one_line(text: str) -> str:
    """`text` cleaned and kept on one line: a newline or tab is shown as `\\n` or `\\t`, so that a
    finding quoting content is always exactly one line with its path:line:col."""
    if text.isprintable():
        return text
    return clean_text(text).replace("\n", "\\n").replace("\t", "\\t")


def escape_c1_in_json(text: str) -> str:
    """JSON text with DEL and C1 characters written as \\u escapes. `json.dumps` escapes C0 itself,
    but with ensure_ascii=False it writes U+0080-U+009F as they are, which some terminals obey."""
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def clean_value(value: Any) -> Any:
    """Clean every string inside a parsed TOML value (dicts, lists, strings; other types unchanged).

    The containers are tomllib's fresh output, so they are cleaned in place, with a work list
    rather than recursion: nesting depth is the pack's choice (tomlpos also refuses absurd depths)."""
    if isinstance(value, str):
        return clean_text(value)
    todo: list[Any] = [value]
    while todo:
        container = todo.pop()
        if isinstance(container, dict):
            pairs: Any = container.items()
        elif isinstance(container, list):
            pairs = enumerate(container)
        else:
            continue
        dirty = []
        for key, item in pairs:
            if isinstance(item, str):
                if not item.isprintable():
                    dirty.append((key, item))
            elif isinstance(item, (dict, list)):
                todo.append(item)
        for key, item in dirty:
            container[key] = _CONTROL.sub("", item)
    return value


# What a spreadsheet reads as the start of a formula (=, +, -, @) or of a cell it may turn into one
# (a tab or carriage return before them): OWASP's list for CSV injection.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(text: str) -> str:
    """Text for a CSV cell that a spreadsheet shows as the text it is, never runs: one that would start
    a formula gets a leading apostrophe, as spreadsheet users type themselves to say "this is text"."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
