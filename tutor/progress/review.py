"""SQL for the review queue: per question, when it is next due and the scheduler's state.
Callers own the transaction. The scheduling algorithm itself is not here: it computes the numbers,
this module only keeps them."""

from __future__ import annotations

import sqlite3
from typing import Any

from tutor.progress.records import ReviewItem, to_datetime

_COLUMNS = (
    "course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, updated_at"
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
) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO review_queue ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, now),
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


def remove(conn: sqlite3.Connection, course_id: str, quiz_id: str, question_id: str) -> bool:
    cursor = conn.execute(
        "DELETE FROM review_queue WHERE course_id = ? AND quiz_id = ? AND question_id = ?",
        (course_id, quiz_id, question_id),
    )
    return cursor.rowcount == 1


def _item(row: tuple[Any, ...]) -> ReviewItem:
    course_id, quiz_id, question_id, due_at, interval_days, ease, box, last_score, updated_at = row
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
    )
