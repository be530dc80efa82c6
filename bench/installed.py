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


def _sources_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("tutor", "lessons", "quizzes", "guides"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO)).encode())
                digest.update(path.read_bytes())
    for name in ("pyproject.toml", "course.toml", "changes.toml"):
        if (REPO / name).exists():
            digest.update((REPO / name).read_bytes())
    return digest.hexdigest()


def installed_python() -> str:
    """The Python of a venv where the wheel of this tree is installed (built now if out of date)."""
    stamp = VENV / "tutor-sources.sha256"
    digest = _sources_digest()
    python = VENV / "bin" / "python"
    if python.exists() and stamp.exists() and stamp.read_text() == digest:
        return str(python)
    shutil.rmtree(VENV, ignore_errors=True)
    OUT.mkdir(parents=True, exist_ok=True)
    print("building and installing the wheel of this tree (once per change of its sources) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    with tempfile.TemporaryDirectory() as wheels:
        subprocess.run([str(python), "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, str(REPO)], check=True)
        wheel = next(Path(wheels).glob("*.whl"))
        subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    stamp.write_text(digest)
    return str(python)
