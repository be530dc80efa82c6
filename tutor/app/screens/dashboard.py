"""The dashboard: the course at a glance, where to continue, and every lesson with its state.

It is the first thing a learner sees, so it is built from light widgets (see docs/performance.md).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import Static

from tutor.app.base import TutorScreen
from tutor.app.messages import OpenLesson, TakeQuiz
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


class DashboardScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)
    TITLE = "Dashboard"
    AUTO_FOCUS = "#lessons"  # focused before the first frame, so it is not restyled right after
    _laid_out_at: Size | None = None  # the size of the last layout (see on_resize)

    BINDINGS = [
        Binding("c", "continue", "Continue", id="dashboard.continue", tooltip="continue where you left off"),
        Binding("q", "quiz", "Take quiz", id="dashboard.quiz", tooltip="take the highlighted lesson's quiz"),
    ]

    def compose(self) -> ComposeResult:
        # Five widgets and no containers: each widget more is styled and laid out before the
        # first frame (docs/performance.md).
        yield Static(id="summary")
        yield ActionBar(id="continue")
        yield LessonList(id="lessons")
        yield Static(id="detail")
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
        last = store.last_position(course.id)
        keep = last.lesson_id if last is not None else lessons.highlighted_lesson
        lessons.set_rows(self._rows(states, scores), keep=keep)
        self._show_detail(lessons.highlighted_lesson)

    def _rows(self, states: dict[str, LessonState], scores: dict[str, QuizScore]) -> list[tuple[Text, str | None]]:
        course = self.app.course
        rows: list[tuple[Text, str | None]] = []
        for number, module in enumerate(course.modules, 1):
            only = course.lessons[module.lessons[0]] if len(module.lessons) == 1 else None
            # A module of one lesson with the lesson's own title needs no heading of its own.
            if only is None or only.title.casefold() != module.title.casefold():
                rows.append((Text(f"{number}. {module.title}"), None))
            for lesson_number, lesson_id in enumerate(module.lessons, 1):
                lesson = course.lessons[lesson_id]
                state = states.get(lesson_id)
                status = state.status if state else "not-started"
                line = Text(f"  {STATE_MARK[status]} {number}.{lesson_number} ")
                line.append(lesson.title)
                line.append(f"  · {lesson.minutes} min · {STATE_WORD[status]}", style="dim")
                quiz_id = course.quiz_id_for(lesson_id)
                if quiz_id and quiz_id in scores:
                    line.append(f" · quiz {scores[quiz_id].best:.0%}", style="dim")
                rows.append((line, lesson_id))
        return rows

    @on(LessonList.Highlighted, "#lessons")
    def _highlight_moved(self, event: LessonList.Highlighted) -> None:
        self._show_detail(event.lesson_id)
        self.refresh_bindings()  # "Take quiz" applies only to a lesson with a quiz

    def _show_detail(self, lesson_id: str | None) -> None:
        detail = Text()
        lesson = self.app.course.lessons.get(lesson_id) if lesson_id else None
        if lesson is not None:
            detail.append(lesson.summary)
        self.query_one("#detail", Static).update(detail)

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
    def _continue_pressed(self) -> None:
        self.action_continue()

    def action_continue(self) -> None:
        """Open the lesson and page where the learner stopped."""
        states = self.app.store.lesson_states(self.app.course.id, list(self.app.course.lessons))
        target = self._continue_target(states)
        if target:
            self.post_message(OpenLesson(*target))

    @on(LessonList.Chosen, "#lessons")
    def _lesson_chosen(self, event: LessonList.Chosen) -> None:
        self.post_message(OpenLesson(event.lesson_id))

    def action_quiz(self) -> None:
        """Take the quiz of the highlighted lesson."""
        lesson_id = self.query_one("#lessons", LessonList).highlighted_lesson
        if lesson_id and self.app.course.quiz_id_for(lesson_id):
            self.post_message(TakeQuiz(lesson_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quiz" and self.is_mounted:
            lesson_id = self.query_one("#lessons", LessonList).highlighted_lesson
            return bool(lesson_id and self.app.course.quiz_id_for(lesson_id))  # hidden where there is no quiz
        return super().check_action(action, parameters)
