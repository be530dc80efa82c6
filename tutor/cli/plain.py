"""The plain mode: the whole course line by line on standard input and output, for screen readers,
braille displays, slow links and scripts (`tutor --plain`, `tutor quiz LESSON --plain`,
`tutor readiness --plain`; docs/accessibility.md).

A face like the app: it asks the core (the same runs, judgements, feedback, scheduler, store and
readiness verdict) and writes what they say in words. Nothing is scored or stored here.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, content_root_for, open_store_for, reports_errors
from tutor.cli.plain_io import EndOfInput, PlainIO, Quit

if TYPE_CHECKING:
    from tutor.cli.plain_session import PlainSession




def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli.options import command_options

    quiz = commands.add_parser("quiz", help="take a lesson's quiz (--plain: line by line, for scripts and screen "
                               "readers)", description="Take the quiz of LESSON. With --plain, questions and "
                               "feedback are plain lines, answers are typed; the exit status says whether "
                               "the quiz was passed (0) or not (1).")
    command_options(quiz)
    quiz.add_argument("lesson", metavar="LESSON", help="the lesson id (`tutor lessons` lists them)")
    quiz.add_argument("--plain", action="store_true", help="line by line instead of the full-screen app")
    quiz.add_argument("--retry", action="store_true", help="only the questions you missed last time")
    quiz.add_argument("--again", action="store_true", help="start again, not where you left off")
    quiz.add_argument("--seed", type=int, help="a fixed order of the options (for a repeatable script)")
    quiz.set_defaults(handler=run_quiz)

    readiness = commands.add_parser("readiness", help="the readiness check: am I ready? "
                                    "(--plain: line by line)", description="Questions drawn from every module, "
                                    "no feedback until the end, then the verdict. Exit status 0 ready, 1 not yet.")
    command_options(readiness)
    readiness.add_argument("--plain", action="store_true", help="line by line instead of the full-screen app")
    readiness.add_argument("--seed", type=int, help="a fixed draw (for a repeatable script)")
    readiness.set_defaults(handler=run_readiness)


def plain_wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "plain", False) or os.environ.get("TUTOR_PLAIN", "") not in ("", "0"))


@reports_errors("plain")
def run_plain(args: argparse.Namespace) -> int:
    with open_session(args, choose=True) as session:
        return session.menu()


@reports_errors("quiz")
def run_quiz(args: argparse.Namespace) -> int:
    if not plain_wanted(args):
        return app_at(args, ("quiz", args.lesson))
    with open_session(args) as session:
        lesson = session.lesson(args.lesson)
        try:
            passed = session.quiz(lesson, retry=args.retry, again=args.again, seed=args.seed, offer_more=False)
        except (EndOfInput, Quit):
            session.io.say(f"Stopped before the end: your answers so far are saved. `tutor quiz {lesson.id} --plain` "
                           "goes on where you stopped.")
            return Exit.FAILED
        return Exit.OK if passed else Exit.FAILED


@reports_errors("readiness")
def run_readiness(args: argparse.Namespace) -> int:
    if not plain_wanted(args):
        return app_at(args, ("readiness", ""))
    with open_session(args) as session:
        try:
            return Exit.OK if session.readiness(seed=args.seed) else Exit.FAILED
        except (EndOfInput, Quit):
            session.io.say("Stopped before the end: your answers so far are saved. `tutor readiness --plain` goes "
                           "on where you stopped.")
            return Exit.FAILED


def app_at(args: argparse.Namespace, start: tuple[str, str]) -> int:
    from tutor.app.launch import launch

    return launch(content_root_for(args), getattr(args, "data_dir", None), start=start)


class open_session:
    """Open the course and the store for a plain session; always close the store."""

    def __init__(self, args: argparse.Namespace, choose: bool = False) -> None:
        self.args = args
        self.choose = choose  # with several packs installed and none named: ask which (the menu only)

    def __enter__(self) -> PlainSession:
        from tutor.cli.plain_session import PlainSession
        from tutor.content.loader import load_course
        from tutor.progress.scheduling import ReviewScheduler

        io = PlainIO()
        root = self._chosen_root(io) if self.choose else None
        root = root or content_root_for(self.args)
        self.store = open_store_for(self.args, "plain")
        course, _ = load_course(root)
        if not course.lessons:
            self.store.close()
            raise CommandError(f"no lessons could be loaded from {root}; run `tutor check {root}`")
        return PlainSession(course, self.store, io, ReviewScheduler())

    def _chosen_root(self, io: PlainIO) -> Path | None:
        """The numbered choice of a course, when several packs are installed and none is named."""
        from tutor.cli.common import courses_to_choose, packs_dir_for
        from tutor.cli.plain_io import choice_parser
        from tutor.content.installed import remember_choice

        courses = courses_to_choose(self.args)
        if not courses:
            return None
        io.say("Which course?")
        for number, (_id, title, _root) in enumerate(courses, 1):
            io.say(f"  {number}. {title}")
        try:
            [index] = io.ask("Type a number:", choice_parser(len(courses), [title for _i, title, _r in courses],
                                                              what="course"),
                             "Type the number of the course to open, then Enter. quit stops.")
        except (EndOfInput, Quit):
            raise CommandError("no course was chosen", Exit.OK) from None
        remember_choice(packs_dir_for(self.args), courses[index][0])
        return courses[index][2]

    def __exit__(self, *exc: object) -> None:
        self.store.close()


def main_plain(args: argparse.Namespace) -> int:
    """`tutor --plain` (or TUTOR_PLAIN=1): the menu."""
    return run_plain(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_plain(argparse.Namespace(content=None, data_dir=None)))
