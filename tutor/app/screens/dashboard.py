"""The dashboard: the course at a glance, where to continue, and every lesson with its state.

It is the first thing a learner sees, so it is built from light widgets (see docs/performance.md).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from tutor.app.base import TutorScreen
from tutor.app.messages import OpenGuide, OpenLesson, ShowChanges, StartReadiness, StartReviews, TakeQuiz
from tutor.app.screens import styles
from tutor.app.widgets.action_bar import ActionBar
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_list import LessonList, Row
from tutor.app.widgets.lesson_page import fitted
from tutor.content.lesson_numbers import lesson_numbers
from tutor.progress.course_progress import LessonProgress, NextStep, next_step, read_progress, unfinished
from tutor.progress.scheduling import ReviewOutlook, review_outlook
from tutor.progress.wording import (
    lesson_state,
    no_reviews_due,
    readiness_line,
    retry_text,
    reviews_text,
    score_text,
    unfinished_line,
)


def progress_line(done: int, total: int, width: int = 20) -> Text:
    """A text progress bar: cheaper to draw than a ProgressBar widget, and readable without colour."""
    filled = round(width * done / total) if total else 0
    line = Text("█" * filled, style="bold")
    line.append("░" * (width - filled), style="dim")
    line.append(f"  {done} of {total} lessons done")
    return line


class DashboardScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)
    TITLE = "Dashboard"
    HELP = "Dashboard: the course, your progress, every lesson"
    HELP_WITH = (LessonList,)
    AUTO_FOCUS = "#lessons"  # focused before the first frame, so it is not restyled right after
    _laid_out_at: Size | None = None  # the size of the last layout (see on_resize)
    _next: NextStep | None = None  # what "continue" does
    _progress: dict[str, LessonProgress] = {}
    _reviews: ReviewOutlook | None = None
    _summary_parts: list[Text] = []  # the course's title, then the parts of the lines under it
    _shorter: dict[str, Text] = {}  # a part's shorter words, for where the longer would wrap
    _done = (0, 0)  # lessons done, of how many
    _review_timer: Timer | None = None  # refreshes the dashboard when the next review becomes due

    BINDINGS = [
        Binding("c", "continue", "Continue", id="dashboard.continue", tooltip="continue where you left off"),
        # Short words: at 60 columns every key fits on the bar, ? Help included.
        Binding("q", "quiz", "Quiz", id="dashboard.quiz", tooltip="take the highlighted lesson's quiz"),
        Binding("r", "reviews", "Review", id="dashboard.reviews", tooltip="answer the questions due for review"),
        Binding("a", "readiness", "Ready?", id="dashboard.readiness",
                tooltip="the readiness check: questions from every module, then a verdict"),
        Binding("u", "changes", "Changes", id="dashboard.changes",
                tooltip="the platforms' rule changes this course follows, newest first"),
        Binding("g", "guides", "Went wrong?", id="dashboard.guides",
                tooltip="something already went wrong? guides to what to do now and what to tell support"),
    ]

    def __init__(self, *, under_welcome: bool = False) -> None:
        super().__init__()
        # A new learner's first sight is the welcome, over the dashboard: the dashboard's widgets are
        # built when it is first shown, not styled and laid out under the welcome before that first
        # frame (15 to 20 ms, docs/performance.md).
        self._unbuilt = under_welcome

    def compose(self) -> ComposeResult:
        if not self._unbuilt:
            yield from self._widgets()

    def _widgets(self) -> list[Widget]:
        # Five widgets and no containers: each widget more is styled and laid out before the
        # first frame (docs/performance.md).
        return [Static(id="summary"), ActionBar(id="continue"), LessonList(id="lessons"), Static(id="detail"),
                KeyBar()]

    def on_mount(self) -> None:
        # Filled here, before the first frame, so the learner's first sight is the whole dashboard.
        if not self._unbuilt:
            self.refresh_progress()
        self._shown_once = False

    def on_resize(self, event: events.Resize) -> None:
        # Just after the first frame Textual sends the screen three Resize events of the size it
        # was just laid out at, and lays the whole screen out again for each: about 10 ms during
        # which that frame waits to be written out (docs/performance.md). Only a new size needs it.
        if event.size == self._laid_out_at:
            event.prevent_default()
        else:
            self._laid_out_at = event.size
            if self._summary_parts:  # its lines break between parts, at the width
                self._show_summary()
                self._fit_detail()

    async def on_screen_resume(self) -> None:
        if self._unbuilt:
            if self.app.screen is not self:  # resumed at start-up, under the welcome
                return
            self._unbuilt = False
            await self.mount_all(self._widgets())
            self.query_one(LessonList).focus()
            self._shown_once = True  # so that it is filled below
        # Textual lays the screen out at the app's size as it resumes, right after this handler.
        self._laid_out_at = self.app.size
        # Also sent when the dashboard is first shown, just after on_mount filled it.
        if self._shown_once:
            self.refresh_progress()
        self._shown_once = True

    def refresh_progress(self) -> None:
        """Re-read the learner's progress from the store and redraw everything that depends on it
        (if it cannot be read, the learner is told and the dashboard stays as it was). One not built
        yet is filled when it is."""
        if self._unbuilt:
            return
        with self.tutor.keep_going():
            self._refresh_progress()

    def _refresh_progress(self) -> None:
        course, store = self.tutor.course, self.tutor.store
        progress = read_progress(course, store)
        done = sum(p.done for p in progress.values())
        # Text, never a str: the title comes from the pack.
        self._summary_parts = [Text(course.title, style="bold"), self._bar(done, len(progress)),
                               *self._self_assessment_parts()]
        self._done = (done, len(progress))
        news = self.tutor.change_news
        if news.announced:  # said on the start they were first met: once
            count = len(news.announced)
            since = f" since {news.since.astimezone():%-d %B}" if news.since else ""
            verb = "have" if count != 1 else "has"
            self._summary_parts.append(Text(f"⚠ {count} rule{'s' * (count != 1)} you studied {verb} changed{since} "
                                            "(press u)", style="bold"))
        if course.guide_files:  # listed with the catalogue: knowing there are guides reads none of them
            guides = Text("Something already went wrong? ", style="bold").append("Press g for what to do now.",
                                                                                  style="not bold")
            self._summary_parts.append(guides)
            self._shorter = {guides.plain: Text("Something went wrong? ", style="bold").append(
                "Press g for what to do now.", style="not bold")}
        self._show_summary()
        last = store.last_position(course.id)
        self._next = next_step(course, progress, last.lesson_id if last else None, last.page if last else 0)
        self._progress = progress
        self._update_continue()
        lessons = self.query_one("#lessons", LessonList)
        keep = last.lesson_id if last is not None else lessons.highlighted_lesson
        lessons.set_rows(self._rows(progress), keep=keep)
        self._fit_detail()  # and shows the highlighted lesson's

    def _bar(self, done: int, total: int) -> Text:
        """The progress bar, shorter on a narrow terminal so that the reviews fit beside it."""
        return progress_line(done, total, 20 if (self.size.width or self.app.size.width) >= 70 else 12)

    def _show_summary(self) -> None:
        """The course's title on a line of its own, then the rest, as many parts to a line as fit."""
        self._summary_parts[1] = self._bar(*self._done)
        title, *rest = self._summary_parts
        width = max(20, (self.size.width or self.app.size.width) - 4)
        rest = [self._shorter.get(part.plain, part) if part.cell_len > width else part for part in rest]
        summary = Text().append_text(title).append("\n").append_text(fitted(rest, width))
        self.query_one("#summary", Static).update(summary)

    def _self_assessment_parts(self) -> list[Text]:
        """Reviews due now (or when the next is), and the readiness check: one left half-way, or the last
        verdict with what it rests on ("Ready on 5 Dec: 19 of 20, weakest module 75%; 1 of 12 lessons read")."""
        course, store = self.tutor.course, self.tutor.store
        self._reviews = outlook = review_outlook(store, course.id)
        if self._review_timer is not None:
            self._review_timer.stop()
            self._review_timer = None
        if not outlook.due and outlook.next_at is not None:  # say it when it becomes due
            wait = (outlook.next_at - outlook.now).total_seconds()
            if wait < 86400:
                self._review_timer = self.set_timer(wait + 1, self.refresh_progress)
        reviews = Text(reviews_text(outlook))
        left = unfinished(store, course.id)
        if left is not None:
            return [reviews, Text(unfinished_line(*left), style="bold")]
        checks = store.readiness_attempts(course.id)
        if not checks:
            return [reviews, Text("Readiness check: not taken yet (press a)")]
        verdict, _, grounds = readiness_line(checks[-1], course.texts).partition(":")
        line = Text(verdict, style="bold")
        line.append(f":{grounds}" if grounds else "")
        return [reviews, line]

    def _rows(self, progress: dict[str, LessonProgress]) -> list[Row]:
        """A heading per module, a row per lesson: its mark (● done: read and its quiz passed; ◐
        started; ○ not yet), number and title, and its state at the right edge, which a narrow
        terminal never cuts (the title gives way)."""
        course = self.tutor.course
        numbers = {lesson_id: number for number, lesson_id in lesson_numbers(course).items()}
        rows: list[Row] = []
        for number, module in enumerate(course.modules, 1):
            only = course.lessons[module.lessons[0]] if len(module.lessons) == 1 else None
            # A module of one lesson with the lesson's own title needs no heading of its own.
            if only is None or only.title.casefold() != module.title.casefold():
                rows.append((Text(f"{number}. {module.title}"), None))
            for lesson_id in module.lessons:
                lesson = course.lessons[lesson_id]
                item = progress[lesson_id]
                mark = "●" if item.done else "◐" if item.started else "○"
                line = Text(f"  {mark} {numbers[lesson_id]} ")
                if lesson_id in self.tutor.change_news.unseen:
                    line.append("⚠ ", style="bold")
                    state = Text("⚠ rule changed", style="bold")  # what matters first: read it again
                else:
                    state = Text(lesson_state(item, lesson.minutes), style="dim")
                line.append(lesson.title)
                rows.append((line, lesson_id, state))
        return rows

    @on(LessonList.Highlighted, "#lessons")
    def _highlight_moved(self, event: LessonList.Highlighted) -> None:
        self._show_detail(event.lesson_id)
        self.refresh_bindings()  # "Take quiz" applies only to a lesson with a quiz

    def _detail_text(self, lesson_id: str | None) -> Text:
        """The highlighted lesson: a prerequisite not read yet first, then its description, then its
        quiz's score where the row does not show it (a rule changed) or a retry followed it."""
        detail = Text()
        course = self.tutor.course
        lesson = course.lessons.get(lesson_id) if lesson_id else None
        if lesson is None:
            return detail
        unread = [course.lessons[p].title for p in lesson.prerequisites
                  if p in course.lessons and not self._progress[p].read]
        if unread:
            detail.append("Read first: " + "; ".join(unread) + "\n", style="bold")
        detail.append(lesson.summary)
        item = self._progress.get(lesson.id)
        if item is not None and item.quiz is not None:
            # The score is the latest full attempt; a retry after it is practice, said beside it.
            score, retry = item.quiz, retry_text(item.quiz)
            if retry or lesson.id in self.tutor.change_news.unseen:
                detail.append(f"\nQuiz: {score_text(score.last_score, score.last_total)}, "
                              f"{'passed' if item.passed else 'not passed yet'}")
                if retry:
                    detail.append(f"; {retry} (practice)")
        return detail

    @property
    def _detail_lines(self) -> int:
        """How many lines the description pane may take: three on a short terminal, four else."""
        return 3 if (self.size.height or self.app.size.height) < 22 else 4

    def _show_detail(self, lesson_id: str | None) -> None:
        """The lesson's details, wrapped to the pane; when they are longer than it, the last line
        shown ends in "…" at a word, never cut off silently."""
        width = max(10, (self.size.width or self.app.size.width) - 4)
        lines = list(self._detail_text(lesson_id).wrap(self.app.console, width))
        if len(lines) > self._detail_lines:
            lines = lines[: self._detail_lines]
            last = lines[-1]
            last.rstrip()
            if last.cell_len > width - 2:
                last.truncate(width - 2)
                last.right_crop(len(last.plain) - len(last.plain.rsplit(" ", 1)[0]))
            last.append(" …")
        self.query_one("#detail", Static).update(Text("\n").join(lines))

    def _fit_detail(self) -> None:
        """The description pane as high as the longest description at this width allows (up to its
        line limit), the same whichever lesson is highlighted, so the list does not jump."""
        width = max(10, (self.size.width or self.app.size.width) - 4)
        console = self.app.console
        lines = max((len(self._detail_text(lesson_id).wrap(console, width))
                     for lesson_id in self.tutor.course.lessons), default=1)
        self.query_one("#detail").styles.height = min(self._detail_lines, lines) + 1  # and its top border
        self._show_detail(self.query_one("#lessons", LessonList).highlighted_lesson)

    def _update_continue(self) -> None:
        bar = self.query_one("#continue", ActionBar)
        step = self._next
        if step is None:
            bar.update(Text("Course finished: every lesson read and every quiz passed"))
            bar.disabled = True
            return
        title = self.tutor.course.lessons[step.lesson_id].title
        taken = self._progress[step.lesson_id].quiz is not None if step.lesson_id in self._progress else False
        # Text, never a str: a str would be parsed as markup, and titles come from the pack. One
        # line: what to do first, the title last, where a narrow terminal ends it with "…".
        words = {"quiz": "Try the quiz again" if taken else "Take the quiz",
                 "continue": f"Continue at page {step.page + 1}", "start": "Start"}[step.action]
        bar.update(Text(f"▶ {words}: {title}", no_wrap=True, overflow="ellipsis"))
        bar.disabled = False

    @on(ActionBar.Pressed, "#continue")
    def _continue_pressed(self) -> None:
        self.action_continue()

    def action_continue(self) -> None:
        """Go on where the learner stopped: the page they were reading, or the quiz of a lesson read."""
        step = self._next
        if step is None:
            return
        if step.action == "quiz":
            self.post_message(TakeQuiz(step.lesson_id))
        else:
            self.post_message(OpenLesson(step.lesson_id, step.page))

    @on(LessonList.Chosen, "#lessons")
    def _lesson_chosen(self, event: LessonList.Chosen) -> None:
        self.post_message(OpenLesson(event.lesson_id))

    def action_quiz(self) -> None:
        """Take the quiz of the highlighted lesson."""
        lesson_id = self.query_one("#lessons", LessonList).highlighted_lesson
        if lesson_id and self.tutor.course.quiz_id_for(lesson_id):
            self.post_message(TakeQuiz(lesson_id))

    def action_reviews(self) -> None:
        """Review the questions that are due."""
        self.post_message(StartReviews())

    def action_changes(self) -> None:
        """Show the timeline of rule changes."""
        self.post_message(ShowChanges())

    def action_guides(self) -> None:
        """Something already went wrong? Choose a guide."""
        self.post_message(OpenGuide())

    def action_readiness(self) -> None:
        """Take the readiness check."""
        self.post_message(StartReadiness())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reviews":
            return self._reviews is not None and self._reviews.due > 0
        if action == "guides":
            return bool(self.tutor.course.guide_files)
        if action == "quiz" and self.is_mounted:
            lesson_id = self.query_one("#lessons", LessonList).highlighted_lesson
            return bool(lesson_id and self.tutor.course.quiz_id_for(lesson_id))  # hidden where there is no quiz
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str | None:
        if action == "reviews" and self._reviews is not None:
            return no_reviews_due(self._reviews)
        if action == "quiz":
            return "This lesson has no quiz: choose one marked with a quiz, or read on."
        return None
