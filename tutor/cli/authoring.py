"""`tutor new` and `tutor preview`: start a pack, add lessons and quizzes to it, and see one file in
the app as it is saved. The files are written by the core (tutor/content/scaffold.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, fail, reports_errors, show

if TYPE_CHECKING:
    from tutor.content.scaffold import Written


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    new = commands.add_parser("new", help="start a content pack, or add a lesson or a quiz to one",
                              description="Write commented starter files that pass `tutor check --strict`. "
                              "Nothing is ever overwritten.")
    kinds = new.add_subparsers(dest="kind", metavar="WHAT", required=True)
    course = kinds.add_parser("course", help="a new pack: course.toml, one lesson, one quiz with every kind of "
                              "question", description="Write a complete starter pack in DIR (created if needed), "
                              "with a course id of its own.")
    course.add_argument("folder", metavar="DIR", help="the pack's folder")
    course.set_defaults(handler=run_new_course)

    lesson = kinds.add_parser("lesson", help="a new lesson at the end of a module",
                              description="Add a lesson to the pack in the current folder (or --content DIR), "
                              "with an id made from its title and the next order number in its module.")
    command_options(lesson)
    lesson.add_argument("title", metavar="TITLE", help="the lesson's title")
    lesson.add_argument("--module", metavar="ID",
                        help="the module's id (default: the module of the pack's last lesson); a new one is "
                        "added to course.toml")
    lesson.set_defaults(handler=run_new_lesson)

    quiz = kinds.add_parser("quiz", help="a new quiz for a lesson, with a question of every kind",
                            description="Add a quiz for LESSON_ID to the pack in the current folder "
                            "(or --content DIR).")
    command_options(quiz)
    quiz.add_argument("lesson", metavar="LESSON_ID", help="the lesson's id (`tutor lessons` lists them)")
    quiz.set_defaults(handler=run_new_quiz)

    preview = commands.add_parser("preview", help="open one lesson or quiz of a pack in the app",
                                  description="Open a lesson (lessons/*.md: the reader) or a quiz (quizzes/*.toml: "
                                  "the quiz) of a pack in the app. With --watch, every save shows at once, or the "
                                  "problems `tutor check` finds in it.")
    command_options(preview)
    preview.add_argument("path", metavar="PATH", help="a lesson or quiz file of a pack")
    preview.add_argument("--watch", action="store_true", help="show each save of the pack's files at once")
    preview.set_defaults(handler=run_preview)


def _shown(path: Path) -> str:
    """A path as the author would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _pack_root(args: argparse.Namespace) -> Path:
    """The pack `tutor new lesson|quiz` adds to: --content, else the pack the current folder is in
    (found as `tutor check` finds it), else the current folder (where the scaffold says what is missing)."""
    from tutor.content.pack_root import pack_around

    if getattr(args, "content", None):
        return Path(args.content).expanduser().resolve()
    return pack_around(Path.cwd()) or Path.cwd().resolve()


@reports_errors("new course")
def run_new_course(args: argparse.Namespace) -> int:
    from tutor.content.scaffold import ScaffoldError, new_course

    folder = Path(args.folder).expanduser()
    try:
        written = new_course(folder)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    shown = _shown(folder)
    show(f'Wrote a new content pack in {shown} (course id "{written.id}"):')
    for path in written.paths:
        show(f"  {_shown(path)}")
    show(f"Next: `tutor check --strict {shown}`, then `tutor --content {shown} --watch` to see every save at once "
         "(docs/authoring.md walks through it).")
    return Exit.OK


@reports_errors("new lesson")
def run_new_lesson(args: argparse.Namespace) -> int:
    from tutor.content.scaffold import ScaffoldError, new_lesson

    try:
        written = new_lesson(_pack_root(args), args.title, args.module)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    return _report(written, "lesson")


@reports_errors("new quiz")
def run_new_quiz(args: argparse.Namespace) -> int:
    from tutor.content.scaffold import ScaffoldError, new_quiz

    try:
        written = new_quiz(_pack_root(args), args.lesson)
    except ScaffoldError as exc:
        raise CommandError(str(exc)) from None
    return _report(written, "quiz")


def _report(written: Written, what: str) -> int:
    path = written.paths[0]
    show(f'Wrote {_shown(path)}: {what} "{written.id}", {written.notes[0]}.')
    for note in written.notes[1:]:
        show(f"Also {note}.")
    show(f"Preview it with `tutor preview {_shown(path)} --watch`.")
    return Exit.OK


@reports_errors("preview")
def run_preview(args: argparse.Namespace) -> int:
    path = Path(args.path).expanduser()
    if not path.is_file():
        raise CommandError(f"{args.path}: no such file", Exit.USAGE)
    path = path.resolve()
    folder = {".md": "lessons", ".toml": "quizzes"}.get(path.suffix)
    if folder is None or path.parent.name != folder:
        raise CommandError(f"{args.path}: not a lesson (lessons/*.md) or a quiz (quizzes/*.toml) of a pack",
                           Exit.USAGE)
    root = path.parent.parent
    content = getattr(args, "content", None)
    if content and Path(content).expanduser().resolve() != root:
        raise CommandError(f"{args.path} belongs to the pack in {root}, not to --content {content}", Exit.USAGE)
    if not args.watch and not _can_show(path):
        return fail("preview", f"{_shown(path)} has errors, so the app would not show it: `tutor check {_shown(path)}` "
                    "lists them (or preview it with --watch and fix it while the app runs)")
    from tutor.app.launch import launch
    from tutor.app.watch import LiveOptions

    return launch(root, getattr(args, "data_dir", None), LiveOptions(watch=args.watch, preview=path))


def _can_show(path: Path) -> bool:
    """Whether the file alone loads into something the app shows (a lesson, a quiz with questions)."""
    if path.suffix == ".md":
        from tutor.content.lesson_format import read_lesson_file

        return read_lesson_file(path, []).lesson is not None
    from tutor.content.quiz_format import read_quiz_file

    quiz = read_quiz_file(path).quiz
    return quiz is not None and bool(quiz.questions)
