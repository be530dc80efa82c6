"""The catalogue cache: a warm start parses no TOML, and no edit, damage or move ever shows stale
or wrong content."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.content.packs import lesson_text, make_pack
from tutor.content.catalogue_cache import RACY_NS, cache_file
from tutor.content.loader import load_course

COURSE = 'id = "pack"\ntitle = "My pack"\n\n[[modules]]\nid = "basics"\ntitle = "The basics"\n'
AN_HOUR_AGO = time.time() - 3600


def settle(root: Path, when: float = AN_HOUR_AGO) -> None:
    """Date every file of the pack in the past, as files are once an author stops editing."""
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (when, when))


def pack(tmp_path: Path, **lessons: str) -> Path:
    root = make_pack(tmp_path / "pack", lessons={f"{k}.md": v for k, v in lessons.items()} or None,
                     course=COURSE)
    settle(root)
    return root


def load(root: Path, tmp_path: Path):
    return load_course(root, cache=cache_file(tmp_path / "cache", root))


def test_a_warm_start_gives_the_same_course_and_parses_no_toml(tmp_path):
    root = pack(tmp_path, intro=lesson_text(), money=lesson_text(id="money", title="Money", order=2))
    cold, cold_findings = load(root, tmp_path)
    assert list((tmp_path / "cache").iterdir()), "the first load writes the cache"
    code = ("import sys; from pathlib import Path; from tutor.content.loader import load_course\n"
            f"c, f = load_course(Path({str(root)!r}), cache=Path({str(cache_file(tmp_path / 'cache', root))!r}))\n"
            "print('tomllib' in sys.modules, [l.title for l in c.ordered_lessons()], c.title)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False ['Intro', 'Money'] My pack"
    warm, warm_findings = load(root, tmp_path)
    assert warm.ordered_lessons() == cold.ordered_lessons()
    assert (warm.title, warm.modules, warm_findings) == (cold.title, cold.modules, cold_findings)


def test_an_edited_lesson_is_read_again(tmp_path):
    root = pack(tmp_path)
    load(root, tmp_path)
    path = root / "lessons" / "intro.md"
    path.write_text(lesson_text(title="Intro, rewritten"))
    settle(root, AN_HOUR_AGO + 60)
    course, _ = load(root, tmp_path)
    assert course.lessons["intro"].title == "Intro, rewritten"


def test_an_edit_that_keeps_size_and_time_is_still_seen_when_made_just_after_the_first(tmp_path):
    # Within the file system's timestamp resolution two edits can leave the same size and time.
    # A file modified moments before the cache is written is therefore not cached at all.
    root = pack(tmp_path)
    path = root / "lessons" / "intro.md"
    path.write_text(lesson_text(title="Draft A"))
    first = path.stat()
    course, _ = load(root, tmp_path)
    assert course.lessons["intro"].title == "Draft A"
    path.write_text(lesson_text(title="Draft B"))
    os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns))
    assert path.stat().st_size == first.st_size
    course, _ = load(root, tmp_path)
    assert course.lessons["intro"].title == "Draft B"
    assert time.time_ns() - first.st_mtime_ns < RACY_NS, "the test itself ran too slowly to mean anything"


def test_findings_are_kept_with_the_cached_file(tmp_path):
    root = pack(tmp_path, intro=lesson_text(extra='colour = "red"'))
    _, cold = load(root, tmp_path)
    _, warm = load(root, tmp_path)
    assert [f.format() for f in cold] == [f.format() for f in warm]
    assert any("colour" in f.message for f in warm)


def test_a_removed_lesson_is_gone_and_a_new_one_appears(tmp_path):
    root = pack(tmp_path, intro=lesson_text(), money=lesson_text(id="money", title="Money", order=2))
    load(root, tmp_path)
    (root / "lessons" / "money.md").unlink()
    (root / "lessons" / "scams.md").write_text(lesson_text(id="scams", title="Scams", order=3))
    settle(root)
    course, _ = load(root, tmp_path)
    assert [l.id for l in course.ordered_lessons()] == ["intro", "scams"]


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path):
    root = pack(tmp_path)
    load(root, tmp_path)
    cache = cache_file(tmp_path / "cache", root)
    for damage in (b"", b"\x00" * 100, b'{"format": 1, "entries": [1, 2]}', cache.read_bytes()[:-40]):
        cache.write_bytes(damage)
        course, findings = load(root, tmp_path)
        assert (course.lessons["intro"].title, findings) == ("Intro", [])
        assert cache.read_bytes() != damage


def test_a_moved_pack_does_not_use_the_old_folders_entries(tmp_path):
    root = pack(tmp_path)
    cache = cache_file(tmp_path / "cache", root)
    load_course(root, cache=cache)
    moved = root.rename(tmp_path / "moved")
    course, _ = load_course(moved, cache=cache)  # the same cache file, another folder
    assert course.lessons["intro"].path == moved / "lessons" / "intro.md"


def test_an_unwritable_cache_folder_only_costs_time(tmp_path):
    root = pack(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    course, findings = load_course(root, cache=cache_file(blocked / "cache", root))
    assert (course.lessons["intro"].title, findings) == ("Intro", [])


def test_the_cache_file_is_private(tmp_path):
    root = pack(tmp_path)
    load(root, tmp_path)
    assert cache_file(tmp_path / "cache", root).stat().st_mode & 0o077 == 0


def test_a_cached_lesson_never_points_outside_its_file(tmp_path):
    # The cache is ours, in a private folder; still, an entry whose lesson names another file is
    # not trusted: the lesson is parsed from the pack again.
    root = pack(tmp_path)
    load(root, tmp_path)
    cache = cache_file(tmp_path / "cache", root)
    outside = tmp_path / "secret.md"
    outside.write_text("not part of the pack")
    lesson_path = str(root / "lessons" / "intro.md")
    cache.write_bytes(cache.read_bytes().replace(lesson_path.encode(), str(outside).encode()))
    course, _ = load(root, tmp_path)
    assert course.lessons["intro"].path == root / "lessons" / "intro.md"
    assert "not part of the pack" not in course.lesson_body(course.lessons["intro"])
