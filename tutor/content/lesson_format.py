"""The lesson format: a Markdown file with TOML front matter between `+++` lines."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content import tomlpos
from tutor.content.fields import Field, check_fields, check_id, is_plain_relative
from tutor.content.findings import Finding, Report
from tutor.content.links import ADDRESS_HINT, UNWRITABLE_ADDRESS, link_kind, plain_web_address
from tutor.content.model import Lesson, Source
from tutor.content.sanitize import clean_text
from tutor.content.textfile import read_text_file

FENCE = "+++"

LESSON_FIELDS = {
    "id": Field("str", True, shown="not shown: progress is stored against it; `tutor lessons` and `tutor read ID` "
                "use it, and `lesson:ID` links to it"),
    "title": Field("str", True, shown="the dashboard's list, the reader's title bar, the palette"),
    "module": Field("str", True, shown="the module heading the lesson is listed under (the module's title from "
                    "course.toml); the readiness check's score per module"),
    "order": Field("int", True, "1", shown="not shown: the lesson's place in its module on the dashboard "
                   "(then the file name)"),
    "minutes": Field("int", True, "5", shown='the dashboard\'s list ("· 5 min")'),
    "summary": Field("str", True, shown="the dashboard's line below the list, when the lesson is highlighted"),
    "quiz": Field("str", default="the quiz whose `lesson` names this lesson",
                  shown='the reader\'s "Take the quiz" button and `q` key; the dashboard\'s quiz score'),
    "prerequisites": Field("strlist", example='["lesson-id"]', default="none",
                           shown='the dashboard\'s line below the list: "Read first: ..." while one is unread '
                           "(the lesson can still be opened)"),
    "sources": Field("tables", True, "[[sources]] tables", shown="the reader's last page (Sources) and `l` key; "
                     "the feedback of every question that cites one"),
}

SOURCE_FIELDS = {
    "id": Field("str", True, shown="not shown: questions cite the source by it (`source`)"),
    "title": Field("str", True, shown="the lesson's sources, a question's feedback, the readiness result and report"),
    "url": Field("str", example='"https://..."', default="none: then document or reference is needed",
                 shown="below the source's title; opened in the browser only when the learner picks it and confirms"),
    "document": Field("str", example='"handbook/client-calls.pdf"', default="none",
                      shown='below the source\'s title: "a document of this course: handbook/client-calls.pdf" (a '
                      "file inside the pack, for know-how that has no web page; never opened by the app)"),
    "reference": Field("str", example='"Operations handbook v3, ask your lead"', default="none",
                       shown='below the source\'s title: "internal reference (not online): ..." (a document the '
                       "team keeps elsewhere)"),
    "section": Field("str", True, shown='after the title: "Title, Section (checked 2026-11-01)"'),
    "checked": Field("date", True, shown='after the title ("checked 2026-11-01"); the welcome\'s "last reviewed" '
                     "date when course.toml gives none; `tutor check` warns when it is over a year old"),
}

class LessonFile(Struct):
    """A lesson file as far as it could be read: `lesson` is what the learner gets (None when the
    file has an error), the rest is what `tutor check` judges whatever else is wrong."""

    path: Path
    report: Report
    lesson: Lesson | None = None
    id: str | None = None  # known even when the lesson could not be loaded, if the id itself is fine
    module: str | None = None
    quiz: str | None = None
    prerequisites: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    body: str | None = None
    body_line: int = 1


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line where the body starts), or None without front matter. A
    `+++` line with spaces after it is still a fence (an editor's trailing space is not a mistake
    the learner should pay for)."""
    if text.startswith(FENCE + "\n"):
        end = text.find("\n" + FENCE + "\n", len(FENCE))
        if end != -1:
            front = text[len(FENCE) + 1 : end + 1]
            return front, text[end + len(FENCE) + 2 :], front.count("\n") + 3
    fences = list(_FENCE_LINE.finditer(text))
    if len(fences) < 2 or fences[0].start() != 0:
        return None
    opening, closing = fences[0], fences[1]
    front = text[opening.end() + 1 : closing.start()]
    body = text[closing.end() + 1 :]
    return front, body, front.count("\n") + 3


_FENCE_LINE = re.compile(r"^\+\+\+[ \t]*$", re.M)


def read_lesson_body(path: Path, root: Path | None = None) -> str:
    """The cleaned Markdown body of a lesson file ("" when the file cannot be read, or leads out of
    the pack `root`)."""
    findings: list[Finding] = []
    text = read_text_file(path, Report(path, findings), root)
    parts = split_front_matter(text) if text else None
    return clean_text(parts[1]) if parts else ""


def load_lesson_file(path: Path, findings: list[Finding]) -> tuple[Lesson | None, str | None, Report]:
    """Parse a lesson's front matter: the lesson (None if it has an error), its raw body, and the
    file's report, which later checks use to place their findings."""
    read = read_lesson_file(path, findings)
    return read.lesson, read.body, read.report


def read_lesson_file(path: Path, findings: list[Finding], root: Path | None = None) -> LessonFile:
    """A lesson file as far as it reads; with `root`, one that leads out of that pack is refused."""
    report = Report(path, findings)
    read = LessonFile(path, report)
    text = read_text_file(path, report, root)
    if text is None:
        return read
    parts = split_front_matter(text)
    if parts is None:
        if text.split("\n", 1)[0].strip() != FENCE:
            report.error("lesson has no front matter", 'start the file with a line "+++", the TOML fields (id, title, '
                         '...), then another "+++" line', line=1)
        else:
            report.error("lesson's front matter is never closed: no second \"+++\" line", "end the fields (id, "
                         'title, ... and the [[sources]]) with a line "+++", then write the lesson', line=1)
        return read
    front, read.body, read.body_line = parts
    data = tomlpos.parse_for_report(front, report, "front matter", line_offset=1)
    if data is None:
        read.id = tomlpos.scan_id(front)  # so that what depends on it can name it
        return read
    _build_lesson(data, read)
    if not read.body.strip():
        report.error("lesson has no body", "write the lesson's Markdown after the closing +++ line",
                     line=read.body_line)
    if report.errors:
        read.lesson = None  # what `tutor check` calls an error never reaches the learner
    return read


def _build_lesson(data: dict[str, Any], read: LessonFile) -> None:
    report = read.report
    fields = check_fields(data, LESSON_FIELDS, report, (), "lesson front matter")
    for name, what in (("id", "lesson"), ("module", "module")):
        if name in fields and not check_id(fields[name], report, (name,), what):
            del fields[name]
    read.id, read.module, read.quiz = fields.get("id"), fields.get("module"), fields.get("quiz")
    read.prerequisites = tuple(fields.get("prerequisites", ()))
    read.sources = build_sources(fields.get("sources", []), report)
    if "sources" in fields and not fields["sources"]:
        report.error("lesson lists no sources", "add at least one [[sources]] table", at=("sources",))
    if "order" in fields and fields["order"] < 0:
        report.error('"order" must not be negative', "use a positive order", at=("order",))
    if "minutes" in fields and fields["minutes"] < 1:
        report.error('"minutes" must not be negative or zero', "use a positive minutes", at=("minutes",))
    required = ("id", "title", "module", "summary", "order", "minutes")
    if any(name not in fields for name in required):
        return
    # Only free text needs cleaning of control characters: ids must match ID_PATTERN anyway.
    read.lesson = Lesson(
        id=fields["id"],
        title=clean_text(fields["title"]),
        module=fields["module"],
        order=fields["order"],
        minutes=fields["minutes"],
        summary=clean_text(fields["summary"]),
        sources=read.sources,
        path=read.path,
        quiz=fields.get("quiz"),
        prerequisites=read.prerequisites,
        body_line=read.body_line,
    )


def build_sources(tables: list[dict[str, Any]], report: Report) -> tuple[Source, ...]:
    """The usable sources of a `[[sources]]` list (a lesson's or a guide's), each judged, ids unique."""
    sources = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        source = _build_source(table, report, ("sources", i))
        if source is None:
            continue
        if source.id in seen:
            report.error(f'source id "{source.id}" is listed twice', "give each source its own id",
                         at=("sources", i, "id"))
        seen.add(source.id)
        sources.append(source)
    return tuple(sources)


def _build_source(table: dict[str, Any], report: Report, at: tuple[str | int, ...]) -> Source | None:
    fields = check_fields(table, SOURCE_FIELDS, report, at, "source")
    if "id" in fields and not check_id(fields["id"], report, at + ("id",), "source"):
        del fields["id"]
    if "url" in fields and link_kind(fields["url"]) != "web":
        report.error(f'source url "{fields["url"]}" is not a web address',
                     "use the full https:// address of the page (or document = or reference = for a source that "
                     "has no web page)", at=at + ("url",))
        del fields["url"]
    elif "url" in fields and not plain_web_address(fields["url"]):
        report.warning(f'source url "{fields["url"]}" {UNWRITABLE_ADDRESS}', ADDRESS_HINT, at=at + ("url",))
    if "document" in fields and not is_plain_relative(fields["document"]):
        report.error(f'document "{fields["document"]}" must be a file inside the pack',
                     'write its path from the pack\'s folder, e.g. document = "handbook/calls.pdf"',
                     at=at + ("document",))
        del fields["document"]
    wheres = [name for name in ("url", "document", "reference") if name in fields]
    if not wheres and table.keys().isdisjoint(("url", "document", "reference")):
        report.error("source has no url, document or reference", 'add url = "https://..." for a web page, document '
                     '= "path/in/the/pack" for a file of the pack, or reference = "..." for an internal one', at=at)
    elif len(wheres) > 1:
        report.error(f"source has both {wheres[0]} and {wheres[1]}", "a source is one thing: keep the one the "
                     "learner should read", at=at + (wheres[1],))
    required = ("id", "title", "section", "checked")
    if len(wheres) != 1 or not all(name in fields for name in required):
        return None
    return Source(fields["id"], clean_text(fields["title"]), clean_text(fields.get("url", "")),
                  clean_text(fields["section"]), fields["checked"], clean_text(fields.get("document", "")),
                  clean_text(fields.get("reference", "")))
