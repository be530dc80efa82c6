"""The dashboard: the course at a glance, where to continue, and every lesson with its state.

It is the first thing a learner sees, so it is built from light widgets (see docs/performance.md);
the summary keeps room above the list for the readiness check and review queue to come.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Static

from tutor.app.screens import styles
from tutor.app.widgets.action_bar import ActionBar
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_list import LessonList
from tutor.progress import LessonState, QuizScore

STATE_MARK = {"not-started": "○", "reading": "◐", "done": "●"}
STATE_WORD = {"not-started": "not started", "reading": "reading", "done": "done"}


def progress_line(done: int, total: int, width: int = 30) -> Text:
    """A text progress bar: cheaper to draw than a ProgressBar widget, and readable without colour."""
    filled = round(width * done / total) if total else 0
    line = Text("█" * filled, style="bold")
    line.append("░" * (width - filled), style="dim")
    line.append(f"  {done} of {total} lessons done")
    return line


class DashboardScreen(Screen):
    DEFAULT_CSS = styles(__file__)
    TITLE = "Dashboard"
    AUTO_FOCUS = "#lessons"  # focused before the first frame, so it is not restyled right after
    _laid_out_at: Size | None = None  # the size of the last layout (see on_resize)

    BINDINGS = [
        Binding("c", "continue", "Continue", id="dashboard.continue"),
        Binding("q", "quiz", "Take quiz", id="dashboard.quiz"),
    ]

    def compose(self) -> ComposeResult:
        # Four widgets and no containers: each widget more is styled and laid out before the
        # first frame (docs/performance.md). The summary's panel keeps room for the readiness
        # check and the review queue.
        yield Static(id="summary")
        yield ActionBar(id="continue")
        yield LessonList(id="lessons")
        yield KeyBar()

    def on_mount(self) -> None:
        # Filled here, before the first frame, so the learner's first sight is the whole dashboard.
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

    def on_screen_resume(self) -> None:
        # Textual lays the screen out at the app's size as it resumes, right after this handler.
        self._laid_out_at = self.app.size
        # Also sent when the dashboard is first shown, just after on_mount filled it.
        if self._shown_once:
            self.refresh_progress()
        self._shown_once = True

    def refresh_progress(self) -> None:
        """Re-read the learner's progress from the store and redraw everything that depends on it."""
        course, store = self.app.course, self.app.store
        states = store.lesson_states(course.id, list(course.lessons))
        scores = store.quiz_scores(course.id)
        done = sum(s.status == "done" for s in states.values())
        summary = Text()  # Text, never a str: the title comes from the pack
        summary.append(course.title, style="bold").append("\n\n").append_text(progress_line(done, len(course.lessons)))
        self.query_one("#summary", Static).update(summary)
        self._update_continue(states)
        lessons = self.query_one("#lessons", LessonList)
        lessons.set_rows(self._rows(states, scores), keep=lessons.highlighted_lesson)

    def _rows(self, states: dict[str, LessonState], scores: dict[str, QuizScore]) -> list[tuple[Text, str | None]]:
        course = self.app.course
        rows: list[tuple[Text, str | None]] = []
        for number, module in enumerate(course.modules, 1):
            rows.append((Text(f"{number}. {module.title}"), None))
            for lesson_number, lesson_id in enumerate(module.lessons, 1):
                lesson = course.lessons[lesson_id]
                state = states.get(lesson_id)
                status = state.status if state else "not-started"
                line = Text(f"  {STATE_MARK[status]} {number}.{lesson_number} ")
                line.append(lesson.title)
                line.append(f"  · {STATE_WORD[status]}", style="dim")
                quiz_id = course.quiz_id_for(lesson_id)
                if quiz_id and quiz_id in scores:
                    line.append(f" · quiz {scores[quiz_id].best:.0%}", style="dim")
                rows.append((line, lesson_id))
        return rows

    def _update_continue(self, states: dict[str, LessonState]) -> None:
        bar = self.query_one("#continue", ActionBar)
        target = self._continue_target(states)
        if target is None:
            bar.update(Text("Course finished: review any lesson below"))
            bar.disabled = True
            return
        lesson_id, page = target
        title = self.app.course.lessons[lesson_id].title
        resumed = states.get(lesson_id)
        # Text, never a str: a str would be parsed as markup, and titles come from the pack.
        if resumed and resumed.status != "not-started":
            bar.update(Text(f"Continue where you left off: {title} (page {page + 1})"))
        else:
            bar.update(Text(f"Start: {title}"))
        bar.disabled = False

    def _continue_target(self, states: dict[str, LessonState]) -> tuple[str, int] | None:
        """The lesson and page to continue: the last one read if unfinished, else the next not done."""
        course, store = self.app.course, self.app.store
        last = store.last_position(course.id)
        if last and last.lesson_id in course.lessons and states[last.lesson_id].status != "done":
            return last.lesson_id, last.page
        for lesson in course.ordered_lessons():
            if states[lesson.id].status != "done":
                return lesson.id, states[lesson.id].page
        return None

    @on(ActionBar.Pressed, "#continue")
    def action_continue(self) -> None:
        """Open the lesson and page where the learner stopped."""
        states = self.app.store.lesson_states(self.app.course.id, list(self.app.course.lessons))
        target = self._continue_target(states)
        if target:
            self.app.open_lesson(*target)

    @on(LessonList.Chosen, "#lessons")
    def _lesson_chosen(self, event: LessonList.Chosen) -> None:
        self.app.open_lesson(event.lesson_id)

    def action_quiz(self) -> None:
        """Take the quiz of the highlighted lesson."""
        lesson_id = self.query_one("#lessons", LessonList).highlighted_lesson
        if lesson_id:
            self.app.take_quiz(lesson_id)
