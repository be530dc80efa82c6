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
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit, content_root_for, open_store_for, reports_errors
from tutor.cli.plain_io import EndOfInput, PlainIO, Quit, choice_parser

if TYPE_CHECKING:
    from tutor.content.model import Course, Lesson, Option, Question, Quiz, Step
    from tutor.progress import ProgressStore
    from tutor.progress.readiness_check import Item
    from tutor.progress.scheduling import ReviewScheduler
    from tutor.progress.scoring import Judgement

HELP_ANSWER = ("Type the number of an answer (1, 2, ...), its letter (a, b, ...) or the start of its text; "
               "in a select-all question, every number you choose (1 3). help shows this, quit stops (your "
               "answers are saved).")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from tutor.cli import command_options

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

    readiness = commands.add_parser("readiness", help="the readiness check: am I ready for a first job? "
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
    with _session(args) as session:
        return session.menu()


@reports_errors("quiz")
def run_quiz(args: argparse.Namespace) -> int:
    if not plain_wanted(args):
        return _app_at(args, ("quiz", args.lesson))
    with _session(args) as session:
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
        return _app_at(args, ("readiness", ""))
    with _session(args) as session:
        try:
            return Exit.OK if session.readiness(seed=args.seed) else Exit.FAILED
        except (EndOfInput, Quit):
            session.io.say("Stopped before the end: your answers so far are saved. `tutor readiness --plain` goes "
                           "on where you stopped.")
            return Exit.FAILED


def _app_at(args: argparse.Namespace, start: tuple[str, str]) -> int:
    from tutor.app.launch import launch

    return launch(content_root_for(args), getattr(args, "data_dir", None), start=start)


class _session:
    """Open the course and the store for a plain session; always close the store."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args

    def __enter__(self) -> PlainSession:
        from tutor.content.loader import load_course
        from tutor.progress.scheduling import ReviewScheduler

        root = content_root_for(self.args)
        self.store = open_store_for(self.args, "plain")
        course, _ = load_course(root)
        if not course.lessons:
            self.store.close()
            raise CommandError(f"no lessons could be loaded from {root}; run `tutor check {root}`")
        return PlainSession(course, self.store, PlainIO(), ReviewScheduler())

    def __exit__(self, *exc: object) -> None:
        self.store.close()


class PlainSession:
    def __init__(self, course: Course, store: ProgressStore, io: PlainIO, scheduler: ReviewScheduler) -> None:
        self.course, self.store, self.io, self.scheduler = course, store, io, scheduler

    # -- the menu ---------------------------------------------------------------------------

    def menu(self) -> int:
        from tutor.progress.rule_changes import open_course

        io = self.io
        io.say(f"{self.course.title}")
        io.say("Not legal advice. Platforms change their rules: every lesson lists its sources and the date they "
               "were checked. Type help at any prompt, quit to stop; your progress is saved after every answer.")
        news = open_course(self.course, self.store)
        if news.announced:
            since = f" since {news.since.astimezone():%-d %B %Y}" if news.since else ""
            io.say(f"Note: {len(news.announced)} rule{'s' * (len(news.announced) != 1)} you studied changed{since}. "
                   "Choose Rule changes to read what changed.")
        try:
            while True:
                actions = self._menu_actions()
                io.say("")
                io.say("What would you like to do?")
                for number, (label, _action) in enumerate(actions, 1):
                    io.say(f"  {number}. {label}")
                labels = [label for label, _ in actions]
                [index] = io.ask("Type a number:", choice_parser(len(actions), labels, what="choice"),
                                 "Type the number of what you want to do, then Enter. quit stops.")
                actions[index][1]()
        except (EndOfInput, Quit):
            io.say("Your progress is saved. Goodbye.")
        return Exit.OK

    def _menu_actions(self) -> list[tuple[str, Callable[[], object]]]:
        from tutor.progress.course_progress import next_step, read_progress
        from tutor.progress.scheduling import end_of_today

        progress = read_progress(self.course, self.store)
        last = self.store.last_position(self.course.id)
        step = next_step(self.course, progress, last.lesson_id if last else None, last.page if last else 0)
        due = self.store.due_count(self.course.id, end_of_today(self.store.now()))
        actions: list[tuple[str, Callable[[], object]]] = []
        if step is not None:
            title = self.course.lessons[step.lesson_id].title
            verb = {"quiz": "Take the quiz of", "continue": "Continue", "start": "Start"}[step.action]
            lesson = self.course.lessons[step.lesson_id]
            if step.action == "quiz":
                actions.append((f"{verb}: {title}", lambda: self.quiz(lesson)))
            else:
                actions.append((f"{verb}: {title}" + (f" (page {step.page + 1})" if step.action == "continue" else ""),
                                lambda: self.read(lesson, step.page)))
        actions += [
            ("Lessons: choose one to read", self.choose_lesson),
            ("Take a quiz", self.choose_quiz),
            ("Readiness check: am I ready for a first job?", self.readiness),
            (f"Reviews due today: {due}", self.reviews),
            ("Progress", self.progress),
            ("Rule changes", self.changes),
            ("Save the latest readiness report", self.report),
            ("Quit", self._quit),
        ]
        return actions

    @staticmethod
    def _quit() -> None:
        raise Quit

    def lesson(self, lesson_id: str) -> Lesson:
        lesson = self.course.lessons.get(lesson_id)
        if lesson is None:
            known = ", ".join(item.id for item in self.course.ordered_lessons())
            raise CommandError(f"no lesson {lesson_id!r}; the lessons are: {known}", Exit.USAGE)
        return lesson

    def _pick_lesson(self, prompt: str, with_quiz: bool = False) -> Lesson | None:
        lessons = [item for item in self.course.ordered_lessons() if not with_quiz or self.course.quiz_id_for(item.id)]
        if not lessons:
            self.io.say("There is nothing to choose here.")
            return None
        for number, item in enumerate(lessons, 1):
            self.io.say(f"  {number}. {item.title} ({item.minutes} min)")
        [index] = self.io.ask(prompt, choice_parser(len(lessons), [item.title for item in lessons]),
                              "Type the number of a lesson, then Enter. quit stops.")
        return lessons[index]

    def choose_lesson(self) -> None:
        lesson = self._pick_lesson("Which lesson? Type its number:")
        if lesson is not None:
            self.read(lesson)

    def choose_quiz(self) -> None:
        lesson = self._pick_lesson("Whose quiz? Type the lesson's number:", with_quiz=True)
        if lesson is not None:
            self.quiz(lesson)

    # -- reading ----------------------------------------------------------------------------

    def read(self, lesson: Lesson, page: int | None = None) -> None:
        from tutor.content.document import build_document, plain_page
        from tutor.progress.wording import source_line

        document = build_document(self.course.lesson_body(lesson))
        total = len(document)
        index = page if page is not None else self.store.lesson_states(self.course.id, [lesson.id])[lesson.id].page
        index = min(max(index, 0), total - 1)
        self.store.record_lesson_opened(self.course.id, lesson.id)
        while True:
            self.store.record_page_seen(self.course.id, lesson.id, index, total)
            self.io.say("")
            self.io.say(f"{lesson.title}: page {index + 1} of {total}")
            self.io.say(plain_page(document.page(index)))
            last = index == total - 1
            if last:
                self.io.say("Sources:")
                for source in lesson.sources:
                    self.io.say(f"- {source_line(source)}: {source.url}")
                self.io.say("That was the last page.")
            options = "Enter: next page, p: previous page, c: contents, q: the quiz, m: the menu"
            if last:
                options = "p: previous page, c: contents, q: the quiz, n: the next lesson, m: the menu"
            allowed = ("p", "c", "q", "n", "m") if last else ("", "p", "c", "q", "m")
            typed = self.io.ask(f"({options})", _command_parser(allowed), f"{options}. help shows this, quit stops.")
            if typed == "" and not last:
                index += 1
            elif typed == "p" and index > 0:
                index -= 1
            elif typed == "c":
                for number, title in enumerate(document.toc(), 1):
                    self.io.say(f"  {number}. {title}")
                [index] = self.io.ask("Which page? Type its number:", choice_parser(total, document.toc()),
                                      "Type the number of a page.")
            elif typed == "q":
                if self.course.quiz_id_for(lesson.id):
                    self.quiz(lesson)
                else:
                    self.io.say("This lesson has no quiz.")
                return
            elif typed == "n" and last:
                following = self._next_lesson(lesson)
                if following is None:
                    self.io.say("That was the last lesson of the course.")
                    return
                lesson, document, index = following, build_document(self.course.lesson_body(following)), 0
                total = len(document)
                self.store.record_lesson_opened(self.course.id, lesson.id)
            elif typed == "m":
                return

    def _next_lesson(self, lesson: Lesson) -> Lesson | None:
        order = self.course.ordered_lessons()
        at = next(i for i, item in enumerate(order) if item.id == lesson.id)
        return order[at + 1] if at + 1 < len(order) else None

    # -- questions --------------------------------------------------------------------------

    def ask_question(self, question: Question, options_for: Callable[[Question, Step | None], list[Option]],
                     number: int, total: int,
                     exam: bool = False) -> tuple[Judgement, Option | None, list[Option]]:
        """Ask one question (every step of a scenario); returns its judgement, the option that ended a
        scenario, and the options as shown (of the last step)."""
        from tutor.progress.scoring import ScenarioWalk, judge_choice

        shown_for = options_for  # (question, step | None) -> options in the order shown
        io = self.io
        io.say("")
        kind = {"single": "choose one", "multi": "select all that apply", "truefalse": "true or false",
                "scenario": "a story: what do you do?"}[question.kind]
        io.say(f"Question {number} of {total} ({kind})")
        io.say(question.prompt)
        if question.kind == "scenario":
            walk = ScenarioWalk(question)
            shown: list[Option] = []
            while not walk.finished:
                assert walk.step is not None
                io.say(walk.step.text)
                shown = shown_for(question, walk.step)
                [index] = self._ask_options(shown, multi=False)
                chosen = walk.choose(shown[index].id)
                if not exam:
                    io.say(f"You: {chosen.text}. {chosen.feedback}")
            return walk.judgement(), walk.ending, shown
        shown = shown_for(question, None)
        words = {"true": 0, "t": 0, "false": 1, "f": 1} if question.kind == "truefalse" else None
        if words is not None:
            words = {w: next(i for i, o in enumerate(shown) if o.id == ("true" if v == 0 else "false"))
                     for w, v in words.items()}
        indexes = self._ask_options(shown, multi=question.kind == "multi", words=words)
        return judge_choice(question, [shown[i].id for i in indexes]), None, shown

    def _ask_options(self, shown: list[Option], multi: bool, words: dict[str, int] | None = None) -> list[int]:
        letters = "abcdefghi"
        for number, option in enumerate(shown, 1):
            self.io.say(f"  {number} ({letters[number - 1]}). {option.text}")
        prompt = "Your answers (numbers, e.g. 1 3):" if multi else "Your answer:"
        return self.io.ask(prompt, choice_parser(len(shown), [o.text for o in shown], multi=multi, words=words),
                           HELP_ANSWER)

    def feedback(self, question: Question, judgement: Judgement, shown: list[Option], ending: Option | None,
                 source_of: Quiz) -> None:
        from tutor.progress.feedback import feedback_for
        from tutor.progress.wording import source_line

        lesson = self.course.lessons.get(source_of.lesson)
        feedback = feedback_for(question, judgement, shown, lesson.source(question.source) if lesson else None,
                                ending)
        io = self.io
        numbers = {option.id: n for n, option in enumerate(shown, 1)}
        if question.kind == "scenario":
            io.say(f"{feedback.verdict}." + (f" {feedback.ending}" if feedback.ending else ""))
            if feedback.good_path:
                io.say("A way to a good ending: " + "; then ".join(step.choice for step in feedback.good_path) + ".")
        else:
            chose = [numbers[i] for i in judgement.chosen if i in numbers]
            right = [numbers[o.id] for o in shown if o.correct]
            if judgement.correct:
                io.say("Right.")
            else:
                word = "Partly right" if judgement.score > 0 else "Not quite"
                io.say(f"{word}: you chose {_and(chose) or 'nothing'}, the right "
                       f"{'answers are' if len(right) != 1 else 'answer is'} {_and(right)}.")
            if feedback.points:
                io.say(f"Points: {feedback.points}.")
            for mark in feedback.marks:
                io.say(f"- {numbers.get(mark.option.id, '?')}. {mark.option.text}: {mark.note}. {mark.option.feedback}")
        io.say(f"Why: {feedback.explanation}")
        if feedback.source is not None:
            io.say(f"Rule: {source_line(feedback.source)}, {feedback.source.url}")

    # -- a quiz -----------------------------------------------------------------------------

    def quiz(self, lesson: Lesson, retry: bool = False, again: bool = False, seed: int | None = None,
             offer_more: bool = True) -> bool:
        """Take a lesson's quiz; True when it was completed and passed."""
        from tutor.progress.answering import save_answer
        from tutor.progress.scoring import QuizRun
        from tutor.progress.wording import RETRY_IS_PRACTICE, percent, score_text

        quiz = self.course.quiz_for(lesson.id)
        if quiz is None or not quiz.questions:
            raise CommandError(f"lesson {lesson.id!r} has no quiz that can be taken", Exit.USAGE)
        io = self.io
        hashes = {q.id: q.content_hash for q in quiz.questions}
        only = self.store.missed_questions(self.course.id, quiz.id, hashes) if retry else None
        if retry and not only:
            io.say("You missed no question of this quiz last time: there is nothing to retry.")
            return True
        left = None if (retry or again) else self.store.open_attempt(self.course.id, quiz.id)
        run = QuizRun(quiz, only, seed=seed)
        if left is not None:
            resumed = QuizRun(quiz, plan=left.plan, answered=left.answers)
            if resumed.results and not resumed.finished:
                if self._go_on(resumed.index, resumed.total):
                    run = resumed
                    run.attempt_id = left.id
                else:
                    self.store.abandon_attempt(left.id)
        elif again:
            stale = self.store.open_attempt(self.course.id, quiz.id)
            if stale is not None:
                self.store.abandon_attempt(stale.id)
        io.say("")
        io.say(f"Quiz: {quiz.title} ({run.total} question{'s' * (run.total != 1)}"
               f"{', only those you missed' if retry else ''})")
        if quiz.left_out:
            io.say(f"{quiz.left_out} question(s) of this quiz have problems and are left out "
                   "(`tutor check` lists them).")
        while not run.finished:
            question = run.current
            assert question is not None
            started = time.monotonic()
            judgement, ending, shown = self.ask_question(question, run.options, run.index + 1, run.total)
            if run.attempt_id is None:
                run.attempt_id = self.store.start_attempt(self.course.id, quiz.id, run.kind, run.plan)
            save_answer(self.store, self.course.id, quiz.id, question, judgement,
                        seconds=time.monotonic() - started, scheduler=self.scheduler, attempt_id=run.attempt_id)
            run.record(question, judgement)
            self.feedback(question, judgement, shown, ending, quiz)
            run.advance()
        assert run.attempt_id is not None
        self.store.finish_attempt(run.attempt_id, run.score, run.total)
        share = run.score / run.total
        passed = share >= self.course.pass_mark
        io.say("")
        io.say(f"Score: {score_text(run.score, run.total)}. "
               f"{'Passed' if passed else 'Not passed yet'}: the pass mark is {percent(self.course.pass_mark)}."
               + (f" {RETRY_IS_PRACTICE}" if run.kind == "retry" else ""))
        if run.missed:
            io.say(f"Missed: {len(run.missed)}. " + ("Retry them now? (y or n)" if offer_more else
                   f"Retry them with: tutor quiz {lesson.id} --plain --retry"))
            if offer_more and self.io.ask("(y or n)", _command_parser(("y", "n", "")), "y retries the ones you "
                                          "missed, n goes back.") == "y":
                return self.quiz(lesson, retry=True, seed=seed)
        return passed and run.kind == "full"

    def _go_on(self, index: int, total: int) -> bool:
        message = f"You left this quiz part-way: {index} of {total} answered."
        if not self.io.inp.isatty():  # a script: go on, as the learner would usually want
            self.io.say(f"{message} Going on at question {index + 1} (`--again` starts again).")
            return True
        choice = self.io.ask(f"{message} g: go on at question {index + 1}, s: start again:",
                             _command_parser(("g", "s")), "g goes on where you stopped, s starts again.")
        return choice == "g"

    # -- the readiness check ----------------------------------------------------------------

    def readiness(self, seed: int | None = None) -> bool:
        from tutor.progress.answering import save_answer
        from tutor.progress.readiness_check import ReadinessRun, judge
        from tutor.progress.wording import number, percent, source_line

        io = self.io
        left = self.store.open_readiness(self.course.id)
        run = None
        if left is not None:
            resumed = ReadinessRun(self.course, plan=left.plan, answered=left.answers)
            if resumed.total and not resumed.finished:
                if self._go_on(len(resumed.results), resumed.total):
                    run = resumed
                    run.readiness_id = left.id
                else:
                    self.store.abandon_readiness(left.id)
        if run is None:
            run = ReadinessRun(self.course, seed=seed)
            if not run.total:
                io.say("This course has no quiz questions to draw a readiness check from.")
                return False
            run.readiness_id = self.store.start_readiness(self.course.id, run.plan)
        io.say("")
        io.say(f"The readiness check: {run.total} questions drawn from the course's modules. No feedback until the "
               "end; each "
               f"answer is saved as you give it. You are ready when you score at least {percent(run.pass_mark)} "
               "and miss no high-risk question (a mistake that can cost you the account or the money).")
        started = left.started_at if left is not None and run.readiness_id == left.id else self.store.now()
        deadline = run.deadline(started)
        timed_out = False
        while not run.finished:
            item = run.current
            assert item is not None
            if deadline is not None and self.store.now() >= deadline:
                timed_out = True
                break
            asked = time.monotonic()

            def shown_for(question: Question, step: Step | None, item: Item = item) -> list[Option]:
                return run.options(item, step)

            judgement, _ending, _shown = self.ask_question(item.question, shown_for, run.index + 1, run.total,
                                                           exam=True)
            save_answer(self.store, self.course.id, item.quiz.id, item.question, judgement,
                        seconds=time.monotonic() - asked, scheduler=self.scheduler, readiness_id=run.readiness_id)
            run.record(item, judgement)
            io.say("Saved.")
            run.advance()
        result = judge(run, timed_out=timed_out)
        assert run.readiness_id is not None
        self.store.finish_readiness(run.readiness_id, {m.module_id: m.share for m in result.modules}, result.passed,
                                    result.score, result.total, result.reasons)
        io.say("")
        io.say(f"Verdict: {result.verdict}. Score {number(result.score)} of {result.total} "
               f"({percent(result.share)}); the pass mark is {percent(result.pass_mark)}.")
        for reason in result.reasons:
            io.say(f"- {reason}")
        io.say("By module, weakest first:")
        for module in result.modules:
            io.say(f"- {module.title}: {number(module.score)} of {module.total} ({percent(module.share)}); study "
                   f"\u201c{self.course.lessons[module.lesson_id].title}\u201d")
        if result.missed:
            io.say("Rules to study again:")
        for missed in result.missed:
            io.say(f"- {missed.prompt}{' (high risk)' if missed.high_risk else ''}")
            io.say(f"  Your answer: {missed.your_answer}. Right answer: {missed.right_answer}.")
            io.say(f"  Why: {missed.explanation}")
            if missed.source is not None:
                io.say(f"  Rule: {source_line(missed.source)}, {missed.source.url}")
        io.say("Save it as a report to keep: tutor report --format html --output readiness.html")
        return result.passed

    # -- reviews, progress, changes, report -------------------------------------------------

    def reviews(self) -> None:
        from tutor.progress.answering import save_answer
        from tutor.progress.rule_changes import change_for, when_text
        from tutor.progress.scheduling import WEAK_SPOT_MISSES, end_of_today
        from tutor.progress.scoring import QuizRun

        due = self.store.due_reviews(self.course.id, now=end_of_today(self.store.now()))
        io = self.io
        if not due:
            io.say("No reviews are due today.")
        done = 0
        for n, card in enumerate(due, 1):
            quiz = self.course.quiz(card.quiz_id)
            question = quiz.question(card.question_id) if quiz is not None else None
            if quiz is None or question is None:
                self.store.remove_review(self.course.id, card.quiz_id, card.question_id)
                continue
            change = change_for(self.course, card.reason)
            if change is not None:
                io.say("")
                io.say(f"A rule this question tests has changed ({when_text(change)}): {change.title}. "
                       f"{change.summary}")
            run = QuizRun(quiz, only=[question.id])
            asked = time.monotonic()
            judgement, ending, shown = self.ask_question(question, run.options, n, len(due))
            save_answer(self.store, self.course.id, quiz.id, question, judgement, seconds=time.monotonic() - asked,
                        scheduler=self.scheduler)
            self.feedback(question, judgement, shown, ending, quiz)
            done += 1
        following = self.store.next_due(self.course.id)
        if due:
            io.say(f"Done: {done} reviewed.")
        io.say(f"The next reviews are due {following.astimezone():%A %d %B, %H:%M}." if following else
               "Nothing else is scheduled: questions you miss come back here.")
        for spot in self.store.weak_spots(self.course.id, WEAK_SPOT_MISSES):
            quiz = self.course.quiz(spot.quiz_id)
            question = quiz.question(spot.question_id) if quiz is not None else None
            if quiz is not None and question is not None and quiz.lesson in self.course.lessons:
                io.say(f"Weak spot, missed {spot.misses} times: {question.prompt} Read again "
                       f"\u201c{self.course.lessons[quiz.lesson].title}\u201d.")

    def progress(self) -> None:
        from tutor.cli.progress import format_summary
        from tutor.progress.course_progress import read_progress
        from tutor.progress.scheduling import WEAK_SPOT_MISSES, end_of_today

        summary = self.store.summary(self.course)
        self.io.say(format_summary(summary, self.course, read_progress(self.course, self.store),
                                   self.store.due_count(self.course.id, end_of_today(self.store.now())),
                                   len(self.store.weak_spots(self.course.id, WEAK_SPOT_MISSES))))

    def changes(self) -> None:
        from tutor.progress.rule_changes import timeline, when_text

        found = timeline(self.course)
        if not found:
            self.io.say("This course lists no rule changes.")
        for change in found:
            self.io.say("")
            self.io.say(f"{when_text(change)}, {change.platform}: {change.title}")
            self.io.say(change.summary)
            self.io.say(f"Source: {change.source.title} (checked {change.source.checked.isoformat()}), "
                        f"{change.source.url}")
        self.store.mark_changes_seen(self.course.id, [c.id for c in found])

    def report(self) -> None:
        from tutor.progress.readiness_check import finished_result
        from tutor.progress.report import render

        found = finished_result(self.course, self.store)
        if found is None:
            self.io.say("There is no finished readiness check yet.")
            return
        attempt, result = found
        folder = self.store.path.parent / "reports"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = folder / f"readiness-{self.course.id}-{attempt.taken_at.astimezone():%Y%m%d-%H%M}.md"
        target.write_text(render("md", self.course, attempt, result), encoding="utf-8")
        self.io.say(f"Report saved: {target} (tutor report --format html writes one to print).")


def _command_parser(allowed: tuple[str, ...]) -> Callable[[str], str]:
    from tutor.cli.plain_io import BadAnswer

    def parse(typed: str) -> str:
        lowered = typed.lower()
        if lowered in allowed:
            return lowered
        shown = ", ".join("Enter" if a == "" else a for a in allowed)
        said = "An empty line" if not typed else repr(typed)
        raise BadAnswer(f"{said} is not one of: {shown}. help says what each does.")

    return parse


def _and(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""


def main_plain(args: argparse.Namespace) -> int:
    """`tutor --plain` (or TUTOR_PLAIN=1): the menu."""
    return run_plain(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_plain(argparse.Namespace(content=None, data_dir=None)))
