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


def known_courses() -> dict[str, Path]:
    """The course a checked pack must not take the id of: the shipped course, which every learner has.
    A pack is otherwise judged alone (the same on the author's machine as in CI): two installed packs
    with one id are a question for `tutor pack add`, which asks it."""
    from tutor.content.course_format import load_course_file
    from tutor.content.loader import shipped_root

    shipped = shipped_root()
    if shipped is None:
        return {}
    course, _report = load_course_file(shipped / "course.toml", [], shipped)
    return {course.id: shipped} if course is not None else {}


def _default_target(args: argparse.Namespace) -> Path:
    """With no PATH: the pack the current folder is in (from its top, or from inside lessons/ or
    quizzes/, as `tutor new` finds it), else the content the app would use (--content,
    $TUTOR_CONTENT, the shipped course)."""
    import os

    from tutor.content.pack_root import pack_around

    named = getattr(args, "content", None) or os.environ.get("TUTOR_CONTENT")
    around = None if named else pack_around(Path.cwd())
    return around if around is not None else content_root_for(args)


def describe_pack(root: Path) -> str:
    """Which pack this is, in words: "the shipped course", or "the pack in my-pack" (relative to the
    current folder when inside it)."""
    from tutor.content.loader import shipped_root
    from tutor.content.sanitize import clean_line

    shipped = shipped_root()
    if shipped is not None and shipped.resolve() == root.resolve():
        return "the shipped course"
    try:
        shown = str(root.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        shown = str(root)
    return f"the pack in {clean_line(shown)}"


@reports_errors("check")
def run_check(args: argparse.Namespace) -> int:
    from tutor.content.findings import WARNING, Finding
    from tutor.content.loader import check_file, check_pack, pack_files

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
    known = known_courses()
    checked: list[str] = []  # which packs (or lone files), in words
    for root, only in targets:
        if root is None:
            assert only is not None
            findings.extend(check_file(only, max_age_days=args.max_age))
            lessons, quizzes, guides = _count_file(only, lessons, quizzes, guides)
            checked.append(f"{only.name} (in no pack)")
            continue
        course, found = check_pack(root, max_age_days=args.max_age, known_courses=known)
        checked.append(describe_pack(root))
        if only is not None:
            found = [f for f in found if f.path.resolve() == only]
            lessons, quizzes, guides = _count_file(only, lessons, quizzes, guides)
        else:
            # Files, not what loaded: a lesson with an error is still a lesson that was checked.
            lesson_files, quiz_files = pack_files(root, [])
            lessons += len(lesson_files)
            quizzes += len(quiz_files)
            guides += len(course.guide_files)
        findings.extend(found)
    if args.strict:
        findings = [Finding(f.path, f.line, f.col, "error", f.message, f.hint) if f.severity == WARNING else f
                    for f in findings]
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    base = Path.cwd()
    if args.format == "json":
        print(json.dumps({"checked": list(dict.fromkeys(checked)), "findings": [f.as_dict(base) for f in findings],
                          "errors": errors, "warnings": warnings, "lessons": lessons, "quizzes": quizzes,
                          "guides": guides}, indent=2))
    else:
        for finding in findings:
            print(finding.format(base))
        files = f"{plural(lessons, 'lesson')} and {plural(quizzes, 'quiz', 'quizzes')}"
        if guides:
            files = f"{plural(lessons, 'lesson')}, {plural(quizzes, 'quiz', 'quizzes')} and {plural(guides, 'guide')}"
        print(f"checked {files} in {' and '.join(dict.fromkeys(checked))}: {plural(errors, 'error')}, "
              f"{plural(warnings, 'warning')}")
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
