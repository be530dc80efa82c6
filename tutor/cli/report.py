"""`tutor report`: the latest readiness check as a report to keep (Markdown, HTML or JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.cli.common import CommandError, Exit, load_course_for, reading_store_for, reports_errors


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    report = commands.add_parser(
        "report", help="write your latest readiness check as a report (md, html or json)",
        description="The latest readiness check: date, course and when it was last reviewed, the verdict "
        "and why, the score per module, and every missed rule with its source and the date it was "
        "checked. HTML is one self-contained file that prints on A4 and Letter.")
    command_options(report)
    report.add_argument("--format", choices=("md", "html", "json"), default="md", help="report format (default: md)")
    report.add_argument("--json", action="store_const", const="json", dest="format", help="the same as --format json")
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    report.set_defaults(handler=run_report)


@reports_errors("report")
def run_report(args: argparse.Namespace) -> int:
    from tutor.progress.readiness_check import finished_result
    from tutor.progress.report import render

    course = load_course_for(args)
    with reading_store_for(args, "report") as store:
        found = finished_result(course, store)
        learner = store.learner()
    if found is None:
        raise CommandError("there is no finished readiness check yet: take it in the app (press a on the "
                           "dashboard) or with `tutor readiness --plain`")
    attempt, result = found
    text = render(args.format, course, attempt, result, learner.describe() if learner else None)
    if args.output is None:
        sys.stdout.write(text)
    else:
        from tutor.progress.output import write_output

        write_output(Path(args.output), text, data_dir=getattr(args, "data_dir", None))
        print(f"Wrote the readiness report ({args.format}) to {args.output}", file=sys.stderr)
    return Exit.OK
