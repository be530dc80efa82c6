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
    blank_ok: bool = False  # a required text that may be "" (a guide detail's `blank`: nothing shown)


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


def _unquoted_date(field: Field, value: object) -> str:
    """Her own date, when a date was written in quotes ("2026-11-01"): suggested back without them."""
    if field.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    return ""


def check_fields(table: dict[str, Any], spec: dict[str, Field], report: Report, at: KeyPath, what: str,
                 ignore: frozenset[str] = frozenset(), also_known: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return the fields of `table` that have the right type; report the rest.

    Missing optional fields are absent from the result; `ignore` names fields that are known but
    checked elsewhere (for example fields that belong to another question kind); `also_known` are
    more names an unknown field may be a typo of (another kind's fields)."""
    valid: dict[str, Any] = {}
    for name, field in spec.items():
        if name not in table:
            if field.required:
                header = field.example.removesuffix(" tables")  # [[sources]] tables are not `sources = ...`
                report.error(f'{what} is missing required field "{name}"', f"add a {header} table for each one"
                             if field.kind == "tables" else f"add {name} = {example_of(field)}", at=at)
            continue
        value = table[name]
        if _matches(field.kind, value):
            if field.kind in ("int", "number") and not -MAX_NUMBER <= value <= MAX_NUMBER:  # also inf and nan
                report.error(f'"{name}" is {value}, which is not a usable number',
                             f"write a number between {-MAX_NUMBER:,} and {MAX_NUMBER:,}, e.g. {name} = "
                             f"{example_of(field)}", at=at + (name,))
                continue
            if field.required and field.kind == "str" and not field.blank_ok and not value.strip():
                # A blank required text is missing: the learner would see an empty question or "Why:".
                report.error(f'"{name}" is blank in {what}', f"write the text the learner sees: {name} = "
                             f'"..." (required: {field.shown or "shown to the learner"})', at=at + (name,))
                continue
            valid[name] = value
        else:
            header, as_date = field.example.removesuffix(" tables"), _unquoted_date(field, value)
            report.error(
                f'"{name}" must be {_KIND_NAMES[field.kind]}, not {_type_name(value)}',
                f"write a {header} table for each one" if field.kind == "tables" else
                f"write it without quotes: {name} = {as_date}" if as_date else
                f"write it as {name} = {example_of(field)}",
                at=at + (name,),
            )
    for name in table:
        if name in spec or name in ignore:
            continue
        known = list(dict.fromkeys([*spec, *also_known]))
        close = closest(name, known)
        report.warning(f'unknown field "{name}" in {what}',
                       f'did you mean "{close}"?' if close else "known fields: " + ", ".join(known), at=at + (name,))
    return valid


def closest(name: str, known: list[str]) -> str | None:
    """The known name a typo most likely meant (written together, a letter off, a singular for a
    plural), or None."""
    squeezed = {candidate.replace("_", "").replace("-", ""): candidate for candidate in known}
    return squeezed.get(name.replace("_", "").replace("-", "").lower()) or next(
        iter(difflib.get_close_matches(name, known, n=1, cutoff=0.6)), None)


def is_plain_relative(name: str) -> bool:
    """A file name inside the pack: relative, no `..`, no drive (the pack never reads outside itself)."""
    from pathlib import PurePosixPath

    path = PurePosixPath(name.replace("\\", "/"))
    return bool(name) and not path.is_absolute() and ".." not in path.parts and ":" not in name


def check_pass_mark(value: float, report: Report, at: KeyPath) -> float | None:
    """A pass mark is a share of the score: above 0 (0 would pass every attempt) and at most 1."""
    if 0 < value <= 1:
        return float(value)
    report.error(f"pass_mark is {value}: it must be more than 0 and at most 1", "write the share of the score "
                 "needed to pass as a fraction, e.g. 0.8 for 80%", at=at)
    return None


def check_id(value: str, report: Report, at: KeyPath, what: str) -> bool:
    if ID_PATTERN.fullmatch(value):
        return True
    suggestion = plain_id(value)
    report.error(
        f'{what} id "{value}" may only contain a-z, A-Z, 0-9, "-" and "_" (no accents or spaces)',
        (f'did you mean "{suggestion}"? ' if suggestion else "")
        + "ids are stored with the learner's progress and never shown; the title carries the words",
        at=at,
    )
    return False


def plain_id(value: str) -> str:
    """The id an author probably meant: accents taken off (ó -> o), spaces and other characters
    turned into "-"; "" when nothing usable is left."""
    import unicodedata

    bare = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    dashed = re.sub(r"[^A-Za-z0-9_-]+", "-", bare).strip("-_")
    return dashed if ID_PATTERN.fullmatch(dashed) else ''
