"""Damaged and unusable progress data, as a learner meets it: through the store, `tutor progress` and
`tutor export`. Every case gives a message in words and never a traceback. A damaged file is moved
aside byte for byte and a new one started (the commands carry on); anything else (a FIFO, a folder,
a read-only or full disk, a newer tutor's file) is refused with one line and left as it was.

Cases marked "learner" run as an ordinary user (root may write to read-only files); cases marked
"disk" need a small tmpfs of their own (root and mount(8)). Each skips with its reason elsewhere.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.reliability.conftest import remount_read_only
from tests.reliability.harness import Learner, fill_disk, give_to, run, tutor_command
from tutor.progress import SCHEMA_VERSION, open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds and permissions")


# -- making the cases ---------------------------------------------------------------------------


def filled(data_dir: Path) -> Path:
    """A real progress database with enough answers to span many pages, closed cleanly."""
    with open_store(data_dir) as store:
        attempt = store.start_attempt("test-pack", "stay")
        for n in range(200):
            store.record_answer("test-pack", "stay", f"q{n}", chosen=["join", "offer-call"], correct=n % 2 == 0,
                                score=1.0, seconds=1.5, content_hash="h" * 16, attempt_id=attempt)
        store.record_lesson_completed("test-pack", "stay")
        return store.path


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def truncated_to_half(d: Path) -> None:
    path = filled(d)
    os.truncate(path, path.stat().st_size // 2)


def cut_inside_the_header(d: Path) -> None:
    os.truncate(filled(d), 60)


def zeroed(d: Path) -> None:
    path = filled(d)
    path.write_bytes(bytes(path.stat().st_size))


def random_bytes(d: Path) -> None:
    path = filled(d)
    path.write_bytes(os.urandom(path.stat().st_size))


def a_page_scribbled_over(d: Path) -> None:
    path = filled(d)
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle : middle + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))


def schema_version_minus_one(d: Path) -> None:
    sql(filled(d), "PRAGMA user_version = -1")


def schema_version_sign_bit_flipped(d: Path) -> None:
    sql(filled(d), f"PRAGMA user_version = {SCHEMA_VERSION - 2**31}")


def schema_version_zero_with_tables(d: Path) -> None:
    sql(filled(d), "PRAGMA user_version = 0")


def an_older_version_with_later_tables(d: Path) -> None:
    sql(filled(d), f"PRAGMA user_version = {SCHEMA_VERSION - 1}")


def the_current_version_missing_a_table(d: Path) -> None:
    sql(filled(d), "DROP TABLE lesson_progress")


def a_newer_tutors_file(d: Path) -> None:
    sql(filled(d), f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def a_folder(d: Path) -> None:
    (d / "progress.db").mkdir()


def a_fifo(d: Path) -> None:
    os.mkfifo(d / "progress.db")


def a_socket(d: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(d / "progress.db"))
    listener.close()


def a_symlink_to_a_fifo(d: Path) -> None:
    os.mkfifo(d / "pipe")
    (d / "progress.db").symlink_to(d / "pipe")


def a_read_only_file(d: Path) -> None:
    os.chmod(filled(d), 0o400)


def a_file_the_learner_may_not_read(d: Path) -> None:
    os.chmod(filled(d), 0o000)


def a_read_only_folder(d: Path) -> None:
    filled(d)
    os.chmod(d, 0o555)


def a_read_only_folder_before_the_first_start(d: Path) -> None:
    os.chmod(d, 0o555)


def a_disk_mounted_read_only(d: Path) -> None:
    filled(d)
    remount_read_only(d)


def a_full_disk(d: Path) -> None:
    filled(d)
    fill_disk(d)


class Case(NamedTuple):
    make: Callable[[Path], None]
    moved_aside: bool  # damage: moved aside and a new one started; else refused and left alone
    words: str  # what the learner is told, in part
    needs: str = ""  # "learner" (an ordinary user) or "disk" (a tmpfs of its own)


CASES = [
    Case(truncated_to_half, True, "moved aside"),
    Case(cut_inside_the_header, True, "moved aside"),
    Case(zeroed, True, "moved aside"),
    Case(random_bytes, True, "moved aside"),
    Case(a_page_scribbled_over, True, "moved aside"),
    Case(schema_version_minus_one, True, "schema version -1"),
    Case(schema_version_sign_bit_flipped, True, f"schema version {SCHEMA_VERSION - 2**31}"),
    Case(schema_version_zero_with_tables, True, "schema version 0"),
    Case(an_older_version_with_later_tables, True, f"schema version {SCHEMA_VERSION - 1}"),
    Case(the_current_version_missing_a_table, True, "missing: lesson_progress"),
    Case(a_newer_tutors_file, False, "newer version of tutor"),
    Case(a_folder, False, "is a folder, not a database file"),
    Case(a_fifo, False, "is a FIFO, not a database file"),
    Case(a_socket, False, "is a socket, not a database file"),
    Case(a_symlink_to_a_fifo, False, "is a symbolic link to a FIFO, not a database file"),
    Case(a_read_only_file, False, "the database file is read-only for you", "learner"),
    Case(a_file_the_learner_may_not_read, False, "you may not read", "learner"),
    Case(a_read_only_folder, False, "is read-only for you, and the database needs to create files", "learner"),
    Case(a_read_only_folder_before_the_first_start, False, "is read-only for you", "learner"),
    Case(a_disk_mounted_read_only, False, "is mounted read-only", "disk"),
    Case(a_full_disk, False, "is full", "disk"),
]


# -- running them -------------------------------------------------------------------------------


def run_store_child(data_dir: Path, learner: Learner | None) -> list[dict[str, object]]:
    done = run([sys.executable, "-m", "tests.reliability.store_child", str(data_dir), "write", "read"],
               learner=learner)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def prepare(request, scratch: Path, small_disk) -> Callable[[Case], tuple[Path, Learner | None]]:
    """prepare(case): a new data folder holding the case, and the user to run as."""
    made = 0

    def make(case: Case) -> tuple[Path, Learner | None]:
        nonlocal made
        made += 1
        user: Learner | None = request.getfixturevalue("learner") if case.needs == "learner" else None
        if case.needs == "disk":
            data_dir = small_disk("8m")  # room for the WAL of 200 answers (it is checkpointed at 4 MB)
        else:
            data_dir = scratch / f"data-{made}"
            data_dir.mkdir()
        give_to(data_dir, user)
        if user is not None:
            os.chmod(data_dir, 0o700)
        case.make(data_dir)
        if user is not None and case.make is not a_read_only_folder_before_the_first_start:
            # filled() ran as us: the learner must own what it made (modes are kept).
            for child in data_dir.iterdir():
                os.chown(child, user.uid, user.uid, follow_symlinks=False)
        return data_dir, user

    return make


def what_is_there(data_dir: Path) -> tuple[list[str], bytes | None]:
    db = data_dir / "progress.db"
    content = db.read_bytes() if db.is_file() and not db.is_symlink() and os.access(db, os.R_OK) else None
    return sorted(os.listdir(data_dir)), content


def check_afterwards(case: Case, data_dir: Path, before: tuple[list[str], bytes | None]) -> None:
    names, content = before
    moved = sorted(p for p in data_dir.glob("progress.db.corrupt-*") if not p.name.endswith(("-wal", "-shm")))
    if case.moved_aside:
        assert len(moved) == 1, f"expected the damaged file moved aside, found {os.listdir(data_dir)}"
        assert moved[0].read_bytes() == content, "the moved file is not the damaged file as it was"
    else:
        assert moved == []
        # Nothing moved or changed; SQLite may leave its (empty) side files behind.
        assert set(os.listdir(data_dir)) - {"progress.db-wal", "progress.db-shm"} == set(names)
        if content is not None:
            assert (data_dir / "progress.db").read_bytes() == content


@pytest.mark.parametrize("case", CASES, ids=[case.make.__name__ for case in CASES])
def test_the_store_tells_the_learner_in_words(case: Case, prepare) -> None:
    data_dir, user = prepare(case)
    before = what_is_there(data_dir)
    steps = run_store_child(data_dir, user)
    opened = steps[0]
    if case.moved_aside:
        assert opened["ok"] is True, opened
        notice = str(opened["notice"])
        assert case.words in notice and "moved aside to" in notice and "a new, empty one was started" in notice
        assert [step["ok"] for step in steps[1:]] == [True, True]  # the new database works
        assert steps[2]["rows"] == 1
    else:
        assert opened["ok"] is False, opened
        assert case.words in str(opened["message"]) and str(data_dir) in str(opened["message"])
        assert opened["error"] in ("StoreUnavailableError", "NewerSchemaError")
    check_afterwards(case, data_dir, before)


@pytest.mark.parametrize("command", ["progress", "export"])
@pytest.mark.parametrize("case", CASES, ids=[case.make.__name__ for case in CASES])
def test_the_commands_say_it_in_one_line(case: Case, command: str, prepare) -> None:
    data_dir, user = prepare(case)
    before = what_is_there(data_dir)
    done = tutor_command(command, data_dir=data_dir, learner=user)
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.splitlines()
    if case.make is a_read_only_folder_before_the_first_start:
        # No database yet: the reading commands create none, so the folder's mode does not matter.
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert "not started" in done.stdout if command == "progress" else json.loads(done.stdout)["records"] == []
    elif case.moved_aside:
        assert done.returncode == 0, done.stderr
        assert len(lines) == 1 and lines[0].startswith(f"tutor {command}: ") and case.words in lines[0]
        assert "Test pack" in done.stdout if command == "progress" else json.loads(done.stdout)["records"] == []
    else:
        assert done.returncode == 1 and done.stdout == ""
        assert len(lines) == 1 and lines[0].startswith(f"tutor {command}: "), done.stderr
        assert case.words in lines[0]
    check_afterwards(case, data_dir, before)


def test_damage_that_appears_while_the_store_is_open_is_reported_on_the_next_read_and_write(scratch: Path) -> None:
    from tutor.progress import StoreReadError, StoreWriteError

    data_dir = scratch / "data"
    path = filled(data_dir)
    store = open_store(data_dir)
    # Another process writes (so the open store must read the file again), then something scribbles
    # over the file's pages.
    sql(path, "INSERT OR REPLACE INTO settings VALUES ('theme', '\"nord\"')")
    with open(path, "r+b") as raw:
        for page in range(2, path.stat().st_size // 4096):
            raw.seek(page * 4096)
            raw.write(os.urandom(4096))

    with store:
        with pytest.raises(StoreReadError) as read:
            store.export_rows()
        with pytest.raises(StoreWriteError) as write:
            store.record_answer("test-pack", "stay", "late", chosen=["join"], correct=False, score=0.0,
                                seconds=1.0, content_hash="h")
    assert read.value.problem == write.value.problem == "damaged"
    assert str(read.value).startswith(f"Your progress could not be read from {path}: SQLite found the file damaged")
    assert str(write.value).startswith("Your answer could not be saved: SQLite found the file damaged")
    assert "start it again" in str(write.value)
    assert list(data_dir.glob("*corrupt*")) == []  # not moved while it is open: another process may use it

    with open_store(data_dir) as again:  # the next start does
        assert again.notice is not None and "moved aside" in again.notice
