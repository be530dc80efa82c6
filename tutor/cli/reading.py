"""`tutor read` and `tutor lessons`: the course as plain text, for screen readers, pipes and scripts."""

from __future__ import annotations

import argparse

from tutor.cli.common import CommandError, Exit, load_course_for, reports_errors, show, show_json


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    lessons = commands.add_parser("lessons", help="list the course's lessons with their ids",
                                  description="Every lesson of the course, in course order: id and title.")
    command_options(lessons)
    lessons.add_argument("--json", action="store_true", help="print JSON for scripts")
    lessons.set_defaults(handler=run_lessons)

    read = commands.add_parser("read", help="print a lesson as plain text (for screen readers and pipes)",
                               description="Print a lesson's pages and sources as plain text. "
                               "Without LESSON, list the lessons (as `tutor lessons` does).")
    command_options(read)
    read.add_argument("lesson", metavar="LESSON", nargs="?",
                      help="the lesson id, as `tutor lessons` lists them")
    read.set_defaults(handler=run_read)


@reports_errors("lessons")
def run_lessons(args: argparse.Namespace) -> int:
    course = load_course_for(args)
    if getattr(args, "json", False):
        rows = [{"id": lesson.id, "title": lesson.title, "module": lesson.module, "minutes": lesson.minutes,
                 "quiz": course.quiz_id_for(lesson.id)} for lesson in course.ordered_lessons()]
        show_json(rows)
        return Exit.OK
    from tutor.content.lesson_numbers import lesson_numbers

    numbers = {lesson_id: number for number, lesson_id in lesson_numbers(course).items()}
    lessons = course.ordered_lessons()
    width = max((len(lesson.id) for lesson in lessons), default=0)
    for lesson in lessons:  # the number is the dashboard's: `tutor read 2.1` works too
        show(f"{numbers.get(lesson.id, ''):<5} {lesson.id:<{width}}  {lesson.title}")
    return Exit.OK


@reports_errors("read")
def run_read(args: argparse.Namespace) -> int:
    from tutor.content.document import build_document
    from tutor.content.document_plain import plain_text
    from tutor.progress.wording import source_line

    if not args.lesson:
        return run_lessons(args)
    course = load_course_for(args)
    from tutor.content.lesson_numbers import find_lesson

    lesson = find_lesson(course, args.lesson)
    if lesson is None:
        known = ", ".join(lesson.id for lesson in course.ordered_lessons())
        raise CommandError(f"no lesson {args.lesson!r}; the lessons are: {known}, or their numbers as the "
                           "dashboard shows them (`tutor lessons` lists both with their titles)", Exit.USAGE)
    show(f"# {lesson.title}\n")
    show(plain_text(build_document(course.lesson_body(lesson))))
    print("Sources:")
    for source in lesson.sources:
        show(f"- {source_line(source)}: {source.where}")
    return Exit.OK
