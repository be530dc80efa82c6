"""docs/check-messages.md lists every message `tutor check` can print, generated from the code: a
message added, changed or removed in tutor/content without regenerating the document fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tutor.content import messages

DOC = Path(__file__).resolve().parents[2] / "docs" / "check-messages.md"


def test_the_document_lists_exactly_the_messages_in_the_code():
    listed = DOC.read_text(encoding="utf-8")
    generated = messages.render(messages.collect())
    code_rows = {line for line in generated.split("\n") if line.startswith(("| error", "| warning"))}
    doc_rows = {line for line in listed.split("\n") if line.startswith(("| error", "| warning"))}
    assert code_rows - doc_rows == set(), "in the code but not in the doc: run python -m tutor.content.messages"
    assert doc_rows - code_rows == set(), "in the doc but no longer in the code: run python -m tutor.content.messages"
    assert listed == generated


def test_every_module_that_reports_findings_is_in_the_document():
    assert messages.unlisted_modules() == []


def test_the_messages_read_as_an_author_sees_them():
    rows = {(m.severity, m.message, m.hint) for m in messages.collect()}
    assert ("warning", "{count} options: only the first 9 can be picked with a number key",
            "keep to 9 options or fewer, or split the question") in rows
    assert ("warning", 'unknown field "{name}" in {what}', 'did you mean "{suggestion}"? / known fields: {list}') in rows
    assert len(rows) > 70


def test_a_message_the_document_cannot_show_is_refused(tmp_path):
    import pytest

    (tmp_path / "textfile.py").write_text("def f(report, text):\n    report.error(text, 'hint')\n")
    for name in messages.SECTIONS:
        if name != "textfile.py":
            (tmp_path / name).write_text("")
    with pytest.raises(messages.UnreadableMessage):
        messages.collect(tmp_path)


def test_the_check_option_says_when_the_document_is_out_of_date():
    result = subprocess.run([sys.executable, "-m", "tutor.content.messages", "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
