"""The `tutor` command line: the app by default, and commands for learners, authors and scripts.

One module per command family (`check`, `authoring`, `reading`, `progress`, `report`); each registers its commands
on the parser built here. Only the command that starts the app imports Textual: `--version`,
`--help`, `check` and the progress commands stay fast and work without a terminal. A bare
`tutor`, the learner's command, has nothing to parse and does not even import argparse
(start-up budget, docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from tutor import __version__
from tutor.cli.common import Exit
from tutor.cli.options import add_location_options

if TYPE_CHECKING:
    import argparse

# The command families, in the order `tutor --help` lists their commands.
FAMILIES = ("tutor.cli.check", "tutor.cli.authoring", "tutor.cli.reading", "tutor.cli.progress", "tutor.cli.report",
            "tutor.cli.changes", "tutor.cli.lms", "tutor.cli.pack", "tutor.cli.plain", "tutor.cli.guides",
            "tutor.cli.sending", "tutor.cli.team")


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="tutor",
        description="Learn the rules of freelance marketplaces before your first job. "
        "Run without a command to open the tutor.",
        epilog="Exit status: 0 done, 1 errors found / not passed / refused, 2 usage problem, "
        "70 a bug in tutor (its details are saved to a file).",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    parser.add_argument("--plain", action="store_true",
                        help="the whole course line by line, for screen readers, pipes and scripts (or set "
                        "TUTOR_PLAIN=1); docs/accessibility.md")
    add_location_options(parser)
    parser.add_argument("--watch", action="store_true",
                        help="for authors: show each lesson or quiz as soon as it is saved, or its problems")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for family in FAMILIES:
        importlib.import_module(family).add_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args: Any = build_parser().parse_args(argv) if argv else SimpleNamespace(content=None, data_dir=None,
                                                                               plain=False, pack=None)
    handler = getattr(args, "handler", run_app)
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        # `tutor check | head` closed the pipe: not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
    except Exception as exc:  # a bug: say so in one line and keep the details for the report
        if os.environ.get("TUTOR_DEBUG"):
            raise
        damage = _damage_explaining(args)
        if damage is not None:  # not a bug: a value tutor never writes, met outside the store's calls
            from tutor.cli.common import fail

            return fail(getattr(args, "command", None) or "", str(damage))
        print(f"tutor: internal error ({type(exc).__name__}: {exc}). This is a bug; "
              f"the details are in {_save_traceback()}. Set TUTOR_DEBUG=1 to see them here.", file=sys.stderr)
        return Exit.INTERNAL


def _damage_explaining(args: Any) -> Exception | None:
    """The DamagedValueError to report instead of a bug, when the progress database holds a value
    tutor never writes (tutor/progress/stored_values.py); None otherwise."""
    try:
        from tutor.progress import DB_FILENAME, resolve_data_dir
        from tutor.progress.errors import DamagedValueError
        from tutor.progress.stored_values import damaged_value_at

        path = resolve_data_dir(getattr(args, "data_dir", None)) / DB_FILENAME
        found = damaged_value_at(path)
    except Exception:  # looking must never hide the first failure
        return None
    return None if found is None else DamagedValueError(path, found)


def _save_traceback() -> str:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile("w", prefix="tutor-error-", suffix=".txt", delete=False) as handle:
        traceback.print_exc(file=handle)
        return handle.name


_NONE_CHOSEN = Path("")  # the learner quit the chooser


def _chosen_course(args: Any) -> Path | None:
    """With several packs installed and none named, the one the learner chooses (tutor/app/chooser.py)."""
    from tutor.cli.common import courses_to_choose

    courses = courses_to_choose(args)
    if not courses or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None  # without a terminal, the launch says what works instead
    from tutor.app.chooser import choose_course
    from tutor.cli.common import packs_dir_for
    from tutor.content.installed import chosen_pack, remember_choice

    packs_dir = packs_dir_for(args)
    chosen = choose_course(courses, chosen_pack(packs_dir))
    if chosen is None:
        return _NONE_CHOSEN
    remember_choice(packs_dir, next(course_id for course_id, _title, root in courses if root == chosen))
    return chosen


def run_app(args: Any) -> int:
    from tutor.cli.common import CommandError, content_root_for, fail

    if getattr(args, "plain", False) or os.environ.get("TUTOR_PLAIN", "") not in ("", "0"):
        from tutor.cli.plain import run_plain

        return run_plain(args)

    try:
        root = _chosen_course(args) or content_root_for(args)
    except CommandError as exc:
        return fail("", str(exc), exc.exit_code)
    if root is _NONE_CHOSEN:
        return Exit.OK
    from tutor.app.launch import launch

    if getattr(args, "watch", False):
        from tutor.app.watch import LiveOptions

        return launch(root, args.data_dir, LiveOptions(watch=True))
    return launch(root, args.data_dir)
