"""Restoring a backup installs the file that was checked, and only a sound one; a database holding
values tutor never writes is damage, told in words, never a bug; a real bug ends the app with exit
70 (issue 22, faults 4, 5 and 8).

`tutor reset --restore bk#x` used to check "bk" (an unquoted SQLite URI) and install "bk#x", a
schema-99 file that every command then refused; a backup with text where a time belongs passed the
check and then ended every command as "internal error" (exit 70), and the app "because of a bug".
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.pty_terminal import PtyApp
from tests.reliability.harness import PACK, child_env, tutor_command
from tests.reliability.progress_made import answer_count, answers_recorded

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal")

ANSWERS = 25


def sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA ignore_check_constraints = ON")  # as another program may
        for statement in statements:
            conn.execute(statement)
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all in the file, so its bytes can be compared
    finally:
        conn.close()


def a_backup(folder: Path, name: str, answers: int = 3) -> Path:
    """A sound progress database of its own at folder/name."""
    made = folder / f"made-{answers}"
    path = answers_recorded(made, answers)
    shutil.copyfile(path, folder / name)
    return folder / name


# -- fault 4: the file checked is the file installed, whatever its name ------------------------------

# (the name restored, the name an unquoted URI "file:{path}?mode=ro" opened instead)
TWINS = [("bk#x", "bk"), ("bk?x", "bk"), ("bk%41", "bkA")]


@pytest.mark.parametrize(("named", "twin"), TWINS, ids=["hash", "question-mark", "percent"])
def test_restore_checks_the_very_file_it_installs(scratch: Path, named: str, twin: str) -> None:
    data, folder = scratch / "data", scratch / "backups"
    folder.mkdir()
    db = answers_recorded(data, ANSWERS)
    a_backup(folder, twin)  # sound, beside the one named
    newer = a_backup(folder, named)
    sql(newer, "PRAGMA user_version = 99")

    done = tutor_command("reset", "--restore", str(newer), "--yes", data_dir=data)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "newer version of tutor" in done.stderr and "Traceback" not in done.stderr
    assert answer_count(db) == ANSWERS
    assert tutor_command("progress", data_dir=data).returncode == 0


@pytest.mark.parametrize("name", ["my backup #1 ?.db", "sauvegarde été %20 (2).db", "bk%41", "bk#x"])
def test_a_backup_with_any_name_is_restored(scratch: Path, name: str) -> None:
    data, folder = scratch / "data", scratch / "backups"
    folder.mkdir()
    db = answers_recorded(data, ANSWERS)
    backup = a_backup(folder, name, answers=3)

    done = tutor_command("reset", "--restore", str(backup), "--yes", data_dir=data)

    assert done.returncode == 0, done.stderr
    assert answer_count(db) == 3


# -- fault 5: values tutor never writes --------------------------------------------------------------

STRANGE = {
    "chosen-not-json": "UPDATE answers SET chosen = 'email, phone' WHERE id = 2",
    "path-not-json": "UPDATE answers SET path = '[' WHERE id = 2",
    "pages-seen-not-json": "UPDATE lesson_progress SET pages_seen = 'all'",
    "reasons-not-json": "UPDATE readiness_attempts SET reasons = 'none'",
    "answered-at-text": "UPDATE answers SET answered_at = 'yesterday' WHERE id = 2",
    "answered-at-huge": "UPDATE answers SET answered_at = 1e308 WHERE id = 2",
    "answered-at-negative-huge": "UPDATE answers SET answered_at = -1e308 WHERE id = 2",
    "started-at-huge": "UPDATE quiz_attempts SET started_at = 1e308",
    "score-text": "UPDATE answers SET score = 'full' WHERE id = 2",
    "plan-a-list": "UPDATE quiz_attempts SET plan = '[1]'",
    "setting-not-json": "INSERT INTO settings (key, value) VALUES ('theme', 'dark')",
}


def with_every_kind_of_row(data: Path) -> Path:
    """Progress with a row in each table the strange values go into."""
    from tutor.progress import open_store

    db = answers_recorded(data, 5)
    with open_store(data) as store:
        store.record_lesson_opened("test-pack", "stay")
        store.record_page_seen("test-pack", "stay", 0, 2)
        readiness = store.start_readiness("test-pack", {"questions": []})
        store.finish_readiness(readiness, {"basics": 0.5}, False, 1.0, 2.0, ("a reason",))
    sql(db, "UPDATE quiz_attempts SET plan = '{}'")
    return db


@pytest.mark.parametrize("damage", list(STRANGE))
def test_restore_refuses_a_backup_with_values_tutor_never_writes(scratch: Path, damage: str) -> None:
    data, folder = scratch / "data", scratch / "backups"
    db = answers_recorded(data, ANSWERS)
    before = db.read_bytes()
    backup = with_every_kind_of_row(folder)
    sql(backup, STRANGE[damage])

    done = tutor_command("reset", "--restore", str(backup), "--yes", data_dir=data)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Nothing was restored" in done.stderr and "holds a value tutor never writes" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert db.read_bytes() == before and answer_count(db) == ANSWERS
    assert not list(data.glob("progress.db.backup-*"))  # refused before anything was copied or changed


# A score given as text breaks the table's own CHECK rule, which SQLite's integrity check finds when
# the store opens: such a file is moved aside byte for byte as damaged (test_damaged_data.py).
@pytest.mark.parametrize("damage", ["chosen-not-json", "answered-at-text", "answered-at-huge", "path-not-json",
                                    "reasons-not-json", "pages-seen-not-json", "setting-not-json"])
def test_reading_values_tutor_never_writes_is_damage_in_words_never_a_bug(scratch: Path, damage: str) -> None:
    data = scratch / "data"
    db = with_every_kind_of_row(data)
    sql(db, STRANGE[damage])
    before = db.read_bytes()

    for command in (["progress"], ["progress", "--json"], ["export"], ["export", "--format", "csv"], ["report"]):
        done = tutor_command(*command, data_dir=data)
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr, (command, done.stderr)
        if done.returncode == 1 and command[0] != "report":
            assert "holds a value tutor never writes" in done.stderr, (command, done.stderr)
    assert db.read_bytes() == before and not list(data.glob("*corrupt*"))


def in_a_terminal(argv: list[str], home: Path) -> PtyApp:
    env = {**child_env(TUTOR_HOME=str(home)), "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none",
           "COLUMNS": "100", "LINES": "30"}
    return PtyApp(argv, env)


@pytest.mark.slow  # a real app in a pseudo-terminal
@pytest.mark.parametrize("damage", ["pages-seen-not-json", "setting-not-json"])
def test_the_app_starts_on_values_tutor_never_writes_and_says_so(scratch: Path, damage: str) -> None:
    home = scratch / "home"
    db = with_every_kind_of_row(home)
    sql(db, STRANGE[damage])
    app = in_a_terminal([sys.executable, "-m", "tutor", "--content", str(PACK)], home)
    try:
        # This learner never left the pack's welcome: the dashboard, which reads the progress, is
        # built when the welcome is left, and says so then (it used to stop "because of a bug").
        app.wait_for("Welcome to", timeout=60)
        app.keys("\r")
        shown = app.wait_for("never writes", timeout=30)
        assert "bug" not in shown
    finally:
        app.close()
    assert app.proc.returncode == 0
    assert "because of a bug" not in app.written.decode("utf-8", "replace")
    assert not list(home.glob("*corrupt*"))


# -- fault 8: a bug in the app ends it with exit 70 ---------------------------------------------------

PLANTED = """
import sys
import tutor.app.app_actions as actions

def planted(self):
    raise RuntimeError("a bug planted by the test")

actions.AppActions.action_help = planted  # pressing ? now fails as a bug would
from tutor.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow  # a real app in a pseudo-terminal
def test_a_bug_in_the_app_ends_it_with_exit_70_one_line_and_a_private_report(scratch: Path) -> None:
    home = scratch / "home"
    app = in_a_terminal([sys.executable, "-c", PLANTED, "--content", str(PACK)], home)
    try:
        app.wait_for("Welcome", timeout=60)
        app.keys("?")
        deadline = time.monotonic() + 30
        while app.proc.poll() is None and time.monotonic() < deadline:
            app.settle(0.2)
    finally:
        if app.proc.poll() is None:
            app.proc.kill()
        app.proc.wait()
        app.settle(0.2)
        os.close(app.master)
    written = app.written.decode("utf-8", "replace")
    assert "tutor stopped because of a bug" in written and "Traceback" not in written
    assert app.proc.returncode == 70
    report = Path(written.split("The details are in ")[1].split(";")[0].split()[0])
    assert "a bug planted by the test" in report.read_text() and report.stat().st_mode & 0o077 == 0
