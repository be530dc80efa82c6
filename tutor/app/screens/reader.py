"""The lesson reader: one page at a time, a table of contents, sources, and the way to the quiz."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import LessonPage
from tutor.content.document import Document, build_document


class ReaderScreen(Screen):
    DEFAULT_CSS = styles(__file__)

    BINDINGS = [
        Binding("right,n", "next_page", "Next", id="reader.next"),
        Binding("left,p", "previous_page", "Prev", id="reader.previous"),
        Binding("t", "toggle_toc", "Contents", id="reader.toc"),
        Binding("l", "links", "Links", id="reader.links"),
        Binding("q", "quiz", "Quiz", id="reader.quiz"),
        Binding("escape", "back", "Back", id="reader.back"),
    ]

    def __init__(self, lesson_id: str, page: int | None = None) -> None:
        super().__init__()
        self.lesson = self.app.course.lessons[lesson_id]
        self.document: Document = build_document(self.app.course.lesson_body(self.lesson))
        saved = self.app.store.lesson_states(self.app.course.id, [lesson_id])[lesson_id].page
        wanted = saved if page is None else page
        self.page_index = min(max(wanted, 0), len(self.document) - 1)
        self.quiz_id = self.app.course.quiz_id_for(lesson_id)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            toc = OptionList(*(Option(Text(f"{i + 1}. {title}"), id=f"page-{i}")
                               for i, title in enumerate(self.document.toc())), id="toc")
            toc.display = False
            yield toc
            with VerticalScroll(id="page-scroll"):
                yield Static(id="page-title")
                yield LessonPage(id="page")
                with Vertical(id="page-end"):
                    yield Static(id="sources")
                    yield Button("Take the quiz", id="take-quiz", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.store.record_lesson_opened(self.app.course.id, self.lesson.id)
        self.show_page(self.page_index)
        self.query_one("#page-scroll").focus()

    @property
    def last_page(self) -> int:
        return len(self.document) - 1

    def show_page(self, index: int) -> None:
        self.page_index = index
        page = self.document.page(index)
        self.title = self.lesson.title
        self.sub_title = f"page {index + 1} of {self.last_page + 1}"
        self.query_one("#page-title", Static).update(Text(page.title or self.lesson.title, style="bold"))
        self.query_one("#page", LessonPage).show(page)
        end = self.query_one("#page-end")
        end.display = index == self.last_page
        if index == self.last_page:
            self.query_one("#sources", Static).update(self._sources_text())
            self.query_one("#take-quiz", Button).display = self.quiz_id is not None
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)
        toc = self.query_one("#toc", OptionList)
        toc.highlighted = index
        store, course = self.app.store, self.app.course
        store.record_position(course.id, self.lesson.id, index)
        if index == self.last_page:
            store.record_lesson_completed(course.id, self.lesson.id)
        if self.is_mounted:  # the footer reads the bindings when it is first drawn anyway
            self.refresh_bindings()

    def _sources_text(self) -> Text:
        text = Text("Sources", style="bold")
        for source in self.lesson.sources:
            text.append("\n• ")
            text.append(source.title)
            text.append(f", {source.section}" if source.section else "")
            text.append(f" (checked {source.checked.isoformat()})", style="dim")
            text.append(f"\n  {source.url}", style="dim")
        return text

    def action_next_page(self) -> None:
        """Go to the next page of the lesson."""
        if self.page_index < self.last_page:
            self.show_page(self.page_index + 1)

    def action_previous_page(self) -> None:
        """Go back one page."""
        if self.page_index > 0:
            self.show_page(self.page_index - 1)

    def action_toggle_toc(self) -> None:
        """Show or hide the table of contents."""
        toc = self.query_one("#toc", OptionList)
        toc.display = not toc.display
        (toc if toc.display else self.query_one("#page-scroll")).focus()

    @on(OptionList.OptionSelected, "#toc")
    def _toc_chosen(self, event: OptionList.OptionSelected) -> None:
        self.show_page(event.option_index)
        self.query_one("#page-scroll").focus()

    def action_links(self) -> None:
        """List the links on this page to choose one."""
        from tutor.app.screens.dialogs import LinksScreen

        links = self.query_one("#page", LessonPage).links
        if not links:
            self.notify("This page has no links.")
            return
        self.app.push_screen(LinksScreen(links), self._link_chosen)

    def _link_chosen(self, index: int | None) -> None:
        if index is not None:
            self.action_follow_link(index)

    def action_follow_link(self, index: int) -> None:
        """Follow link number `index` of this page (clicked, or picked from the list)."""
        links = self.query_one("#page", LessonPage).links
        if 0 <= index < len(links):
            self.app.follow_link(links[index])

    @on(Button.Pressed, "#take-quiz")
    def action_quiz(self) -> None:
        """Take this lesson's quiz."""
        if self.quiz_id:
            self.app.take_quiz(self.lesson.id)

    def action_back(self) -> None:
        """Back to the dashboard."""
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_page":
            return self.page_index < self.last_page or None
        if action == "previous_page":
            return self.page_index > 0 or None
        if action == "quiz":
            return self.quiz_id is not None or None
        return True

