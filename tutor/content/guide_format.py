"""The guide format: one TOML file per guide (`guides/*.toml`), for a learner who already did something
the rules forbid: questions with choices, as in a scenario, that end in an outcome saying how serious
the case is, what the rules say (with their sources), what to do now, and a message to support with
{placeholders} that the learner's choices (`says`) and typed details fill.

Every part is judged in one pass, so one run of `tutor check` reports every mistake; the story's
paths are judged by the same rules as a scenario's (quiz_scenario.py). A guide with any error is not
shown at all: a broken guide could give a worried learner the wrong advice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, KeyPath, Report
from tutor.content.guide_messages import PLACEHOLDER, check_braces, check_reached
from tutor.content.lesson_format import build_sources
from tutor.content.model import SERIOUSNESS, Guide, GuideDetail, GuideOutcome, GuideRule, Option, Source, Step
from tutor.content.quiz_scenario import check_step_option, check_steps
from tutor.content.textfile import read_toml_file

__all__ = ["PLACEHOLDER", "GuideFile", "load_guide_file", "read_guide_file"]
DEFAULT_DETAIL_LENGTH = 80
MAX_DETAIL_LENGTH = 200
MAX_CHOICES = 9  # the keys 1-9 pick a choice

GUIDE_FIELDS = {
    "id": Field("str", True, shown="`tutor guide ID` opens it; a draft the learner keeps is stored against it"),
    "title": Field("str", True, shown="the list of guides (the dashboard's `g`, `tutor guide`); the guide's title "
                   "bar"),
    "summary": Field("str", True, shown="below the title in the list of guides"),
    "intro": Field("str", default="none", shown="above the first question, after the line that says it is not "
                   "legal advice"),
    "start": Field("str", example='"step-id"', default="the first step", shown="not shown: the step the guide "
                   "starts at"),
    "lessons": Field("strlist", example='["lesson-id"]', default="none",
                     shown="the reader of each of these lessons offers the guide (`g`)"),
    "scenarios": Field("strlist", example='["quiz-id/question-id"]', default="none",
                       shown="a bad ending of each of these scenario questions offers the guide (`g`, and a line "
                       "in the plain mode)"),
    "sources": Field("tables", True, "[[sources]] tables",
                     shown="an outcome's rules: \"Source: title, section (checked 2026-11-01)\" and the address"),
    "details": Field("tables", example="[[details]] tables", default="none",
                     shown="at the outcome: an input each (app), a prompt each (plain mode), all optional"),
    "steps": Field("tables", True, "[[steps]] tables", shown="the questions, one at a time, each with numbered "
                   "choices"),
    "outcomes": Field("tables", True, "[[outcomes]] tables", shown="where the choices end, shown whole"),
}

DETAIL_FIELDS = {
    "id": Field("str", True, shown="not shown: `{id}` in a message is filled with what the learner types"),
    "label": Field("str", True, shown="before its input (app) or as its prompt (plain mode)"),
    "blank": Field("str", True, '"[the date]"', shown="the message, where the learner typed nothing", blank_ok=True),
    "example": Field("str", default="none", shown="inside the empty input (app); after the prompt (plain mode)"),
    "max_length": Field("int", example="40", default=str(DEFAULT_DETAIL_LENGTH),
                        shown=f"not shown: the most characters the learner can type (1 to {MAX_DETAIL_LENGTH})"),
}

STEP_FIELDS = {
    "id": Field("str", True, shown="not shown: choices lead to the step by it (`next`)"),
    "text": Field("str", True, shown="the question"),
    "options": Field("tables", True, "[[steps.options]] tables", shown="the choices, numbered 1-9"),
}

OPTION_FIELDS = {
    "id": Field("str", True, shown="not shown: a kept draft stores the choices by it"),
    "text": Field("str", True, shown="the choice; then, below the question, \"You: ...\""),
    "next": Field("str", example='"step-id"', default="none: then `outcome` is needed",
                  shown="not shown: the question this choice leads to"),
    "outcome": Field("str", example='"outcome-id"', default="none: then `next` is needed",
                     shown="not shown: the outcome this choice ends in"),
    "says": Field("table", example='{ happened = "..." }', default="nothing",
                  shown="not shown: facts for the message: `{name}` in an outcome's message is filled with the "
                  "text of the choice on the learner's way that says it"),
}

OUTCOME_FIELDS = {
    "id": Field("str", True, shown="not shown: choices end in it (`outcome`)"),
    "title": Field("str", True, shown="the outcome's heading"),
    "seriousness": Field("str", True, '"medium"', shown='"How serious: Low / Medium / High", then how_serious'),
    "how_serious": Field("str", True, shown="after the seriousness: why, in plain words, promising no result"),
    "rules": Field("tables", True, "[[outcomes.rules]] tables", shown="\"What the rules say\", each with its "
                   "source"),
    "do_now": Field("strlist", True, '["..."]', shown="\"What to do now\", as numbered steps"),
    "message": Field("str", True, shown="\"A message to support\": the draft, with its placeholders filled; the "
                     "learner can copy, edit, save or keep it"),
    "lessons": Field("strlist", example='["lesson-id"]', default="none",
                     shown="\"Lessons\": each can be opened from the outcome"),
    "guides": Field("strlist", example='["guide-id"]', default="none",
                    shown="\"Other guides\": each can be opened from the outcome"),
}

RULE_FIELDS = {
    "text": Field("str", True, shown="what the rule says, in your words"),
    "source": Field("str", True, '"source-id"', shown="below it: the source's title, section, checked date and "
                    "address"),
}


class GuideFile(Struct):
    """A guide file as far as it could be read: `guide` is what the learner gets (None when the file
    has any error); the references are what `tutor check` judges across files, as (key path, id)."""

    path: Path
    report: Report
    guide: Guide | None = None
    id: str | None = None
    sources: tuple[Source, ...] = ()
    lessons: tuple[tuple[KeyPath, str], ...] = ()
    guides: tuple[tuple[KeyPath, str], ...] = ()
    scenarios: tuple[tuple[KeyPath, str], ...] = ()


def read_guide_file(path: Path, findings: list[Finding] | None = None, root: Path | None = None) -> GuideFile:
    report = Report(path, [] if findings is None else findings)
    read = GuideFile(path, report)
    data = read_toml_file(path, report, "guide", root)
    if data is not None:
        _build_guide(data, read)
    return read


def load_guide_file(path: Path, root: Path | None = None) -> Guide | None:
    return read_guide_file(path, root=root).guide


def _build_guide(data: dict[str, Any], read: GuideFile) -> None:
    report = read.report
    fields = check_fields(data, GUIDE_FIELDS, report, (), "guide")
    if "id" in fields and not check_id(fields["id"], report, ("id",), "guide"):
        del fields["id"]
    read.id = fields.get("id")
    read.sources = build_sources(fields.get("sources", []), report)
    if "sources" in fields and not fields["sources"]:
        report.error("guide lists no sources", "add at least one [[sources]] table", at=("sources",))
    details = _details(fields.get("details", []), report)
    step_tables: list[dict[str, Any]] = fields.get("steps", [])
    outcome_tables: list[dict[str, Any]] = fields.get("outcomes", [])
    outcome_ids = _outcome_ids(outcome_tables)
    steps = _steps(step_tables, {d.id for d in details}, report)
    seen: set[str] = set()
    outcomes = [_outcome(table, i, read, seen) for i, table in enumerate(outcome_tables)]
    if "outcomes" in fields and not outcome_tables:
        report.error("guide has no outcomes", "add at least one [[outcomes]] table", at=("outcomes",))
    story = check_steps(step_tables, fields.get("start"), report, (), outcome_ids) if "steps" in fields else None
    if story is not None:
        check_reached(step_tables, story, outcome_tables, {d.id for d in details}, report)
    read.lessons += tuple((("lessons",), value) for value in fields.get("lessons", ()))
    read.scenarios = tuple((("scenarios",), value) for value in fields.get("scenarios", ()))
    if report.errors or any(name not in fields for name in ("id", "title", "summary", "steps", "outcomes")):
        return
    read.guide = Guide(
        id=fields["id"],
        title=fields["title"],
        summary=fields["summary"],
        steps=tuple(step for step in steps if step is not None),
        outcomes=tuple(outcome for outcome in outcomes if outcome is not None),
        sources=read.sources,
        details=details,
        intro=fields.get("intro", ""),
        start=fields.get("start"),
        path=read.path,
    )


def _details(tables: list[dict[str, Any]], report: Report) -> tuple[GuideDetail, ...]:
    details: list[GuideDetail] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        at: KeyPath = ("details", i)
        fields = check_fields(table, DETAIL_FIELDS, report, at, "detail")
        if "id" in fields:
            if not check_id(fields["id"], report, at + ("id",), "detail"):
                del fields["id"]
            elif fields["id"] in seen:
                report.error(f'detail id "{fields["id"]}" is used twice', "give every detail its own id",
                             at=at + ("id",))
                del fields["id"]
            else:
                seen.add(fields["id"])
        length = fields.get("max_length", DEFAULT_DETAIL_LENGTH)
        if not 1 <= length <= MAX_DETAIL_LENGTH:
            report.error(f'"max_length" is {length}; a detail is short text', f"use 1 to {MAX_DETAIL_LENGTH}",
                         at=at + ("max_length",))
            continue
        if all(name in fields for name in ("id", "label", "blank")):
            details.append(GuideDetail(fields["id"], fields["label"], fields["blank"], fields.get("example", ""),
                                       length))
    return tuple(details)


def _outcome_ids(tables: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for i, table in enumerate(tables):
        value = table.get("id")
        if isinstance(value, str):
            ids.setdefault(value, i)
    return ids


def _steps(tables: list[dict[str, Any]], detail_ids: set[str], report: Report) -> list[Step | None]:
    steps: list[Step | None] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        at: KeyPath = ("steps", i)
        fields = check_fields(table, STEP_FIELDS, report, at, "guide step")
        if "id" in fields:
            if not check_id(fields["id"], report, at + ("id",), "step"):
                del fields["id"]
            elif fields["id"] in seen:
                report.error(f'step id "{fields["id"]}" is used twice', "give every step its own id", at=at + ("id",))
                del fields["id"]
            else:
                seen.add(fields["id"])
        options: list[Option] = []
        if "options" in fields:
            if not fields["options"]:
                report.error("a guide step needs at least one option: this one has no way out",
                             "add a [[steps.options]] table", at=at)
            if len(fields["options"]) > MAX_CHOICES:
                report.warning(f"{len(fields['options'])} options: only the first {MAX_CHOICES} can be picked with a "
                               "number key", f"keep to {MAX_CHOICES} options or fewer, or split the question",
                               at=at + ("options", MAX_CHOICES))
            options = _options(fields["options"], detail_ids, report, at + ("options",))
        complete = all(name in fields for name in STEP_FIELDS) and len(options) == len(fields.get("options", ()))
        steps.append(Step(fields["id"], fields["text"], tuple(options)) if complete else None)
    return steps


def _options(tables: list[dict[str, Any]], detail_ids: set[str], report: Report, at: KeyPath) -> list[Option]:
    options: list[Option] = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        fields = check_fields(table, OPTION_FIELDS, report, at + (i,), "guide option")
        if "id" in fields:
            if not check_id(fields["id"], report, at + (i, "id"), "option"):
                del fields["id"]
            elif fields["id"] in seen:
                report.error(f'option id "{fields["id"]}" is used twice', "give every option of a step its own id",
                             at=at + (i, "id"))
                del fields["id"]
            else:
                seen.add(fields["id"])
        check_step_option(fields, report, at + (i,), guide=True)
        says = _says(fields.get("says", {}), detail_ids, report, at + (i, "says"))
        if all(name in fields for name in ("id", "text")) and says is not None:
            options.append(Option(fields["id"], fields["text"], "", next=fields.get("next"),
                                  outcome=fields.get("outcome"), says=says))
    return options


def _says(table: dict[str, Any], detail_ids: set[str], report: Report, at: KeyPath) -> tuple[tuple[str, str],
                                                                                             ...] | None:
    """The facts a choice puts into the message, or None when one is unusable."""
    facts: list[tuple[str, str]] = []
    usable = True
    for name, value in table.items():
        if not isinstance(value, str):
            report.error(f'fact "{name}" must be text, not {type(value).__name__}',
                         f'write it as {name} = "..."', at=at + (name,))
            usable = False
        elif not check_id(name, report, at + (name,), "fact"):
            usable = False
        elif name in detail_ids:
            report.error(f'fact "{name}" has the id of a detail', "a placeholder is filled by a detail or by "
                         "choices, not both: rename one", at=at + (name,))
            usable = False
        else:
            if "{" in value or "}" in value:
                report.warning(f'fact "{name}" has braces: placeholders are not filled inside a fact',
                               "write the text itself; only an outcome's message has placeholders", at=at + (name,))
            facts.append((name, value))
    return tuple(facts) if usable else None


def _outcome(table: dict[str, Any], index: int, read: GuideFile, seen: set[str]) -> GuideOutcome | None:
    report = read.report
    at: KeyPath = ("outcomes", index)
    fields = check_fields(table, OUTCOME_FIELDS, report, at, "outcome")
    if "id" in fields and not check_id(fields["id"], report, at + ("id",), "outcome"):
        del fields["id"]
    elif "id" in fields and fields["id"] in seen:
        report.error(f'outcome id "{fields["id"]}" is used twice', "give every outcome its own id", at=at + ("id",))
        del fields["id"]
    elif "id" in fields:
        seen.add(fields["id"])
    seriousness = fields.get("seriousness")
    if seriousness is not None and seriousness not in SERIOUSNESS:
        report.error(f'unknown seriousness "{seriousness}"', "use low, medium or high", at=at + ("seriousness",))
    if "do_now" in fields and not [step for step in fields["do_now"] if step.strip()]:
        report.error("outcome has no steps: a learner in trouble needs to know what to do now",
                     'write each step as a string in do_now = ["...", "..."]', at=at + ("do_now",))
    if "rules" in fields and not fields["rules"]:
        report.error("outcome cites no rules", "add a [[outcomes.rules]] table with text and source",
                     at=at + ("rules",))
    rules = _rules(fields.get("rules", []), read.sources, report, at + ("rules",))
    if "message" in fields:
        check_braces(fields["message"], report, at + ("message",))
    for name in ("lessons", "guides"):
        found = tuple((at + (name,), value) for value in fields.get(name, ()))
        setattr(read, name, getattr(read, name) + found)
    if any(name not in fields for name in ("id", "title", "seriousness", "how_serious", "rules", "do_now", "message")):
        return None
    return GuideOutcome(fields["id"], fields["title"], fields["seriousness"], fields["how_serious"], rules,
                        tuple(fields["do_now"]), fields["message"], tuple(fields.get("lessons", ())),
                        tuple(fields.get("guides", ())))


def _rules(tables: list[dict[str, Any]], sources: tuple[Source, ...], report: Report,
           at: KeyPath) -> tuple[GuideRule, ...]:
    by_id = {source.id: source for source in sources}
    rules = []
    for i, table in enumerate(tables):
        fields = check_fields(table, RULE_FIELDS, report, at + (i,), "rule")
        source = by_id.get(fields.get("source", ""))
        if "source" in fields and source is None:
            known = ", ".join(sorted(by_id)) or "none"
            report.error(f'rule cites source "{fields["source"]}", which the guide does not list',
                         f"cite one of the guide's [[sources]] ({known})", at=at + (i, "source"))
        if source is not None and "text" in fields:
            rules.append(GuideRule(fields["text"], source))
    return tuple(rules)
