"""The optional course.toml: course id and title, module order and titles, readiness pass mark."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msgspec import Struct

from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, Report
from tutor.content.textfile import read_toml_file

COURSE_FIELDS = {
    "id": Field("str", True),
    "title": Field("str", True),
    "checked": Field("date", example="2026-01-31"),
    "pass_mark": Field("number", example="0.8"),
    "modules": Field("tables", True, "[[modules]] tables"),
}
MODULE_FIELDS = {"id": Field("str", True), "title": Field("str", True)}


class CourseFile(Struct, frozen=True):
    id: str
    title: str
    modules: tuple[tuple[str, str], ...]  # (id, title) in course order
    pass_mark: float = 0.8
    checked: date | None = None


def load_course_file(path: Path, findings: list[Finding]) -> tuple[CourseFile | None, Report]:
    report = Report(path, findings)
    data = read_toml_file(path, report, "course.toml")
    if data is None:
        return None, report
    fields = check_fields(data, COURSE_FIELDS, report, (), "course.toml")
    if "id" in fields:
        check_id(fields["id"], report, ("id",), "course")
    pass_mark = fields.get("pass_mark", 0.8)
    if not 0 < pass_mark <= 1:
        report.error(f"pass_mark {pass_mark} is outside 0..1", "write the pass mark as a fraction, e.g. 0.8",
                     at=("pass_mark",))
        pass_mark = 0.8
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
    return CourseFile(fields["id"], fields["title"], tuple(modules), float(pass_mark), fields.get("checked")), report
