"""Fixtures of the reliability suite: a scratch folder an unprivileged learner can reach, and a
small disk of its own (tmpfs) that a test can fill up or make read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.reliability.harness import Learner, find_learner


@pytest.fixture
def scratch() -> Iterator[Path]:
    """A new folder that every user may pass through (pytest's own tmp_path is 0700, which would
    shut out a learner running as another user). Removed afterwards, whatever its modes."""
    folder = Path(tempfile.mkdtemp(prefix="tutor-reliability-"))
    os.chmod(folder, 0o755)
    yield folder
    _make_removable(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def learner() -> Learner | None:
    """Who runs a learner's processes: None (ourselves) unless we are root, then `nobody`. Skips
    when we are root and cannot drop to an ordinary user."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    found, why_not = find_learner()
    if found is None:
        pytest.skip(why_not)
    return found


@pytest.fixture
def small_disk(scratch: Path) -> Iterator[Callable[[str], Path]]:
    """mount_small_disk(size) mounts a tmpfs of `size` (e.g. "2m") and returns its folder. Needs root
    and mount(8); skips with the reason otherwise. Unmounted afterwards."""
    mounted: list[Path] = []

    def mount_small_disk(size: str) -> Path:
        if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("mount"):
            pytest.skip("a full or read-only disk is made with a small tmpfs, which needs root and mount(8)")
        folder = scratch / f"disk-{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"could not mount a tmpfs: {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount_small_disk
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # still open somewhere


def remount_read_only(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True, capture_output=True)


def _make_removable(folder: Path) -> None:
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            try:
                os.chmod(os.path.join(root, name), 0o700)
            except OSError:
                pass
