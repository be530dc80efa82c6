"""The export's fast path for answers writes the records' own values: the JSON and CSV lines made
straight from the rows (tutor/progress/export.py) read back equal to the ExportRow records, for
every kind of value, and times are written exactly as to_iso writes them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import msgspec
from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.harness import PACK
from tutor.content.loader import load_course
from tutor.progress import EXPORT_COLUMNS, open_store
from tutor.progress.export import _iso_ms, spreadsheet_text
from tutor.progress.records import to_iso

COURSE, _ = load_course(PACK)


def varied_store(data_dir: Path) -> None:
    """Answers with every kind of value: non-ASCII, C1 and control characters, quotes and commas,
    formula starts, no attempt, a readiness answer, a question and an option the pack no longer has."""
    with open_store(data_dir, clock=lambda: 1764000000.1239995) as store:
        attempt = store.start_attempt("test-pack", "stay")
        store.record_answer("test-pack", "stay", "contact-details", chosen=["email", "phone"], correct=True,
                            score=1.0, seconds=12.25, content_hash="h" * 16, attempt_id=attempt, hints=2)
        store.record_answer("test-pack", "stay", "zoom-link", chosen=["gone-option"], correct=False, score=0.0,
                            seconds=0.5, content_hash='"quoted, comma"', attempt_id=attempt)
        store.record_answer("other, course", "quiz\u0085é", "=1+1", chosen=["café", "-x"], correct=False,
                            score=0.5, seconds=3, content_hash="\x1b[31mred")
        readiness = store.start_readiness("test-pack", {"questions": []})
        store.record_answer("test-pack", "stay", "no-such-question", chosen=["a"], correct=True, score=1.0,
                            seconds=1.0, content_hash="h", readiness_id=readiness)
        store.finish_readiness(readiness, {"basics": 1.0}, True, 1.0, 1.0, ("ok",))
        store.finish_attempt(attempt, 1.0, 2.0)


def test_the_json_lines_are_the_records(tmp_path: Path) -> None:
    varied_store(tmp_path)
    with open_store(tmp_path) as store:
        out = io.StringIO()
        count = store.write_export(out, "json", None, COURSE)
        records = store.export_rows(None, COURSE)
    document = json.loads(out.getvalue())
    assert count == len(records) == len(document["records"]) == 6
    assert document["records"] == [msgspec.to_builtins(row) for row in records]
    assert "\x85" not in out.getvalue() and "\\u0085" in out.getvalue()
    contact = document["records"][1]
    assert contact["chosen_text"] == "Your email address; Your phone number"
    assert document["records"][2]["chosen_text"] == "gone-option"  # an option no longer in the quiz: its id


def test_the_csv_lines_are_the_records_as_cells(tmp_path: Path) -> None:
    varied_store(tmp_path)
    with open_store(tmp_path) as store:
        out = io.StringIO()
        store.write_export(out, "csv", None, COURSE)
        records = store.export_rows(None, COURSE)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == list(EXPORT_COLUMNS)
    for row, record in zip(rows[1:], records, strict=True):
        for cell, column in zip(row, EXPORT_COLUMNS, strict=True):
            value = getattr(record, column)
            if value is None:
                expected = ""
            elif isinstance(value, bool):
                expected = str(value).lower()
            elif isinstance(value, (list, dict)):
                expected = spreadsheet_text(json.dumps(value, ensure_ascii=False))
            elif isinstance(value, str):
                expected = spreadsheet_text(value)
            else:
                expected = str(value)
            assert cell == expected, (column, cell, expected)


@given(st.floats(min_value=0, max_value=253402300799.99, allow_nan=False)
       | st.integers(min_value=0, max_value=253402300798).map(lambda second: second + 0.9999995))
def test_times_are_written_as_to_iso_writes_them(timestamp: float) -> None:
    assert _iso_ms(timestamp) == to_iso(timestamp)
