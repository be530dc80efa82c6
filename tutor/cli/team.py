"""`tutor team`: a trainer's report of how her team did on a pack, from the statements its learners sent
to the organisation's Learning Record Store (read with the trainer's own `tutor lrs` settings)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tutor.cli.common import CommandError, Exit, load_course_for, plural, reports_errors


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    team = commands.add_parser(
        "team", help="for trainers: how your team did on this pack, from your LRS (md, html, csv or json)",
        description="Reads the pack's statements from the LRS set up with tutor lrs (your user there must be "
        "allowed to read statements) and writes one row per learner: lessons read, each quiz's best score, "
        "the latest readiness verdict with its module scores; then the rules the team missed most. "
        "docs/teams.md explains it.")
    command_options(team)
    team.add_argument("--format", choices=("md", "html", "csv", "json"), default="md",
                      help="report format (default: md)")
    team.add_argument("--json", action="store_const", const="json", dest="format", help="the same as --format json")
    team.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    team.add_argument("--since", metavar="DATE", help="only statements from this date (2026-12-01) or time on")
    team.add_argument("--learner", action="append", default=[], metavar="ADDRESS",
                      help="only this learner (their e-mail, or an account as https://site/#name); repeat for more")
    team.add_argument("--top", type=int, default=10, metavar="N", help="how many missed rules to list (default 10)")
    team.set_defaults(handler=run_team)


@reports_errors("team")
def run_team(args: argparse.Namespace) -> int:
    from tutor.lrs.client import LrsClient, LrsError
    from tutor.lrs.settings import SettingsError, load_settings
    from tutor.lrs.team_fetch import QueryError, since_timestamp, team_statements
    from tutor.progress.team import TeamTally
    from tutor.progress.team_report import render

    course = load_course_for(args)
    try:
        since = since_timestamp(args.since) if args.since else None
        settings = load_settings()
    except (QueryError, SettingsError) as exc:
        raise CommandError(str(exc), Exit.USAGE) from None
    if settings is None:
        raise CommandError("no LRS is set up to read from: tutor lrs https://lrs.agency.org/xAPI/ --user NAME")
    tally = TeamTally(course.id)
    try:
        with LrsClient(settings) as client:
            tally.add_all(team_statements(client, since=since, learners=args.learner))
    except QueryError as exc:
        raise CommandError(str(exc), Exit.USAGE) from None
    except LrsError as exc:
        raise CommandError(f"the team's results could not be read from {settings.url}: {exc}") from None
    report = tally.report(course, since=since, top=max(0, args.top))
    text = render(args.format, course, report)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_output(Path(args.output), text)
        print(f"Wrote the team report ({args.format}, {plural(len(report.learners), 'learner')}) to {args.output}",
              file=sys.stderr)
    return Exit.OK


def write_output(path: Path, text: str) -> None:
    """Write a report the user named: whole or not at all (a new file moved into place), never over a
    folder or the progress database."""
    import os
    import tempfile

    from tutor.progress import DB_FILENAME

    if path.is_dir():
        raise CommandError(f"{path} is a folder: name a file to write the report to", Exit.USAGE)
    if path.name.startswith(DB_FILENAME):
        raise CommandError(f"{path} looks like a progress database: name another file", Exit.USAGE)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current
