"""The first-run welcome of a course: what it covers (the pack's own words), what it is not, and
the keys that matter. Shown once per course; however the learner leaves it, it counts as seen."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from tutor.app.base import TutorModal
from tutor.app.screens import styles
from tutor.content.model import Course


class WelcomeScreen(TutorModal[None]):
    DEFAULT_CSS = styles(__file__)
    BINDINGS = [*TutorModal.BINDINGS, Binding("escape,enter", "start", "Start", show=False)]

    def compose(self) -> ComposeResult:
        course = self.tutor.course
        with Vertical(id="welcome") as box:
            # Text, never a str: a str would be read as markup, and the title comes from the pack.
            box.border_title = Text(f" Welcome to {course.title} ", style="bold")
            with VerticalScroll():  # scrolls only when the pack's welcome is long
                yield Static(self._text(course))
            with Horizontal():
                yield Button("Start", id="start", variant="primary", action="screen.start")

    def _text(self, course: Course) -> RenderableType:
        lessons = len(course.lessons)
        intro = Text(f"{lessons} short lesson{'s' * (lessons != 1)} with scenario quizzes. ")
        intro.append(course.description or "Read a lesson, answer its quiz, and see why each answer is right or "
                     "wrong, with the rule and its source.")
        parts: list[RenderableType] = [intro]
        page = self._welcome_page(course)
        if page is not None:
            parts += [Text(""), page]
        rest = Text("\n")
        rest.append("Not legal advice. ", style="bold")
        rest.append("Platforms change their rules often. Every lesson lists its sources with the date they were "
                    "checked; read the platform's current pages before you rely on a rule.")
        checked = course.last_checked()
        if checked:
            rest.append(f" This course was last reviewed against its sources on {checked.isoformat()}.")
        rest.append("\n\nThree keys matter:\n", style="bold")
        for key, meaning in (("Enter", "open a lesson, choose an answer"),
                             ("→ / ←", "turn the pages of a lesson"),
                             ("?", "show every key (ctrl+q quits)")):
            rest.append(f"  {key:<7}", style="bold")
            rest.append(f"{meaning}\n")
        rest.append("\nYour progress is saved on this computer after every answer.", style="dim")
        parts.append(rest)
        return Group(*parts)

    def _welcome_page(self, course: Course) -> RenderableType | None:
        """The pack's own welcome file (course.toml's `welcome`), drawn like a lesson page."""
        if course.welcome is None:
            return None
        from tutor.app.widgets.lesson_page import PageRenderer
        from tutor.content.document import build_document

        body = course.welcome_text()
        if not body.strip():
            return None
        document = build_document(body)
        return Group(*(PageRenderer(self.tutor.theme_colors).page(document.page(i))
                       for i in range(len(document))))

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def action_start(self) -> None:
        """Close the welcome and go to the dashboard."""
        self.leave()

    def leave(self) -> None:
        """Mark the welcome seen and close it (the app calls this when the learner leaves it
        another way, through the palette for instance)."""
        with self.tutor.keep_going():
            self.tutor.store.set_setting(self.tutor.welcome_key, True)
        if self.is_current:
            self.dismiss(None)
