"""Which course to open, when more than one pack is installed and the command line does not say
(`tutor pack add` twice, then `tutor`): the installed packs by title, the shipped course last. The
choice is remembered for the commands that run without the app (`tutor progress`, ...).

A screen of its own in a small App shown before the tutor's: the tutor's App is built around one
course (its progress, its welcome, its reviews), so the course is chosen before it starts."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Choice = tuple[str, str, Path]  # (course id, title, folder)


class ChooserScreen(Screen[Path | None]):
    """The courses, one per line; Enter opens the highlighted one."""

    DEFAULT_CSS = """
    ChooserScreen { align: center middle; }
    ChooserScreen > Vertical { width: 100%; max-width: 80; height: auto; padding: 1 2; border: round $primary; }
    ChooserScreen #chooser-intro { margin-bottom: 1; }
    ChooserScreen OptionList { height: auto; max-height: 16; }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", show=True, tooltip="open the highlighted course"),
        Binding("escape,q", "leave", "Quit", tooltip="quit without opening a course"),
    ]

    def __init__(self, courses: list[Choice], last: str | None = None) -> None:
        super().__init__()
        self.courses = courses
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text(" Which course? ", style="bold")
            yield Static(Text("More than one course is installed. Choose one with ↑ ↓ and Enter (or its number); "
                              "`tutor --pack ID` opens one directly."), id="chooser-intro")
            # Titles come from the packs: Text, never markup.
            yield OptionList(*(Option(Text(f"{n}. {title}"), id=course_id)
                               for n, (course_id, title, _root) in enumerate(self.courses, 1)), id="courses")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#courses", OptionList)
        ids = [course_id for course_id, _title, _root in self.courses]
        options.highlighted = ids.index(self.last) if self.last in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.courses[event.option_index][2])

    def on_key(self, event: object) -> None:
        key = getattr(event, "character", None)
        if key and key.isdigit() and 1 <= int(key) <= len(self.courses):
            self.dismiss(self.courses[int(key) - 1][2])

    def action_open(self) -> None:
        """Open the highlighted course."""
        index = self.query_one("#courses", OptionList).highlighted
        if index is not None:
            self.dismiss(self.courses[index][2])

    def action_leave(self) -> None:
        """Quit without opening a course."""
        self.dismiss(None)


class ChooserApp(App[Path | None]):
    """The chooser alone; its return value is the chosen pack's folder, or None."""

    TITLE = "tutor"
    ENABLE_COMMAND_PALETTE = False  # nothing to do here but choose
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True, show=False)]

    def __init__(self, courses: list[Choice], last: str | None = None) -> None:
        super().__init__()
        self.courses = courses
        self.last = last

    def on_mount(self) -> None:
        self.push_screen(ChooserScreen(self.courses, self.last), self.exit)


def choose_course(courses: list[Choice], last: str | None = None) -> Path | None:
    """Ask which course to open (in the terminal, full screen); None when the learner quits."""
    return ChooserApp(courses, last).run()
