"""A file the learner names as output never destroys their progress, and is written whole or not at
all (issue 22, faults 1 and 9).

`tutor export -o <data>/progress.db` used to overwrite the live database (25 answers, then 0), and a
full disk left a truncated file under the name asked for. Every command that writes a file it is
told to goes through tutor/progress/output.py; these tests name the store, its side files, its
backups and links to them through the real commands, and fill a real disk (a tmpfs) under them.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.reliability.harness import PACK, child_env, fill_disk, run, tutor_command
from tests.reliability.progress_made import answer_count, answers_recorded, readiness_taken
from tutor.content.loader import load_course
from tutor.progress.output import OutputRefusedError, output_file, write_output

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and a tmpfs")

ANSWERS = 25


def _target(kind: str, data: Path, elsewhere: Path) -> Path:
    """The path named as output, made as a learner could have made it."""
    db = data / "progress.db"
    if kind in ("store", "-wal", "-shm", "-journal"):
        return db if kind == "store" else Path(f"{db}{kind}")
    if kind == "backup":
        backup = data / "progress.db.backup-20261201T101010Z"
        shutil.copyfile(db, backup)
        return backup
    if kind == "through ..":
        return data / ".." / data.name / "progress.db"
    link = elsewhere / "progress.json"
    if kind == "symlink":
        link.symlink_to(db)
    elif kind == "hard link":
        os.link(db, link)
    elif kind == "symlink to a wal not there yet":
        link.symlink_to(Path(f"{db}-wal"))
    elif kind == "a copy elsewhere":
        shutil.copyfile(db, link)
    return link


KINDS = ["store", "-wal", "-shm", "-journal", "backup", "through ..", "symlink", "hard link",
         "symlink to a wal not there yet", "a copy elsewhere"]


@pytest.mark.parametrize("kind", KINDS)
def test_export_refuses_an_output_that_is_the_progress_or_leads_to_it(scratch: Path, kind: str) -> None:
    data, elsewhere = scratch / "data", scratch / "elsewhere"
    elsewhere.mkdir()
    db = answers_recorded(data, ANSWERS)
    target = _target(kind, data, elsewhere)
    before = {path: path.read_bytes() for path in (db, target) if path.is_file()}

    done = tutor_command("export", "--format", "csv", "-o", str(target), data_dir=data)

    assert done.returncode == 1, done.stderr
    assert "refusing to write" in done.stderr and "nothing was written" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert {path: path.read_bytes() for path in before} == before
    assert not os.path.lexists(f"{db}-journal") or kind == "-journal"
    after = tutor_command("progress", "--json", data_dir=data)
    assert "moved aside" not in after.stderr and not list(data.glob("*corrupt*"))
    assert answer_count(db) == ANSWERS


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_refuses_the_store_and_a_link_to_it(scratch: Path, fmt: str) -> None:
    data = scratch / "data"
    db = answers_recorded(data, ANSWERS)
    readiness_taken(data, load_course(PACK)[0])
    answers = answer_count(db)
    link = scratch / "report.md"
    link.symlink_to(db)
    for target in (db, link):
        done = tutor_command("report", "--format", fmt, "-o", str(target), data_dir=data)
        assert done.returncode == 1 and "refusing to write" in done.stderr, done.stderr
    assert answer_count(db) == answers and link.is_symlink()


def test_the_default_progress_is_protected_when_another_data_folder_is_used(scratch: Path) -> None:
    home, other = scratch / "home", scratch / "other"
    db = answers_recorded(home, ANSWERS)
    done = run([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(other),
                "export", "-o", str(db)], env=child_env(TUTOR_HOME=str(home)))
    assert done.returncode == 1 and "refusing to write" in done.stderr, done.stderr
    assert answer_count(db) == ANSWERS


def test_an_ordinary_output_is_written_replaced_and_follows_a_link(scratch: Path) -> None:
    data = scratch / "data"
    answers_recorded(data, ANSWERS)
    real = scratch / "exports" / "mine.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o640)
    link = scratch / "latest.csv"
    link.symlink_to(real)

    done = tutor_command("export", "--format", "csv", "-o", str(link), data_dir=data)

    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and real.read_text().startswith("kind,")
    assert oct(real.stat().st_mode & 0o777) == oct(0o640)  # the file it replaced kept its permissions
    assert sorted(p.name for p in real.parent.iterdir()) == ["mine.csv"]  # no temporary file left
    devnull = tutor_command("export", "-o", os.devnull, data_dir=data)  # a device is written, not replaced
    assert devnull.returncode == 0 and Path(os.devnull).is_char_device()


def test_an_output_that_fails_half_way_leaves_the_old_file_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report\n")
    with pytest.raises(RuntimeError), output_file(target) as out:
        out.write("half of the new one" * 1000)
        raise RuntimeError("the program failed while writing")
    assert target.read_text() == "the old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    with pytest.raises(OutputRefusedError):
        write_output(tmp_path / "data" / "progress.db", "x", data_dir=tmp_path / "data")


# -- a full disk (a tmpfs: root and mount(8), skipped otherwise) --------------------------------------


@pytest.mark.parametrize("command", [["export", "--format", "json"], ["export", "--format", "csv"],
                                     ["report", "--format", "html"]])
def test_an_output_on_a_full_disk_keeps_the_old_file_and_leaves_nothing_half_written(
        scratch: Path, small_disk, command: list[str]) -> None:
    data = scratch / "data"
    answers_recorded(data, 400)
    readiness_taken(data, load_course(PACK)[0])
    disk = small_disk("1m")
    old, new = disk / "old-output", disk / "new-output"
    old.write_text("what the learner had before\n")
    filler = fill_disk(disk)

    for target in (old, new):
        done = tutor_command(*command, "-o", str(target), data_dir=data)
        assert done.returncode == 1, done.stderr
        assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert old.read_text() == "what the learner had before\n"
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "old-output"]

    filler.unlink()
    done = tutor_command(*command, "-o", str(new), data_dir=data)
    assert done.returncode == 0, done.stderr
    printed = tutor_command(*command, data_dir=data).stdout
    assert len(new.read_text().splitlines()) == len(printed.splitlines()) > 20  # whole, once there is room
