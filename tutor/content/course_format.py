"""The optional course.toml: course id and title, module order and titles, readiness pass mark."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content.fields import Field, check_fields, check_id, check_pass_mark, is_plain_relative
from tutor.content.findings import Finding, Report
from tutor.content.model import CourseTexts, Readiness
from tutor.content.textfile import read_toml_file

COURSE_FIELDS = {
    "id": Field("str", True, shown="not shown: progress is stored against it, so it must be the pack's own "
                "(`tutor check` reports another course's id)"),
    "title": Field("str", True, shown="the top of the dashboard, the welcome, the title bar, reports"),
    "description": Field("str", default="a sentence saying how the tutor works", shown="the welcome screen"),
    "welcome": Field("str", example='"welcome.md"', default="none",
                     shown="a Markdown file of the pack, drawn like a lesson page on the welcome screen"),
    "checked": Field("date", default="the newest `checked` of the lessons' sources",
                     shown='the welcome ("last reviewed against its sources on ...") and the readiness report'),
    "pass_mark": Field("number", example="0.8", default="0.8",
                       shown='quiz results ("the pass mark is 80%"), the dashboard\'s "passed", unless a quiz sets its '
                       "own; the readiness check's, unless [readiness] sets its own"),
    "readiness": Field("table", example="{ questions_per_module = 3 }", default="the defaults below",
                       shown="the readiness check (docs/self-assessment.md)"),
    "language": Field("str", example='"en"', default='"en"',
                      shown="not shown: the language the lessons and quizzes are written in (a code such as en, es, "
                      "fr, de, pt-BR); `tutor check` warns about a lesson that reads as another language"),
    "texts": Field("table", example='{ ready = "Ready" }', default="the neutral defaults below",
                   shown="the pack's own words for the readiness check and the disclaimer (the table below)"),
    "modules": Field("tables", True, "[[modules]] tables",
                     shown="the dashboard's module headings, in this order; the readiness check's modules"),
}
TEXT_FIELDS = {
    "readiness_check": Field("str", example='"Am I ready for a first job?"', default='"Am I ready?"',
                             shown="the readiness check's title, its entry in the palette and the plain mode's menu"),
    "ready": Field("str", example='"Ready for a first job"', default='"Ready"',
                   shown="the readiness check's verdict when it is passed: its result, the dashboard, the report"),
    "not_yet": Field("str", example='"Not yet"', default='"Not yet"',
                     shown="the verdict when it is not passed"),
    "high_risk": Field("str", example='"a mistake that can cost you the account"',
                       default='"a mistake the course marks as high-risk"',
                       shown="the readiness check's introduction and its reasons: what a high-risk question is"),
    "disclaimer": Field("str", example='"Not legal advice. ..."',
                        default='"Every lesson lists its sources with the date they were checked: read them '
                        'before you rely on a rule."',
                        shown="the welcome screen, the start of the plain mode, the foot of the readiness report"),
}
MODULE_FIELDS = {
    "id": Field("str", True, shown="not shown: lessons name it in `module`"),
    "title": Field("str", True, shown="the dashboard's heading above its lessons; the readiness result's bars"),
}
READINESS_FIELDS = {
    "questions_per_module": Field("int", example="3", default="3",
                                  shown="how many questions the readiness check draws from each module"),
    "minutes": Field("int", example="20", default="no time limit",
                     shown="the readiness check's time limit, counted down on screen"),
    "pass_mark": Field("number", example="0.8", default="the course's pass_mark",
                       shown="the readiness verdict: texts.ready (\"Ready\") needs at least this score"),
    "module_floor": Field("number", example="0.6", default="0.6",
                          shown='the readiness verdict: "Ready" needs every module at or above it, and the '
                          "result names a module under it and by how much"),
}


# A BCP 47 language tag as authors write them: "en", "es", "pt-BR", "zh-Hant".
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class CourseFile(Struct, frozen=True):
    id: str
    title: str
    modules: tuple[tuple[str, str], ...]  # (id, title) in course order
    pass_mark: float = 0.8
    checked: date | None = None
    description: str = ""
    welcome: str | None = None  # a Markdown file in the pack, relative to its folder
    readiness: Readiness = Readiness()
    texts: CourseTexts = CourseTexts()
    language: str = "en"


class CourseRead(Struct):
    """course.toml as far as it could be read: `course` is what the learner gets (None when its id
    or title is unusable); `modules` lists the usable [[modules]] with their index in the file,
    which `tutor check` judges even when the rest is broken."""

    report: Report
    course: CourseFile | None = None
    modules: tuple[tuple[int, str, str], ...] | None = None  # (index, id, title); None if unreadable


def load_course_file(path: Path, findings: list[Finding], root: Path | None = None) -> tuple[CourseFile | None, Report]:
    """course.toml's content (None when its id or title is unusable), and its report."""
    read = read_course_file(path, findings, root)
    return read.course, read.report


def read_course_file(path: Path, findings: list[Finding], root: Path | None = None) -> CourseRead:
    """With `root`, a course.toml that leads outside the pack (a symlink) is refused."""
    report = Report(path, findings)
    read = CourseRead(report)
    data = read_toml_file(path, report, "course.toml", root)
    if data is None:
        return read
    fields = check_fields(data, COURSE_FIELDS, report, (), "course.toml")
    if "id" in fields and not check_id(fields["id"], report, ("id",), "course"):
        del fields["id"]  # progress is stored under the course id: an unusable one is never used
    pass_mark = check_pass_mark(fields.get("pass_mark", 0.8), report, ("pass_mark",)) or 0.8
    readiness = _readiness(fields.get("readiness", {}), report)
    language = fields.get("language", "en")
    if not LANGUAGE.fullmatch(language):
        report.error(f'language "{language}" is not a language code', 'write the code of the language the lessons '
                     'are written in, e.g. language = "en" (or "es", "fr", "pt-BR")', at=("language",))
        language = "en"
    welcome = fields.get("welcome")
    if welcome is not None and not is_plain_relative(welcome):
        report.error(f'welcome "{welcome}" must be a file inside the pack', 'name a Markdown file beside '
                     'course.toml, e.g. welcome = "welcome.md"', at=("welcome",))
        welcome = None
    modules: list[tuple[int, str, str]] = []
    for i, table in enumerate(fields.get("modules", [])):
        module = check_fields(table, MODULE_FIELDS, report, ("modules", i), "module")
        if "id" in module and not check_id(module["id"], report, ("modules", i, "id"), "module"):
            continue
        if len(module) < 2:
            continue
        if any(module["id"] == mid for _i, mid, _title in modules):
            report.error(f'module "{module["id"]}" is listed twice', "list each module once",
                         at=("modules", i, "id"))
            continue
        modules.append((i, module["id"], module["title"]))
    read.modules = tuple(modules)
    if "id" in fields and "title" in fields:
        read.course = CourseFile(fields["id"], fields["title"], tuple((mid, title) for _i, mid, title in modules),
                                 pass_mark, fields.get("checked"), fields.get("description", "").strip(), welcome,
                                 readiness, _texts(fields.get("texts", {}), report), language)
    return read


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
    floor = fields.get("module_floor", 0.6)
    if not 0 < floor <= 1:
        report.error(f"module_floor {floor} is outside 0..1", "write the floor as a fraction above one half, e.g. "
                     "0.6: every module must reach it for the verdict to be ready", at=("readiness", "module_floor"))
        floor = 0.6
    elif floor <= 0.5:
        report.warning(f"module_floor {floor} lets a module where half the questions were missed be ready",
                       "set it above 0.5, e.g. 0.6", at=("readiness", "module_floor"))
    return Readiness(per_module, minutes,
                     None if mark is None else check_pass_mark(mark, report, ("readiness", "pass_mark")), float(floor))


def _texts(table: dict[str, Any], report: Report) -> CourseTexts:
    fields = check_fields(table, TEXT_FIELDS, report, ("texts",), "[texts]")
    for name, value in list(fields.items()):
        if not value.strip():
            report.error(f'texts.{name} is blank', "leave it out for the default, or write the words",
                         at=("texts", name))
            del fields[name]
    return CourseTexts(**{name: " ".join(value.split()) for name, value in fields.items()})
