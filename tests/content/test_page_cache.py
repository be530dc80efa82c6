"""Lesson pages parsed once are kept (tutor/content/page_cache.py): read again, in this run or the next,
a page comes back exactly as parsed, without the Markdown parser; an edited lesson is parsed anew and a
damaged entry is ignored."""

from __future__ import annotations

import subprocess
import sys

from tutor.content.document import build_document
from tutor.content.loader import load_course, shipped_root
from tutor.content.page_cache import PageCache, body_digest


def test_every_page_of_the_shipped_course_reads_back_as_it_was_parsed(tmp_path):
    course, _ = load_course(shipped_root())
    cache = PageCache(tmp_path / "pages")
    for lesson in course.lessons.values():
        body = course.lesson_body(lesson)
        parsed = build_document(body)
        first = build_document(body, cache)
        assert [first.page(i) for i in range(len(first))] == list(parsed.pages)
        again = build_document(body, cache)
        assert again.toc() == parsed.toc()
        assert list(again.pages) == list(parsed.pages)


def test_a_cached_lesson_is_shown_without_loading_the_markdown_parser(tmp_path):
    body = "Intro with **bold** and a [link](https://example.com).\n\n## Rules\n\n> [!WARNING]\n> Careful.\n"
    cache = PageCache(tmp_path / "pages")
    document = build_document(body, cache)
    document.pages  # noqa: B018 - every page parsed, and kept
    probe = (f"from pathlib import Path\nfrom tutor.content.document import build_document\n"
             f"from tutor.content.page_cache import PageCache\nimport sys\n"
             f"d = build_document({body!r}, PageCache(Path({str(tmp_path / 'pages')!r})))\n"
             f"print(d.toc(), len(d.pages), 'markdown_it' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['Introduction', 'Rules'] 2 False"


def test_an_edited_lesson_is_parsed_anew_and_a_damaged_entry_is_ignored(tmp_path):
    cache = PageCache(tmp_path / "pages")
    old = build_document("## One\n\nOld text.\n", cache)
    old.pages  # noqa: B018
    new = build_document("## One\n\nNew text.\n", cache)
    assert "New text." in str(new.page(0))
    body = "## Two\n\nText.\n"
    (tmp_path / "pages" / f"{body_digest(body)}.pages").write_bytes(b"\x00not msgpack")
    assert build_document(body, cache).toc() == ["Two"]
    assert build_document(body, cache).page(0) == build_document(body).page(0)
