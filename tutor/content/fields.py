"""Field-by-field validation of parsed TOML tables: required fields, types, unknown fields.

One mechanism for lesson front matter, quizzes and course.toml, so every format reports
problems the same way: every field of a table is judged in one pass, whatever else is wrong.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

from msgspec import Struct

from tutor.content.findings import KeyPath, Report

# Whole numbers in a pack are orders, minutes and counts: anything this large is a typo, and would not
# fit the 64-bit integers of the catalogue cache and the progress store.
MAX_NUMBER = 1_000_000_000

# Ids are stored with progress and quoted in findings: one line of plain characters (fullmatch,
# since `$` would also accept a trailing newline).
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


class Field(Struct, frozen=True):
    """One field of a format's table. `default` and `shown` are for authors: docs/authoring.md's
    table of every field is generated from them (tutor/content/field_table.py), so a new field
    cannot go undocumented."""

    kind: str  # "str", "int", "number", "bool", "date", "strlist", "table", "tables"
    required: bool = False
    example: str = '"..."'  # for a date, the hint suggests today's date instead
    default: str = ""  # what an optional field left out means, in words
    shown: str = ""  # where the learner sees it (or what it does), in words


_KIND_NAMES = {
    "str": "a string",
    "int": "an integer",
    "number": "a number",
    "bool": "true or false",
    "date": "a date (YYYY-MM-DD, without quotes)",
    "strlist": "a list of strings",
    "table": "a table ([...] or { ... })",
    "tables": "a list of tables ([[...]])",
}


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _matches(kind: str, value: object) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, date) and not isinstance(value, datetime)
    if kind == "strlist":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "tables":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError(kind)


def example_of(field: Field) -> str:
    """What the hint suggests writing: a date field suggests today, the date an author checks on."""
    return date.today().isoformat() if field.kind == "date" else field.example


def check_fields(table: dict[str, Any], spec: dict[str, Field], report: Report, at: KeyPath, what: str,
                 ignore: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Return the fields of `table` that have the right type; report the rest.

    Missing optional fields are absent from the result; `ignore` names fields that are known but
    checked elsewhere (for example fields that belong to another question kind)."""
    valid: dict[str, Any] = {}
    for name, field in spec.items():
        if name not in table:
            if field.required:
                report.error(f'{what} is missing required field "{name}"', f"add {name} = {example_of(field)}",
                             at=at)
            continue
        value = table[name]
        if _matches(field.kind, value):
            if field.kind in ("int", "number") and not -MAX_NUMBER <= value <= MAX_NUMBER:  # also inf and nan
                report.error(f'"{name}" is {value}, which is not a usable number',
                             f"write a number between {-MAX_NUMBER:,} and {MAX_NUMBER:,}, e.g. {name} = "
                             f"{example_of(field)}", at=at + (name,))
                continue
            valid[name] = value
        else:
            report.error(
                f'"{name}" must be {_KIND_NAMES[field.kind]}, not {_type_name(value)}',
                f"write it as {name} = {example_of(field)}",
                at=at + (name,),
            )
    for name in table:
        if name in spec or name in ignore:
            continue
        close = difflib.get_close_matches(name, list(spec), n=1, cutoff=0.6)
        report.warning(f'unknown field "{name}" in {what}',
                       f'did you mean "{close[0]}"?' if close else "known fields: " + ", ".join(spec), at=at + (name,))
    return valid


def check_id(value: str, report: Report, at: KeyPath, what: str) -> bool:
    if ID_PATTERN.fullmatch(value):
        return True
    report.error(
        f'{what} id "{value}" may only contain letters, digits, "-" and "_"',
        "ids are stored with the learner's progress; pick a short kebab-case name",
        at=at,
    )
    return False
