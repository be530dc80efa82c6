"""The plain mode's one question view: a question asked line by line (every step of a scenario),
the answer read by number, letter or text, and the feedback in words. The quiz, the readiness
check and the reviews all ask through it (plain_runs.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.cli.plain_io import PlainIO, choice_parser

if TYPE_CHECKING:
    from tutor.content.model import Course, Option, Question, Quiz, Step
    from tutor.progress import ProgressStore
    from tutor.progress.scheduling import ReviewScheduler
    from tutor.progress.scoring import Judgement

HELP_ANSWER = ("Type the number of an answer (1, 2, ...), its letter (a, b, ...) or the start of its text; "
               "in a select-all question, every number you choose (1 3). help shows this, quit stops (your "
               "answers are saved).")
HELP_HINT = " hint (or h) shows a hint for this question, one at a time."


class PlainQuestions:
    """What every plain run shares: the course, the store, the terminal's lines and the scheduler."""

    def __init__(self, course: Course, store: ProgressStore, io: PlainIO, scheduler: ReviewScheduler) -> None:
        self.course, self.store, self.io, self.scheduler = course, store, io, scheduler
        self.hints_shown = 0  # for the question being asked: saved with its answer, as in the app
        self._hint_commands: dict[str, Callable[[], None]] = {}


    def ask_question(self, question: Question, options_for: Callable[[Question, Step | None], list[Option]],
                     number: int, total: int,
                     exam: bool = False) -> tuple[Judgement, Option | None, list[Option]]:
        """Ask one question (every step of a scenario); returns its judgement, the option that ended a
        scenario, and the options as shown (of the last step)."""
        from tutor.progress.scoring import ScenarioWalk, judge_choice
        from tutor.progress.wording import sentence

        shown_for = options_for  # (question, step | None) -> options in the order shown
        io = self.io
        io.say("")
        kind = {"single": "choose one", "multi": "select all that apply", "truefalse": "true or false",
                "scenario": "a story: what do you do?"}[question.kind]
        io.say(f"Question {number} of {total} ({kind}"
               + (f"; hint or h for a hint, {len(question.hints)} in all" if question.hints and not exam else "")
               + ")")
        io.say(question.prompt)
        self._hints_for(question, exam)
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
                    io.say(f"You: {sentence(chosen.text)} {chosen.feedback}")
            return walk.judgement(), walk.ending, shown
        shown = shown_for(question, None)
        words = {"true": 0, "t": 0, "false": 1, "f": 1} if question.kind == "truefalse" else None
        if words is not None:
            words = {w: next(i for i, o in enumerate(shown) if o.id == ("true" if v == 0 else "false"))
                     for w, v in words.items()}
        indexes = self._ask_options(shown, multi=question.kind == "multi", words=words)
        return judge_choice(question, [shown[i].id for i in indexes]), None, shown

    def _hints_for(self, question: Question, exam: bool) -> None:
        """`hint` (and `h`, where no option has that letter) at this question's prompts: the next
        hint, or why there is none, as the app's h says it."""
        self.hints_shown = 0

        def hint() -> None:
            if exam:
                self.io.say("No hints in the readiness check: it is a test of what you know.")
            elif not question.hints:
                self.io.say("This question has no hints.")
            elif self.hints_shown >= len(question.hints):
                self.io.say("There are no more hints for this question.")
            else:
                self.hints_shown += 1
                self.io.say(f"Hint {self.hints_shown}: {question.hints[self.hints_shown - 1]}")

        self._hint_commands = {"hint": hint, "h": hint}

    def _ask_options(self, shown: list[Option], multi: bool, words: dict[str, int] | None = None) -> list[int]:
        letters = "abcdefghi"
        for number, option in enumerate(shown, 1):
            self.io.say(f"  {number} ({letters[number - 1]}). {option.text}")
        prompt = "Your answers (numbers, e.g. 1 3):" if multi else "Your answer:"
        commands = {word: command for word, command in self._hint_commands.items()
                    if word not in letters[:len(shown)]}  # "h" stays the letter of an eighth option
        return self.io.ask(prompt, choice_parser(len(shown), [o.text for o in shown], multi=multi, words=words),
                           HELP_ANSWER + HELP_HINT, commands)

    def feedback(self, question: Question, judgement: Judgement, shown: list[Option], ending: Option | None,
                 source_of: Quiz) -> None:
        from tutor.progress.feedback import feedback_for
        from tutor.progress.wording import clause, joined, sentence, source_line

        lesson = self.course.lessons.get(source_of.lesson)
        feedback = feedback_for(question, judgement, shown, lesson.source(question.source) if lesson else None,
                                ending)
        io = self.io
        numbers = {option.id: n for n, option in enumerate(shown, 1)}
        if question.kind == "scenario":
            io.say(f"{feedback.verdict}." + (f" {feedback.ending}" if feedback.ending else ""))
            if feedback.good_path:
                io.say("A way to a good ending: " + sentence(joined([s.choice for s in feedback.good_path], "; then ")))
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
                io.say(f"- {numbers.get(mark.option.id, '?')}. {clause(mark.option.text)}: {mark.note}. {mark.why}")
        io.say(f"Why: {feedback.explanation}")
        if feedback.source is not None:
            io.say(f"Rule: {source_line(feedback.source)}, {feedback.source.where}")
        guide = self.course.guide_for_scenario(source_of.id, question.id) if judgement.outcome == "bad" else None
        if guide is not None:
            io.say(f"Something like this already happened to you? `tutor guide {guide.id} --plain` walks you through "
                   f"it: {guide.title}.")


def _and(numbers: list[int]) -> str:
    words = [str(n) for n in numbers]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1] if words else ""
