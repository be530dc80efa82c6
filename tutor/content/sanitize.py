"""Remove what must never reach a terminal from pack text: C0/C1 control characters and escapes.

Done once, where content is loaded, so no widget has to remember it. Newline and tab are kept.
"""

from __future__ import annotations

import re

# C0 controls except \t and \n, DEL, and C1 controls (U+0080-U+009F, which some terminals treat as CSI/OSC).
# \r is dropped too: files with CRLF endings are normalised before this runs.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _CONTROL.sub("", text)


def clean_value(value):
    """Clean every string inside a parsed TOML value (dicts, lists, strings; other types unchanged)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    return value
