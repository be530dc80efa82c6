"""`tutor guide`: the guides for "something already went wrong": the list (`--json` for scripts), one
guide in the app (`tutor guide ID`), or walked line by line (`tutor guide ID --plain`)."""

from __future__ import annotations

import argparse

from tutor.cli.common import CommandError, Exit, load_course_for, reports_errors, show, show_json


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    guide = commands.add_parser(
        "guide", help="something already went wrong? a guide to what to do now and what to tell support",
        description="Without GUIDE, list the guides. With GUIDE, open it: it asks what happened, then says how "
        "serious it is, what the rules say, what to do now, and drafts an honest message to support. --plain "
        "walks it line by line (for screen readers and pipes). Not legal advice.")
    command_options(guide)
    guide.add_argument("guide", metavar="GUIDE", nargs="?", help="the guide's id, as `tutor guide` lists them")
    guide.add_argument("--json", action="store_true", help="list the guides as JSON for scripts")
    guide.add_argument("--plain", action="store_true", help="line by line instead of the full-screen app")
    guide.set_defaults(handler=run_guide)


@reports_errors("guide")
def run_guide(args: argparse.Namespace) -> int:
    from tutor.cli.plain import app_at, open_session, plain_wanted

    if not args.guide:
        return _list(args)
    course = load_course_for(args)
    if course.guide(args.guide) is None:
        known = ", ".join(course.guides) or "none"
        raise CommandError(f"no guide {args.guide!r}; the guides are: {known} (`tutor guide` lists them with their "
                           "titles; `tutor check` says why a guide with problems is left out)", Exit.USAGE)
    if not plain_wanted(args):
        return app_at(args, ("guide", args.guide))
    from tutor.cli.plain_io import EndOfInput, Quit

    with open_session(args) as plain:
        guide = plain.course.guide(args.guide)
        assert guide is not None
        try:
            plain.guide(guide)
        except (EndOfInput, Quit):
            plain.io.say("Stopped before the end: nothing you answered or typed was kept.")
            return Exit.FAILED
    return Exit.OK


def _list(args: argparse.Namespace) -> int:
    course = load_course_for(args)
    guides = list(course.guides.values())
    left_out = len(course.guide_files) - len(guides)
    if getattr(args, "json", False):
        show_json([{"id": g.id, "title": g.title, "summary": g.summary} for g in guides])
        return Exit.OK
    if not guides:
        show("This course has no guides." + (f" {left_out} guide files have problems: `tutor check` lists them."
                                              if left_out else ""))
        return Exit.OK
    width = max(len(g.id) for g in guides)
    for guide in guides:
        show(f"{guide.id:<{width}}  {guide.title}")
    if left_out:
        show(f"({left_out} guide file{'s' * (left_out != 1)} with problems left out: `tutor check` lists them)")
    show("\n`tutor guide ID` opens one in the app; `tutor guide ID --plain` walks it line by line.")
    return Exit.OK
