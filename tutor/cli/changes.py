"""`tutor changes`: the pack's timeline of rule changes, newest first."""

from __future__ import annotations

import argparse
import shutil
import textwrap
from datetime import date

from tutor.cli.common import CommandError, Exit, load_course_for, reports_errors, show, show_json


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    changes = commands.add_parser(
        "changes", help="the platforms' rule changes the course follows, newest first",
        description="Every dated rule change in the course's timeline (changes.toml): what was true before, "
        "what is now, the lessons it affects, and its source with the date it was checked.")
    command_options(changes)
    changes.add_argument("--since", metavar="DATE", help="only changes on or after DATE (YYYY-MM-DD)")
    changes.add_argument("--platform", metavar="NAME", help="only changes of this platform (e.g. Upwork)")
    changes.add_argument("--json", action="store_true", help="print JSON for scripts")
    changes.set_defaults(handler=run_changes)


@reports_errors("changes")
def run_changes(args: argparse.Namespace) -> int:
    from tutor.progress.rule_changes import timeline, when_text

    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            raise CommandError(f"--since {args.since!r} is not a date; write it as YYYY-MM-DD", Exit.USAGE) from None
    course = load_course_for(args)
    found = timeline(course, since, args.platform)
    if args.json:
        show_json([{
            "id": c.id, "platform": c.platform, "title": c.title, "summary": c.summary,
            "announced": c.announced.isoformat() if c.announced else None,
            "effective": c.effective.isoformat() if c.effective else None,
            "noticed": c.noticed.isoformat() if c.noticed else None, "precision": c.precision,
            "added": c.added.isoformat(), "lessons": list(c.lessons), "questions": list(c.questions),
            "source": {"title": c.source.title, "url": c.source.url, "section": c.source.section,
                       "checked": c.source.checked.isoformat()},
        } for c in found])
        return Exit.OK
    if not found:
        show("No rule changes" + (" match." if course.changes else " are listed for this course."))
        return Exit.OK
    width = min(100, shutil.get_terminal_size((80, 24)).columns)

    def wrap(text: str, first: str, rest: str) -> list[str]:
        return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                             break_on_hyphens=False)

    blocks = []
    for change in found:
        # Every line wrapped to the width with its own hanging indent; the address alone on its
        # line, never broken (a broken address copies wrong).
        lines = wrap(f"{when_text(change)} · {change.platform} · {change.title}", "", "  ")
        lines += wrap(change.summary, "  ", "  ")
        titles = [course.lessons[lid].title for lid in change.lessons if lid in course.lessons]
        if titles:
            lines += wrap("Lessons: " + "; ".join(titles), "  ", "    ")
        lines += wrap(f"Source: {change.source.title} (checked {change.source.checked.isoformat()})", "  ", "    ")
        lines.append(f"  {change.source.url}")
        blocks.append("\n".join(lines))
    show("\n\n".join(blocks))
    return Exit.OK
