"""Fuzzing lesson files: front matter built from the format's fields, and Markdown bodies made of
the constructs that break readers; every input gives findings, never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.content import tomlwrite
from tests.reliability.fuzzing import fuzz_settings, load_lesson
from tests.reliability.strategies import FRONT_MATTER, bodies, toml_documents

VALID_FRONT = tomlwrite.dumps({
    "id": "intro", "title": "Intro", "module": "basics", "order": 1, "minutes": 5, "summary": "S.",
    "sources": [{"id": "help", "title": "Help", "url": "https://example.com", "section": "Rules",
                 "checked": __import__("datetime").date(2026, 11, 1)}]})


@fuzz_settings(2000)
@given(front=toml_documents(FRONT_MATTER), body=st.sampled_from(["Body.\n", "", "[x](lesson:intro)\n"]),
       fence=st.sampled_from(["+++\n", "+++"]))
def test_any_front_matter_gives_findings_never_an_exception(tmp_path, front, body, fence):
    load_lesson(tmp_path / "lessons" / "lesson.md", "+++\n" + front + fence + "\n" + body)


@fuzz_settings(2000)
@given(body=bodies)
def test_any_lesson_body_gives_findings_never_an_exception(tmp_path, body):
    load_lesson(tmp_path / "lessons" / "lesson.md", "+++\n" + VALID_FRONT + "+++\n\n" + body)


@fuzz_settings(500)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_lesson_give_findings_never_an_exception(tmp_path, data):
    load_lesson(tmp_path / "lessons" / "lesson.md", b"+++\n" + data)
