"""SQL for readiness self-assessments: one row per attempt, one child row per module score.
Callers own the transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from tutor.progress.records import ReadinessAttempt, to_datetime


def insert_attempt(
    conn: sqlite3.Connection,
    course_id: str,
    module_scores: Mapping[str, float],
    passed: bool,
    now: float,
) -> int:
    cursor = conn.execute(
        "INSERT INTO readiness_attempts (course_id, taken_at, passed) VALUES (?, ?, ?)",
        (course_id, now, int(passed)),
    )
    attempt_id = int(cursor.lastrowid)  # type: ignore[arg-type]
    conn.executemany(
        "INSERT INTO readiness_scores (attempt_id, module_id, score) VALUES (?, ?, ?)",
        [(attempt_id, module_id, score) for module_id, score in module_scores.items()],
    )
    return attempt_id


def attempts(conn: sqlite3.Connection, course_id: str | None) -> list[ReadinessAttempt]:
    """Oldest first. `course_id=None` lists every course's attempts (for export)."""
    where, params = ("WHERE a.course_id = ?", (course_id,)) if course_id is not None else ("", ())
    heads = conn.execute(
        f"SELECT a.id, a.course_id, a.taken_at, a.passed FROM readiness_attempts AS a {where}"
        " ORDER BY a.taken_at, a.id",
        params,
    ).fetchall()
    scores: dict[int, dict[str, float]] = {head[0]: {} for head in heads}
    for attempt_id, module_id, score in conn.execute(
        "SELECT s.attempt_id, s.module_id, s.score FROM readiness_scores AS s"
        f" JOIN readiness_attempts AS a ON a.id = s.attempt_id {where}",
        params,
    ):
        scores[attempt_id][module_id] = score
    return [
        ReadinessAttempt(
            id=attempt_id,
            course_id=attempt_course,
            taken_at=to_datetime(taken_at),
            module_scores=scores[attempt_id],
            passed=bool(passed),
        )
        for attempt_id, attempt_course, taken_at, passed in heads
    ]
