"""The first-run welcome of a course: what it covers, the keys that matter, what it is not, and the
pack's own words. Shown once per course; however the learner leaves it, it counts as seen.

Designed for 60x18 first: the Start button (and high contrast, for who needs it to read the rest)
stay on screen below the words, which scroll only when they do not fit (the arrow and page keys
scroll them, whatever has the focus).

It is a new learner's first screen, over a dashboard not built yet (it is when the welcome is
left), so it is built of few and plain widgets (a plain Widget, Static, ActionBar, which the
dashboard uses too): Textual's Button, Vertical, VerticalScroll and Horizontal each add styles to
parse and match against every node before the first frame (docs/performance.md, "A new learner's
first start")."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from tutor.app.base import TutorModal
from tutor.app.screens import styles
from tutor.app.widgets.action_bar import ActionBar
from tutor.content.model import Course


class WelcomeScreen(TutorModal[None]):
    DEFAULT_CSS = styles(__file__)
    # No widget has the focus until Tab gives it one: every action here has its own key (Enter, Esc,
    # h, the arrows), and the screen holds them. While a widget has the focus, Textual looks up each
    # key the screen and the app bind in Unicode's table of names at the first key (to ask the
    # widget whether it would take that character): 0.5 MiB of that table paged in, at a new
    # learner's first key (docs/performance.md, "The first start without TOML").
    AUTO_FOCUS = ""
    BINDINGS = [*TutorModal.BINDINGS, Binding("escape,enter", "start", "Start", show=False),
                Binding("h", "high_contrast", "High contrast", show=False),
                Binding("down,j", "scroll(1)", "Scroll down", show=False),
                Binding("up,k", "scroll(-1)", "Scroll up", show=False),
                Binding("pagedown", "scroll_page(1)", "Page down", show=False),
                Binding("pageup", "scroll_page(-1)", "Page up", show=False)]

    def compose(self) -> ComposeResult:
        course = self.tutor.course
        # Text, never a str: a str would be read as markup, and the title comes from the pack.
        words = Widget(*self._words(course), id="words")  # scrolls only when they do not fit (on_resize)
        words.styles.max_height = self._words_height(self.app.size.height)  # laid out once, not again at on_resize
        box = Widget(words, Widget(ActionBar("Start (Enter)", id="start"),
                                   ActionBar("High contrast (h)", id="contrast"), id="actions"), id="welcome")
        box.border_title = Text(f" Welcome to {course.title} ", style="bold")
        yield box

    def _words(self, course: Course) -> list[Static]:
        """The words, as few pieces as they can be: one Text is wrapped once and its height kept
        (Textual's Content), where a Rich Group is rendered again at every layout."""
        intro = self._intro(course)
        if course.description:
            intro.append(f"\n\n{course.description}")
        saved = Text("Your progress is saved on this computer after every answer (`tutor progress` says where).",
                     style="dim")
        page = self._welcome_page(course)
        if page is None:
            return [Static(intro.append("\n\n").append_text(saved))]
        return [Static(intro), Static(Group(Text(""), page, Text(""), saved))]

    def _intro(self, course: Course) -> Text:
        lessons = len(course.lessons)
        minutes = sum(lesson.minutes for lesson in course.lessons.values())
        about = f"about {round(minutes / 60)} hours" if minutes >= 90 else f"about {minutes} minutes"
        # The pack's own description says what the lessons are about; without one, we do.
        intro = Text(f"{lessons} lesson{'s' * (lessons != 1)}, each with a quiz: {about} in all.\n" if
                     course.description else f"{lessons} short lesson{'s' * (lessons != 1)} with scenario quizzes, "
                     f"{about} in all: read a lesson, answer its quiz, and see why each answer is right or wrong, "
                     "with the rule and its source.\n")
        intro.append("\nThree keys matter:\n", style="bold")
        for key, meaning in (("Enter", "open a lesson, choose an answer"),
                             ("→ ←", "turn the pages of a lesson"),
                             ("?", "every key (Ctrl+Q quits)")):
            intro.append(f"  {key:<7}", style="bold")
            intro.append(f"{meaning}\n")
        # The pack's own disclaimer (course.toml's [texts]), its first sentence in bold.
        first, dot, others = course.texts.disclaimer.partition(". ")
        intro.append("\n" + first + dot.rstrip(), style="bold")
        intro.append(f" {others}" if others else "")
        checked = course.last_checked()
        if checked:
            intro.append(f" This course was last reviewed against its sources on {checked.isoformat()}.")
        return intro

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

    def on_resize(self, event: events.Resize) -> None:
        # The words take what the screen leaves once the box's border, padding and buttons are
        # drawn: no scroll bar when they fit (at 120x40), and the buttons always in view (at 60x18).
        self.query_one("#words").styles.max_height = self._words_height(event.size.height)

    @staticmethod
    def _words_height(screen_height: int) -> int:
        return max(3, screen_height - 5)

    def on_action_bar_pressed(self, event: ActionBar.Pressed) -> None:
        event.stop()
        if event.bar.id == "contrast":
            self.action_high_contrast()
        else:
            self.action_start()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#words").scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        words = self.query_one("#words")
        (words.scroll_page_down if direction > 0 else words.scroll_page_up)(animate=False)

    def action_high_contrast(self) -> None:
        """Switch the high-contrast colours on (or off again): remembered, like any theme."""
        self.tutor.toggle_high_contrast()

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
