"""`tutor progress`, `tutor reset` and `tutor export`: the progress store on the command line.

A face over tutor.progress, in plain text: no Textual or Rich, so these stay fast and work in
scripts. Every handler returns an exit code (tutor.cli.common.Exit) and prints problems as one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime, timezone
from typing import IO, Any

from msgspec import Struct
from msgspec.structs import asdict

from tutor.cli.common import CommandError, Exit, load_course_for, open_store_for, reports_errors, show, show_json
from tutor.content.sanitize import clean_text, escape_c1_in_json
from tutor.progress import (
    EXPORT_COLUMNS,
    SCHEMA_VERSION,
    CourseSummary,
    ExportRow,
)


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `progress`, `reset` and `export` on the main parser's subparsers."""
    from tutor.cli import command_options as add_location_options

    progress = subparsers.add_parser(
        "progress", help="show your progress in the course",
        description="Lessons done, quiz scores and last activity per module, and readiness checks.",
    )
    add_location_options(progress)
    progress.add_argument("--json", action="store_true", help="print JSON for scripts")
    progress.set_defaults(handler=run_progress)

    reset = subparsers.add_parser(
        "reset", help="erase your progress in the course (a backup copy is kept)",
        description="Erase your progress in the course. A copy of the database is kept first, "
        "and its path is printed. Settings such as the theme are kept.",
    )
    add_location_options(reset)
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    reset.add_argument("--all", action="store_true",
                       help="erase the progress of every course, not only this one")
    reset.set_defaults(handler=run_reset)

    export = subparsers.add_parser(
        "export", help="write every quiz attempt and answer as JSON or CSV",
        description="Every quiz attempt, answer and readiness check, with ids and UTC timestamps.",
    )
    add_location_options(export)
    export.add_argument("--format", choices=("json", "csv"), default="json",
                        help="output format (default: json)")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument("--course", metavar="ID", help="only this course id (default: every course)")
    export.set_defaults(handler=run_export)


# -- tutor progress ------------------------------------------------------------------------------


@reports_errors("progress")
def run_progress(args: argparse.Namespace) -> int:
    course = load_course_for(args)
    with open_store_for(args, "progress") as store:
        summary = store.summary(course)
    if args.json:
        show_json(_jsonable(summary))
    else:
        show(format_summary(summary))
    return Exit.OK


def format_summary(summary: CourseSummary) -> str:
    """The summary as plain text, one block per module."""
    lines = [
        f"{summary.title}  (course {summary.course_id})",
        f"Overall {_percent(summary.fraction)}: {summary.lessons_done} of "
        f"{summary.lessons_total} lessons done; last activity {_when(summary.last_activity)}",
        "",
    ]
    for module in summary.modules:
        parts = [f"lessons {module.lessons_done}/{module.lessons_total} done"]
        for score in module.quiz_scores.values():
            plural = "s" if score.attempts != 1 else ""
            parts.append(
                f"quiz {score.quiz_id}: best {_percent(score.best)}, last {_percent(score.last)} "
                f"({score.attempts} attempt{plural})"
            )
        if module.quizzes_total > len(module.quiz_scores):
            parts.append("quiz not taken yet" if not module.quiz_scores else "other quizzes not taken")
        parts.append(f"last activity {_when(module.last_activity)}")
        lines.append(module.title)
        lines.append("  " + "; ".join(parts))
    lines.append("")
    if not summary.readiness:
        lines.append("Readiness checks: none yet")
    else:
        lines.append(f"Readiness checks: {len(summary.readiness)}")
        for attempt in summary.readiness:
            verdict = "passed" if attempt.passed else "not passed"
            scores = ", ".join(f"{m} {_percent(s)}" for m, s in attempt.module_scores.items())
            lines.append(f"  {_when(attempt.taken_at)}: {verdict} ({scores or 'no modules'})")
    return "\n".join(lines)


def _percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def _when(moment: datetime | None) -> str:
    # Local time: this is read by the learner, whose clock is local. Exports stay in UTC.
    return "none yet" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


# -- tutor reset ---------------------------------------------------------------------------------


@reports_errors("reset")
def run_reset(args: argparse.Namespace) -> int:
    if args.all:
        course_id, what = None, "your progress in every course"
    else:
        course = load_course_for(args)
        course_id, what = course.id, f'your progress in "{course.title}" (course {course.id})'
    # Open first: a database we cannot use should be reported before the learner is asked anything.
    with open_store_for(args, "reset") as store:
        if not args.yes and not _confirmed(clean_text(f"Erase {what}? A backup copy is kept. [y/N] ")):
            print("Nothing was erased.")
            return Exit.FAILED
        backup = store.reset(course_id)
    show(f"Erased {what}.\nA copy of the database from before is at {backup}")
    return Exit.OK


def _confirmed(prompt: str) -> bool:
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise CommandError(
            "refusing to erase progress without confirmation: there is no terminal to ask on. "
            "Run `tutor reset --yes` to erase it without asking."
        )
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


# -- tutor export --------------------------------------------------------------------------------


@reports_errors("export")
def run_export(args: argparse.Namespace) -> int:
    with open_store_for(args, "export") as store:
        rows = store.export_rows(args.course)
    write = write_csv if args.format == "csv" else write_json
    if args.output is None:
        write(rows, sys.stdout)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write(rows, out)
        print(f"Wrote {len(rows)} records to {args.output}", file=sys.stderr)
    return Exit.OK


def write_json(rows: list[ExportRow], out: IO[str]) -> None:
    document = {
        "format": "tutor-progress-export",
        "schema_version": SCHEMA_VERSION,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "records": [asdict(row) for row in rows],
    }
    # Escaped, not cleaned: the export keeps every value exactly, and no terminal obeys it.
    out.write(escape_c1_in_json(json.dumps(document, indent=2, ensure_ascii=False)))
    out.write("\n")


def write_csv(rows: list[ExportRow], out: IO[str]) -> None:
    """One row per record; lists and dicts as JSON, booleans as true/false, None as empty. Text is
    cleaned of control characters and rows end in \\n (csv's default \\r\\n would put carriage
    returns on the terminal; every spreadsheet reads either)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(_csv_cell(getattr(row, column)) for column in EXPORT_COLUMNS)


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return clean_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return clean_text(value)
    return value


# -- shared --------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Records to dicts, datetimes to ISO 8601 strings, tuples to lists."""
    if isinstance(value, Struct):
        return {name: _jsonable(item) for name, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    return value
