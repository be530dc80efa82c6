"""What every fuzz test of the content loaders shares: the settings profile, the loaders run the way
`tutor check` and the app run them, and the one property they must keep: any input gives only the
project's own findings, each at a real line of the file, never an exception.

CI runs a reproducible profile (derandomized, 2,000 examples per loader); TUTOR_FUZZ=long runs a
random, longer search. A crash found either way is saved under regressions/ and replayed as a
normal test (test_fuzz_regressions.py).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, settings

from tutor.content.changes_format import read_changes_file
from tutor.content.checks import check_body, check_sources
from tutor.content.course_format import read_course_file
from tutor.content.document import build_document
from tutor.content.document_plain import plain_text
from tutor.content.findings import ERROR, WARNING, Finding
from tutor.content.lesson_format import read_lesson_file
from tutor.content.quiz_format import read_quiz_file

LONG = os.environ.get("TUTOR_FUZZ") == "long"
TODAY = date(2026, 11, 24)
REGRESSIONS = Path(__file__).resolve().parent / "regressions"
REPO = Path(__file__).resolve().parents[2]


def fuzz_settings(examples: int) -> settings:
    """`examples` in CI, derandomized so that every run tries the same inputs; ten times as many,
    random, under TUTOR_FUZZ=long. No case may take 2 s."""
    return settings(
        max_examples=examples * 10 if LONG else examples,
        derandomize=not LONG,
        deadline=2000,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                               HealthCheck.function_scoped_fixture],
    )


def assert_only_findings(findings: list[Finding], path: Path, text: str | bytes) -> None:
    """Each finding is ours, about this file, at one of its lines, and prints as one clean line."""
    # Lines as tutor reads the file: \r\n and a lone \r end a line too.
    raw = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for finding in findings:
        assert isinstance(finding, Finding)
        assert finding.path == path, finding
        assert finding.severity in (ERROR, WARNING), finding
        assert 1 <= finding.line <= lines and finding.col >= 1, (finding, lines)
        shown = finding.format(path.parent)
        assert "\n" not in shown and not any(ord(c) < 0x20 or 0x7f <= ord(c) <= 0x9f for c in shown), shown


def load_lesson(path: Path, text: str | bytes) -> list[Finding]:
    """A lesson file as `tutor check` reads it: front matter, sources, body links and nesting, and
    the body drawn as the reader and `tutor read` draw it."""
    write(path, text)
    findings: list[Finding] = []
    read = read_lesson_file(path, findings)
    check_sources(read.sources, read.report, 365, TODAY)
    if read.body is not None:
        check_body(read.body, read.body_line, read.report, {}, path.parent)
        plain_text(build_document(read.body))
    assert_only_findings(findings, path, text)
    return findings


def load_quiz(path: Path, text: str | bytes) -> list[Finding]:
    write(path, text)
    findings: list[Finding] = []
    read = read_quiz_file(path, findings)
    if read.quiz is not None:  # what the learner would get has no question with an error
        for question in read.quiz.questions:
            assert question.options or question.steps
            assert question.start_step is not None or question.kind != "scenario"
    assert_only_findings(findings, path, text)
    return findings


def load_course_toml(path: Path, text: str | bytes) -> list[Finding]:
    write(path, text)
    findings: list[Finding] = []
    read_course_file(path, findings, path.parent)
    assert_only_findings(findings, path, text)
    return findings


def load_changes(path: Path, text: str | bytes) -> list[Finding]:
    write(path, text)
    findings: list[Finding] = []
    read = read_changes_file(path, findings, path.parent, TODAY)
    for change in read.changes:  # what the learner would get is whole
        assert change.lessons and change.source.url and change.title
    assert_only_findings(findings, path, text)
    return findings


def write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
