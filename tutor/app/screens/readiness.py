"""The readiness check: questions from every module in exam mode (no feedback until the end), then the
verdict, a bar per module and every missed rule with its source."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from tutor.app.base import ScrollingScreen
from tutor.app.messages import GoToDashboard, OpenLesson, ReadinessFinished, SaveReport
from tutor.app.screens import styles
from tutor.app.screens.answering import AnsweringScreen
from tutor.app.widgets.feedback import Palette
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import rows
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Question
from tutor.progress import ProgressStoreError, wording
from tutor.progress import readiness_session as session
from tutor.progress.readiness_check import ReadinessResult, ReadinessRun, judge
from tutor.progress.scoring import Judgement
from tutor.progress.wording import number, percent, source_line


class ReadinessScreen(AnsweringScreen):
    """The check itself: an introduction, then one question at a time (the one question view, in exam
    mode: no feedback until the end), each answer saved as given."""

    DEFAULT_CSS = styles(__file__)
    HELP = "Readiness check"
    EXAM = True
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave", id="readiness.leave",
                tooltip="leave the check: your answers are kept and you can go on later"),
    ]

    def __init__(self, run: ReadinessRun) -> None:
        super().__init__()
        self.run = run  # run.started_at is None until the learner starts (a resumed check has one)

    def compose_intro(self) -> ComposeResult:
        yield Static(id="r-intro")

    def compose_buttons(self) -> ComposeResult:
        yield Button("Start the check", id="start", variant="primary", action="screen.start", compact=True)
        yield Button("Submit", id="submit", variant="primary", action="screen.submit", compact=True)

    def on_mount(self) -> None:
        self.title = self.tutor.course.texts.readiness_check
        if self.run.started_at is None:
            self.add_class("-intro")
            self.query_one("#r-intro", Static).update(self._intro())
            self.query_one("#start", Button).focus()
        else:
            self._begin()

    def _intro(self) -> Text:
        run = self.run
        modules = len({item.module_id for item in run.items})
        text = Text("The readiness check\n\n", style="bold")
        text.append(f"{run.total} questions drawn from the course's {modules} module{'s' * (modules != 1)}, "
                    "in a random order. ")
        text.append(wording.new_questions(run.new, run.total), style="bold")
        text.append(" No feedback is shown until the end, as in an exam; each answer is saved as you give it, so "
                    "you can leave and go on later.\n\n")
        rule = wording.readiness_rule(run.pass_mark, run.module_floor, self.tutor.course.texts)
        text.append(rule + "\n\n", style="bold")
        if run.minutes:
            text.append(f"Time limit: {run.minutes} minutes. ", style="bold")
            text.append("Questions not answered in time count as missed.\n\n")
        text.append("The result lists every rule you missed, with its source.", style="dim")
        return text

    def action_start(self) -> None:
        """Start the check: its questions are drawn and it is saved from here on."""
        if self.run.started_at is not None:
            return
        try:
            session.start(self.tutor.store, self.run)
        except ProgressStoreError as exc:
            self.tutor.store_failed(exc, always=True)
            return
        self._begin()

    def _begin(self) -> None:
        self.remove_class("-intro")
        if self.run.minutes:
            self.set_interval(1, self._tick)
        if self.run.finished:
            self._finish()
        else:
            self._show()

    def _show(self) -> None:
        item = self.run.current
        assert item is not None
        self._tick()
        self.ask(item.question, lambda question, step: self.run.options(item, step),
                 f"Question {self.run.index + 1} of {self.run.total}")

    def _tick(self) -> None:
        place = f"question {min(self.run.index + 1, self.run.total)} of {self.run.total}"
        deadline = self.run.deadline(self.run.started_at) if self.run.started_at else None
        if deadline is not None:
            left = (deadline - self.tutor.store.now()).total_seconds()
            if left <= 0:
                self._finish(timed_out=True)
                return
            place += f" · {int(left // 60)}:{int(left % 60):02d} left"
        self.sub_title = place

    def save(self, question: Question, judgement: Judgement) -> None:
        item = self.run.current
        assert item is not None and item.question is question
        session.answer(self.tutor.store, self.run, judgement, seconds=time.monotonic() - self.asked_at,
                       scheduler=self.tutor.scheduler)  # saved, then the run moves on

    def go_on(self) -> None:
        if self.run.current is None:
            self._finish()
        else:
            self._show()

    def _finish(self, timed_out: bool = False) -> None:
        try:
            result = session.finish(self.tutor.store, self.run, timed_out=timed_out)
        except ProgressStoreError as exc:
            self.tutor.store_failed(exc, always=True)
            result = judge(self.run, timed_out=timed_out)  # shown, though it could not be kept
        self.post_message(ReadinessFinished(self.run.readiness_id or 0, result))


class ReadinessResultScreen(ScrollingScreen[None]):
    """The verdict and why, a bar per module (weakest first, each opening its lesson), every missed rule."""

    DEFAULT_CSS = styles(__file__)
    HELP = "Readiness result"
    HELP_NOTES = (("1-9", "open the lesson of module number N (the weakest first)"),)
    SCROLL_BODY = "#result-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save_report", "Save report", id="readiness.report",
                tooltip="save this result as a report to keep (HTML)"),
        Binding("escape,backspace", "dashboard", "Dashboard", id="readiness.dashboard", tooltip="the dashboard"),
        *(Binding(str(n), f"open_module({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, result: ReadinessResult, readiness_id: int | None = None) -> None:
        super().__init__()
        self.result = result
        self.readiness_id = readiness_id

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="result-body"):
            yield Static(id="verdict")
            yield Static(id="modules")
            yield Static(id="missed")
        with Horizontal(id="r-actions"):
            yield Button("Save report", id="save-report", variant="primary", action="screen.save_report", compact=True)
            yield Button("Dashboard", id="dashboard", action="screen.dashboard", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Readiness check: result"
        palette = Palette(self.tutor.theme_colors)
        self.query_one("#verdict", Static).update(self._verdict(palette))
        self.query_one("#modules", Static).update(self._modules())
        self.query_one("#missed", Static).update(self._missed())
        self.query_one("#save-report", Button).focus()

    def _verdict(self, palette: Palette) -> RenderableType:
        result = self.result
        tone = "good" if result.passed else "bad"
        text = Text()
        mark = "✓" if result.passed else "✗"
        text.append(f"{mark} {result.headline}\n", style=Style(bold=True, color=palette.tone(tone)))
        text.append(f"The pass mark is {percent(result.pass_mark)}; every module must reach "
                    f"{percent(result.module_floor)}.\n")
        text.append("What it rests on:" if result.passed else "Why not yet:", style="bold")
        # Each line wrapped under its own words, not under the bullet.
        return Group(text, rows(("•", Text(line)) for line in result.explanation)) if result.explanation else text

    def _modules(self) -> RenderableType:
        lines = [(Text(f"{n}.", style="bold"), _bar(m.share, f"{m.title}: {number(m.score)} of {m.total} "
                                                          f"({percent(m.share)})"))
                 for n, m in enumerate(self.result.modules[:9], 1)]
        return Group(Text("\nBy module, weakest first (press its number to open its lesson)", style="bold"),
                     rows(lines))

    def _missed(self) -> RenderableType:
        if not self.result.missed:
            return Text("\nYou answered every question right.")
        items = []
        for missed in self.result.missed:
            body = Text(missed.prompt + (" (high risk)" if missed.high_risk else ""), style="bold")
            body.append(f"\nYour answer: {missed.your_answer}\nRight answer: {missed.right_answer}\n"
                        f"Why: {missed.explanation}")
            if missed.source is not None:
                body.append(f"\nRule: {source_line(missed.source)}")
                body.append(f"\n{missed.source.where}", style="dim")
            items.append(("✗", body))
        return Group(Text("\nRules to study again", style="bold"), rows(items))

    def action_open_module(self, n: int) -> None:
        """Open the lesson of module number n (its first missed question's lesson)."""
        if 1 <= n <= len(self.result.modules):
            self.post_message(OpenLesson(self.result.modules[n - 1].lesson_id, keep_trail=True))

    def action_save_report(self) -> None:
        """Save the result as an HTML report in the progress folder, and say where."""
        self.post_message(SaveReport())

    def action_dashboard(self) -> None:
        """Back to the dashboard."""
        self.post_message(GoToDashboard())


def _bar(share: float, label: str, width: int = 20) -> Text:
    filled = round(width * share)
    text = Text("█" * filled, style="bold")
    text.append("░" * (width - filled), style="dim")
    text.append(f"  {label}")
    return text
