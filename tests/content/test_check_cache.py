"""The app's count of a pack's problems is kept while the pack does not change (tutor/content/
check_cache.py): a start with nothing changed does not check the whole pack again, and any change, or
a new day, counts again."""

from __future__ import annotations

import os
import time
from datetime import date

from tests.content.packs import make_pack
from tutor.content.check_cache import checked_errors, pack_stamp

TODAY = date(2026, 12, 6)


def _aged(root, seconds=10):
    """Make every file look saved `seconds` ago (a file saved just now is never trusted)."""
    past = time.time() - seconds
    for folder, _dirs, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (past, past))


def counter(result):
    calls = []

    def check():
        calls.append(1)
        return result

    return check, calls


def test_an_unchanged_pack_is_not_checked_again(tmp_path):
    root = _aged_pack(tmp_path)
    record = tmp_path / "cache" / "check.json"
    check, calls = counter(3)
    assert checked_errors(record, root, TODAY, check) == 3
    assert checked_errors(record, root, TODAY, check) == 3
    assert len(calls) == 1
    assert oct(record.stat().st_mode & 0o777) == "0o600"


def test_a_changed_file_a_new_file_or_a_new_day_checks_again(tmp_path):
    root = _aged_pack(tmp_path)
    record = tmp_path / "check.json"
    check, calls = counter(0)
    checked_errors(record, root, TODAY, check)
    lesson = root / "lessons" / "intro.md"
    lesson.write_text(lesson.read_text() + "\nMore.\n")
    _aged(root, 5)
    checked_errors(record, root, TODAY, check)
    (root / "quizzes" / "extra.toml").write_text("broken =")
    _aged(root, 4)
    checked_errors(record, root, TODAY, check)
    checked_errors(record, root, date(2026, 12, 7), check)  # a source may have gone stale overnight
    assert len(calls) == 4


def test_a_file_saved_just_now_is_never_trusted(tmp_path):
    root = make_pack(tmp_path / "pack")  # written this instant
    assert pack_stamp(root, TODAY) is None
    record = tmp_path / "check.json"
    check, calls = counter(1)
    checked_errors(record, root, TODAY, check)
    checked_errors(record, root, TODAY, check)
    assert len(calls) == 2 and not record.exists()


def test_a_damaged_record_means_the_check_runs(tmp_path):
    root = _aged_pack(tmp_path)
    record = tmp_path / "check.json"
    record.write_text("{not json")
    check, calls = counter(2)
    assert checked_errors(record, root, TODAY, check) == 2
    record.write_text('{"stamp": "other", "errors": 0}')
    assert checked_errors(record, root, TODAY, check) == 2
    assert len(calls) == 2


def _aged_pack(tmp_path):
    root = make_pack(tmp_path / "pack")
    _aged(root)
    return root
