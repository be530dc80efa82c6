"""The `tutor` command line: the app by default, and commands for authors and scripts.

Only the command that starts the app imports Textual; `--version`, `--help`, `check` and the
progress commands stay fast and work without a terminal. A bare `tutor`, the learner's command,
has nothing to parse and does not even import argparse (start-up budget, docs/performance.md).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from tutor import __version__

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="tutor",
        description="Learn the rules of freelance marketplaces before your first job. "
        "Run without a command to open the tutor.",
    )
    parser.add_argument("--version", action="version", version=f"tutor {__version__}")
    _add_common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check lessons and quizzes for problems",
                                description="Check content packs (folders) or single lesson/quiz files. "
                                "With no PATH, checks the content the app would use.")
    _add_common(check, suppress=True)
    check.add_argument("paths", nargs="*", metavar="PATH", help="a content pack folder, or a lesson or quiz file")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--max-age", type=int, default=365, metavar="DAYS",
                       help="warn when a source was last checked more than DAYS ago (default: 365)")
    check.set_defaults(handler=run_check)

    read = commands.add_parser("read", help="print a lesson as plain text (for screen readers and pipes)",
                               description="Print a lesson's pages and sources as plain text.")
    _add_common(read, suppress=True)
    read.add_argument("lesson", metavar="LESSON", help="the lesson id (as listed by `tutor progress`)")
    read.set_defaults(handler=run_read)

    from tutor.cli_progress import add_commands

    add_commands(commands, lambda command: _add_common(command, suppress=True))
    return parser


def _add_common(parser: argparse.ArgumentParser, suppress: bool = False) -> None:
    # Defined on the main parser and again on each command (without defaults there), so that
    # `tutor --content X check` and `tutor check --content X` both work.
    import argparse

    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--content", metavar="DIR", default=default,
                        help="content pack to use instead of the shipped course (or set TUTOR_CONTENT)")
    parser.add_argument("--data-dir", metavar="DIR", default=default,
                        help="where progress is stored (or set TUTOR_HOME)")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv) if argv else SimpleNamespace(content=None, data_dir=None)
    handler = getattr(args, "handler", run_app)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tutor check | head` closed the pipe: not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: say so in one line and keep the details for the report
        if os.environ.get("TUTOR_DEBUG"):
            raise
        print(f"tutor: internal error ({type(exc).__name__}: {exc}). This is a bug; "
              f"the details are in {_save_traceback()}. Set TUTOR_DEBUG=1 to see them here.", file=sys.stderr)
        return EXIT_FAILED


def _save_traceback() -> str:
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile("w", prefix="tutor-error-", suffix=".txt", delete=False) as handle:
        traceback.print_exc(file=handle)
        return handle.name


def run_app(args: argparse.Namespace) -> int:
    from tutor.content.loader import ContentRootError, content_root

    try:
        root = content_root(args.content)
    except ContentRootError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from tutor.app.launch import launch

    return launch(root, args.data_dir)


def run_read(args: argparse.Namespace) -> int:
    from tutor.content.document import build_document, plain_text
    from tutor.content.loader import ContentRootError, content_root, load_course

    try:
        course, _findings = load_course(content_root(args.content))
    except ContentRootError as exc:
        print(f"tutor read: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lesson = course.lessons.get(args.lesson)
    if lesson is None:
        known = ", ".join(l.id for l in course.ordered_lessons())
        print(f"tutor read: no lesson {args.lesson!r}; the lessons are: {known}", file=sys.stderr)
        return EXIT_USAGE
    print(f"# {lesson.title}\n")
    print(plain_text(build_document(lesson.read_body())))
    print("Sources:")
    for source in lesson.sources:
        print(f"- {source.title}, {source.section} (checked {source.checked.isoformat()}): {source.url}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from tutor.content.findings import WARNING, Finding
    from tutor.content.loader import (
        ContentRootError,
        check_file,
        check_pack,
        content_root,
    )

    targets: list[tuple[Path, Path | None]] = []  # (pack root, only this file or None)
    try:
        if not args.paths:
            targets.append((content_root(args.content), None))
        for raw in args.paths:
            path = Path(raw)
            if not path.exists():
                raise ContentRootError(f"{raw}: no such file or folder")
            targets.append(_check_target(path))
    except ContentRootError as exc:
        print(f"tutor check: {exc}", file=sys.stderr)
        return EXIT_USAGE

    findings: list[Finding] = []
    lessons = quizzes = 0
    for root, only in targets:
        if root is None:
            findings.extend(check_file(only, max_age_days=args.max_age))
            lessons += only.suffix == ".md"
            quizzes += only.suffix == ".toml"
            continue
        course, found = check_pack(root, max_age_days=args.max_age)
        if only is not None:
            found = [f for f in found if f.path.resolve() == only]
            lessons += only.suffix == ".md"
            quizzes += only.suffix == ".toml"
        else:
            lessons += len(course.lessons)
            quizzes += len(course.quiz_index)
        findings.extend(found)
    if args.strict:
        findings = [Finding(f.path, f.line, f.col, "error", f.message, f.hint) if f.severity == WARNING else f
                    for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    base = Path.cwd()
    if args.format == "json":
        print(json.dumps({"findings": [f.as_dict(base) for f in findings], "errors": errors,
                          "warnings": warnings, "lessons": lessons, "quizzes": quizzes}, indent=2))
    else:
        for finding in findings:
            print(finding.format(base))
        print(f"checked {lessons} lesson{'s' * (lessons != 1)} and {quizzes} quiz{'zes' * (quizzes != 1)}: "
              f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return EXIT_FAILED if errors else EXIT_OK


def _check_target(path: Path) -> tuple[Path | None, Path | None]:
    """A folder is checked as a pack; a file within the pack it belongs to, or alone (root None)."""
    from tutor.content.loader import ContentRootError

    path = path.resolve()
    if path.is_dir():
        return path, None
    if path.suffix not in (".md", ".toml"):
        raise ContentRootError(f"{path}: not a lesson (.md), a quiz (.toml) or a content folder")
    if path.parent.name in ("lessons", "quizzes"):
        return path.parent.parent, path
    if path.name == "course.toml":
        return path.parent, path
    return None, path
