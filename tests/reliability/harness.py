"""What the reliability tests share: child processes that use the store or the real command line,
and the profile that decides how many rounds a run makes.

TUTOR_RELIABILITY=long gives the longer local profile; anything else (CI) the short one.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "tests" / "fixtures" / "pack"
LONG = os.environ.get("TUTOR_RELIABILITY", "") == "long"


def rounds(ci: int, long: int) -> int:
    """How many rounds of something to make in this profile."""
    return long if LONG else ci


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a Python child that must import this checkout of tutor."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1", **extra}
    env.pop("TUTOR_CONTENT", None)
    env.pop("TUTOR_DEBUG", None)
    return env


class Learner(NamedTuple):
    """An ordinary user to run a learner's processes as, and how to start a process as them."""

    uid: int
    prefix: tuple[str, ...]  # put before the command (setpriv), or () with `popen` doing it
    popen: dict[str, Any]


def run(argv: list[str], *, learner: Learner | None = None, timeout: float = 60,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `argv` from the checkout, as `learner` if given; no stdin, output captured as text."""
    prefix, popen = (learner.prefix, learner.popen) if learner else ((), {})
    return subprocess.run([*prefix, *argv], capture_output=True, text=True, cwd=REPO, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=env or child_env(), **popen)


def tutor_command(*argv: str, data_dir: Path, learner: Learner | None = None,
                  timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m tutor --content <fixture pack> --data-dir DIR ARGV...`, as `learner` if given."""
    return run([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data_dir), *argv],
               learner=learner, timeout=timeout, env=child_env(TUTOR_HOME=str(data_dir)))


def find_learner() -> tuple[Learner | None, str]:
    """When we are root: a way to run this checkout's Python as `nobody`, or None and why not.
    Root may write to read-only files, so a test of what a learner sees with one must drop to an
    ordinary user. Popen(user=) is tried first; setpriv(1) where the interpreter lives in a folder
    only root may enter (a pyenv under /root), since it drops privileges only at exec."""
    import pwd

    try:
        uid = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return None, "there is no user 'nobody' to drop to"
    ways = [Learner(uid, (), {"user": uid, "group": uid, "extra_groups": []})]
    if shutil.which("setpriv"):
        ways.append(Learner(uid, ("setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"), {}))
    problems = []
    for way in ways:
        try:
            probe = run([sys.executable, "-c", "import os, sqlite3, tutor.progress; print(os.geteuid())"],
                        learner=way)
        except OSError as exc:
            problems.append(str(exc))
            continue
        if probe.returncode == 0 and probe.stdout.strip() == str(uid):
            return way, ""
        problems.append(probe.stderr.strip()[-200:])
    return None, "user 'nobody' cannot run this checkout's Python: " + "; ".join(problems)


def give_to(path: Path, learner: Learner | None) -> None:
    """chown -R `path` to the learner, so that a learner running as another user owns what a test made."""
    if learner is None:
        return
    uid = learner.uid
    os.chown(path, uid, uid, follow_symlinks=False)
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            give_to(child, learner)


def fill_disk(folder: Path) -> Path:
    """Write a file into `folder` until its disk is full; return the file (delete it to free space)."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
    finally:
        os.close(fd)
    return filler
