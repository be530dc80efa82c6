"""Databases written by older versions are brought up to date without losing anything; a migration
that fails changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor.progress import SCHEMA_VERSION, open_store, schema
from tutor.progress.schema import migrate


def version_of(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_a_new_database_is_created_at_the_current_version(tutor_home: Path) -> None:
    with open_store() as store:
        path = store.path
    assert SCHEMA_VERSION >= 2
    assert version_of(path) == SCHEMA_VERSION


def test_a_database_from_the_first_schema_is_upgraded_and_keeps_all_its_data(tutor_home: Path) -> None:
    tutor_home.mkdir()
    path = tutor_home / "progress.db"
    old = sqlite3.connect(path, isolation_level=None)
    assert migrate(old, target=1) == 1  # exactly what the first release created
    old.executescript(
        """
        INSERT INTO lesson_progress VALUES ('demo', 'intro', 1000, 1010, 1010, 3);
        INSERT INTO lesson_progress VALUES ('demo', 'rules', 1020, 1030, NULL, 1);
        INSERT INTO quiz_attempts VALUES (7, 'demo', 'intro-quiz', 1100, 1150, 4, 5);
        INSERT INTO answers VALUES (1, 7, 'demo', 'intro-quiz', 'q1', '["a"]', '[]', 1, 1.0, 3.5,
                                    'hash-1', 1120);
        INSERT INTO readiness_attempts VALUES (1, 'demo', 1200, 1);
        INSERT INTO readiness_scores VALUES (1, 'basics', 0.9);
        INSERT INTO settings VALUES ('theme', '"nord"');
        """
    )
    old.close()
    assert version_of(path) == 1

    with open_store() as store:
        assert store.notice is None
        assert store.lesson_states("demo")["intro"].page == 3
        assert store.last_position("demo").lesson_id == "rules"
        assert store.quiz_scores("demo")["intro-quiz"].best == 0.8
        assert store.question_results("demo", "intro-quiz", {"q1": "hash-1"}) == {"q1": True}
        assert store.readiness_attempts("demo")[0].module_scores == {"basics": 0.9}
        assert store.get_setting("theme") == "nord"
        # What version 2 added works on the upgraded file.
        store.set_review("demo", "intro-quiz", "q1", due_at=store.last_position("demo").updated_at,
                         interval_days=1)
        assert store.get_review("demo", "intro-quiz", "q1") is not None
        # New rows continue the old ids instead of colliding with them.
        assert store.start_attempt("demo", "intro-quiz") == 8
    assert version_of(path) == SCHEMA_VERSION


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    migrate(conn, target=1)
    broken = ("CREATE TABLE half_done (x)", "THIS IS NOT SQL")
    monkeypatch.setattr(schema, "MIGRATIONS", (schema.MIGRATIONS[0], broken))
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, target=2)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []
    assert not conn.in_transaction
    conn.close()


def test_migrating_an_up_to_date_database_does_nothing(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert migrate(conn) == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == tables
    conn.close()


def test_what_each_version_must_contain_follows_migrations_added_later(tmp_path: Path) -> None:
    # Two migrations the lead might add: one only adds an index, one only adds a column. A file
    # at the newer version whose header says the older one must be seen for what it is.
    from tutor.progress.contents import version_mismatch

    later = (
        *schema.MIGRATIONS,
        ("CREATE INDEX answers_by_hash ON answers (content_hash)",),
        ("ALTER TABLE answers ADD COLUMN mood TEXT",),
    )
    conn = sqlite3.connect(tmp_path / "p.db", isolation_level=None)
    for statements in later:
        for statement in statements:
            conn.execute(statement)
    newest = len(later)
    assert version_mismatch(conn, newest, later) is None
    assert "not expected: answers.mood" in version_mismatch(conn, newest - 1, later)
    conn.execute("ALTER TABLE answers DROP COLUMN mood")
    assert version_mismatch(conn, newest - 1, later) is None
    assert "not expected: answers_by_hash" in version_mismatch(conn, newest - 2, later)
    assert "missing: answers.mood" in version_mismatch(conn, newest, later)
    conn.close()
