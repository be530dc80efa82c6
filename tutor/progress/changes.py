"""SQL for what a learner has been told of a pack's rule changes, and when they last visited.
Callers own the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tutor.progress.records import ChangeState, to_datetime, to_optional_datetime


def states(conn: sqlite3.Connection, course_id: str) -> dict[str, ChangeState]:
    rows = conn.execute("SELECT change_id, announced_at, seen_at FROM seen_changes WHERE course_id = ?",
                        (course_id,))
    return {change_id: ChangeState(change_id, to_datetime(announced), to_optional_datetime(seen))
            for change_id, announced, seen in rows}


def announce(conn: sqlite3.Connection, course_id: str, change_ids: Iterable[str], seen: bool, now: float) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO seen_changes (course_id, change_id, announced_at, seen_at) VALUES (?, ?, ?, ?)",
        [(course_id, change_id, now, now if seen else None) for change_id in change_ids],
    )


def mark_seen(conn: sqlite3.Connection, course_id: str, change_ids: Iterable[str], now: float) -> None:
    conn.executemany(
        "INSERT INTO seen_changes (course_id, change_id, announced_at, seen_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (course_id, change_id) DO UPDATE SET seen_at = coalesce(seen_at, excluded.seen_at)",
        [(course_id, change_id, now, now) for change_id in change_ids],
    )


def visit(conn: sqlite3.Connection, course_id: str, now: float) -> float | None:
    """Record a visit now; return the previous one (epoch seconds), or None on the first."""
    row = conn.execute("SELECT visited_at FROM course_visits WHERE course_id = ?", (course_id,)).fetchone()
    conn.execute("INSERT OR REPLACE INTO course_visits (course_id, visited_at) VALUES (?, ?)", (course_id, now))
    return None if row is None else float(row[0])


def last_visit(conn: sqlite3.Connection, course_id: str) -> float | None:
    """When the course was last opened (epoch seconds), or None if never."""
    row = conn.execute("SELECT visited_at FROM course_visits WHERE course_id = ?", (course_id,)).fetchone()
    return None if row is None else float(row[0])


def studied(conn: sqlite3.Connection, course_id: str) -> tuple[set[str], set[str]]:
    """The lessons the learner has opened, and the questions ("quiz/question") they answered right."""
    lessons = {row[0] for row in conn.execute("SELECT lesson_id FROM lesson_progress WHERE course_id = ?",
                                              (course_id,))}
    right = {f"{quiz}/{question}" for quiz, question in conn.execute(
        "SELECT DISTINCT quiz_id, question_id FROM answers WHERE course_id = ? AND correct = 1", (course_id,))}
    return lessons, right
