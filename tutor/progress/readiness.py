"""SQL for readiness self-assessments: one row per check (started, then finished), one child row per
module score; the answers themselves are in `answers`, tied by readiness_id. Callers own the
transaction."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from tutor.progress.quizzes import answers_where
from tutor.progress.records import (
    OpenReadiness,
    ReadinessAttempt,
    ReadinessHistory,
    to_datetime,
    to_optional_datetime,
)


def insert_attempt(
    conn: sqlite3.Connection,
    course_id: str,
    module_scores: Mapping[str, float],
    passed: bool,
    now: float,
) -> int:
    """A finished check recorded in one go (its answers, if any, recorded separately)."""
    cursor = conn.execute(
        "INSERT INTO readiness_attempts (course_id, taken_at, finished_at, passed, registration)"
        " VALUES (?, ?, ?, ?, ?)",
        (course_id, now, now, int(passed), str(uuid.uuid4())),
    )
    attempt_id = int(cursor.lastrowid)  # type: ignore[arg-type]
    _insert_scores(conn, attempt_id, module_scores)
    return attempt_id


def start(conn: sqlite3.Connection, course_id: str, plan: Mapping[str, Any], now: float) -> int:
    cursor = conn.execute(
        "INSERT INTO readiness_attempts (course_id, taken_at, passed, plan, registration) VALUES (?, ?, 0, ?, ?)",
        (course_id, now, json.dumps(plan), str(uuid.uuid4())),
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


def finish(conn: sqlite3.Connection, attempt_id: int, module_scores: Mapping[str, float], passed: bool,
           score: float, total: float, reasons: Sequence[str], now: float, evidence: Sequence[str] = (),
           lessons_read: tuple[int, int] | None = None) -> bool:
    """False when there is no such unfinished check. `lessons_read` is (read, of total)."""
    read, of = lessons_read if lessons_read is not None else (None, None)
    cursor = conn.execute(
        "UPDATE readiness_attempts SET finished_at = ?, passed = ?, score = ?, total = ?, reasons = ?,"
        " evidence = ?, lessons_read = ?, lessons_total = ? WHERE id = ? AND finished_at IS NULL",
        (now, int(passed), score, total, json.dumps(list(reasons)), json.dumps(list(evidence)), read, of,
         attempt_id),
    )
    if cursor.rowcount != 1:
        return False
    _insert_scores(conn, attempt_id, module_scores)
    return True


def _insert_scores(conn: sqlite3.Connection, attempt_id: int, module_scores: Mapping[str, float]) -> None:
    conn.executemany(
        "INSERT INTO readiness_scores (attempt_id, module_id, score) VALUES (?, ?, ?)",
        [(attempt_id, module_id, score) for module_id, score in module_scores.items()],
    )


def open_check(conn: sqlite3.Connection, course_id: str) -> OpenReadiness | None:
    """The newest readiness check of the course that was started and not finished."""
    row = conn.execute(
        "SELECT id, taken_at, plan FROM readiness_attempts"
        " WHERE course_id = ? AND finished_at IS NULL AND plan IS NOT NULL ORDER BY id DESC LIMIT 1",
        (course_id,),
    ).fetchone()
    if row is None:
        return None
    attempt_id, started_at, plan = row
    return OpenReadiness(attempt_id, course_id, to_datetime(started_at), json.loads(plan),
                         answers_where(conn, "readiness_id", attempt_id))


def attempts(conn: sqlite3.Connection, course_id: str | None) -> list[ReadinessAttempt]:
    """Finished checks, oldest first. `course_id=None` lists every course's (for export)."""
    where = "WHERE a.finished_at IS NOT NULL" + (" AND a.course_id = ?" if course_id is not None else "")
    params: tuple[str, ...] = (course_id,) if course_id is not None else ()
    heads = conn.execute(
        "SELECT a.id, a.course_id, a.taken_at, a.passed, a.score, a.total, a.reasons, a.finished_at, a.evidence,"
        " a.lessons_read, a.lessons_total"
        f" FROM readiness_attempts AS a {where} ORDER BY a.taken_at, a.id",
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
            score=score,
            total=total,
            reasons=tuple(json.loads(reasons)) if reasons else (),
            finished_at=to_optional_datetime(finished_at),
            evidence=tuple(json.loads(evidence)) if evidence else (),
            lessons_read=lessons_read,
            lessons_total=lessons_total,
        )
        for (attempt_id, attempt_course, taken_at, passed, score, total, reasons, finished_at, evidence, lessons_read,
             lessons_total) in heads
    ]


def history(conn: sqlite3.Connection, course_id: str) -> ReadinessHistory:
    """What the learner met in the course's readiness checks, finished or not: each question's latest
    answer, right or not, and what the newest check that still has its plan drew."""
    met: dict[str, bool] = {}
    for quiz_id, question_id, correct in conn.execute(
        "SELECT a.quiz_id, a.question_id, a.correct FROM readiness_attempts AS r"
        " JOIN answers AS a ON a.readiness_id = r.id WHERE r.course_id = ? ORDER BY a.id",
        (course_id,),
    ):
        met[f"{quiz_id}/{question_id}"] = bool(correct)
    row = conn.execute(
        "SELECT plan FROM readiness_attempts WHERE course_id = ? AND plan IS NOT NULL ORDER BY id DESC LIMIT 1",
        (course_id,),
    ).fetchone()
    items = json.loads(row[0]).get("items", []) if row is not None else []
    return ReadinessHistory(met, frozenset(f"{quiz_id}/{question_id}" for quiz_id, question_id, *_ in items))


def plan_of(conn: sqlite3.Connection, attempt_id: int) -> dict[str, Any] | None:
    row = conn.execute("SELECT plan FROM readiness_attempts WHERE id = ?", (attempt_id,)).fetchone()
    return None if row is None or row[0] is None else dict(json.loads(row[0]))
