"""`tutor check`: every problem in a pack's lessons and quizzes, as path:line:col with a hint."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, content_root_for, plural, reports_errors

if TYPE_CHECKING:
    from tutor.content.findings import Finding


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    check = commands.add_parser("check", help="check lessons and quizzes for problems",
                                description="Check content packs (folders) or single lesson/quiz files. "
                                "With no PATH, checks the pack in the current folder if there is one, "
                                "else the content the app would use.")
    command_options(check)
    check.add_argument("paths", nargs="*", metavar="PATH", help="a content pack folder, or a lesson or quiz file")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    check.add_argument("--json", action="store_const", const="json", dest="format",
                       help="the same as --format json")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--max-age", type=_days, default=365, metavar="DAYS",
                       help="warn when a source was last checked more than DAYS ago (default: 365)")
    check.set_defaults(handler=run_check)


MAX_AGE_DAYS = 36500  # a century: beyond it the date arithmetic would leave the calendar


def _days(text: str) -> int:
    """--max-age's value: a usage error, not an overflow deep in the check, when it makes no sense."""
    try:
        days = int(text)
    except ValueError:
        days = -1
    if not 0 <= days <= MAX_AGE_DAYS:
        raise argparse.ArgumentTypeError(f"--max-age takes a number of days from 0 to {MAX_AGE_DAYS}, not {text!r}")
    return days


def _known_courses(args: argparse.Namespace) -> dict[str, Path]:
    """The courses a checked pack must not take the id of: the shipped course, and every pack the
    learner has opened (their ids are in the catalogue caches, in the progress folder)."""
    from tutor.content.catalogue_cache import known_courses
    from tutor.content.course_format import load_course_file
    from tutor.content.loader import shipped_root
    from tutor.progress.location import resolve_data_dir

    known = known_courses(resolve_data_dir(getattr(args, "data_dir", None)) / "cache")
    shipped = shipped_root()
    if shipped is not None:
        course, _report = load_course_file(shipped / "course.toml", [], shipped)
        if course is not None:
            known[course.id] = shipped
    return known


def _default_target(args: argparse.Namespace) -> Path:
    """With no PATH: the pack in the current folder when there is one (an author at work in it),
    else the content the app would use (--content, $TUTOR_CONTENT, the shipped course)."""
    import os

    here = Path.cwd()
    named = getattr(args, "content", None) or os.environ.get("TUTOR_CONTENT")
    if not named and ((here / "course.toml").is_file() or (here / "lessons").is_dir()):
        return here
    return content_root_for(args)


@reports_errors("check")
def run_check(args: argparse.Namespace) -> int:
    from tutor.content.findings import WARNING, Finding
    from tutor.content.loader import check_file, check_pack

    targets: list[tuple[Path | None, Path | None]] = []  # (pack root or None, only this file or None)
    if not args.paths:
        targets.append((_default_target(args), None))
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            raise CommandError(f"{raw}: no such file or folder", Exit.USAGE)
        targets.append(_check_target(path))

    findings: list[Finding] = []
    lessons = quizzes = guides = 0
    known = _known_courses(args)
    for root, only in targets:
        if root is None:
            assert only is not None
            findings.extend(check_file(only, max_age_days=args.max_age))
            lessons, quizzes, guides = _count_file(only, lessons, quizzes, guides)
            continue
        course, found = check_pack(root, max_age_days=args.max_age, known_courses=known)
        if only is not None:
            found = [f for f in found if f.path.resolve() == only]
            lessons, quizzes, guides = _count_file(only, lessons, quizzes, guides)
        else:
            lessons += len(course.lessons)
            quizzes += len(course.quiz_index)
            guides += len(course.guide_files)
        findings.extend(found)
    if args.strict:
        findings = [Finding(f.path, f.line, f.col, "error", f.message, f.hint) if f.severity == WARNING else f
                    for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    base = Path.cwd()
    if args.format == "json":
        print(json.dumps({"findings": [f.as_dict(base) for f in findings], "errors": errors,
                          "warnings": warnings, "lessons": lessons, "quizzes": quizzes, "guides": guides}, indent=2))
    else:
        for finding in findings:
            print(finding.format(base))
        files = f"{plural(lessons, 'lesson')} and {plural(quizzes, 'quiz', 'quizzes')}"
        if guides:
            files = f"{plural(lessons, 'lesson')}, {plural(quizzes, 'quiz', 'quizzes')} and {plural(guides, 'guide')}"
        print(f"checked {files}: {plural(errors, 'error')}, {plural(warnings, 'warning')}")
    sys.stdout.flush()
    return Exit.FAILED if errors else Exit.OK


def _count_file(path: Path, lessons: int, quizzes: int, guides: int) -> tuple[int, int, int]:
    """The counts with one more lesson, quiz or guide (a .toml file in a folder called guides)."""
    if path.suffix == ".md":
        return lessons + 1, quizzes, guides
    if path.parent.name == "guides":
        return lessons, quizzes, guides + 1
    return lessons, quizzes + (path.name != "course.toml"), guides


def _check_target(path: Path) -> tuple[Path | None, Path | None]:
    """A folder is checked as a pack; a file within the pack it belongs to, or alone (root None)."""
    path = path.resolve()
    if path.is_dir():
        return path, None
    if path.suffix not in (".md", ".toml"):
        raise CommandError(f"{path}: not a lesson (.md), a quiz or guide (.toml) or a content folder", Exit.USAGE)
    if path.parent.name in ("lessons", "quizzes", "guides"):
        return path.parent.parent, path
    if path.name == "course.toml":
        return path.parent, path
    return None, path
