"""The lesson format: a Markdown file with TOML front matter between `+++` lines."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tutor.content import tomlpos
from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, Report
from tutor.content.model import Lesson, Source
from tutor.content.sanitize import clean_text
from tutor.content.textfile import read_text_file

FENCE = "+++"

LESSON_FIELDS = {
    "id": Field("str", True),
    "title": Field("str", True),
    "module": Field("str", True),
    "order": Field("int", True, "1"),
    "minutes": Field("int", True, "5"),
    "summary": Field("str", True),
    "quiz": Field("str"),
    "prerequisites": Field("strlist", example='["lesson-id"]'),
    "sources": Field("tables", True, "[[sources]] tables"),
}

SOURCE_FIELDS = {
    "id": Field("str", True),
    "title": Field("str", True),
    "url": Field("str", True, '"https://..."'),
    "section": Field("str", True),
    "checked": Field("date", True, "2026-01-31"),
}


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, 1-based line where the body starts), or None without front matter."""
    if not text.startswith(FENCE + "\n"):
        return None
    end = text.find("\n" + FENCE + "\n", len(FENCE))
    if end == -1:
        if text.endswith("\n" + FENCE):
            end = len(text) - len(FENCE) - 1
        else:
            return None
    front = text[len(FENCE) + 1 : end + 1]
    body = text[end + len(FENCE) + 2 :]
    body_line = front.count("\n") + 3
    return front, body, body_line


def read_lesson_body(path: Path) -> str:
    """The cleaned Markdown body of a lesson file ("" when the file cannot be read)."""
    findings: list[Finding] = []
    text = read_text_file(path, Report(path, findings))
    parts = split_front_matter(text) if text else None
    return clean_text(parts[1]) if parts else ""


def read_markdown_file(path: Path) -> str:
    """A Markdown file of the pack without front matter (the welcome), cleaned; "" when unusable."""
    text = read_text_file(path, Report(path, []))
    return clean_text(text) if text else ""


def load_lesson_file(path: Path, findings: list[Finding]) -> tuple[Lesson | None, str | None, Report]:
    """Parse a lesson's front matter. Returns the lesson (None if unusable), its raw body, and the
    file's report, which later checks use to place their findings."""
    report = Report(path, findings)
    text = read_text_file(path, report)
    if text is None:
        return None, None, report
    parts = split_front_matter(text)
    if parts is None:
        report.error(
            "lesson has no front matter",
            'start the file with a line "+++", the TOML fields (id, title, ...), then another "+++" line',
            line=1,
        )
        return None, None, report
    front, body, body_line = parts
    data = tomlpos.parse_for_report(front, report, "front matter", line_offset=1)
    if data is None:
        return None, body, report
    lesson = _build_lesson(data, path, body_line, report)
    if not body.strip():
        report.error("lesson has no body", "write the lesson's Markdown after the closing +++ line", line=body_line)
    return lesson, body, report


def _build_lesson(data: dict, path: Path, body_line: int, report: Report) -> Lesson | None:
    fields = check_fields(data, LESSON_FIELDS, report, (), "lesson front matter")
    for name, what in (("id", "lesson"), ("module", "module")):
        if name in fields and not check_id(fields[name], report, (name,), what):
            del fields[name]
    sources = []
    seen: set[str] = set()
    for i, table in enumerate(fields.get("sources", [])):
        source = _build_source(table, report, ("sources", i))
        if source is None:
            continue
        if source.id in seen:
            report.error(f'source id "{source.id}" is listed twice', "give each source its own id",
                         at=("sources", i, "id"))
        seen.add(source.id)
        sources.append(source)
    if "sources" in fields and not fields["sources"]:
        report.error("lesson lists no sources", "add at least one [[sources]] table", at=("sources",))
    for name in ("order", "minutes"):
        if name in fields and fields[name] < (1 if name == "minutes" else 0):
            report.error(f'"{name}" must not be negative or zero' if name == "minutes"
                         else f'"{name}" must not be negative', f"use a positive {name}", at=(name,))
    required = ("id", "title", "module", "summary", "order", "minutes")
    if any(name not in fields for name in required):
        return None
    # Only free text needs cleaning of control characters: ids must match ID_PATTERN anyway.
    return Lesson(
        id=fields["id"],
        title=clean_text(fields["title"]),
        module=fields["module"],
        order=fields["order"],
        minutes=fields["minutes"],
        summary=clean_text(fields["summary"]),
        sources=tuple(sources),
        path=path,
        quiz=fields.get("quiz"),
        prerequisites=tuple(fields.get("prerequisites", ())),
        body_line=body_line,
    )


def _build_source(table: dict, report: Report, at: tuple) -> Source | None:
    fields = check_fields(table, SOURCE_FIELDS, report, at, "source")
    if len(fields) < len(SOURCE_FIELDS):
        return None
    if urlsplit(fields["url"]).scheme not in ("http", "https"):
        report.error(f'source url "{fields["url"]}" is not a web address',
                     "use the full https:// address of the page", at=at + ("url",))
    return Source(fields["id"], clean_text(fields["title"]), clean_text(fields["url"]),
                  clean_text(fields["section"]), fields["checked"])


