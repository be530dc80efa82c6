"""SQL for the review queue: per question, when it is next due and the scheduler's state.
Callers own the transaction. The scheduling algorithm itself is not here: it computes the numbers,
this module only keeps them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from tutor.progress.records import ReviewItem, to_datetime

_COLUMNS = (
    "course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, updated_at,"
    " card, misses, reason"
)


def upsert(
    conn: sqlite3.Connection,
    *,
    course_id: str,
    quiz_id: str,
    question_id: str,
    due_at: float,
    interval_days: float,
    ease: float,
    box: int,
    last_score: float | None,
    now: float,
    card: Mapping[str, Any] | None = None,
    misses: int = 0,
    reason: str | None = None,
) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO review_queue ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, now,
         None if card is None else json.dumps(card), misses, reason),
    )


def get(
    conn: sqlite3.Connection, course_id: str, quiz_id: str, question_id: str
) -> ReviewItem | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM review_queue"
        " WHERE course_id = ? AND quiz_id = ? AND question_id = ?",
        (course_id, quiz_id, question_id),
    ).fetchone()
    return None if row is None else _item(row)


def due(
    conn: sqlite3.Connection, course_id: str, now: float, limit: int | None
) -> list[ReviewItem]:
    """Items due at or before `now`, most overdue first (review_queue_by_due)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM review_queue WHERE course_id = ? AND due_at <= ?"
        " ORDER BY due_at, quiz_id, question_id LIMIT ?",
        (course_id, now, -1 if limit is None else limit),
    )
    return [_item(row) for row in rows]


def due_count(conn: sqlite3.Connection, course_id: str, until: float) -> int:
    """How many items are due at or before `until`: one range count on review_queue_by_due."""
    row = conn.execute(
        "SELECT count(*) FROM review_queue WHERE course_id = ? AND due_at <= ?", (course_id, until)
    ).fetchone()
    return int(row[0])


def next_due(conn: sqlite3.Connection, course_id: str, after: float) -> float | None:
    """When the first item due after `after` is due (epoch seconds), or None."""
    row = conn.execute(
        "SELECT min(due_at) FROM review_queue WHERE course_id = ? AND due_at > ?", (course_id, after)
    ).fetchone()
    return None if row[0] is None else float(row[0])


def weak_spots(conn: sqlite3.Connection, course_id: str, misses: int) -> list[ReviewItem]:
    """Questions missed at least `misses` times, most missed first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM review_queue WHERE course_id = ? AND misses >= ?"
        " ORDER BY misses DESC, quiz_id, question_id",
        (course_id, misses),
    )
    return [_item(row) for row in rows]


def remove(conn: sqlite3.Connection, course_id: str, quiz_id: str, question_id: str) -> bool:
    cursor = conn.execute(
        "DELETE FROM review_queue WHERE course_id = ? AND quiz_id = ? AND question_id = ?",
        (course_id, quiz_id, question_id),
    )
    return cursor.rowcount == 1


def _item(row: tuple[Any, ...]) -> ReviewItem:
    (course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, updated_at, card, misses,
     reason) = row
    return ReviewItem(
        course_id=course_id,
        quiz_id=quiz_id,
        question_id=question_id,
        due_at=to_datetime(due_at),
        interval_days=interval_days,
        ease=ease,
        box=box,
        last_score=last_score,
        updated_at=to_datetime(updated_at),
        card=None if card is None else json.loads(card),
        misses=misses,
        reason=reason,
    )
