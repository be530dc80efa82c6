"""Help: every key of every screen, read from the screens' own bindings so it cannot drift from
what the keys do. The keys of the screen the learner came from come first (its own, then those it
shares with others: the question view's, scrolling), then the keys that work everywhere, then every
other screen's. Keys are named one way (tutor/app/widgets/key_bar.py's key_label), the keys of one
meaning on one line."""

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
from tutor.app.widgets.key_bar import key_label
from tutor.app.widgets.lesson_page import rows

EVERYWHERE = "Everywhere"
EVERYWHERE_NOTES = (
    ("Ctrl+P", "the command palette: go to a lesson, take a quiz, the reviews, reset your progress, and "
               "the colours: High contrast (white on black, the clearest) or Theme (every colour set)"),
)


def _screens() -> list[type]:
    """Every screen with keys of its own, in the order the help lists them after the first."""
    # Imported here: the help is the only place that needs every screen at once.
    from tutor.app.base import ScrollingScreen
    from tutor.app.screens.answering import AnsweringScreen
    from tutor.app.screens.changes import RuleChangesScreen
    from tutor.app.screens.dashboard import DashboardScreen
    from tutor.app.screens.quiz import QuizScreen
    from tutor.app.screens.reader import ReaderScreen
    from tutor.app.screens.readiness import ReadinessResultScreen, ReadinessScreen
    from tutor.app.screens.results import ResultsScreen
    from tutor.app.screens.review import ReviewScreen

    return [DashboardScreen, ReaderScreen, AnsweringScreen, QuizScreen, ReviewScreen, ReadinessScreen,
            ResultsScreen, ReadinessResultScreen, RuleChangesScreen, ScrollingScreen]


def sections(app: App[Any], current: type | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(keys, what they do)]) for each section, in the order shown (see the docstring)."""
    screens = _screens()
    first = [cls for cls in (current.__mro__ if current is not None else ()) if cls in screens]
    ordered = [*first, type(app), *(cls for cls in screens if cls not in first)]
    found = []
    for cls in ordered:
        if cls is type(app):
            found.append((EVERYWHERE, [*key_rows(app, [cls]), *EVERYWHERE_NOTES]))
            continue
        keys = [*key_rows(app, [cls, *vars(cls).get("HELP_WITH", ())]), *vars(cls).get("HELP_NOTES", ())]
        if keys:
            found.append((getattr(cls, "HELP", cls.__name__), keys))
    return found


class HelpScreen(TutorModal[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 84; max-width: 100%; height: 90%; border: thick $primary;
                            background: $surface; padding: 0 1; }
    HelpScreen #help-keys { height: 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, current: Screen[object] | None = None) -> None:
        super().__init__()
        self.current = type(current) if current is not None else None

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll():
                yield Static(self._text(), id="help-text")
            yield Static(Text("↑ ↓ PgUp PgDn scroll   Esc, q or ? closes"), id="help-keys")

    def _text(self) -> RenderableType:
        parts: list[RenderableType] = [Text("Keys", style="bold")]
        for title, keys in sections(self.app, self.current):
            # Each section's keys in a column as wide as its own longest: at 60 columns the meanings
            # keep their room.
            parts += [Text(""), Text(title, style="bold"),
                      rows(((Text(key, style="bold"), Text(meaning)) for key, meaning in keys), gap=2)]
        parts += [Text(""), Text("The mouse works everywhere: click lessons, answers, buttons and links; the "
                                 "keys on the bar at the bottom too.", style="dim")]
        return Group(*parts)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


def key_rows(app: App[Any], classes: Sequence[type]) -> Iterable[tuple[str, str]]:
    """(keys, what they do) for the bindings `classes` declare themselves (not those they inherit:
    those have a section of their own), the keys of one meaning on one line."""
    by_meaning: dict[str, list[str]] = {}
    for cls in classes:
        bindings: list[BindingType] = list(vars(cls).get("BINDINGS", ()))
        for binding in Binding.make_bindings(bindings):
            meaning = binding.tooltip or binding.description
            if not meaning or binding.action.startswith("pick(") or binding.action == "close":
                continue
            keys = by_meaning.setdefault(meaning, [])
            shown = key_label(binding.key)
            if shown not in keys:
                keys.append(shown)
    for meaning, keys in by_meaning.items():
        yield ", ".join(keys), meaning
