"""Something that is not a database file where the database should be, or a database the learner
cannot use (read-only, locked by another program): a message in words, never a hang, and nothing
moved aside, since none of these is damage."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.harness import REPO, child_env

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file kinds")

# Opens the store in a child, so that a hang fails the test instead of hanging it; prints what the
# learner would be told.
OPEN_IN_A_CHILD = """
import json, sys
from tutor.progress import ProgressStoreError, open_store
try:
    with open_store(sys.argv[1]) as store:
        print(json.dumps({"opened": True, "notice": store.notice}))
except ProgressStoreError as exc:
    print(json.dumps({"opened": False, "error": type(exc).__name__, "message": str(exc)}))
"""


def open_in_a_child(data_dir: Path) -> dict[str, object]:
    try:
        done = subprocess.run([sys.executable, "-c", OPEN_IN_A_CHILD, str(data_dir)], capture_output=True,
                              text=True, timeout=20, cwd=REPO, env=child_env())
    except subprocess.TimeoutExpired:
        pytest.fail(f"opening the store with {sorted(os.listdir(data_dir))} in {data_dir} hung")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout)


def a_folder(path: Path) -> None:
    path.mkdir()


def a_fifo(path: Path) -> None:
    os.mkfifo(path)


def a_socket(path: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))  # the socket file stays after the socket is closed
    listener.close()


def a_symlink_to_a_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("elsewhere"))
    path.symlink_to(path.with_name("elsewhere"))


def a_symlink_to_a_device(path: Path) -> None:
    path.symlink_to(os.devnull)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (a_folder, "is a folder, not a database file"),
        (a_fifo, "is a FIFO, not a database file"),
        (a_socket, "is a socket, not a database file"),
        (a_symlink_to_a_fifo, "is a symbolic link to a FIFO, not a database file"),
        (a_symlink_to_a_device, "is a symbolic link to a device, not a database file"),
    ],
)
def test_something_that_is_not_a_file_where_the_database_should_be_is_refused_in_words(
    tmp_path: Path, make: Callable[[Path], None], words: str
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    make(data_dir / "progress.db")
    before = sorted(os.listdir(data_dir))

    result = open_in_a_child(data_dir)

    assert result["opened"] is False and result["error"] == "StoreUnavailableError"
    message = str(result["message"])
    assert words in message and str(data_dir / "progress.db") in message
    assert "--data-dir" in message  # what to do about it
    assert sorted(os.listdir(data_dir)) == before  # nothing moved aside, nothing created


def test_a_fifo_where_sqlite_keeps_its_log_is_refused_too(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    os.mkfifo(data_dir / "progress.db-wal")
    result = open_in_a_child(data_dir)
    assert result["opened"] is False
    assert "progress.db-wal" in str(result["message"]) and "is a FIFO" in str(result["message"])
    assert stat.S_ISFIFO(os.lstat(data_dir / "progress.db-wal").st_mode)


def test_a_fifo_where_the_data_folder_should_be_is_refused_in_words(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "data")
    result = open_in_a_child(tmp_path / "data")
    assert result["opened"] is False
    assert "is a FIFO, not a folder" in str(result["message"])


def test_a_symlink_to_a_database_file_is_fine(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (tmp_path / "real.db").touch()
    (data_dir / "progress.db").symlink_to(tmp_path / "real.db")
    assert open_in_a_child(data_dir) == {"opened": True, "notice": None}
