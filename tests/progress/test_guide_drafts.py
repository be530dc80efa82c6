"""A drafted message is stored only when the learner keeps it, `tutor reset` erases it with the rest of
the course, and saving it to a file the learner names never destroys data."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.progress.location import side_files
from tutor.progress.output_file import OutputExists, OutputNotWritten, write_output_file
from tutor.progress.schema import COURSE_TABLES, SCHEMA_VERSION, migrate, schema_version

PATH = (("platform", "upwork"), ("upwork-what", "zoom-link"))


def test_a_kept_draft_comes_back_whole_and_keeping_again_replaces_it(store: ProgressStore) -> None:
    assert store.kept_draft("course", "guide") is None
    store.keep_draft("course", "guide", "upwork-talked", PATH, {"client": "dana_k ünï"}, "Hello,\n\nfirst")
    kept = store.kept_draft("course", "guide")
    assert kept is not None and kept.path == PATH and kept.details == {"client": "dana_k ünï"}
    assert kept.message == "Hello,\n\nfirst" and kept.outcome_id == "upwork-talked"
    store.keep_draft("course", "guide", "upwork-paid", PATH[:1], {}, "second")
    again = store.kept_draft("course", "guide")
    assert again is not None and again.message == "second" and again.outcome_id == "upwork-paid"
    assert store.kept_draft("other-course", "guide") is None


def test_forgetting_a_draft_erases_it(store: ProgressStore) -> None:
    store.keep_draft("course", "guide", "o", PATH, {}, "text")
    store.forget_draft("course", "guide")
    assert store.kept_draft("course", "guide") is None
    store.forget_draft("course", "guide")  # nothing kept: nothing happens


def test_reset_erases_kept_drafts_with_the_rest_of_the_course(store: ProgressStore) -> None:
    assert "guide_drafts" in COURSE_TABLES
    store.keep_draft("course", "guide", "o", PATH, {"name": "Amira"}, "private text")
    store.keep_draft("other", "guide", "o", PATH, {}, "kept")
    assert store.has_progress("course")
    store.reset("course")
    assert store.kept_draft("course", "guide") is None
    assert store.kept_draft("other", "guide") is not None
    store.reset()
    assert store.kept_draft("other", "guide") is None


def test_an_older_database_gains_the_drafts_table_on_opening(tmp_path: Path) -> None:
    from tutor.progress.schema import _V6_GUIDE_DRAFTS, MIGRATIONS

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, MIGRATIONS.index(_V6_GUIDE_DRAFTS))  # the version just before the drafts table
    assert "guide_drafts" not in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    migrate(conn)
    assert schema_version(conn) == SCHEMA_VERSION
    assert "guide_drafts" in {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


# -- saving to a file the learner names ---------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".part"))


def test_a_message_is_written_whole_and_nothing_is_left_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "message.txt"
    written = write_output_file(target, "Hello,\n\nünï text\n", database=None)
    assert written == target.resolve() and target.read_text(encoding="utf-8") == "Hello,\n\nünï text\n"
    assert leftovers(tmp_path) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_an_existing_file_is_replaced_only_when_the_learner_agreed(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my own notes", encoding="utf-8")
    target.chmod(0o640)
    with pytest.raises(OutputExists):
        write_output_file(target, "draft", database=None)
    assert target.read_text(encoding="utf-8") == "my own notes"
    write_output_file(target, "draft", database=None, replace=True)
    assert target.read_text(encoding="utf-8") == "draft" and oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert leftovers(tmp_path) == []


def test_the_progress_database_its_side_files_and_backups_are_refused_by_any_name(store: ProgressStore,
                                                                                  tmp_path: Path) -> None:
    db = store.path
    store.reset()  # makes a backup beside it
    backups = [p for p in db.parent.iterdir() if p.name.startswith(db.name + ".backup-")]
    assert backups
    link = tmp_path / "innocent.txt"
    link.symlink_to(db)
    before = db.read_bytes()
    for target in [db, *side_files(db), backups[0], link, db.parent / ".." / db.parent.name / db.name]:
        with pytest.raises(OutputNotWritten, match="progress database"):
            write_output_file(target, "oops", database=db, replace=True)
    assert db.read_bytes() == before
    assert store.kept_draft("c", "g") is None  # still a working database


def test_a_folder_a_device_or_a_missing_folder_is_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(OutputNotWritten, match="is a folder"):
        write_output_file(tmp_path, "x", database=None)
    with pytest.raises(OutputNotWritten, match="not an ordinary file"):
        write_output_file(Path("/dev/null"), "x", database=None, replace=True)
    with pytest.raises(OutputNotWritten, match="does not exist"):
        write_output_file(tmp_path / "nowhere" / "m.txt", "x", database=None)


def test_a_write_that_fails_leaves_the_old_file_whole(tmp_path: Path) -> None:
    folder = tmp_path / "full"
    folder.mkdir()
    # A name the file system takes, but too long for the temporary file beside it: the write fails
    # before the old file is touched, as it would on a full disk.
    target = folder / ("m" * 250)
    target.write_text("the old message", encoding="utf-8")
    with pytest.raises(OutputNotWritten, match="could not be written"):
        write_output_file(target, "new", database=None, replace=True)
    assert target.read_text(encoding="utf-8") == "the old message" and os.listdir(folder) == [target.name]
    with pytest.raises(OutputNotWritten, match="could not be written"):
        write_output_file(folder / ("m" * 300), "new", database=None)
