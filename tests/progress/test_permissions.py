"""Progress is private: the folder we create is 0700 and every database file is 0600."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tutor.progress import StoreUnavailableError, open_store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_folder_is_0700_and_every_database_file_is_0600(tutor_home: Path) -> None:
    old_umask = os.umask(0o022)  # the usual default, which would otherwise leave files 0644
    try:
        with open_store() as store:
            store.record_lesson_opened("demo", "intro")
            assert mode(tutor_home) == 0o700
            side_files = [store.path.with_name("progress.db" + s) for s in ("-wal", "-shm")]
            for path in [store.path, *side_files]:
                assert path.exists(), path
                assert mode(path) == 0o600, path
            backup = store.reset()
            assert mode(backup) == 0o600
    finally:
        os.umask(old_umask)


def test_an_existing_database_readable_by_others_is_made_private(tutor_home: Path) -> None:
    with open_store() as store:
        path = store.path
    os.chmod(path, 0o644)
    with open_store():
        assert mode(path) == 0o600


def test_a_folder_the_user_chose_keeps_its_permissions(tmp_path: Path) -> None:
    chosen = tmp_path / "shared"
    chosen.mkdir(mode=0o755)
    os.chmod(chosen, 0o755)
    with open_store(chosen) as store:
        assert mode(chosen) == 0o755
        assert mode(store.path) == 0o600


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o277])
def test_every_folder_made_along_a_new_data_dir_path_is_0700_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    data_dir = tmp_path / "new" / "deeper" / "data"
    old_umask = os.umask(umask)
    try:
        with open_store(data_dir) as store:
            store.record_lesson_opened("demo", "intro")
    finally:
        os.umask(old_umask)
    for folder in (tmp_path / "new", tmp_path / "new" / "deeper", data_dir):
        assert mode(folder) == 0o700, folder


def test_a_database_the_learner_made_read_only_is_not_made_writable(tutor_home: Path) -> None:
    # "Tightened to 0600" takes permissions away from others; it never adds one for the owner.
    with open_store() as store:
        path = store.path
    os.chmod(path, 0o444)
    if os.geteuid() == 0:
        open_store().close()  # root may write to it anyway
    else:
        with pytest.raises(StoreUnavailableError, match="read-only"):
            open_store()
    assert mode(path) in (0o400, 0o444)  # the owner did not gain write
