"""SQL for quiz attempts and answers, and the questions' results under current content hashes.
Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence

from tutor.progress.records import QuizScore, to_datetime


def insert_attempt(conn: sqlite3.Connection, course_id: str, quiz_id: str, now: float) -> int:
    cursor = conn.execute(
        "INSERT INTO quiz_attempts (course_id, quiz_id, started_at) VALUES (?, ?, ?)",
        (course_id, quiz_id, now),
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
) -> int:
    cursor = conn.execute(
        "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct,"
        " score, seconds, content_hash, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        ),
    )
    return int(cursor.lastrowid)  # type: ignore[arg-type]


def attempt_exists(conn: sqlite3.Connection, attempt_id: int) -> bool:
    row = conn.execute("SELECT 1 FROM quiz_attempts WHERE id = ?", (attempt_id,)).fetchone()
    return row is not None


_SCORES = """
    SELECT quiz_id, count(*), max(score / total), max(finished_at),
        (SELECT latest.score / latest.total FROM quiz_attempts AS latest
         WHERE latest.course_id = a.course_id AND latest.quiz_id = a.quiz_id
           AND latest.finished_at IS NOT NULL
         ORDER BY latest.finished_at DESC, latest.id DESC LIMIT 1)
    FROM quiz_attempts AS a
    WHERE course_id = ? AND finished_at IS NOT NULL
    GROUP BY quiz_id
"""


def scores(conn: sqlite3.Connection, course_id: str) -> dict[str, QuizScore]:
    """Finished attempts only: an abandoned attempt has no score to compare."""
    return {
        quiz_id: QuizScore(
            quiz_id=quiz_id,
            best=best,
            last=last,
            attempts=count,
            last_finished_at=to_datetime(finished_at),
        )
        for quiz_id, count, best, finished_at, last in conn.execute(_SCORES, (course_id,))
    }


def best_before(conn: sqlite3.Connection, course_id: str, quiz_id: str, before: int | None) -> float | None:
    row = conn.execute(
        "SELECT max(score / total) FROM quiz_attempts WHERE course_id = ? AND quiz_id = ?"
        " AND finished_at IS NOT NULL AND id < ?",
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
