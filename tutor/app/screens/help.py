"""Help: every key of every screen, read from the screens' own bindings so it cannot drift from
what the keys do. The screen the learner came from is listed first after the keys that work
everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from tutor.app.base import TutorModal
from tutor.app.widgets.lesson_page import rows


def _sections(app_class: type) -> list[tuple[str, tuple[type, ...]]]:
    # Imported here: the help is the only place that needs every screen at once.
    from tutor.app.screens.dashboard import DashboardScreen
    from tutor.app.screens.quiz import QuizScreen
    from tutor.app.screens.reader import ReaderScreen
    from tutor.app.screens.results import ResultsScreen
    from tutor.app.widgets.lesson_list import LessonList

    return [
        ("Everywhere", (app_class,)),
        ("Dashboard: the course, your progress, every lesson", (DashboardScreen, LessonList)),
        ("Lesson: read a page at a time", (ReaderScreen,)),
        ("Quiz: one question at a time", (QuizScreen,)),
        ("Results", (ResultsScreen,)),
    ]


NOTES = {
    "Everywhere": [("ctrl+p", "command palette: go to a lesson, take a quiz, reset progress, change theme")],
    "Quiz: one question at a time": [("1-9", "move to an answer (tick it, in select-all questions)"),
                                     ("Enter  click", "answer (or tick, in select-all questions)")],
}


class HelpScreen(TutorModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 84; max-width: 100%; height: 90%; border: thick $primary;
                            background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, current: Screen[object] | None = None) -> None:
        super().__init__()
        self.current = type(current) if current is not None else None

    def compose(self) -> ComposeResult:
        with Vertical(), VerticalScroll():
            yield Static(self._text())

    def _text(self) -> RenderableType:
        sections = _sections(type(self.app))
        sections.sort(key=lambda s: 0 if s[0] == "Everywhere" else 1 if self.current in s[1] else 2)
        parts: list[RenderableType] = [Text("Keys", style="bold")]
        for title, classes in sections:
            keys = [*key_rows(self.app, classes), *NOTES.get(title, [])]
            if keys:
                parts += [Text(""), Text(title, style="bold"),
                          rows(((Text(key, style="bold"), Text(meaning)) for key, meaning in keys), gap=2,
                               marker_width=16)]
        parts += [Text(""), Text("The mouse works everywhere: click lessons, answers, buttons and links.", style="dim")]
        return Group(*parts)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def key_rows(app: App[Any], classes: Sequence[type]) -> Iterable[tuple[str, str]]:
    """(keys, what they do) for each action bound in `classes`, keys of one action together."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for cls in classes:
        # A screen's own bindings first, then those it inherits (the question view's, for the quiz).
        bindings: list[BindingType] = [b for klass in cls.__mro__ for b in vars(klass).get("BINDINGS", ())
                                       if klass.__module__.startswith("tutor.") or klass is cls]
        for binding in Binding.make_bindings(bindings):
            meaning = binding.tooltip or binding.description
            if not meaning or binding.action.startswith("pick(") or binding.action == "close":
                continue
            keys, _ = by_action.setdefault(binding.action, ([], meaning))
            shown = app.get_key_display(binding)
            if shown not in keys:
                keys.append(shown)
    for action, (keys, meaning) in by_action.items():
        if action == "help" and "F1" not in keys:
            keys.append("F1")
        yield "  ".join(keys), meaning
