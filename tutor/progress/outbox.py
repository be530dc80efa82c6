"""SQL for the outbox: the statements kept for the organisation's Learning Record Store until it has
acknowledged them, with what is known of each one's fate. Callers own the transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec
from msgspec import Struct

from tutor.progress.records import to_optional_datetime


class Waiting(Struct, frozen=True):
    """A statement not yet acknowledged: its row, id, what it records and the exact JSON to send."""

    row: int
    statement_id: str
    source: str
    body: str


class SetAside(Struct, frozen=True):
    statement_id: str
    course_id: str
    source: str
    why: str
    at: Any  # datetime


class OutboxStatus(Struct, frozen=True):
    """What `tutor sync --status` tells the learner."""

    waiting: int
    sent: int
    set_aside: tuple[SetAside, ...]
    oldest_waiting: Any = None  # datetime of the oldest statement waiting
    tries: int = 0  # how often the oldest waiting one was tried
    trouble: str | None = None  # why the last try of a waiting statement failed
    last_sent: Any = None  # datetime
    earlier: int = 0  # records made before statements were kept, not in the outbox


def keep(conn: sqlite3.Connection, *, statement_id: str, course_id: str, source: str, body: str, now: float) -> None:
    conn.execute("INSERT INTO outbox (statement_id, course_id, source, body, recorded_at) VALUES (?, ?, ?, ?, ?)",
                 (statement_id, course_id, source, body, now))


def waiting(conn: sqlite3.Connection, limit: int, after: int = 0) -> list[Waiting]:
    """The oldest statements waiting, in the order they were recorded, from row `after` on."""
    rows = conn.execute(
        "SELECT id, statement_id, source, body FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NULL"
        " AND id > ? ORDER BY id LIMIT ?", (after, limit))
    return [Waiting(*row) for row in rows]


def mark_sent(conn: sqlite3.Connection, rows: Sequence[int], now: float) -> None:
    conn.executemany("UPDATE outbox SET sent_at = ?, trouble = NULL WHERE id = ? AND sent_at IS NULL",
                     [(now, row) for row in rows])


def mark_tried(conn: sqlite3.Connection, rows: Sequence[int]) -> None:
    """Counted before the request goes out: a statement tried may be on the LRS, even if no answer came."""
    conn.executemany("UPDATE outbox SET tries = tries + 1 WHERE id = ?", [(row,) for row in rows])


def set_aside(conn: sqlite3.Connection, row: int, why: str, now: float) -> None:
    conn.execute("UPDATE outbox SET set_aside_at = ?, set_aside_why = ? WHERE id = ? AND sent_at IS NULL",
                 (now, why, row))


def note_trouble(conn: sqlite3.Connection, rows: Sequence[int], why: str) -> None:
    conn.executemany("UPDATE outbox SET trouble = ? WHERE id = ? AND sent_at IS NULL", [(why, row) for row in rows])


def put_back(conn: sqlite3.Connection) -> int:
    """The statements set aside wait again (the learner fixed what the LRS refused)."""
    return conn.execute("UPDATE outbox SET set_aside_at = NULL, set_aside_why = NULL"
                        " WHERE set_aside_at IS NOT NULL AND sent_at IS NULL").rowcount


def forget_unsent(conn: sqlite3.Connection) -> int:
    """Erase every statement not acknowledged (the learner withdrew who they are)."""
    return conn.execute("DELETE FROM outbox WHERE sent_at IS NULL").rowcount


def readdress(conn: sqlite3.Connection, actor: dict[str, Any]) -> int:
    """Give the learner's new name and address to the statements the LRS cannot hold: those never tried,
    and those it refused (set aside: a refused statement is not stored). One that was tried otherwise keeps
    its body: the LRS may hold it already, and a resend must be the same bytes."""
    changed = 0
    for row, body in conn.execute("SELECT id, body FROM outbox WHERE sent_at IS NULL"
                                  " AND (tries = 0 OR set_aside_at IS NOT NULL)").fetchall():
        statement = json.loads(body)
        statement["actor"] = actor
        conn.execute("UPDATE outbox SET body = ? WHERE id = ?", (encode(statement), row))
        changed += 1
    return changed


def encode(statement: dict[str, Any]) -> str:
    """The exact text a statement is kept and sent as: compact UTF-8 JSON (msgspec writes it several times
    faster than the json module, and this runs inside every recorded answer's transaction)."""
    return msgspec.json.encode(statement).decode("utf-8")


def status(conn: sqlite3.Connection) -> OutboxStatus:
    waiting_count, sent, last_sent = conn.execute(
        "SELECT coalesce(sum(sent_at IS NULL AND set_aside_at IS NULL), 0), count(sent_at), max(sent_at)"
        " FROM outbox").fetchone()
    oldest = conn.execute("SELECT recorded_at, tries FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NULL"
                          " ORDER BY id LIMIT 1").fetchone()
    trouble = conn.execute("SELECT trouble FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NULL"
                           " AND trouble IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
    aside = tuple(SetAside(statement_id, course_id, source, why, to_optional_datetime(at))
                  for statement_id, course_id, source, why, at in conn.execute(
                      "SELECT statement_id, course_id, source, set_aside_why, set_aside_at FROM outbox"
                      " WHERE set_aside_at IS NOT NULL AND sent_at IS NULL ORDER BY id"))
    earlier = sum(1 for _ in earlier_records(conn))
    return OutboxStatus(waiting=waiting_count, sent=sent, set_aside=aside,
                        oldest_waiting=to_optional_datetime(oldest[0]) if oldest else None,
                        tries=oldest[1] if oldest else 0, trouble=trouble[0] if trouble else None,
                        last_sent=to_optional_datetime(last_sent), earlier=earlier)


# -- records made before statements were kept ----------------------------------------------------------

_EARLIER: tuple[tuple[str, str], ...] = (
    ("lesson", "SELECT course_id, 'lesson:' || lesson_id, completed_at, lesson_id"
               " FROM lesson_progress WHERE completed_at IS NOT NULL"),
    ("answer", "SELECT a.course_id, 'answer:' || a.id, a.answered_at, a.id, a.quiz_id, a.question_id, a.chosen,"
               " a.path, a.correct, a.score, a.seconds, a.hints, a.content_hash, q.kind, q.registration,"
               " r.registration, a.readiness_id, a.attempt_id FROM answers AS a"
               " LEFT JOIN quiz_attempts AS q ON q.id = a.attempt_id"
               " LEFT JOIN readiness_attempts AS r ON r.id = a.readiness_id"),
    ("attempt", "SELECT course_id, 'attempt:' || id, finished_at, quiz_id, score, total, finished_at - started_at,"
                " kind, registration FROM quiz_attempts WHERE finished_at IS NOT NULL"),
    ("readiness", "SELECT course_id, 'readiness:' || id, finished_at, id, passed, score, total, reasons,"
                  " finished_at - taken_at, registration, evidence FROM readiness_attempts"
                  " WHERE finished_at IS NOT NULL"),
)


def earlier_records(conn: sqlite3.Connection) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Every record that has no statement in the outbox, as (kind, row), in the order they happened
    within each kind: lessons read, answers, quiz attempts finished, readiness checks finished. Each row
    leads with its course id, its source name and when it happened."""
    kept = set(conn.execute("SELECT course_id, source FROM outbox"))
    for kind, query in _EARLIER:
        for row in conn.execute(query + " ORDER BY 3"):
            if (row[0], row[1]) not in kept:
                yield kind, tuple(row)


def module_scores(conn: sqlite3.Connection, readiness_id: int) -> dict[str, float]:
    return dict(conn.execute("SELECT module_id, score FROM readiness_scores WHERE attempt_id = ?", (readiness_id,)))
