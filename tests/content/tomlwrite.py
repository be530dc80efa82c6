"""A small TOML writer for tests that build documents as Python values (the standard library reads
TOML but does not write it): tables become [headers], lists of tables [[headers]]."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def dumps(document: dict[str, Any]) -> str:
    lines: list[str] = []
    _table(document, (), lines)
    return "\n".join(lines) + "\n"


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return repr(item)  # also nan, inf and -inf, as TOML spells them
    if isinstance(item, str):
        return _string(item)
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        return "{" + ", ".join(f"{_key(k)} = {value(v)}" for k, v in item.items()) + "}"
    raise TypeError(type(item).__name__)


def _table(table: dict[str, Any], path: tuple[str, ...], lines: list[str]) -> None:
    for key, item in table.items():
        if not isinstance(item, dict) and not _is_tables(item):
            lines.append(f"{_key(key)} = {value(item)}")
    for key, item in table.items():
        header = ".".join(_key(part) for part in (*path, key))
        if isinstance(item, dict):
            lines += ["", f"[{header}]"]
            _table(item, (*path, key), lines)
        elif _is_tables(item):
            for element in item:
                lines += ["", f"[[{header}]]"]
                _table(element, (*path, key), lines)
