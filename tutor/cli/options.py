"""The options every command takes: where the content pack is and where progress is kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def add_location_options(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    """--content, --pack and --data-dir, on the main parser and again on each command (without defaults
    there), so that `tutor --content X check` and `tutor check --content X` both work."""
    import argparse

    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--content", metavar="DIR", default=default,
                        help="content pack to use instead of the shipped course (or set TUTOR_CONTENT)")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where progress is kept (or set TUTOR_HOME); by default your user data "
                        "folder, ~/.local/share/tutor on Linux: `tutor progress` prints it")
    parser.add_argument("--pack", metavar="ID", default=default,
                        help="an installed pack to use (`tutor pack list`), or the shipped course's id")


def command_options(parser: argparse.ArgumentParser) -> None:
    """What every command takes: the location options, without overriding the main parser's."""
    add_location_options(parser, suppress=True)
