"""SQL for lesson progress: opened, completed, and the page to resume at. Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from tutor.progress.records import LessonState, Position, to_datetime, to_optional_datetime

# Every write touches `touched_at`, so "most recent row" is where the learner was last.
_UPSERT = """
    INSERT INTO lesson_progress (course_id, lesson_id, opened_at, touched_at, completed_at, page)
    VALUES (:course_id, :lesson_id, :now, :now, :completed_at, :page)
    ON CONFLICT (course_id, lesson_id) DO UPDATE SET
        touched_at = excluded.touched_at,
        completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at),
        page = coalesce(:new_page, lesson_progress.page)
"""


def mark_opened(conn: sqlite3.Connection, course_id: str, lesson_id: str, now: float) -> None:
    _upsert(conn, course_id, lesson_id, now)


def set_page(conn: sqlite3.Connection, course_id: str, lesson_id: str, page: int, now: float) -> None:
    _upsert(conn, course_id, lesson_id, now, page=page)


def mark_page_seen(conn: sqlite3.Connection, course_id: str, lesson_id: str, page: int, pages_total: int,
                   now: float) -> bool:
    """The learner is reading `page` of a lesson of `pages_total` pages: it is the place to resume,
    and it counts as seen. Once every page has been seen the lesson is read to the end (completed).
    Returns whether the lesson is now read to the end."""
    row = conn.execute(
        "SELECT pages_seen, pages_total FROM lesson_progress WHERE course_id = ? AND lesson_id = ?",
        (course_id, lesson_id),
    ).fetchone()
    seen = set(json.loads(row[0])) if row else set()
    if row and row[1] != pages_total:
        seen = {p for p in seen if p < pages_total}  # the lesson was edited: pages beyond its end go
    seen.add(page)
    complete = seen >= set(range(pages_total))
    _upsert(conn, course_id, lesson_id, now, page=page, completed=complete)
    conn.execute(
        "UPDATE lesson_progress SET pages_seen = ?, pages_total = ? WHERE course_id = ? AND lesson_id = ?",
        (json.dumps(sorted(seen)), pages_total, course_id, lesson_id),
    )
    return complete


def mark_completed(conn: sqlite3.Connection, course_id: str, lesson_id: str, now: float) -> None:
    # The first completion is kept: re-reading a finished lesson does not move when it was finished.
    _upsert(conn, course_id, lesson_id, now, completed=True)


def is_completed(conn: sqlite3.Connection, course_id: str, lesson_id: str) -> bool:
    row = conn.execute("SELECT completed_at FROM lesson_progress WHERE course_id = ? AND lesson_id = ?",
                       (course_id, lesson_id)).fetchone()
    return row is not None and row[0] is not None


def _upsert(
    conn: sqlite3.Connection,
    course_id: str,
    lesson_id: str,
    now: float,
    *,
    page: int | None = None,
    completed: bool = False,
) -> None:
    conn.execute(
        _UPSERT,
        {
            "course_id": course_id,
            "lesson_id": lesson_id,
            "now": now,
            "completed_at": now if completed else None,
            "page": page or 0,
            "new_page": page,
        },
    )


def states(
    conn: sqlite3.Connection, course_id: str, lesson_ids: Iterable[str] | None = None
) -> dict[str, LessonState]:
    rows = conn.execute(
        "SELECT lesson_id, opened_at, touched_at, completed_at, page, pages_seen, pages_total"
        " FROM lesson_progress WHERE course_id = ?",
        (course_id,),
    )
    stored = {
        lesson_id: LessonState(
            lesson_id=lesson_id,
            status="done" if completed_at is not None else "reading",
            page=page,
            opened_at=to_datetime(opened_at),
            completed_at=to_optional_datetime(completed_at),
            updated_at=to_datetime(touched_at),
            pages_seen=tuple(json.loads(seen)),
            pages_total=total,
        )
        for lesson_id, opened_at, touched_at, completed_at, page, seen, total in rows
    }
    if lesson_ids is None:
        return stored
    return {
        lesson_id: stored.get(lesson_id) or LessonState(lesson_id, "not-started")
        for lesson_id in lesson_ids
    }


def last_position(conn: sqlite3.Connection, course_id: str) -> Position | None:
    # lesson_id breaks ties between equal timestamps (coarse clocks) so the answer is stable.
    row = conn.execute(
        "SELECT lesson_id, page, touched_at FROM lesson_progress WHERE course_id = ?"
        " ORDER BY touched_at DESC, lesson_id DESC LIMIT 1",
        (course_id,),
    ).fetchone()
    if row is None:
        return None
    return Position(lesson_id=row[0], page=row[1], updated_at=to_datetime(row[2]))
