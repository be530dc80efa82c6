"""Every quiz attempt, answer and readiness attempt as flat rows, for `tutor export`.
Call inside one read transaction so the rows are a consistent snapshot."""

from __future__ import annotations

import json
import sqlite3

from tutor.progress import readiness
from tutor.progress.records import ExportRow, to_iso


def export_rows(conn: sqlite3.Connection, course_id: str | None) -> list[ExportRow]:
    """Quiz attempts, then answers, then readiness attempts; each kind oldest first (by id)."""
    return [
        *_quiz_attempts(conn, course_id),
        *_answers(conn, course_id),
        *_readiness(conn, course_id),
    ]


def _where(course_id: str | None) -> tuple[str, tuple[str, ...]]:
    return ("WHERE course_id = ?", (course_id,)) if course_id is not None else ("", ())


def _quiz_attempts(conn: sqlite3.Connection, course_id: str | None) -> list[ExportRow]:
    where, params = _where(course_id)
    rows = conn.execute(
        "SELECT id, course_id, quiz_id, started_at, finished_at, score, total, kind"
        f" FROM quiz_attempts {where} ORDER BY id",
        params,
    )
    return [
        ExportRow(
            kind="quiz-attempt",
            id=attempt_id,
            course_id=course,
            quiz_id=quiz_id,
            started_at=to_iso(started_at),
            finished_at=to_iso(finished_at),
            score=score,
            total=total,
            attempt_kind=kind,
        )
        for attempt_id, course, quiz_id, started_at, finished_at, score, total, kind in rows
    ]


def _answers(conn: sqlite3.Connection, course_id: str | None) -> list[ExportRow]:
    where, params = _where(course_id)
    rows = conn.execute(
        "SELECT id, course_id, quiz_id, question_id, attempt_id, answered_at, score, correct,"
        f" chosen, path, seconds, content_hash, readiness_id, hints FROM answers {where} ORDER BY id",
        params,
    )
    return [
        ExportRow(
            kind="answer",
            id=row[0],
            course_id=row[1],
            quiz_id=row[2],
            question_id=row[3],
            attempt_id=row[4],
            answered_at=to_iso(row[5]),
            score=row[6],
            correct=bool(row[7]),
            chosen=json.loads(row[8]),
            path=json.loads(row[9]),
            seconds=row[10],
            content_hash=row[11],
            readiness_id=row[12],
            hints=row[13],
        )
        for row in rows
    ]


def _readiness(conn: sqlite3.Connection, course_id: str | None) -> list[ExportRow]:
    return [
        ExportRow(
            kind="readiness",
            id=attempt.id,
            course_id=attempt.course_id,
            started_at=attempt.taken_at.isoformat(timespec="milliseconds"),
            finished_at=(attempt.finished_at or attempt.taken_at).isoformat(timespec="milliseconds"),
            passed=attempt.passed,
            module_scores=dict(attempt.module_scores),
            score=attempt.score,
            total=attempt.total,
        )
        for attempt in sorted(readiness.attempts(conn, course_id), key=lambda a: a.id)
    ]
