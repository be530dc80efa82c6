"""What every value in the progress database looks like when tutor wrote it, and a check that finds
the first one that does not (issue 22, fault 5).

SQLite keeps any value in any column, and `PRAGMA quick_check` says nothing about them: a file can
be sound page by page and still hold text where a time belongs, or a list that is not JSON. Such a
file, restored or changed by another program, used to end every command as "a bug". The rules
below are the one description of what is sound; `first_damaged_value` applies them in SQL, one
pass per table:

- `tutor reset --restore` refuses a backup that breaks one, naming the table, row and column;
- when reading the progress fails in a way only a strange value explains (a TypeError, an
  OverflowError...), the store looks for one, and reports it as damage (DamagedValueError) instead of
  a bug. The file is kept.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

# 0001-01-01 is where Python's datetime starts; 9999-12-31 where it ends. Times tutor writes are now.
_LATEST_TIME = 253402300799
_LARGEST_NUMBER = 1e15

# The kind of each column, by table. A column missing from a backup of an older schema is skipped.
COLUMNS: dict[str, dict[str, str]] = {
    "lesson_progress": {"course_id": "text", "lesson_id": "text", "opened_at": "time", "touched_at": "time",
                        "completed_at": "time?", "page": "count", "pages_seen": "list", "pages_total": "count"},
    "quiz_attempts": {"id": "id", "course_id": "text", "quiz_id": "text", "started_at": "time",
                      "finished_at": "time?", "score": "number?", "total": "number?", "kind": "text",
                      "plan": "object?"},
    "answers": {"id": "id", "attempt_id": "id?", "course_id": "text", "quiz_id": "text", "question_id": "text",
                "chosen": "list", "path": "list", "correct": "count", "score": "number", "seconds": "number",
                "content_hash": "text", "answered_at": "time", "readiness_id": "id?", "hints": "count"},
    "readiness_attempts": {"id": "id", "course_id": "text", "taken_at": "time", "passed": "count",
                           "finished_at": "time?", "plan": "object?", "score": "number?", "total": "number?",
                           "reasons": "list?"},
    "readiness_scores": {"attempt_id": "id", "module_id": "text", "score": "number"},
    "settings": {"key": "text", "value": "json"},
    "review_queue": {"course_id": "text", "quiz_id": "text", "question_id": "text", "due_at": "time",
                     "interval_days": "number", "ease": "number", "box": "count", "last_score": "number?",
                     "updated_at": "time", "card": "object?", "misses": "count", "reason": "text?"},
    "seen_changes": {"course_id": "text", "change_id": "text", "announced_at": "time", "seen_at": "time?"},
    "course_visits": {"course_id": "text", "visited_at": "time"},
}

# Each kind as a condition on {c}, and in words for the message.
_SOUND: dict[str, tuple[str, str]] = {
    "text": ("typeof({c}) = 'text'", "text"),
    "id": ("typeof({c}) = 'integer'", "a whole number"),
    "count": ("typeof({c}) = 'integer' AND {c} BETWEEN 0 AND 1000000000", "a count"),
    "number": (f"typeof({{c}}) IN ('integer', 'real') AND {{c}} BETWEEN -{_LARGEST_NUMBER} AND {_LARGEST_NUMBER}",
               "a number"),
    "time": (f"typeof({{c}}) IN ('integer', 'real') AND {{c}} BETWEEN 0 AND {_LATEST_TIME}",
             "a time (seconds since 1970)"),
    # CASE, because SQLite may evaluate both sides of AND, and json_type fails on what is not JSON.
    "list": ("CASE WHEN typeof({c}) = 'text' AND json_valid({c}) THEN json_type({c}) = 'array' ELSE 0 END",
             "a JSON list"),
    "object": ("CASE WHEN typeof({c}) = 'text' AND json_valid({c}) THEN json_type({c}) = 'object' ELSE 0 END",
               "a JSON object"),
    "json": ("typeof({c}) = 'text' AND json_valid({c})", "JSON"),
}


def _condition(column: str, kind: str) -> tuple[str, str]:
    quoted = '"' + column.replace('"', '""') + '"'
    optional = kind.endswith("?")
    sound, words = _SOUND[kind.rstrip("?")]
    condition = sound.format(c=quoted)
    return (f"({quoted} IS NULL OR {condition})" if optional else f"({quoted} IS NOT NULL AND {condition})",
            words + (" or nothing" if optional else ""))


def first_damaged_value(conn: sqlite3.Connection) -> str | None:
    """The first value in the database that tutor would never have written, in words ("answers row
    id 3, answered_at: 'yesterday' where a time (seconds since 1970) belongs"), or None when every
    value is sound. One scan of each table; tables and columns the file does not have are skipped."""
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, kinds in COLUMNS.items():
        if table not in present:
            continue
        info = list(conn.execute(f'PRAGMA table_info("{table}")'))
        checks = [(column, *_condition(column, kind)) for column, kind in kinds.items()
                  if column in {row[1] for row in info}]
        if not checks:
            continue
        keys = [row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]] or [row[1] for row in info]
        every = " AND ".join(condition for _column, condition, _words in checks)
        each = ", ".join(f"({condition}) AS ok_{n}" for n, (_column, condition, _words) in enumerate(checks))
        found = conn.execute(f'SELECT *, {each} FROM "{table}" WHERE NOT ({every}) LIMIT 1')
        row = found.fetchone()
        if row is None:
            continue
        values = dict(zip((d[0] for d in found.description), row))
        where = ", ".join(f"{key} {_shown(values[key])}" for key in keys)
        for n, (column, _condition_text, words) in enumerate(checks):
            if not values[f"ok_{n}"]:
                return f"{table} row {where}, {column}: {_shown(values[column])} where {words} belongs"
    return None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# What reading a strange value raises: json.loads (ValueError), arithmetic or datetime on text
# (TypeError), a time of 1e308 (OverflowError, or OSError from the C library).
STRANGE_VALUE_ERRORS = (ValueError, TypeError, OverflowError, OSError, KeyError, json.JSONDecodeError)


def damaged_value_in(conn: sqlite3.Connection) -> str | None:
    """first_damaged_value, for a connection that may be in the middle of a failed call: None when
    the check itself cannot run (the failure was something else)."""
    try:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        return first_damaged_value(conn)
    except sqlite3.Error:
        return None


def damaged_value_at(path: Path) -> str | None:
    """first_damaged_value of the database file at `path`, opened read-only; None when there is no
    such file or it cannot be read (a command's bug is then reported as one)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        return first_damaged_value(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens exactly `path` read-only, whatever its name holds: `#`, `?`, `%`,
    spaces and non-ASCII are percent-encoded (an unquoted "file:{path}" opened "bk" for "bk#x")."""
    return path.absolute().as_uri() + "?mode=ro"
