"""Quizzes parsed once are kept between runs (tutor/content/quiz_cache.py): a returning learner's quiz
comes back exactly as parsed, without parsing its TOML; an edited quiz is parsed anew, a damaged entry is
ignored, and a quiz file is still checked to lie inside the pack each time it is read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tutor.content.catalogue_cache import cache_file
from tutor.content.loader import load_course, shipped_root

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "pack"


def _course(root: Path, data: Path):
    return load_course(root, cache=cache_file(data / "cache", root))[0]


def test_every_shipped_quiz_reads_back_from_the_cache_as_it_was_parsed(tmp_path):
    parsed, _ = load_course(shipped_root())
    first, again = _course(shipped_root(), tmp_path), _course(shipped_root(), tmp_path)
    for quiz_id in parsed.quiz_index:
        assert first.quiz(quiz_id) == parsed.quiz(quiz_id)  # parsed, and kept
    assert len(list((tmp_path / "cache" / "quizzes").glob("*.quiz"))) == len(parsed.quiz_index)
    for quiz_id in parsed.quiz_index:
        assert again.quiz(quiz_id) == parsed.quiz(quiz_id)  # read back, path and all


def test_a_kept_quiz_is_read_without_parsing_its_toml(tmp_path):
    _course(shipped_root(), tmp_path).quiz("interview-stays-on-platform")
    probe = ("import sys\nfrom pathlib import Path\nfrom tutor.content.catalogue_cache import cache_file\n"
             "from tutor.content.loader import load_course, shipped_root\n"
             "import tutor.content.tomlpos as t\n"
             "def refuse(*a, **k): raise AssertionError('parsed again')\n"
             "t.parse_for_report = refuse\n"
             f"data = Path({str(tmp_path)!r})\n"
             "course, _ = load_course(shipped_root(), cache=cache_file(data / 'cache', shipped_root()))\n"
             "print(len(course.quiz('interview-stays-on-platform').questions))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) > 0


def test_an_edited_quiz_is_parsed_anew_and_a_damaged_entry_is_ignored(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    quiz_file = pack / "quizzes" / "stay.toml"
    before = _course(pack, tmp_path).quiz("stay")
    assert before is not None
    old_prompt = before.questions[0].prompt
    quiz_file.write_text(quiz_file.read_text(encoding="utf-8").replace(old_prompt, "A new prompt?"),
                         encoding="utf-8")
    edited = _course(pack, tmp_path).quiz("stay")
    assert edited is not None and edited.questions[0].prompt == "A new prompt?"
    for entry in (tmp_path / "cache" / "quizzes").glob("*.quiz"):
        entry.write_bytes(b"\x00not msgpack")
    again = _course(pack, tmp_path).quiz("stay")
    assert again == edited


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_kept_quiz_swapped_for_a_link_out_of_the_pack_is_refused(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(FIXTURE, pack)
    assert _course(pack, tmp_path).quiz("stay") is not None
    outside = tmp_path / "outside.toml"
    shutil.copy(pack / "quizzes" / "stay.toml", outside)  # the same text: its entry is kept
    course = _course(pack, tmp_path)
    (pack / "quizzes" / "stay.toml").unlink()
    (pack / "quizzes" / "stay.toml").symlink_to(outside)
    assert course.quiz("stay") is None
