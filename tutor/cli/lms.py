"""`tutor lms export` and `tutor lms import`: a pack's quizzes out to a learning platform (Moodle XML,
GIFT, QTI 2.1), and a platform's question bank (Moodle XML, GIFT) into a pack. The formats are
tutor/interchange/; this module finds the pack, writes the file the user named and prints the report.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, load_course_for, reports_errors, show

if TYPE_CHECKING:
    from tutor.content.model import Course
    from tutor.interchange import ExportReport


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options
    from tutor.interchange import EXPORT_FORMATS

    lms = commands.add_parser("lms", help="export quizzes to Moodle XML, GIFT or QTI 2.1; import Moodle XML or GIFT",
                              description="Interchange with learning platforms (docs/lms.md): what each format "
                              "keeps and loses is printed after every export and import.")
    actions = lms.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write the pack's quizzes for a learning platform",
        description="Write every quiz of the pack (or those named with --quiz) as Moodle XML, GIFT or a QTI 2.1 "
        "content package. Scenarios are flattened along the way to a good ending; the report says what a "
        "learner of the platform will not see.")
    command_options(export)
    export.add_argument("--format", required=True, choices=tuple(EXPORT_FORMATS),
                        help="moodle-xml, gift, qti21 (a .zip), or anki: the questions you missed as a deck")
    export.add_argument("--quiz", action="append", metavar="ID", help="only this quiz (repeat for more)")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write (replaced whole, never half-written)")
    export.add_argument("--report", action="store_true", help="also write the report beside FILE (FILE.report.txt)")
    export.set_defaults(handler=run_export)

    read = actions.add_parser(
        "import", help="turn a Moodle XML or GIFT question bank into quizzes of a pack",
        description="Read a Moodle XML or GIFT file whole, then write its multiple-choice and true/false questions "
        "into PACK_DIR as quizzes (one per category) with a starter lesson each. Nothing is overwritten; "
        "what the bank lacks is written as placeholders that `tutor check` reports.")
    command_options(read)
    read.add_argument("file", metavar="FILE", help="a Moodle XML (.xml) or GIFT (.gift, .txt) file")
    read.add_argument("--into", required=True, metavar="PACK_DIR", help="the pack to add to (created if needed)")
    read.set_defaults(handler=run_import)


@reports_errors("lms export")
def run_export(args: argparse.Namespace) -> int:
    from tutor.cli.common import content_root_for
    from tutor.interchange import course_quiz_ids, export_quizzes
    from tutor.progress.output import refuse_progress_files, write_output

    course = load_course_for(args)
    known = course_quiz_ids(course)
    wanted = list(dict.fromkeys(args.quiz)) if args.quiz else known
    unknown = [quiz_id for quiz_id in wanted if quiz_id not in known]
    if unknown:
        raise CommandError(f"no quiz {', '.join(unknown)} in this pack (its quizzes: {', '.join(known) or 'none'})",
                           Exit.USAGE)
    output = Path(args.output)
    refuse_to_overwrite(output, pack_files(content_root_for(args)))
    refuse_progress_files(output, args.data_dir)  # before the work: the learner hears at once
    if args.format == "anki":
        data, report = _missed_as_anki(args, course, wanted)
        text = f"Wrote the {report.questions} question(s) you missed, from {report.quizzes} quiz(zes), to {output} " \
               "as Anki cards (import it in Anki: cards already there are updated).\n"
    else:
        data, report = export_quizzes(course, wanted, args.format)
        text = report.render(str(output))
    write_output(output, data, data_dir=args.data_dir)
    if args.report:
        beside = output.with_name(output.name + ".report.txt")
        refuse_to_overwrite(beside, pack_files(content_root_for(args)))
        write_output(beside, text, data_dir=args.data_dir)
        text += f"This report is also in {beside}.\n"
    show(text.rstrip("\n"))
    return Exit.OK


def _missed_as_anki(args: argparse.Namespace, course: Course, quiz_ids: list[str]) -> tuple[bytes, ExportReport]:
    """The questions whose latest answer (to their present wording) was wrong, as an Anki deck."""
    from tutor.cli.common import reading_store_for
    from tutor.interchange import ExportReport, anki

    missed = []
    with reading_store_for(args, "lms export") as store:
        for quiz_id in quiz_ids:
            quiz = course.quiz(quiz_id)
            if quiz is None:
                continue
            wrong = set(store.missed_questions(course.id, quiz_id, {q.id: q.content_hash for q in quiz.questions}))
            missed += [(quiz, question) for question in quiz.questions if question.id in wrong]
    if not missed:
        raise CommandError("you have missed no question of these quizzes (or answered none yet): no deck to write")
    report = ExportReport("Anki")
    try:
        return anki.write(course, missed, report), report
    except anki.AnkiMissing as exc:
        raise CommandError(str(exc)) from None


@reports_errors("lms import")
def run_import(args: argparse.Namespace) -> int:
    from tutor.content.scaffold import ScaffoldError
    from tutor.interchange import UnsafeFile, import_bank

    source, root = Path(args.file), Path(args.into)
    if not source.is_file():
        raise CommandError(f"{source} is not a file", Exit.USAGE)
    if root.exists() and not root.is_dir():
        raise CommandError(f"{root} is a file; --into takes a pack's folder", Exit.USAGE)
    try:
        report = import_bank(source, root)
    except (UnsafeFile, ScaffoldError) as exc:
        raise CommandError(f"{exc}; nothing was written") from None
    show(report.render().rstrip("\n"))
    if not report.written:
        raise CommandError(f"{source} has no question the tutor can take; nothing was written")
    show(f"\nNext: `tutor check {root}` lists what is left to complete.")
    return Exit.OK


def pack_files(content: Path) -> list[tuple[Path, str]]:
    """What an export must never replace besides the learner's progress (which tutor/progress/output.py
    guards for every output): the pack's own files."""
    return [(content / name, "a file of the pack being exported") for name in
            ("course.toml", "changes.toml", "lessons", "quizzes")]


def refuse_to_overwrite(output: Path, protected: list[tuple[Path, str]]) -> None:
    target = output.resolve()
    for path, what in protected:
        kept = path.resolve()
        if target == kept or kept in target.parents:
            raise CommandError(f"{output} is {what} ({kept}): an export never writes over it or into it; "
                               "choose another file", Exit.USAGE)
    if target.is_dir():
        raise CommandError(f"{output} is a folder; -o takes a file name", Exit.USAGE)
    if not target.parent.is_dir():
        raise CommandError(f"the folder {target.parent} does not exist", Exit.USAGE)
