"""Rule changes: the pack's dated timeline, newest first. Each change says what was true before and
what is now, which lessons it affects, and its source with the date it was checked."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.base import TutorScreen
from tutor.app.messages import ChangesSeen, OpenLesson
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import hanging
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Change
from tutor.progress.rule_changes import day_text, timeline, when_text


class RuleChangesScreen(TutorScreen[None]):
    HELP = "Rule changes"
    HELP_NOTES = (("↑, ↓", "move through the changes, newest first"),
                  ("Enter", "open the lesson the highlighted change affects"))
    DEFAULT_CSS = """
    RuleChangesScreen #timeline { height: 1fr; max-height: 50%; border-bottom: solid $secondary; }
    RuleChangesScreen #change { height: auto; max-height: 60%; padding: 1 2; overflow-y: auto; max-width: 94; }
    RuleChangesScreen #empty { padding: 1 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_lesson", "Open lesson", id="changes.lesson", tooltip="open the lesson this change affects"),
        Binding("escape,backspace", "back", "Back", id="changes.back", tooltip="back to where you came from"),
    ]

    def __init__(self, focus: str | None = None) -> None:
        super().__init__()
        self.focus_id = focus

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield OptionList(id="timeline")
        yield Static(id="change")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = "Rule changes"
        self.changes = timeline(self.tutor.course)
        self.sub_title = f"{len(self.changes)} change{'s' * (len(self.changes) != 1)}, newest first"
        unseen = {c.id for found in self.tutor.change_news.unseen.values() for c in found}
        listing = self.query_one("#timeline", OptionList)
        for change in self.changes:
            label = Text(f"{when_text(change)} · {change.platform}", style="bold")
            if change.id in unseen:
                label.append("  new to you", style="reverse")
            listing.add_option(Option(Group(label, hanging("", Text(change.title))), id=change.id))
        if not self.changes:
            self.query_one("#change", Static).update(Text("This course lists no rule changes."))
            return
        index = next((i for i, c in enumerate(self.changes) if c.id == self.focus_id), 0)
        listing.highlighted = index
        listing.focus()

    @property
    def current(self) -> Change | None:
        index = self.query_one("#timeline", OptionList).highlighted
        return self.changes[index] if index is not None and 0 <= index < len(self.changes) else None

    @on(OptionList.OptionHighlighted, "#timeline")
    def _highlighted(self) -> None:
        change = self.current
        if change is None:
            return
        course = self.tutor.course
        text = Text()
        text.append(change.title, style="bold")
        dates = [f"took effect {when_text(change)}" if change.effective else when_text(change)]
        if change.announced:
            dates.insert(0, f"announced {day_text(change.announced)}")
        text.append(f"\n{change.platform} · {'; '.join(dates)}\n\n", style="dim")
        text.append(change.summary + "\n\n")
        titles = [course.lessons[lid].title for lid in change.lessons if lid in course.lessons]
        if titles:
            text.append("Lessons: ", style="bold")
            text.append("; ".join(titles) + "\n")
        text.append("Source: ", style="bold")
        source = change.source
        text.append(f"{source.title}{', ' + source.section if source.section else ''} "
                    f"(checked {source.checked.isoformat()})\n")
        text.append(source.url, style="dim")
        self.query_one("#change", Static).update(text)
        self.post_message(ChangesSeen([change.id]))

    @on(OptionList.OptionSelected, "#timeline")
    def _chosen(self) -> None:
        self.action_open_lesson()

    def action_open_lesson(self) -> None:
        """Open the (first) lesson the highlighted change affects."""
        change = self.current
        if change is not None:
            lesson = next((lid for lid in change.lessons if lid in self.tutor.course.lessons), None)
            if lesson is not None:
                self.post_message(OpenLesson(lesson, keep_trail=True))

    def action_back(self) -> None:
        self.dismiss()
