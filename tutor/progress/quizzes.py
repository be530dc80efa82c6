"""SQL for quiz attempts and answers, and the questions' results under current content hashes.
Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from msgspec.structs import replace

from tutor.progress.records import OpenAttempt, QuizScore, StoredAnswer, to_datetime


def insert_attempt(conn: sqlite3.Connection, course_id: str, quiz_id: str, now: float, kind: str = "full",
                   plan: Mapping[str, Any] | None = None) -> int:
    cursor = conn.execute(
        "INSERT INTO quiz_attempts (course_id, quiz_id, started_at, kind, plan, registration)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (course_id, quiz_id, now, kind, None if plan is None else json.dumps(plan), str(uuid.uuid4())),
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


def finish_attempt(
    conn: sqlite3.Connection, attempt_id: int, score: float, total: float, now: float
) -> bool:
    """False when there is no such attempt."""
    cursor = conn.execute(
        "UPDATE quiz_attempts SET finished_at = ?, score = ?, total = ? WHERE id = ?",
        (now, score, total, attempt_id),
    )
    return cursor.rowcount == 1


def insert_answer(
    conn: sqlite3.Connection,
    *,
    course_id: str,
    quiz_id: str,
    question_id: str,
    chosen: Sequence[str],
    path: Sequence[str],
    correct: bool,
    score: float,
    seconds: float,
    content_hash: str,
    attempt_id: int | None,
    now: float,
    readiness_id: int | None = None,
    hints: int = 0,
) -> int:
    cursor = conn.execute(
        "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct,"
        " score, seconds, content_hash, answered_at, readiness_id, hints)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            attempt_id,
            course_id,
            quiz_id,
            question_id,
            json.dumps(list(chosen)),
            json.dumps(list(path)),
            int(correct),
            score,
            seconds,
            content_hash,
            now,
            readiness_id,
            hints,
        ),
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


_ANSWER_COLUMNS = "id, quiz_id, question_id, chosen, path, correct, score, hints, content_hash, answered_at"


def stored_answer(row: Sequence[Any]) -> StoredAnswer:
    answer_id, quiz_id, question_id, chosen, path, correct, score, hints, content_hash, answered_at = row
    return StoredAnswer(answer_id, quiz_id, question_id, tuple(json.loads(chosen)), tuple(json.loads(path)),
                        bool(correct), score, hints, content_hash, to_datetime(answered_at))


def answers_where(conn: sqlite3.Connection, column: str, value: int) -> tuple[StoredAnswer, ...]:
    """The answers of one quiz attempt (column "attempt_id") or readiness check ("readiness_id"),
    in the order given."""
    assert column in ("attempt_id", "readiness_id")
    rows = conn.execute(f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE {column} = ? ORDER BY id", (value,))
    return tuple(stored_answer(row) for row in rows)


def open_attempt(conn: sqlite3.Connection, course_id: str, quiz_id: str) -> OpenAttempt | None:
    """The newest unfinished attempt at a quiz that has a plan and at least one answer."""
    row = conn.execute(
        "SELECT a.id, a.kind, a.plan, a.started_at FROM quiz_attempts AS a"
        " WHERE a.course_id = ? AND a.quiz_id = ? AND a.finished_at IS NULL AND a.plan IS NOT NULL"
        " AND EXISTS (SELECT 1 FROM answers WHERE answers.attempt_id = a.id)"
        " ORDER BY a.id DESC LIMIT 1",
        (course_id, quiz_id),
    ).fetchone()
    if row is None:
        return None
    attempt_id, kind, plan, started_at = row
    return OpenAttempt(attempt_id, quiz_id, kind, json.loads(plan), answers_where(conn, "attempt_id", attempt_id),
                       to_datetime(started_at))


def attempt_exists(conn: sqlite3.Connection, attempt_id: int) -> bool:
    row = conn.execute("SELECT 1 FROM quiz_attempts WHERE id = ?", (attempt_id,)).fetchone()
    return row is not None


# Per quiz: the full attempts' count and best, then the latest full attempt and the latest retry
# finished after it. Every finished attempt of the course, one pass, ordered so the latest of each
# kind comes last (quiz_attempts_by_quiz).
_FINISHED = """
    SELECT quiz_id, kind, score, total, finished_at FROM quiz_attempts
    WHERE course_id = ? AND finished_at IS NOT NULL
    ORDER BY quiz_id, finished_at, id
"""


def scores(conn: sqlite3.Connection, course_id: str) -> dict[str, QuizScore]:
    """Finished attempts only: an abandoned attempt has no score to compare. A quiz's score is its
    latest attempt over all its questions; retries of the missed ones are practice beside it."""
    found: dict[str, QuizScore] = {}
    for quiz_id, kind, score, total, finished_at in conn.execute(_FINISHED, (course_id,)):
        known = found.get(quiz_id)
        if kind == "retry":
            if known is not None:
                found[quiz_id] = replace(known, retry_score=score, retry_total=total)
            continue
        share = score / total
        found[quiz_id] = QuizScore(
            quiz_id=quiz_id,
            best=max(share, known.best) if known else share,
            last=share,
            attempts=(known.attempts if known else 0) + 1,
            last_finished_at=to_datetime(finished_at),
            last_score=score,
            last_total=total,
        )
    return found


def best_before(conn: sqlite3.Connection, course_id: str, quiz_id: str, before: int | None) -> float | None:
    row = conn.execute(
        "SELECT max(score / total) FROM quiz_attempts WHERE course_id = ? AND quiz_id = ?"
        " AND finished_at IS NOT NULL AND kind = 'full' AND id < ?",
        (course_id, quiz_id, before if before is not None else 2**62),
    ).fetchone()
    return None if row is None or row[0] is None else float(row[0])


def last_answered(
    conn: sqlite3.Connection, course_id: str, quiz_ids: Iterable[str]
) -> dict[str, float]:
    """When each quiz was last answered (epoch seconds); quizzes never answered are left out.

    One indexed max() per quiz rather than a GROUP BY over the course: the cost stays flat however
    many answers the learner has given (answers_by_time).
    """
    found = {}
    for quiz_id in quiz_ids:
        row = conn.execute(
            "SELECT answered_at FROM answers WHERE course_id = ? AND quiz_id = ?"
            " ORDER BY answered_at DESC LIMIT 1",
            (course_id, quiz_id),
        ).fetchone()
        if row is not None:
            found[quiz_id] = row[0]
    return found


def latest_results(
    conn: sqlite3.Connection, course_id: str, quiz_id: str, hashes: Mapping[str, str]
) -> dict[str, bool | None]:
    """For each question in `hashes`, whether its latest answer given under that content hash was
    correct; None when there is none, so an edited question counts as unanswered and is asked again."""
    results: dict[str, bool | None] = {}
    for question_id, content_hash in hashes.items():
        # One seek in answers_by_question; the index ends in the rowid, so the newest is at its end.
        row = conn.execute(
            "SELECT correct FROM answers"
            " WHERE course_id = ? AND quiz_id = ? AND question_id = ? AND content_hash = ?"
            " ORDER BY id DESC LIMIT 1",
            (course_id, quiz_id, question_id, content_hash),
        ).fetchone()
        results[question_id] = None if row is None else bool(row[0])
    return results
