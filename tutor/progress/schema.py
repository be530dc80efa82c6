"""The database schema as an append-only list of migrations, and the code that applies them.

Schema version N is what you get by running MIGRATIONS[0..N-1] in order; the version is kept in
`PRAGMA user_version`. A migration that has been released is never edited: a change to the schema is a
new migration at the end of the list, so every database, however old, reaches the same schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

# Timestamps are REAL seconds since the Unix epoch (UTC): cheap to compare and to index, and they
# become datetimes only at the edge of the API. Per-course tables lead with course_id in every key so
# that two content packs never mix and each course's rows sit together in the indexes.
_V1_FIRST_SCHEMA: tuple[str, ...] = (
    # One row per lesson the learner has opened. `page` is the page being read (0-based), kept for
    # resuming; `touched_at` moves on every open, page turn and completion, so the latest row is the
    # place to resume from.
    """
    CREATE TABLE lesson_progress (
        course_id    TEXT NOT NULL,
        lesson_id    TEXT NOT NULL,
        opened_at    REAL NOT NULL,
        touched_at   REAL NOT NULL,
        completed_at REAL,
        page         INTEGER NOT NULL DEFAULT 0 CHECK (page >= 0),
        PRIMARY KEY (course_id, lesson_id)
    ) WITHOUT ROWID
    """,
    # One row per run through a quiz. score/total stay NULL until the attempt is finished; an
    # unfinished attempt is one the learner abandoned (or the process died in).
    """
    CREATE TABLE quiz_attempts (
        id          INTEGER PRIMARY KEY,
        course_id   TEXT NOT NULL,
        quiz_id     TEXT NOT NULL,
        started_at  REAL NOT NULL,
        finished_at REAL,
        score       REAL CHECK (score >= 0),
        total       REAL CHECK (total > 0),
        UNIQUE (id, course_id, quiz_id)
    )
    """,
    "CREATE INDEX quiz_attempts_by_quiz ON quiz_attempts (course_id, quiz_id, finished_at)",
    # One row per submitted answer, never updated. The composite foreign key makes it impossible to
    # file an answer under an attempt at a different quiz; attempt_id is NULL for answers given outside
    # a quiz run (review practice). chosen and path are JSON lists of option / step ids.
    """
    CREATE TABLE answers (
        id           INTEGER PRIMARY KEY,
        attempt_id   INTEGER,
        course_id    TEXT NOT NULL,
        quiz_id      TEXT NOT NULL,
        question_id  TEXT NOT NULL,
        chosen       TEXT NOT NULL,
        path         TEXT NOT NULL,
        correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
        score        REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        seconds      REAL NOT NULL CHECK (seconds >= 0),
        content_hash TEXT NOT NULL,
        answered_at  REAL NOT NULL,
        FOREIGN KEY (attempt_id, course_id, quiz_id)
            REFERENCES quiz_attempts (id, course_id, quiz_id)
    )
    """,
    # "Latest answer to this question with this hash" is a single index seek (rowid breaks ties).
    "CREATE INDEX answers_by_question ON answers (course_id, quiz_id, question_id, content_hash)",
    # "When was this quiz last touched" is a single seek for max(answered_at) (the summary's hot path).
    "CREATE INDEX answers_by_time ON answers (course_id, quiz_id, answered_at)",
    # Without it, deleting an attempt makes SQLite scan every answer to check the foreign key.
    "CREATE INDEX answers_by_attempt ON answers (attempt_id)",
    """
    CREATE TABLE readiness_attempts (
        id        INTEGER PRIMARY KEY,
        course_id TEXT NOT NULL,
        taken_at  REAL NOT NULL,
        passed    INTEGER NOT NULL CHECK (passed IN (0, 1))
    )
    """,
    "CREATE INDEX readiness_by_course ON readiness_attempts (course_id, taken_at)",
    # A child table rather than a JSON column so a module's history can be queried directly.
    """
    CREATE TABLE readiness_scores (
        attempt_id INTEGER NOT NULL REFERENCES readiness_attempts (id) ON DELETE CASCADE,
        module_id  TEXT NOT NULL,
        score      REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        PRIMARY KEY (attempt_id, module_id)
    ) WITHOUT ROWID
    """,
    # Global, not per course: the theme and "welcome seen" belong to the learner, not to a pack.
    # value is JSON so booleans and numbers come back as what they were.
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID
    """,
)

_V2_REVIEW_QUEUE: tuple[str, ...] = (
    # Spaced-review state per question. The scheduling algorithm lives elsewhere; the store keeps
    # both an ease factor and a Leitner box so either kind of scheduler fits without a migration.
    """
    CREATE TABLE review_queue (
        course_id     TEXT NOT NULL,
        quiz_id       TEXT NOT NULL,
        question_id   TEXT NOT NULL,
        due_at        REAL NOT NULL,
        interval_days REAL NOT NULL CHECK (interval_days >= 0),
        ease          REAL NOT NULL,
        box           INTEGER NOT NULL CHECK (box >= 0),
        last_score    REAL CHECK (last_score >= 0 AND last_score <= 1),
        updated_at    REAL NOT NULL,
        PRIMARY KEY (course_id, quiz_id, question_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX review_queue_by_due ON review_queue (course_id, due_at)",
)

_V3_HONEST_SELF_ASSESSMENT: tuple[str, ...] = (
    # Which pages of a lesson were shown (a JSON list of 0-based page numbers) and how many it has:
    # a lesson is read to the end when every page was seen, not when its last page was jumped to.
    "ALTER TABLE lesson_progress ADD COLUMN pages_seen TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE lesson_progress ADD COLUMN pages_total INTEGER NOT NULL DEFAULT 0 CHECK (pages_total >= 0)",
    # A retry of the missed questions is practice: stored as such, never the quiz's score. The plan
    # is the order shown (questions, and options per question or scenario step, as ids), so a
    # resumed attempt shows the same order.
    "ALTER TABLE quiz_attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'full' CHECK (kind IN ('full', 'retry'))",
    "ALTER TABLE quiz_attempts ADD COLUMN plan TEXT",
    # A readiness check is saved answer by answer and can be resumed: it now has a start (taken_at),
    # an end (finished_at, NULL while it is being taken), its plan, its score and why the verdict.
    "ALTER TABLE readiness_attempts ADD COLUMN finished_at REAL",
    "ALTER TABLE readiness_attempts ADD COLUMN plan TEXT",
    "ALTER TABLE readiness_attempts ADD COLUMN score REAL CHECK (score >= 0)",
    "ALTER TABLE readiness_attempts ADD COLUMN total REAL CHECK (total > 0)",
    "ALTER TABLE readiness_attempts ADD COLUMN reasons TEXT",
    "UPDATE readiness_attempts SET finished_at = taken_at",
    # Answers given in a readiness check belong to it (their quiz_id is still the question's quiz);
    # hints says how many hints were shown before answering (a right answer after one is "Hard").
    "ALTER TABLE answers ADD COLUMN readiness_id INTEGER REFERENCES readiness_attempts (id) ON DELETE CASCADE",
    "ALTER TABLE answers ADD COLUMN hints INTEGER NOT NULL DEFAULT 0 CHECK (hints >= 0)",
    "CREATE INDEX answers_by_readiness ON answers (readiness_id) WHERE readiness_id IS NOT NULL",
    # The review queue's scheduler is FSRS: its card state as JSON, how often the question was
    # missed (three or more: a weak spot), and why it is due now when not by schedule.
    "ALTER TABLE review_queue ADD COLUMN card TEXT",
    "ALTER TABLE review_queue ADD COLUMN misses INTEGER NOT NULL DEFAULT 0 CHECK (misses >= 0)",
    "ALTER TABLE review_queue ADD COLUMN reason TEXT",
)

_V4_RULE_CHANGES: tuple[str, ...] = (
    # Which of a pack's rule changes (changes.toml) the learner has been told about: `announced_at`
    # when the dashboard said so (or, for a change to a lesson not studied yet, when it was first
    # met, silently), `seen_at` when the learner saw it (the note on its lesson, or the timeline).
    """
    CREATE TABLE seen_changes (
        course_id    TEXT NOT NULL,
        change_id    TEXT NOT NULL,
        announced_at REAL NOT NULL,
        seen_at      REAL,
        PRIMARY KEY (course_id, change_id)
    ) WITHOUT ROWID
    """,
    # When the learner last opened the course: "2 rules you studied have changed since 3 March".
    """
    CREATE TABLE course_visits (
        course_id  TEXT PRIMARY KEY,
        visited_at REAL NOT NULL
    ) WITHOUT ROWID
    """,
)

_V5_VERDICT_EVIDENCE: tuple[str, ...] = (
    # A readiness verdict says what it rests on: for "Ready", the evidence as the learner read it (a
    # JSON list of sentences, like `reasons`), and how many of the course's lessons had been read.
    "ALTER TABLE readiness_attempts ADD COLUMN evidence TEXT",
    "ALTER TABLE readiness_attempts ADD COLUMN lessons_read INTEGER CHECK (lessons_read >= 0)",
    "ALTER TABLE readiness_attempts ADD COLUMN lessons_total INTEGER CHECK (lessons_total >= 0)",
)

_V6_GUIDE_DRAFTS: tuple[str, ...] = (
    # A message to support that the learner drafted with a guide and chose to keep (only then: what
    # they type is otherwise never stored). One per guide: keeping it again replaces it. `path` is the
    # choices as a JSON list of [step, option] ids, `details` what they typed (JSON object), `message`
    # the text as kept, edits included. `tutor reset` erases it with the rest of the course.
    """
    CREATE TABLE guide_drafts (
        course_id  TEXT NOT NULL,
        guide_id   TEXT NOT NULL,
        outcome_id TEXT NOT NULL,
        path       TEXT NOT NULL,
        details    TEXT NOT NULL,
        message    TEXT NOT NULL,
        kept_at    REAL NOT NULL,
        PRIMARY KEY (course_id, guide_id)
    ) WITHOUT ROWID
    """,
)

# A random version-4 UUID made by SQLite itself, so that rows recorded before schema 7 get one too.
_NEW_UUID = ("lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
             " || substr(lower(hex(randomblob(2))), 2)"
             " || '-' || substr('89ab', 1 + (random() & 3), 1) || substr(lower(hex(randomblob(2))), 2) || '-'"
             " || lower(hex(randomblob(6)))")

_V7_OUTBOX: tuple[str, ...] = (
    # Statements for the organisation's Learning Record Store (docs/teams.md), kept in the transaction
    # that records their event, with the id and the exact body they are sent with, so a resend is
    # byte-for-byte the same and an LRS stores it once. `source` names the record ("answer:12",
    # "attempt:3", "readiness:2", "lesson:<id>"). A statement is waiting until the LRS acknowledged it
    # (sent_at) or refused it (set_aside_at, with its reason); `tries` and `trouble` say why one waits.
    # No index on statement_id or source: a random UUID's index costs every answer a write in a random
    # page, and nothing looks a statement up by either (a version-4 UUID does not repeat; records made
    # before statements were kept are found with one scan of this table).
    """
    CREATE TABLE outbox (
        id            INTEGER PRIMARY KEY,
        statement_id  TEXT NOT NULL,
        course_id     TEXT NOT NULL,
        source        TEXT NOT NULL,
        body          TEXT NOT NULL,
        recorded_at   REAL NOT NULL,
        tries         INTEGER NOT NULL DEFAULT 0 CHECK (tries >= 0),
        trouble       TEXT,
        sent_at       REAL,
        set_aside_at  REAL,
        set_aside_why TEXT
    )
    """,
    "CREATE INDEX outbox_waiting ON outbox (id) WHERE sent_at IS NULL AND set_aside_at IS NULL",
    # An attempt's registration (a UUID) ties its statements together in the LRS: the answers given in
    # a quiz run or a readiness check, and the statement that finishes it.
    "ALTER TABLE quiz_attempts ADD COLUMN registration TEXT",
    "ALTER TABLE readiness_attempts ADD COLUMN registration TEXT",
    f"UPDATE quiz_attempts SET registration = {_NEW_UUID}",
    f"UPDATE readiness_attempts SET registration = {_NEW_UUID}",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _V1_FIRST_SCHEMA,
    _V2_REVIEW_QUEUE,
    _V3_HONEST_SELF_ASSESSMENT,
    _V4_RULE_CHANGES,
    _V5_VERDICT_EVIDENCE,
    _V6_GUIDE_DRAFTS,
    _V7_OUTBOX,
)
SCHEMA_VERSION = len(MIGRATIONS)

# Every table that holds per-course data, children before parents (the order reset deletes in).
COURSE_TABLES: tuple[str, ...] = (
    "answers",
    "quiz_attempts",
    "readiness_attempts",  # readiness_scores rows go with them (ON DELETE CASCADE)
    "lesson_progress",
    "review_queue",
    "seen_changes",
    "course_visits",
    "guide_drafts",
    "outbox",  # statements not yet sent are erased with the progress they describe
)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in the database (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to `target`, one migration per transaction; return the version reached.

    `conn` must be in autocommit mode (isolation_level=None). Each step runs under BEGIN IMMEDIATE and
    reads the version again inside it, so two processes opening an old database at the same moment
    apply each migration exactly once; a crash mid-step rolls that step back completely.
    """
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"no schema version {target} (known: 0..{SCHEMA_VERSION})")
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            current = schema_version(conn)
            if current >= target:
                conn.execute("COMMIT")
                return current
            _run(conn, MIGRATIONS[current])
            # The header write is part of the transaction: the new tables and the version that says
            # they exist commit together or not at all.
            conn.execute(f"PRAGMA user_version = {current + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _run(conn: sqlite3.Connection, statements: Sequence[str]) -> None:
    for statement in statements:
        conn.execute(statement)
