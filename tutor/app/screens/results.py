"""The end of a quiz: the score against the pass mark, the questions missed, and where to go on."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.app.base import ScrollingScreen
from tutor.app.messages import GoToDashboard, OpenLesson, TakeQuiz
from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import rows
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Lesson, Quiz
from tutor.progress.scoring import QuizRun
from tutor.progress.wording import RETRY_IS_PRACTICE, percent, score_text


class ResultsScreen(ScrollingScreen[None]):
    DEFAULT_CSS = styles(__file__)
    HELP = "Quiz results"
    SCROLL_BODY = "#results-body"

    BINDINGS = [
        # The most important first: a narrow key bar leaves out the last ones.
        Binding("r", "retry", "Retry missed", id="results.retry", tooltip="retry the questions you missed"),
        Binding("w", "whole_quiz", "Whole quiz", id="results.whole", tooltip="take the whole quiz again"),
        Binding("x", "next_lesson", "Next lesson", id="results.next", tooltip="on to the next lesson"),
        Binding("escape,backspace", "dashboard", "Dashboard", id="results.dashboard", tooltip="the dashboard"),
        Binding("b", "lesson", "Lesson", id="results.lesson", tooltip="back to the lesson"),
    ]

    def __init__(self, quiz: Quiz, run: QuizRun) -> None:
        super().__init__()
        self.quiz = quiz
        self.run = run
        self.missed = run.missed

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="results-body"):
            yield Static(id="score")
            yield Static(self._missed_text(), id="missed")
        # One line of short words: at 60 columns every button fits (Esc, on the key bar, is the dashboard).
        with Horizontal(id="results-actions"):
            if self.missed:
                yield Button("Retry missed", id="retry", variant="primary", action="screen.retry", compact=True)
            if self.run.kind == "retry":
                yield Button("Whole quiz", id="whole-quiz", action="screen.whole_quiz", compact=True)
            yield Button("Next lesson", id="next-lesson", variant="default" if self.missed else "primary",
                         action="screen.next_lesson", compact=True)
            yield Button("Lesson", id="lesson", action="screen.lesson", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"{self.quiz.title}: {'practice ' if self.run.kind == 'retry' else ''}results"
        self.query_one("#score", Static).update(self._summary())
        self.query_one("#results-actions").set_class(self.next_lesson is None, "-last-lesson")
        first = "#retry" if self.missed else "#next-lesson" if self.next_lesson else "#lesson"
        self.query_one(first, Button).focus()

    @property
    def next_lesson(self) -> Lesson | None:
        order = self.tutor.course.ordered_lessons()
        index = next((i for i, lesson in enumerate(order) if lesson.id == self.quiz.lesson), None)
        return order[index + 1] if index is not None and index + 1 < len(order) else None

    def _summary(self) -> Text:
        if self.run.kind == "retry":
            return self._practice_summary()
        score, total = self.run.score, self.run.total
        share = score / total if total else 0.0
        mark = self.tutor.course.pass_mark_for(self.quiz.id)
        text = Text("Your score\n", style="bold")
        text.append(f"{score_text(score, total)}\n", style="bold")
        reached = share >= mark
        text.append(f"{'✓ Passed' if reached else '✗ Not passed yet'}: the pass mark is {percent(mark)}.",
                    style="bold" if reached else "")
        previous = None
        with self.tutor.keep_going():
            previous = self.tutor.store.previous_best(self.tutor.course.id, self.quiz.id, before=self.run.attempt_id)
        if previous is not None:
            text.append(f" Your best before this was {percent(previous)}.")
        if not self.missed:
            text.append("\nYou answered every question well.")
        return text

    def _practice_summary(self) -> Text:
        """A retry of the missed questions is practice: its result, and the quiz's score, which
        stays its latest full attempt."""
        text = Text("Practice on the questions you missed\n", style="bold")
        text.append(f"{score_text(self.run.score, self.run.total)}\n", style="bold")
        text.append(RETRY_IS_PRACTICE)
        score = None
        with self.tutor.keep_going():
            score = self.tutor.store.quiz_scores(self.tutor.course.id).get(self.quiz.id)
        if score is not None:
            text.append(f" The quiz's score: {score_text(score.last_score, score.last_total)}; the whole quiz "
                        "again (w) can change it.")
        return text

    def _missed_text(self) -> RenderableType:
        if not self.missed:
            return Text("Nothing to retry.")
        items = []
        for qid in self.missed:
            question = self.quiz.question(qid)
            if question is not None:
                items.append(("✗", Text(question.prompt + "\n").append(question.explanation + "\n", style="dim")))
        return Group(Text("Questions to look at again", style="bold"), rows(items))

    def action_retry(self) -> None:
        """Take the quiz again, with only the questions missed this time."""
        if self.missed:
            self.post_message(TakeQuiz(self.quiz.lesson, self.missed))

    def action_whole_quiz(self) -> None:
        """Take the whole quiz again: its score is the one that counts."""
        self.post_message(TakeQuiz(self.quiz.lesson))

    def action_lesson(self) -> None:
        """Back to the lesson this quiz belongs to."""
        self.post_message(OpenLesson(self.quiz.lesson, keep_trail=True))

    def action_next_lesson(self) -> None:
        """On to the next lesson of the course."""
        following = self.next_lesson
        if following is not None:
            self.post_message(OpenLesson(following.id))

    def action_dashboard(self) -> None:
        """Back to the dashboard."""
        self.post_message(GoToDashboard())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.missed)
        if action == "whole_quiz":
            return self.run.kind == "retry"  # after a full attempt, "Retry missed" is the way on
        if action == "next_lesson":
            return self.next_lesson is not None
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str | None:
        if action == "retry":
            return "You missed no question: there is nothing to retry."
        if action == "next_lesson":
            return "This was the course's last lesson: Esc goes back to the dashboard."
        return None
