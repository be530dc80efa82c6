"""The store's calls for who the learner is and for the outbox: the xAPI statements kept for the
organisation's Learning Record Store in the same transaction as the answer, attempt, readiness check or
lesson they record (statements.py builds them), and what the sender (tutor/lrs/) marks as it goes.

Nothing is kept until the learner has said who they are (`set_learner`, or $TUTOR_LEARNER_NAME and
$TUTOR_LEARNER_EMAIL); records made before that are kept only when the learner asks (`keep_earlier`).
Whether and where statements are sent is not the store's business: docs/privacy.md."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from tutor.progress import outbox, statements
from tutor.progress.learner import SETTING, Learner, learner_from_setting, learner_problems, with_environment
from tutor.progress.outbox import OutboxStatus, Waiting
from tutor.progress.records import CHANGE_REASON_PREFIX
from tutor.progress.store_core import Clock, StoreCore

Actor = dict[str, Any]
_UNREAD = object()


def new_statement_id() -> str:
    """A random (version 4) UUID, spelt as str(uuid.uuid4()) spells it, in a third of its time: it is
    made inside every recorded answer's transaction."""
    digits = os.urandom(16).hex()
    return (f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{'89ab'[int(digits[16], 16) & 3]}{digits[17:20]}-"
            f"{digits[20:]}")


class OutboxCalls(StoreCore):
    """Who the learner is, and the statements waiting for the LRS."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, notice: str | None = None,
                 clock: Clock = time.time) -> None:
        super().__init__(connection, path, notice=notice, clock=clock)
        # The environment is read once, when the store opens: a scripted set-up names the learner there.
        self._environment = {key: value for key, value in os.environ.items() if key.startswith("TUTOR_LEARNER_")}
        self._known: tuple[object, Actor | None] = (_UNREAD, None)  # the setting's text and its actor

    # -- who the learner is ---------------------------------------------------------------------

    def learner(self) -> Learner | None:
        """The identity statements are kept under: the stored one, overridden by the environment."""
        return with_environment(self.stored_learner(), self._environment)

    def stored_learner(self) -> Learner | None:
        return learner_from_setting(self.get_setting(SETTING))

    def set_learner(self, learner: Learner) -> int:
        """Save who the learner is (ValueError with the problems when it cannot be sent). Statements not
        sent that the LRS cannot hold (never tried, or refused) take the new name and address; returns
        how many did."""
        problems = learner_problems(learner)
        if problems:
            raise ValueError("; ".join(problems))
        encoded = json.dumps(learner.to_setting())

        def save(conn: sqlite3.Connection, now: float) -> int:
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (SETTING, encoded))
            actor = self._actor(conn)
            return 0 if actor is None else outbox.readdress(conn, actor)

        return self._write(save, "Your name could not be saved")

    def forget_learner(self) -> int:
        """Forget who the learner is and erase the statements not yet sent; returns how many were erased.
        (Statements the LRS has acknowledged are the organisation's now: docs/privacy.md.)"""

        def forget(conn: sqlite3.Connection, now: float) -> int:
            conn.execute("DELETE FROM settings WHERE key = ?", (SETTING,))
            return outbox.forget_unsent(conn)

        return self._write(forget, "Your name could not be forgotten")

    # -- the sender's side ----------------------------------------------------------------------

    def waiting_statements(self, limit: int, after: int = 0) -> list[Waiting]:
        """The oldest statements not yet acknowledged, in the order recorded, from row `after` on."""
        return self._read(lambda c: outbox.waiting(c, limit, after))

    def mark_sent(self, rows: list[int], tried: list[int] | None = None) -> None:
        """The LRS acknowledged these statements (200 or 204): they are never sent again. `tried`: the
        next ones about to be sent, marked in the same transaction (one fsync for both)."""
        if rows or tried:
            def mark(conn: sqlite3.Connection, now: float) -> None:
                outbox.mark_sent(conn, rows, now)
                outbox.mark_tried(conn, tried or [])

            self._write(mark)

    def mark_tried(self, rows: list[int]) -> None:
        """These statements are about to be sent: from now on the LRS may hold them, so their bytes
        must never change (a new address reaches only statements never tried)."""
        if rows:
            self._write(lambda c, now: outbox.mark_tried(c, rows))

    def set_aside(self, row: int, why: str) -> None:
        """The LRS (or our own check) refused this statement: it waits no more, and `why` is kept."""
        self._write(lambda c, now: outbox.set_aside(c, row, why, now))

    def note_trouble(self, rows: list[int], why: str) -> None:
        """Sending these failed for a reason that may pass (the LRS down, slow, a 5xx): they wait."""
        if rows:
            self._write(lambda c, now: outbox.note_trouble(c, rows, why))

    def put_back_set_aside(self) -> int:
        """The statements set aside wait to be sent again; returns how many."""
        return self._write(lambda c, now: outbox.put_back(c))

    def waiting_count(self) -> int:
        """How many statements wait to be sent (one indexed count)."""
        return self._read(lambda c: int(c.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND set_aside_at IS NULL").fetchone()[0]))

    def outbox_status(self) -> OutboxStatus:
        return self._read(outbox.status)

    def keep_earlier(self) -> int:
        """Keep statements, under the learner's identity, for what was recorded before statements were
        kept (docs/privacy.md): with the times they happened, once (records that have one are skipped).
        Returns how many were kept; 0 when the learner has not said who they are."""

        def keep_all(conn: sqlite3.Connection, now: float) -> int:
            actor = self._actor(conn)
            if actor is None:
                return 0
            kept = 0
            for kind, row in list(outbox.earlier_records(conn)):
                course_id, source, moment = row[0], row[1], row[2]
                statement = _EARLIER_BUILDERS[kind](conn, actor, course_id, moment, row[3:])
                self._keep(conn, now, course_id, source, statement)
                kept += 1
            return kept

        return self._write(keep_all, "The earlier progress could not be kept for sending")

    # -- for the calls by topic, inside their transactions --------------------------------------

    def _actor(self, conn: sqlite3.Connection) -> Actor | None:
        """The learner as an xAPI actor, or None when statements are not kept. One indexed read per
        recorded event; the setting is parsed again only when its text changed."""
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (SETTING,)).fetchone()
        text = None if row is None else row[0]
        if text != self._known[0]:
            stored = learner_from_setting(json.loads(text)) if text is not None else None
            learner = with_environment(stored, self._environment)
            self._known = (text, None if learner is None else learner.actor())
        return self._known[1]

    def _keep(self, conn: sqlite3.Connection, now: float, course_id: str, source: str,
              statement: dict[str, Any]) -> None:
        outbox.keep(conn, statement_id=statement["id"], course_id=course_id, source=source,
                    body=outbox.encode(statement), now=now)

    def _keep_answer(self, conn: sqlite3.Connection, now: float, actor: Actor, answer_id: int, *,
                     course_id: str, quiz_id: str, question_id: str, chosen: list[str], path: list[str],
                     correct: bool, score: float, seconds: float, hints: int, content_hash: str,
                     attempt_id: int | None, readiness_id: int | None, reason: str | None) -> None:
        kind = registration = None
        if readiness_id is not None:
            found = conn.execute("SELECT registration FROM readiness_attempts WHERE id = ?", (readiness_id,)).fetchone()
            registration = found[0] if found else None
        elif attempt_id is not None:
            kind, registration = conn.execute("SELECT kind, registration FROM quiz_attempts WHERE id = ?",
                                              (attempt_id,)).fetchone()
        statement = _answer(actor, now, course_id, quiz_id, question_id, chosen, path, correct, score, seconds, hints,
                            content_hash, kind, registration, readiness_id, attempt_id, reason)
        self._keep(conn, now, course_id, f"answer:{answer_id}", statement)

    def _keep_attempt(self, conn: sqlite3.Connection, now: float, actor: Actor, attempt_id: int) -> None:
        course_id, quiz_id, score, total, started_at, kind, registration = conn.execute(
            "SELECT course_id, quiz_id, score, total, started_at, kind, registration FROM quiz_attempts WHERE id = ?",
            (attempt_id,)).fetchone()
        statement = _attempt(actor, now, course_id, (quiz_id, score, total, now - started_at, kind, registration))
        self._keep(conn, now, course_id, f"attempt:{attempt_id}", statement)

    def _keep_readiness(self, conn: sqlite3.Connection, now: float, actor: Actor, readiness_id: int) -> None:
        course_id, passed, score, total, reasons, taken_at, registration, evidence = conn.execute(
            "SELECT course_id, passed, score, total, reasons, taken_at, registration, evidence"
            " FROM readiness_attempts WHERE id = ?", (readiness_id,)).fetchone()
        statement = _readiness(conn, actor, course_id, now,
                               (readiness_id, passed, score, total, reasons, now - taken_at, registration, evidence))
        self._keep(conn, now, course_id, f"readiness:{readiness_id}", statement)

    def _keep_lesson(self, conn: sqlite3.Connection, now: float, actor: Actor, course_id: str, lesson_id: str) -> None:
        statement = statements.lesson_statement(actor, new_statement_id(), now, course_id=course_id,
                                                lesson_id=lesson_id)
        self._keep(conn, now, course_id, f"lesson:{lesson_id}", statement)


# -- building a statement from a record's columns (live, and for records made earlier) ------------------

def _answer(actor: Actor, moment: float, course_id: str, quiz_id: str, question_id: str, chosen: list[str],
            path: list[str], correct: bool, score: float, seconds: float, hints: int, content_hash: str,
            kind: str | None, registration: str | None, readiness_id: int | None, attempt_id: int | None,
            reason: str | None) -> dict[str, Any]:
    change_id = reason[len(CHANGE_REASON_PREFIX):] if reason and reason.startswith(CHANGE_REASON_PREFIX) else None
    if readiness_id is not None:
        mode = "readiness"
    elif attempt_id is not None:
        mode = "retry" if kind == "retry" else "quiz"
    else:
        mode = "recheck" if change_id else "review"
    return statements.answer_statement(
        actor, new_statement_id(), moment, course_id=course_id, quiz_id=quiz_id, question_id=question_id,
        chosen=chosen, path=path, correct=bool(correct), score=score, seconds=seconds, hints=hints,
        content_hash=content_hash, mode=mode, registration=registration,
        change_id=change_id if mode == "recheck" else None)


def _attempt(actor: Actor, moment: float, course_id: str, row: tuple[Any, ...]) -> dict[str, Any]:
    quiz_id, score, total, seconds, kind, registration = row
    return statements.attempt_statement(actor, new_statement_id(), moment, course_id=course_id, quiz_id=quiz_id,
                                        score=score, total=total, seconds=seconds,
                                        mode="retry" if kind == "retry" else "quiz", registration=registration)


def _readiness(conn: sqlite3.Connection, actor: Actor, course_id: str, moment: float,
               row: tuple[Any, ...]) -> dict[str, Any]:
    readiness_id, passed, score, total, reasons, seconds, registration, evidence = row
    return statements.readiness_statement(
        actor, new_statement_id(), moment, course_id=course_id, passed=bool(passed),
        module_scores=outbox.module_scores(conn, readiness_id), score=score, total=total,
        reasons=json.loads(reasons) if reasons else [], seconds=seconds, registration=registration,
        evidence=json.loads(evidence) if evidence else [])


def _earlier_lesson(conn: sqlite3.Connection, actor: Actor, course_id: str, moment: float,
                    row: tuple[Any, ...]) -> dict[str, Any]:
    return statements.lesson_statement(actor, new_statement_id(), moment, course_id=course_id, lesson_id=row[0])


def _earlier_answer(conn: sqlite3.Connection, actor: Actor, course_id: str, moment: float,
                    row: tuple[Any, ...]) -> dict[str, Any]:
    (_, quiz_id, question_id, chosen, path, correct, score, seconds, hints, content_hash, kind, quiz_registration,
     readiness_registration, readiness_id, attempt_id) = row
    registration = readiness_registration if readiness_id is not None else quiz_registration
    return _answer(actor, moment, course_id, quiz_id, question_id, json.loads(chosen), json.loads(path), correct,
                   score, seconds, hints, content_hash, kind, registration, readiness_id, attempt_id, None)


def _earlier_attempt(conn: sqlite3.Connection, actor: Actor, course_id: str, moment: float,
                     row: tuple[Any, ...]) -> dict[str, Any]:
    return _attempt(actor, moment, course_id, row)


_EARLIER_BUILDERS = {"lesson": _earlier_lesson, "answer": _earlier_answer, "attempt": _earlier_attempt,
                     "readiness": _readiness}
