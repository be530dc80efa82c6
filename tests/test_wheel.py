"""What a colleague installs: the wheel built as a release builds it (`python -m build`: the sdist, then
the wheel from it, in an isolated environment), installed into a fresh venv, and the shipped course run
from a folder that is not the checkout. Nothing of the checkout is on the path there: a file the wheel
forgot would fail here, not on a colleague's machine.

Slow (a build and a venv with every dependency, about a minute): one test, in the slow group (tests/conftest.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _run(command: list[str], cwd: Path, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=600)


def test_the_distribution_is_not_named_after_another_pypi_project():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # "tutor" on PyPI is Open edX's: `pip install tutor` must never be what anyone is told to run.
    assert project["name"] == "freelance-tutor"
    assert project["scripts"] == {"tutor": "tutor.cli:main"}
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for line in doc.read_text(encoding="utf-8").split("\n"):
            if "pip install tutor" in line or "pipx install tutor" in line:
                assert "never" in line.lower(), f"{doc.name} tells someone to install Open edX's tutor: {line}"


@pytest.mark.skipif(os.environ.get("TUTOR_SKIP_WHEEL") == "1", reason="TUTOR_SKIP_WHEEL=1")
def test_the_built_wheel_installs_alone_and_runs_the_shipped_course_from_another_folder(tmp_path):
    dist = tmp_path / "dist"
    built = _run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], tmp_path, dict(os.environ))
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    [wheel] = dist.glob("freelance_tutor-*.whl")
    [sdist] = dist.glob("freelance_tutor-*.tar.gz")
    assert sdist.stat().st_size > 0
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "tutor/_course/course.toml" in names
    assert "tutor/_course/.catalogue.json" in names, "the course's catalogue, parsed when the wheel was built"
    assert any(name.startswith("tutor/_course/lessons/") for name in names)
    assert not any(name.startswith(("tests/", ".venv/")) for name in names)

    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", str(venv)], tmp_path, dict(os.environ))
    assert made.returncode == 0, made.stderr
    installed = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], tmp_path,
                     dict(os.environ))
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]

    elsewhere = tmp_path / "somewhere-else"
    elsewhere.mkdir()
    tutor = str(venv / "bin" / "tutor")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "TUTOR_HOME": str(tmp_path / "home"),
           "LANG": "C.UTF-8"}

    version = _run([tutor, "--version"], elsewhere, env)
    assert version.returncode == 0 and version.stdout.startswith("tutor "), version.stderr

    # A first start reads the catalogue the wheel came with: it parses no TOML, nor loads a parser.
    first = _run([str(venv / "bin" / "python"), "-c",
                  "import sys, tempfile\nfrom pathlib import Path\n"
                  "from tutor.content.catalogue_cache import cache_file\n"
                  "from tutor.content.loader import PACKAGED, load_course\n"
                  "course, _ = load_course(PACKAGED, cache=cache_file(Path(tempfile.mkdtemp()), PACKAGED))\n"
                  "print(len(course.lessons), len(course.guide_index), 'tomli' in sys.modules, 'tomllib' in sys.modules)"],
                 elsewhere, env)
    assert first.stdout.split() == ["12", "3", "False", "False"], first.stdout + first.stderr

    lessons = _run([tutor, "lessons"], elsewhere, env)
    assert lessons.returncode == 0, lessons.stderr
    assert "why-the-platform" in lessons.stdout and "already-broke-a-rule" in lessons.stdout

    checked = _run([tutor, "check"], elsewhere, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the shipped course" in checked.stdout
    assert "12 lessons, 12 quizzes and 3 guides in the shipped course: 0 errors" in checked.stdout

    plain = _run([tutor, "--plain"], elsewhere, env, stdin="2\n1\nquit\n")
    assert plain.returncode == 0, plain.stderr
    assert "Freelance marketplaces: the rules before your first job" in plain.stdout
    assert "Not legal advice" in plain.stdout
    assert "Traceback" not in plain.stdout + plain.stderr

    # The trainer's way, from the wheel alone: a new pack, its zip, installed, opened with no flag.
    assert _run([tutor, "new", "course", "agency"], elsewhere, env).returncode == 0
    built = _run([tutor, "pack", "build", "agency"], elsewhere, env)
    assert built.returncode == 0, built.stdout + built.stderr
    [zipped] = elsewhere.glob("agency-*.zip")
    added = _run([tutor, "pack", "add", zipped.name], elsewhere, env)
    assert added.returncode == 0 and 'Installed "Agency"' in added.stdout, added.stdout + added.stderr
    assert "Your first lesson" in _run([tutor, "lessons"], elsewhere, env).stdout

    # The installed module is the wheel's, not the checkout's.
    where = _run([str(venv / "bin" / "python"), "-c", "import tutor; print(tutor.__file__)"], elsewhere, env)
    assert str(venv) in where.stdout, where.stdout
