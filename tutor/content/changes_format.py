"""The optional changes.toml: the pack's dated timeline of rule changes, each tied to the lessons and
questions it affects, so learners are told when a rule they studied has changed.

What one file alone can judge is judged here (fields, types, dates in order, a source's date);
whether the lessons and questions it names exist is judged across files (checks.check_changes).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, KeyPath, Report
from tutor.content.links import ADDRESS_HINT, UNWRITABLE_ADDRESS, plain_web_address
from tutor.content.model import Change, ChangeSource
from tutor.content.textfile import read_toml_file

CHANGES_FIELDS = {
    "changes": Field("tables", True, "[[changes]] tables"),
}
CHANGE_FIELDS = {
    "id": Field("str", True),
    "platform": Field("str", True, '"Upwork"'),
    "title": Field("str", True),
    "announced": Field("date"),
    "effective": Field("date"),
    "noticed": Field("date"),
    "precision": Field("str", example='"month"'),
    "added": Field("date", True),
    "summary": Field("str", True),
    "lessons": Field("strlist", True, '["lesson-id"]'),
    "questions": Field("strlist", example='["quiz-id/question-id"]'),
    "source": Field("table", True, '{ title = "...", url = "https://...", checked = 2026-01-31 }'),
}
SOURCE_FIELDS = {
    "title": Field("str", True),
    "url": Field("str", True, '"https://..."'),
    "section": Field("str"),
    "checked": Field("date", True),
}
PRECISIONS = ("day", "month", "year")


class ChangesRead(Struct):
    """changes.toml as far as it could be read: the entries the learner gets (each without an error
    of its own), and where each named lesson and question is, for the checks across files."""

    report: Report
    changes: tuple[Change, ...] = ()
    # (entry index, change id, lessons, questions) of every entry, usable or not: the checks
    # across files judge what each names even when the entry has other errors
    references: tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...] = ()


def read_changes_file(path: Path, findings: list[Finding], root: Path | None = None,
                      today: date | None = None) -> ChangesRead:
    report = Report(path, findings)
    read = ChangesRead(report)
    data = read_toml_file(path, report, "changes.toml", root)
    if data is None:
        return read
    fields = check_fields(data, CHANGES_FIELDS, report, (), "changes.toml")
    seen: set[str] = set()
    usable: list[Change] = []
    references = []
    for i, table in enumerate(fields.get("changes", [])):
        before = len(findings)
        change = _change(table, report, ("changes", i), today or date.today())
        change_id = table.get("id") if isinstance(table.get("id"), str) else None
        if change_id is not None:
            if change_id in seen:
                report.error(f'change id "{change_id}" is used twice', "give every change its own id: what a "
                             "learner has seen is stored against it", at=("changes", i, "id"))
            seen.add(change_id)
            references.append((i, change_id, _strings(table.get("lessons")), _strings(table.get("questions"))))
        if change is not None and not any(f.severity == "error" for f in findings[before:]):
            usable.append(change)
    read.references = tuple(references)
    read.changes = tuple(usable)
    return read


def _strings(value: object) -> tuple[str, ...]:
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


def _change(table: dict[str, Any], report: Report, at: KeyPath, today: date) -> Change | None:
    fields = check_fields(table, CHANGE_FIELDS, report, at, "change")
    if "id" in fields and not check_id(fields["id"], report, at + ("id",), "change"):
        del fields["id"]
    source = _source(fields.get("source"), report, at + ("source",))
    announced, effective, noticed = fields.get("announced"), fields.get("effective"), fields.get("noticed")
    if effective is None and noticed is None:
        report.error("change has neither an effective nor a noticed date",
                     "add effective = the date it took effect, or noticed = the date the change was found "
                     "(when the platform gives no date)", at=at)
    if announced is not None and effective is not None and effective < announced:
        report.error(f"change took effect ({effective}) before it was announced ({announced})",
                     "check both dates against the source", at=at + ("effective",))
    added = fields.get("added")
    if added is not None and added > today:
        report.warning(f"change was added on a date in the future ({added})",
                       "use the date the entry was written", at=at + ("added",))
    precision = fields.get("precision", "day")
    if precision not in PRECISIONS:
        report.error(f'unknown precision "{precision}"', 'use "day", "month" or "year": how exactly the dates are '
                     "known (the day of a month-only date is a placeholder)", at=at + ("precision",))
        precision = "day"
    if not fields.get("lessons", ["x"]):
        report.error("change names no lesson", "list the lessons whose rules it changes", at=at + ("lessons",))
    for name in fields.get("questions", []):
        quiz_id, _, question_id = name.partition("/")
        if not quiz_id or not question_id:
            report.error(f'question "{name}" is not "quiz-id/question-id"',
                         'name a question by its quiz and its id, e.g. "interview/zoom-link"',
                         at=at + ("questions",))
            break
    required = ("id", "platform", "title", "added", "summary", "lessons")
    if any(name not in fields for name in required) or source is None or (effective is None and noticed is None):
        return None
    return Change(
        id=fields["id"], platform=fields["platform"], title=fields["title"], summary=fields["summary"].strip(),
        added=fields["added"], lessons=tuple(fields["lessons"]), questions=tuple(fields.get("questions", ())),
        source=source, announced=announced, effective=effective, noticed=noticed, precision=precision,
    )


def _source(table: dict[str, Any] | None, report: Report, at: KeyPath) -> ChangeSource | None:
    if table is None:
        return None
    fields = check_fields(table, SOURCE_FIELDS, report, at, "change source")
    url = fields.get("url")
    if url is not None and not url.startswith(("https://", "http://")):
        report.error(f'source url "{url}" is not a web address', "use the full https:// address of the page",
                     at=at + ("url",))
    elif url is not None and not plain_web_address(url):
        report.warning(f'source url "{url}" {UNWRITABLE_ADDRESS}', ADDRESS_HINT, at=at + ("url",))
        return None
    if any(name not in fields for name in ("title", "url", "checked")):
        return None
    return ChangeSource(fields["title"], fields["url"], fields["checked"], fields.get("section", ""))
