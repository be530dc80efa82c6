"""An installed tutor for the benchmarks: the wheel built from this tree, installed with its
dependencies into a virtual environment of its own, byte-compiled as pip does. What a learner runs,
not the editable tree (which recompiles under PYTHONDONTWRITEBYTECODE and reads the repository's
files). Both sides of a start-up benchmark use this environment's Python, so textual, the
interpreter and the disk are the same for both.

The environment is kept in bench/out/installed-venv and rebuilt when tutor's sources change.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
VENV = OUT / "installed-venv"


def _sources_digest(repo: Path) -> str:
    digest = hashlib.sha256()
    for folder in ("tutor", "lessons", "quizzes", "guides"):
        for path in sorted((repo / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(repo)).encode())
                digest.update(path.read_bytes())
    for name in ("pyproject.toml", "course.toml", "changes.toml"):
        if (repo / name).exists():
            digest.update((repo / name).read_bytes())
    return digest.hexdigest()


def installed_python(repo: Path = REPO, venv: Path = VENV) -> str:
    """The Python of a venv where the wheel of `repo` (this tree) is installed (built now if out of date)."""
    stamp = venv / "tutor-sources.sha256"
    digest = _sources_digest(repo)
    python = venv / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return str(python)
    shutil.rmtree(venv, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"building and installing the wheel of {repo} (once per change of its sources) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    with tempfile.TemporaryDirectory() as wheels:
        subprocess.run([str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, str(repo)], check=True)
        wheel = next(Path(wheels).glob("*.whl"))
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    stamp.write_text(digest)
    return str(python)


def installed_revision(revision: str) -> str:
    """The Python of a venv with the wheel of an earlier git revision of this repository installed, to
    measure before and after in one run (`--compare REV` of the start-up benches)."""
    tree = OUT / f"tree-{revision}"
    if not tree.exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), revision], check=True,
                       capture_output=True)
    return installed_python(tree, OUT / f"installed-venv-{revision}")


def tutor_command(python: str) -> list[str]:
    """The `tutor` command the wheel installed beside `python`: what a learner runs. Not `python -m
    tutor`, which puts the current folder first on the module path: run from a checkout it imports
    the checkout's tutor, not the wheel's, and reads the checkout as the shipped course."""
    return [str(Path(python).parent / "tutor")]


def away_from_checkout() -> None:
    """Work from a temporary folder, so that no `python -c` a bench runs imports the checkout's tutor
    (the current folder comes first on the module path)."""
    import os

    os.chdir(tempfile.gettempdir())

