"""`tutor progress`, `tutor reset` and `tutor export`: the progress store on the command line.

A face over tutor.progress, in plain text: no Textual or Rich, so these stay fast and work in
scripts. Every handler returns an exit code (tutor.cli.common.Exit) and prints problems as one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import asdict

from tutor.cli.common import (
    CommandError,
    Exit,
    database_exists,
    load_course_for,
    open_store_for,
    plural,
    reading_store_for,
    reports_errors,
    show,
    show_json,
)
from tutor.content.model import CourseTexts
from tutor.content.sanitize import clean_text
from tutor.progress import CourseSummary
from tutor.progress.records import RecordedCounts
from tutor.progress.scheduling import WEAK_SPOT_MISSES
from tutor.progress.wording import percent, readiness_line, retry_text, reviews_text, score_text

if TYPE_CHECKING:
    from tutor.content.model import Course
    from tutor.progress.course_progress import LessonProgress
    from tutor.progress.scheduling import ReviewOutlook


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `progress`, `reset` and `export` on the main parser's subparsers."""
    from tutor.cli.options import command_options as add_location_options

    progress = subparsers.add_parser(
        "progress", help="show your progress in the course",
        description="Each lesson read or not, its quiz's score and retries, readiness checks, reviews due.",
    )
    add_location_options(progress)
    progress.add_argument("--json", action="store_true", help="print JSON for scripts")
    progress.set_defaults(handler=run_progress)

    reset = subparsers.add_parser(
        "reset", help="erase your progress in the course (a backup copy is kept)",
        description="Erase your progress in the course. A copy of the database is kept first, "
        "and its path is printed. Settings such as the theme are kept. --restore BACKUP puts a "
        "backup back (the database as it is now is copied aside first).",
    )
    add_location_options(reset)
    reset.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    reset.add_argument("--all", action="store_true",
                       help="erase the progress of every course, not only this one")
    reset.add_argument("--restore", metavar="BACKUP",
                       help="put back the progress saved in BACKUP (a progress.db.backup-... file)")
    reset.add_argument("--list", action="store_true",
                       help="list the backups kept, newest first, and how to restore one")
    reset.set_defaults(handler=run_reset)

    export = subparsers.add_parser(
        "export", help="write every quiz attempt and answer as JSON or CSV",
        description="Every quiz attempt (full or retry), answer and readiness check, with ids and UTC timestamps.",
    )
    add_location_options(export)
    export.add_argument("--format", choices=("json", "csv"), default="json",
                        help="output format (default: json)")
    export.add_argument("--json", action="store_const", const="json", dest="format",
                        help="the same as --format json")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    export.add_argument("--course", metavar="ID", help="only this course id (default: every course)")
    export.set_defaults(handler=run_export)


# -- tutor progress ------------------------------------------------------------------------------


@reports_errors("progress")
def run_progress(args: argparse.Namespace) -> int:
    from tutor.progress import resolve_data_dir
    from tutor.progress.course_progress import read_progress
    from tutor.progress.scheduling import review_outlook

    course = load_course_for(args)
    folder = resolve_data_dir(getattr(args, "data_dir", None))
    with reading_store_for(args, "progress") as store:  # looking creates no database
        summary = store.summary(course)
        lessons = read_progress(course, store)
        reviews = review_outlook(store, course.id)
        weak = len(store.weak_spots(course.id, WEAK_SPOT_MISSES))
    if args.json:
        document = _jsonable(summary)
        document["lessons"] = [_lesson_json(course, item) for item in lessons.values()]
        document.update(reviews_due_now=reviews.due, next_review_at=_jsonable(reviews.next_at), weak_spots=weak,
                        pass_mark=course.pass_mark, progress_folder=str(folder))
        show_json(document)
    else:
        show(format_summary(summary, course, lessons, reviews, weak) + f"\n\nYour progress is kept in {folder}\n"
             "(--data-dir DIR or TUTOR_HOME=DIR keeps it elsewhere)")
    return Exit.OK


def _lesson_json(course: Course, item: LessonProgress) -> dict[str, Any]:
    quiz = item.quiz
    return {
        "id": item.lesson_id, "title": course.lessons[item.lesson_id].title, "reading": item.reading,
        "read": item.read, "done": item.done, "quiz": item.quiz_id, "quiz_passed": item.passed,
        "quiz_last": None if quiz is None else quiz.last, "quiz_best": None if quiz is None else quiz.best,
        "quiz_attempts": 0 if quiz is None else quiz.attempts,
        "quiz_pass_mark": None if item.quiz_id is None else course.pass_mark_for(item.quiz_id),
        "retry": None if quiz is None or quiz.retry_total is None else
        {"score": quiz.retry_score, "total": quiz.retry_total},
    }


def format_summary(summary: CourseSummary, course: Course | None = None,
                   lessons: dict[str, LessonProgress] | None = None, reviews: ReviewOutlook | None = None,
                   weak: int = 0) -> str:
    """The summary as plain text: the course in a few lines, then one block per module with each
    lesson's reading and quiz, then the readiness checks."""
    lessons = lessons or {}
    done = sum(item.done for item in lessons.values())
    read = sum(item.read for item in lessons.values())
    with_quiz = [item for item in lessons.values() if item.quiz_id]
    taken = [item for item in with_quiz if item.quiz is not None]
    passed = sum(bool(item.passed) for item in taken)
    mark = course.pass_mark if course else 0.8
    own = " unless a quiz sets its own" if course and any(course.pass_mark_for(item.quiz_id) != mark
                                                           for item in with_quiz) else ""
    lines = [
        f"{summary.title}  (course {summary.course_id})",
        f"Lessons done: {done} of {len(lessons)} (read to the end, and the quiz passed where there is one); "
        f"read: {read} of {len(lessons)}",
        f"Quizzes: {len(taken)} of {len(with_quiz)} taken, {passed} passed (pass mark {percent(mark)}{own})",
        f"Reviews: {reviews_text(reviews).lower() if reviews else 'none yet'}; weak spots (questions missed "
        f"{WEAK_SPOT_MISSES} times or more): {weak}",
        f"Last activity: {_when(summary.last_activity)}",
        "",
    ]
    for module in summary.modules:
        lines.append(module.title)
        module_lessons = [lessons[lid] for lid in (course.modules_by_id[module.module_id].lessons
                                                   if course else ()) if lid in lessons]
        for item in module_lessons:
            lines.append("  " + _lesson_line(course, item))  # type: ignore[arg-type]
        if not module_lessons:
            lines.append(f"  lessons {module.lessons_done}/{module.lessons_total} read")
        lines.append(f"  last activity {_when(module.last_activity)}")
    lines.append("")
    if not summary.readiness:
        lines.append("Readiness checks: none yet")
    else:
        lines.append(f"Readiness checks: {len(summary.readiness)}")
        for attempt in summary.readiness:
            titles = course.modules_by_id if course else {}
            scores = ", ".join(f"{titles[m].title if m in titles else m} {percent(s)}"
                               for m, s in attempt.module_scores.items())
            verdict = readiness_line(attempt, course.texts if course else CourseTexts())
            lines.append(f"  {_when(attempt.taken_at)}: {verdict} ({scores or 'no modules'})")
            lines += [f"    - {line}" for line in (attempt.evidence if attempt.passed else attempt.reasons)]
    return "\n".join(lines)


def _lesson_line(course: Course, item: LessonProgress) -> str:
    lesson = course.lessons[item.lesson_id]
    reading = {"not-started": "not started", "reading": f"reading (page {item.page + 1})", "done": "read"}
    parts = [f"{lesson.title}: {reading[item.reading]}"]
    if item.quiz_id is not None:
        quiz = course.quiz(item.quiz_id)
        # The quiz's own title only where it is not the lesson's: a title is said once.
        name = f"quiz {item.quiz_id}" if quiz is None else "quiz" if quiz.title == lesson.title else \
            f'quiz "{quiz.title}"'
        joiner = " " if name == "quiz" else ": "
        score = item.quiz
        if score is None:
            parts.append(f"{name} not taken yet")
        else:
            text = (f"{name}{joiner}{score_text(score.last_score, score.last_total)}, "
                    f"{'passed' if item.passed else 'not passed yet'}; best {percent(score.best)}, "
                    f"{plural(score.attempts, 'attempt')}")
            if retry := retry_text(score):
                text += f"; {retry}"
            parts.append(text)
    return "; ".join(parts)


def _when(moment: datetime | None) -> str:
    # Local time: this is read by the learner, whose clock is local. Exports stay in UTC.
    return "none yet" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


# -- tutor reset ---------------------------------------------------------------------------------


@reports_errors("reset")
def run_reset(args: argparse.Namespace) -> int:
    if getattr(args, "list", False):
        return _list_backups(args)
    if getattr(args, "restore", None):
        return _restore(args)
    if args.all:
        course_id, what = None, "your progress in every course"
    else:
        course = load_course_for(args)
        course_id, what = course.id, f'your progress in "{course.title}" (course {course.id})'
    if not database_exists(args):
        show(f"Nothing to erase: no progress has been recorded yet ({what[5:]}).")
        return Exit.OK
    # Open first: a database we cannot use should be reported before the learner is asked anything.
    with open_store_for(args, "reset") as store:
        if not store.has_progress(course_id):
            show(f"Nothing to erase: there is no progress recorded in {what[5:]}. No backup was written.")
            return Exit.OK
        counts = _counts_text(store.recorded_counts(course_id))
        asked = clean_text(f"Erase {what}: {counts}? A backup copy is kept. [y/N] ")
        if not args.yes and not _confirmed(asked, "tutor reset" + (" --all" if args.all else "") + " --yes"):
            print("Nothing was erased.")
            return Exit.FAILED
        backup = store.reset(course_id)
    show(f"Erased {what}: {counts}.\nA copy from before is kept; to put it back:\n"
         f"  tutor reset --restore {shlex.quote(str(backup))}")
    return Exit.OK


def _counts_text(counts: RecordedCounts) -> str:
    """"3 lessons opened, 27 answers, 1 readiness check": what a reset erases, in words."""
    parts = [plural(counts.lessons, "lesson") + " opened", plural(counts.answers, "answer"),
             plural(counts.readiness_checks, "readiness check")]
    if counts.reviews:
        parts.append(plural(counts.reviews, "question") + " waiting for review")
    return ", ".join(parts)


def _list_backups(args: argparse.Namespace) -> int:
    from tutor.progress import resolve_data_dir
    from tutor.progress.location import backups

    folder = resolve_data_dir(getattr(args, "data_dir", None))
    found = backups(folder)
    if not found:
        show(f"No backups in {folder}: `tutor reset` keeps one before it erases anything.")
        return Exit.OK
    show(f"Backups in {folder}, newest first:")
    for path in found:
        made = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        show(f"  {made}  {path.name}")
    show(f"To put one back: tutor reset --restore {shlex.quote(str(found[0]))}  (the newest)")
    return Exit.OK


def _restore(args: argparse.Namespace) -> int:
    from tutor.progress.database import sound_backup

    backup = Path(args.restore).expanduser()
    with open_store_for(args, "reset") as store:
        with sound_backup(backup):  # a file that cannot be restored is refused before anything is asked
            pass
        if not args.yes and not _confirmed(f"Replace all your progress with the backup {backup}? "
                                           "The progress as it is now is copied aside first. [y/N] ",
                                           f"tutor reset --restore {shlex.quote(str(backup))} --yes"):
            print("Nothing was changed.")
            return Exit.FAILED
        before = store.restore(backup)
    show(f"Restored the progress from {backup}.\nThe progress from before is at {before}")
    return Exit.OK


def _confirmed(prompt: str, without_asking: str) -> bool:
    """Ask on the terminal; with none to ask on, refuse and name the command (`without_asking`)
    that does what was asked without asking."""
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise CommandError(
            "refusing to change your progress without confirmation: there is no terminal to ask on. "
            f"Run `{without_asking}` to do it without asking."
        )
    try:
        answer = input(prompt)
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


# -- tutor export --------------------------------------------------------------------------------


@reports_errors("export")
def run_export(args: argparse.Namespace) -> int:
    from tutor.progress.output import output_file

    course = _course_if_any(args)
    with reading_store_for(args, "export") as store:  # exporting creates no database
        known = store.course_ids()
        if args.course is not None and args.course not in known:
            print(f"tutor export: warning: no progress is recorded for a course {args.course!r}"
                  + (f"; the courses with progress are: {', '.join(known)}" if known else ""), file=sys.stderr)
        if args.output is None:
            store.write_export(sys.stdout, args.format, args.course, course)
        else:
            with output_file(Path(args.output), data_dir=getattr(args, "data_dir", None), newline="") as out:
                count = store.write_export(out, args.format, args.course, course)
            print(f"Wrote {plural(count, 'record')} to {args.output}", file=sys.stderr)
    return Exit.OK


def _course_if_any(args: argparse.Namespace) -> Course | None:
    """The course, so its answers get their questions and options in words; an export does not
    need it (it holds every course's progress), so content that cannot be found leaves them out."""
    try:
        return load_course_for(args)
    except CommandError:
        return None


# -- shared --------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    """Records to dicts, datetimes to ISO 8601 strings, tuples to lists."""
    if isinstance(value, Struct):
        return {name: _jsonable(item) for name, item in asdict(value).items()}
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds")
    return value
