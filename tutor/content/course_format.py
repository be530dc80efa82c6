"""The optional course.toml: course id and title, module order and titles, readiness pass mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from msgspec import Struct

from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, Report
from tutor.content.model import Readiness
from tutor.content.textfile import read_toml_file

COURSE_FIELDS = {
    "id": Field("str", True),
    "title": Field("str", True),
    "description": Field("str"),
    "welcome": Field("str", example='"welcome.md"'),
    "checked": Field("date", example="2026-01-31"),
    "pass_mark": Field("number", example="0.8"),
    "readiness": Field("table", example="{ questions_per_module = 3 }"),
    "modules": Field("tables", True, "[[modules]] tables"),
}
MODULE_FIELDS = {"id": Field("str", True), "title": Field("str", True)}
READINESS_FIELDS = {
    "questions_per_module": Field("int", example="3"),
    "minutes": Field("int", example="20"),
    "pass_mark": Field("number", example="0.8"),
}


class CourseFile(Struct, frozen=True):
    id: str
    title: str
    modules: tuple[tuple[str, str], ...]  # (id, title) in course order
    pass_mark: float = 0.8
    checked: date | None = None
    description: str = ""
    welcome: str | None = None  # a Markdown file in the pack, relative to its folder
    readiness: Readiness = Readiness()


def load_course_file(path: Path, findings: list[Finding]) -> tuple[CourseFile | None, Report]:
    report = Report(path, findings)
    data = read_toml_file(path, report, "course.toml")
    if data is None:
        return None, report
    fields = check_fields(data, COURSE_FIELDS, report, (), "course.toml")
    if "id" in fields:
        check_id(fields["id"], report, ("id",), "course")
    pass_mark = _pass_mark(fields.get("pass_mark", 0.8), report, ("pass_mark",))
    readiness = _readiness(fields.get("readiness", {}), report)
    welcome = fields.get("welcome")
    if welcome is not None and not _is_plain_relative(welcome):
        report.error(f'welcome "{welcome}" must be a file inside the pack', 'name a Markdown file beside '
                     'course.toml, e.g. welcome = "welcome.md"', at=("welcome",))
        welcome = None
    modules: list[tuple[str, str]] = []
    for i, table in enumerate(fields.get("modules", [])):
        module = check_fields(table, MODULE_FIELDS, report, ("modules", i), "module")
        if len(module) < 2 or not check_id(module["id"], report, ("modules", i, "id"), "module"):
            continue
        if any(module["id"] == mid for mid, _ in modules):
            report.error(f'module "{module["id"]}" is listed twice', "list each module once",
                         at=("modules", i, "id"))
            continue
        modules.append((module["id"], module["title"]))
    if "id" not in fields or "title" not in fields:
        return None, report
    return CourseFile(fields["id"], fields["title"], tuple(modules), pass_mark, fields.get("checked"),
                      fields.get("description", "").strip(), welcome, readiness), report


def _pass_mark(value: float, report: Report, at: tuple[str, ...]) -> float:
    if not 0 < value <= 1:
        report.error(f"pass_mark {value} is outside 0..1", "write the pass mark as a fraction, e.g. 0.8", at=at)
        return 0.8
    return float(value)


def _readiness(table: dict[str, Any], report: Report) -> Readiness:
    fields = check_fields(table, READINESS_FIELDS, report, ("readiness",), "[readiness]")
    per_module = fields.get("questions_per_module", 3)
    if per_module < 1:
        report.error("questions_per_module must be at least 1", "each module gives the check at least one question",
                     at=("readiness", "questions_per_module"))
        per_module = 3
    minutes = fields.get("minutes")
    if minutes is not None and minutes < 1:
        report.error("minutes must be at least 1", "leave minutes out for a check without a time limit",
                     at=("readiness", "minutes"))
        minutes = None
    mark = fields.get("pass_mark")
    return Readiness(per_module, minutes,
                     None if mark is None else _pass_mark(mark, report, ("readiness", "pass_mark")))


def _is_plain_relative(name: str) -> bool:
    """A file name inside the pack: relative, no `..`, no drive (the pack never reads outside itself)."""
    path = PurePosixPath(name.replace("\\", "/"))
    return bool(name) and not path.is_absolute() and ".." not in path.parts and ":" not in name
