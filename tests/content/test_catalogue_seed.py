"""The wheel's course comes with its catalogue parsed (tutor/content/catalogue_seed.py, written when the
wheel is built): a new learner's first start parses no TOML and loads no TOML parser, yet never shows
anything but what the files say now. And the guides' tops, once listed, are kept like the rest of
the catalogue, for any pack."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.test_catalogue_cache import AN_HOUR_AGO, settle
from tutor.content.catalogue_cache import SEED, cache_file
from tutor.content.catalogue_seed import write_seed
from tutor.content.loader import CHECKOUT, load_course

PARTS = ("lessons", "quizzes", "guides", "course.toml", "changes.toml")


def wheel_course(tmp_path: Path) -> Path:
    """The shipped course as a wheel holds it: its files, and the seed written from them."""
    root = tmp_path / "site-packages" / "tutor" / "_course"
    root.mkdir(parents=True)
    for part in PARTS:
        source = CHECKOUT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    write_seed(root, root / SEED)
    return root


def first_start(root: Path, cache: Path, packaged: Path | None = None) -> dict:
    """A start in a fresh process, as `tutor` makes one: the course loaded through the cache, the
    guides listed (as the app does once the dashboard is drawn). `packaged` stands for the wheel's
    course folder (loader.PACKAGED)."""
    code = f"""
import json, sys
from pathlib import Path
import tutor.content.loader as loader
if {str(packaged) if packaged else ''!r}:
    loader.PACKAGED = Path({str(packaged)!r})
course, findings = loader.load_course(Path({str(root)!r}), cache=Path({str(cache)!r}))
print(json.dumps({{
    "titles": [lesson.title for lesson in course.ordered_lessons()],
    "course": course.title,
    "changes": len(course.changes),
    "guides": sorted(course.guide_index),
    "findings": [f.format() for f in findings],
    "parser": sorted(m for m in ("tomli", "tomllib") if m in sys.modules),
}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def parsed(root: Path) -> dict:
    course, findings = load_course(root)
    return {"titles": [lesson.title for lesson in course.ordered_lessons()], "course": course.title,
            "changes": len(course.changes), "guides": sorted(course.guide_index),
            "findings": [f.format() for f in findings]}


def test_a_first_start_of_the_wheels_course_loads_no_toml_parser_and_gets_the_same_course(tmp_path):
    root = wheel_course(tmp_path)  # its files just written, as an install leaves them
    start = first_start(root, cache_file(tmp_path / "home" / "cache", root), packaged=root)
    assert start.pop("parser") == []
    assert start == parsed(root)
    assert len(start["titles"]) == 12 and len(start["guides"]) == 3
    # The second start, from the learner's own cache, needs no parser either.
    settle(root)
    first_start(root, cache_file(tmp_path / "home" / "cache", root), packaged=root)
    assert first_start(root, cache_file(tmp_path / "home" / "cache", root), packaged=root)["parser"] == []


@pytest.mark.parametrize("edit", ["same size", "longer"])
def test_a_file_changed_after_the_wheel_was_built_is_read_as_it_is_now(tmp_path, edit):
    root = wheel_course(tmp_path)
    lesson = root / "lessons" / "01-why-the-platform.md"
    text = lesson.read_text()
    old = "Why marketplaces keep you on the platform"
    new = "Why marketplaces keep YOU on the platform" if edit == "same size" else "Why the platform matters, edited"
    lesson.write_text(text.replace(old, new))
    assert (lesson.stat().st_size == len(text.encode())) == (edit == "same size")
    guide = root / "guides" / "paid-outside-platform.toml"
    guide.write_text(guide.read_text().replace('id = "paid-outside-platform"', 'id = "paid-elsewhere"'))
    start = first_start(root, cache_file(tmp_path / "home" / "cache", root), packaged=root)
    assert new in start["titles"] and old not in start["titles"]
    assert "paid-elsewhere" in start["guides"] and "paid-outside-platform" not in start["guides"]
    assert start.pop("parser"), "the changed files were parsed"
    assert start == parsed(root)


def test_a_packs_own_seed_is_never_read(tmp_path):
    # A pack from a stranger could claim anything for its lessons in such a file: only the wheel's
    # course, as trusted as the code beside it, has its seed read.
    root = wheel_course(tmp_path)
    seed = root / SEED
    seed.write_text(seed.read_text().replace("Why marketplaces keep you on the platform", "A claim of the seed"))
    start = first_start(root, cache_file(tmp_path / "home" / "cache", root))  # a pack, not the wheel's course
    assert "A claim of the seed" not in start["titles"]
    assert start.pop("parser")
    assert start == parsed(root)


@pytest.mark.parametrize("damage", ["empty", "cut", "another version", "not json"])
def test_a_damaged_or_foreign_seed_only_costs_the_parse(tmp_path, damage):
    root = wheel_course(tmp_path)
    seed = root / SEED
    text = seed.read_text()
    seed.write_text({"empty": "", "cut": text[: len(text) // 2], "not json": "\x00" * 64,
                     "another version": text.replace('"version":"', '"version":"0.0.0-')}[damage])
    start = first_start(root, cache_file(tmp_path / "home" / "cache", root), packaged=root)
    assert start.pop("parser")
    assert start == parsed(root)


def test_any_packs_guides_are_listed_from_the_cache_once_listed(tmp_path):
    root = tmp_path / "pack"
    shutil.copytree(wheel_course(tmp_path), root)
    (root / SEED).unlink()
    settle(root)
    cache = cache_file(tmp_path / "home" / "cache", root)
    cold = first_start(root, cache)
    assert cold.pop("parser")
    warm = first_start(root, cache)
    assert warm.pop("parser") == [], "the guides' tops came from the cache"
    assert warm == cold == parsed(root)
    guide = root / "guides" / "paid-outside-platform.toml"
    guide.write_text(guide.read_text().replace('id = "paid-outside-platform"', 'id = "paid-elsewhere"'))
    settle(root, when=AN_HOUR_AGO + 60)
    assert "paid-elsewhere" in first_start(root, cache)["guides"]
