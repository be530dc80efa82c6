"""The plain mode's runs of questions: a lesson's quiz, the readiness check and the reviews, each
asked through the one question view (plain_questions.py) and saved through the core, answer by
answer."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit
from tutor.cli.plain_io import command_parser
from tutor.cli.plain_questions import PlainQuestions

if TYPE_CHECKING:
    from tutor.content.model import Lesson, Option, Question, Step
    from tutor.progress.readiness_check import Item, ReadinessResult


class PlainRuns(PlainQuestions):
    """Quizzes, the readiness check and reviews."""


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
                        seconds=time.monotonic() - started, scheduler=self.scheduler, hints=self.hints_shown,
                        attempt_id=run.attempt_id)
            run.record(question, judgement)
            self.feedback(question, judgement, shown, ending, quiz)
            run.advance()
        assert run.attempt_id is not None
        self.store.finish_attempt(run.attempt_id, run.score, run.total)
        share = run.score / run.total
        mark = self.course.pass_mark_for(quiz.id)
        passed = share >= mark
        io.say("")
        io.say(f"Score: {score_text(run.score, run.total)}. "
               f"{'Passed' if passed else 'Not passed yet'}: the pass mark is {percent(mark)}."
               + (f" {RETRY_IS_PRACTICE}" if run.kind == "retry" else ""))
        if run.missed:
            io.say(f"Missed: {len(run.missed)}. " + ("Retry them now? (y or n)" if offer_more else
                   f"Retry them with `tutor quiz {lesson.id} --plain --retry`"))
            if offer_more and self.io.ask("(y or n)", command_parser(("y", "n", "")), "y retries the ones you "
                                          "missed, n goes back.") == "y":
                return self.quiz(lesson, retry=True, seed=seed)
        return passed and run.kind == "full"

    def _go_on(self, index: int, total: int) -> bool:
        message = f"You left this quiz part-way: {index} of {total} answered."
        if not self.io.inp.isatty():  # a script: go on, as the learner would usually want
            self.io.say(f"{message} Going on at question {index + 1} (`--again` starts again).")
            return True
        choice = self.io.ask(f"{message} g: go on at question {index + 1}, s: start again:",
                             command_parser(("g", "s")), "g goes on where you stopped, s starts again.")
        return choice == "g"

    # -- the readiness check ----------------------------------------------------------------

    def readiness(self, seed: int | None = None) -> bool:
        from tutor.progress import readiness_session as session
        from tutor.progress import wording

        io = self.io
        run = session.left_check(self.course, self.store)
        if run is not None and not run.finished and not self._go_on(run.answered, run.total):
            assert run.readiness_id is not None
            self.store.abandon_readiness(run.readiness_id)
            run = None
        if run is None:
            run = session.new_check(self.course, self.store, seed=seed)
            if not run.total:
                io.say("This course has no quiz questions to draw a readiness check from.")
                return False
            session.start(self.store, run)
        io.say("")
        io.say(f"The readiness check: {run.total} questions drawn from the course's modules. "
               f"{wording.new_questions(run.new, run.total)} No feedback until the end; each answer is saved as you "
               f"give it. {wording.readiness_rule(run.pass_mark, run.module_floor, self.course.texts)}")
        assert run.started_at is not None
        deadline = run.deadline(run.started_at)
        timed_out = False
        while (item := run.current) is not None:
            if deadline is not None and self.store.now() >= deadline:
                timed_out = True
                break
            asked = time.monotonic()

            def shown_for(question: Question, step: Step | None, item: Item = item) -> list[Option]:
                return run.options(item, step)

            judgement, _ending, _shown = self.ask_question(item.question, shown_for, run.index + 1, run.total,
                                                           exam=True)
            session.answer(self.store, run, judgement, seconds=time.monotonic() - asked, scheduler=self.scheduler)
            io.say("Saved.")
        result = session.finish(self.store, run, timed_out=timed_out)
        self._say_result(result)
        return result.passed

    def _say_result(self, result: ReadinessResult) -> None:
        from tutor.progress.wording import number, percent, quoted, sentence, source_line

        io = self.io
        io.say("")
        io.say(f"Verdict: {result.headline}. The pass mark is {percent(result.pass_mark)}; every module must reach "
               f"{percent(result.module_floor)}.")
        io.say("What it rests on:" if result.passed else "Why not yet:")
        for line in result.explanation:
            io.say(f"- {line}")
        io.say("By module, weakest first:")
        for module in result.modules:
            io.say(f"- {module.title}: {number(module.score)} of {module.total} ({percent(module.share)}); study "
                   f"{quoted(self.course.lessons[module.lesson_id].title)}")
        if result.missed:
            io.say("Rules to study again:")
        for missed in result.missed:
            io.say(f"- {missed.prompt}{' (high risk)' if missed.high_risk else ''}")
            io.say(f"  Your answer: {sentence(missed.your_answer)} Right answer: {sentence(missed.right_answer)}")
            io.say(f"  Why: {missed.explanation}")
            if missed.source is not None:
                io.say(f"  Rule: {source_line(missed.source)}, {missed.source.where}")
        io.say("Save it as a report to keep: `tutor report --format html --output readiness.html`")

    def reviews(self) -> None:
        from tutor.progress.answering import save_answer
        from tutor.progress.rule_changes import change_for, when_text
        from tutor.progress.scheduling import WEAK_SPOT_MISSES, review_outlook
        from tutor.progress.scoring import QuizRun
        from tutor.progress.wording import no_reviews_due, when_due

        due = self.store.due_reviews(self.course.id)
        io = self.io
        if not due:
            io.say(no_reviews_due(review_outlook(self.store, self.course.id)))
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
                        scheduler=self.scheduler, hints=self.hints_shown)
            self.feedback(question, judgement, shown, ending, quiz)
            done += 1
        if due:
            now = self.store.now()
            following = self.store.next_due(self.course.id, now)
            io.say(f"Done: {done} reviewed.")
            io.say(f"The next review is due {when_due(following, now)}." if following else
                   "Nothing else is scheduled: questions you miss come back here.")
        for spot in self.store.weak_spots(self.course.id, WEAK_SPOT_MISSES):
            quiz = self.course.quiz(spot.quiz_id)
            question = quiz.question(spot.question_id) if quiz is not None else None
            if quiz is not None and question is not None and quiz.lesson in self.course.lessons:
                io.say(f"Weak spot, missed {spot.misses} times: {question.prompt} Read again "
                       f"\u201c{self.course.lessons[quiz.lesson].title}\u201d.")
