"""The lesson reader: one page at a time, a table of contents, sources, and the way on (the quiz or
the next lesson)."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from tutor.app.base import TutorScreen
from tutor.app.messages import ChangesSeen, FollowLink, OpenGuide, OpenLesson, ShowChanges, TakeQuiz
from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import LessonPage, hanging, rows
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.document import Document, build_document
from tutor.content.document_blocks import Link
from tutor.content.model import Lesson
from tutor.progress.wording import source_line


class ReaderScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)
    HELP = "Lesson: a page at a time"

    BINDINGS = [
        # The most important first: a narrow key bar leaves out the last ones (Links, then Contents).
        Binding("right,n", "next_page", "Next", id="reader.next", tooltip="next page"),
        Binding("left,p", "previous_page", "Prev", id="reader.previous", tooltip="previous page"),
        Binding("q", "quiz", "Quiz", id="reader.quiz", tooltip="take the quiz"),
        Binding("escape,backspace", "back", "Back", id="reader.back",
                tooltip="close the contents, or back to where you came from"),
        Binding("t", "toggle_toc", "Contents", id="reader.toc", tooltip="table of contents: jump to a page"),
        Binding("l", "links", "Links", id="reader.links",
                tooltip="links on this page and the lesson's sources (web links open only after you confirm)"),
        Binding("g", "guide", "Went wrong?", id="reader.guide",
                tooltip="something already went wrong? the guide for this lesson's rules"),
        Binding("u", "changes", "Changes", show=False, id="reader.changes",
                tooltip="the rule changes of this lesson (and every other)"),
        # As in less: space and b page through the text, j and k scroll a line.
        Binding("space", "page_down", "Page down", show=False, tooltip="scroll down a screen, then turn the page"),
        Binding("b", "page_up", "Page up", show=False, tooltip="scroll up a screen, then turn back"),
        Binding("j", "scroll_line(1)", "Scroll down", show=False, tooltip="scroll down a line (↓ too)"),
        Binding("k", "scroll_line(-1)", "Scroll up", show=False, tooltip="scroll up a line (↑ too)"),
    ]

    # always_update: turning to the page already shown draws it again (the first page, a reload).
    page_index: reactive[int] = reactive(0, bindings=True, init=False, always_update=True)
    toc_open: reactive[bool] = reactive(False, init=False)

    def __init__(self, lesson: Lesson, page: int | None = None, glance: bool = False) -> None:
        super().__init__()
        self.lesson = lesson
        self.wanted_page = page
        self.glance = glance  # opened for a look: recorded only once a page is turned (see go_to_page)
        self.document: Document | None = None  # read when mounted
        self.quiz_id: str | None = None
        self.changed_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="changed")
        with Horizontal(id="reader-body"):  # the contents (#toc) join it when first opened: see _toc
            with VerticalScroll(id="page-scroll"):
                yield Static(id="page-title")
                yield LessonPage(id="page")
                with Vertical(id="page-end"):
                    yield Static(id="sources")
                    # Its classes from the start: set once mounted, each would restyle it again.
                    with Horizontal(id="end-actions", classes=" ".join(self._end_classes())):
                        yield Button("Take the quiz", id="take-quiz", variant="primary", action="screen.quiz",
                                     compact=True)
                        yield Button("Next lesson", id="next-lesson", action="screen.next_lesson", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        course, store = self.tutor.course, self.tutor.store
        self._read_lesson()
        self._show_changes()
        saved = 0
        with self.tutor.keep_going():
            saved = store.lesson_states(course.id, [self.lesson.id])[self.lesson.id].page
        # Records the lesson opened, at this page: the place to resume (one write, not two); a
        # glance records nothing, so Continue keeps pointing where the learner was working.
        self.go_to_page(saved if self.wanted_page is None else self.wanted_page, record=not self.glance)
        self.query_one("#page-scroll").focus()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#reader-body").set_class(event.size.width < 80, "-narrow")

    def _read_lesson(self) -> None:
        """Read the lesson's text and fill in what depends on it: contents, quiz, next lesson."""
        course = self.tutor.course
        self.document = build_document(course.lesson_body(self.lesson), self.tutor.page_cache)
        self.quiz_id = course.quiz_id_for(self.lesson.id)
        self.title = self.lesson.title
        for toc in self.query("#toc").results(OptionList):
            toc.clear_options()
            toc.add_options(self._toc_options())
        actions, wanted = self.query_one("#end-actions"), self._end_classes()
        for name in ("-has-quiz", "-has-next"):
            actions.set_class(name in wanted, name)  # a no-op when mounted: composed with them

    def _toc_options(self) -> list[Option]:
        assert self.document is not None
        return [Option(hanging(Text(f"{i + 1}."), Text(title)), id=f"page-{i}")
                for i, title in enumerate(self.document.toc())]

    def _toc(self) -> OptionList:
        """The table of contents, made when it is first opened: an option list costs as much to
        mount and style as the rest of the reader (docs/performance.md), and most pages are
        turned, not jumped to."""
        for toc in self.query("#toc").results(OptionList):
            return toc
        toc = OptionList(*self._toc_options(), id="toc")
        self.query_one("#reader-body").mount(toc, before="#page-scroll")
        toc.highlighted = self.page_index
        return toc

    def _end_classes(self) -> list[str]:
        """What the end of the lesson offers: the quiz, the next lesson."""
        has_quiz = self.tutor.course.quiz_id_for(self.lesson.id) is not None
        return [name for name, shown in (("-has-quiz", has_quiz), ("-has-next", self.next_lesson is not None)) if shown]

    def reload(self, lesson: Lesson) -> None:
        """Show the lesson as its file reads now (an author saved it, `--watch`): the same page,
        found by its heading (else its number), scrolled to where it was."""
        assert self.document is not None
        heading = self.document.toc()[self.page_index]
        scroll = self.query_one("#page-scroll", VerticalScroll)
        where = scroll.scroll_y
        self.lesson = lesson
        self._read_lesson()
        headings = self.document.toc()
        self.go_to_page(headings.index(heading) if headings.count(heading) == 1 else self.page_index)
        self.call_after_refresh(scroll.scroll_to, y=where, animate=False)
        self.refresh_bindings()

    def _show_changes(self) -> None:
        """A short note at the top for each rule change of this lesson the learner has not seen;
        once shown, it counts as seen (`u` opens the timeline at it)."""
        changes = self.tutor.change_news.unseen.get(self.lesson.id, ())
        note = self.query_one("#changed", Static)
        note.set_class(bool(changes), "-shown")
        if not changes:
            return
        from tutor.progress.rule_changes import when_text

        self.changed_ids = [c.id for c in changes]
        text = Text()
        for change in changes:
            text.append(f"⚠ Changed {when_text(change)}: ", style="bold")
            text.append(change.title)
            text.append("  (u: what changed)\n", style="dim")
        text.rstrip()
        note.update(text)
        self.post_message(ChangesSeen(list(self.changed_ids)))

    def action_changes(self) -> None:
        """The timeline of rule changes, at this lesson's change."""
        self.post_message(ShowChanges(self.changed_ids[0] if self.changed_ids else None))

    @property
    def last_page(self) -> int:
        return len(self.document) - 1 if self.document else 0

    @property
    def next_lesson(self) -> Lesson | None:
        order = self.tutor.course.ordered_lessons()
        index = next((i for i, lesson in enumerate(order) if lesson.id == self.lesson.id), None)
        return order[index + 1] if index is not None and index + 1 < len(order) else None

    def go_to_page(self, index: int, record: bool = True) -> None:
        """Turn to page `index` (0-based, clamped) and remember it as the place to resume."""
        index = min(max(index, 0), self.last_page)
        self.page_index = index
        if not record:
            return
        with self.tutor.keep_going():
            self.tutor.store.record_page_seen(self.tutor.course.id, self.lesson.id, index, self.last_page + 1)

    def watch_page_index(self, index: int) -> None:
        assert self.document is not None
        page = self.document.page(index)
        self.sub_title = f"page {index + 1} of {self.last_page + 1}"
        self.query_one("#page-title", Static).update(Text(page.title or self.lesson.title, style="bold"))
        self.query_one("#page", LessonPage).show(page, self.tutor.theme_colors)
        last = index == self.last_page
        self.query_one("#page-end").set_class(last, "-shown")
        if last:
            self.query_one("#sources", Static).update(self._sources_text())
        self.query_one("#page-scroll", VerticalScroll).scroll_home(animate=False)
        for toc in self.query("#toc").results(OptionList):
            toc.highlighted = index

    def _sources_text(self) -> Group:
        items = []
        for i, source in enumerate(self.lesson.sources):
            # The address on a line of its own that never wraps (a wrapped address copies broken);
            # a click opens it after the learner confirms, like any web link.
            click = {"@click": f"screen.follow_source({i})"} if source.is_web else {}
            url = Text(source.where, style=Style(dim=True, underline=source.is_web, meta=click),
                       no_wrap=source.is_web, overflow="ellipsis" if source.is_web else "fold")
            items.append(("•", Group(Text(source_line(source)), url)))
        return Group(Text("Sources", style="bold"), rows(items))

    @property
    def links(self) -> list[Link]:
        """This page's links in reading order, then the lesson's sources."""
        page = self.query_one("#page", LessonPage).links
        return [*page, *(Link(f"Source: {s.title}", s.url) for s in self.lesson.sources if s.is_web)]

    # -- actions ------------------------------------------------------------------------------

    def action_next_page(self) -> None:
        """Go to the next page of the lesson."""
        if self.page_index < self.last_page:
            self.go_to_page(self.page_index + 1)

    def action_previous_page(self) -> None:
        """Go back one page."""
        if self.page_index > 0:
            self.go_to_page(self.page_index - 1)

    def action_page_down(self) -> None:
        """Scroll down a screenful; at the bottom of a page, turn to the next one."""
        scroll = self.query_one("#page-scroll", VerticalScroll)
        if scroll.scroll_y >= scroll.max_scroll_y:
            self.action_next_page()
        else:
            scroll.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        """Scroll up a screenful; at the top of a page, turn back to the previous one."""
        scroll = self.query_one("#page-scroll", VerticalScroll)
        if scroll.scroll_y <= 0:
            self.action_previous_page()
        else:
            scroll.scroll_page_up(animate=False)

    def action_scroll_line(self, lines: int) -> None:
        """Scroll the page by a line."""
        self.query_one("#page-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_toggle_toc(self) -> None:
        """Show or hide the table of contents."""
        self.toc_open = not self.toc_open

    def watch_toc_open(self, shown: bool) -> None:
        self.query_one("#reader-body").set_class(shown, "-toc")
        (self._toc() if shown else self.query_one("#page-scroll")).focus()

    @on(OptionList.OptionSelected, "#toc")
    def _toc_chosen(self, event: OptionList.OptionSelected) -> None:
        self.go_to_page(event.option_index)
        self.toc_open = False

    def action_links(self) -> None:
        """List the links on this page, and the lesson's sources, to choose one."""
        from tutor.app.screens.dialogs import LinksScreen

        self.app.push_screen(LinksScreen(self.links), self._link_chosen)

    def _link_chosen(self, index: int | None) -> None:
        if index is not None:
            link = self.links[index]
            self.post_message(FollowLink(link.href, link.text))

    def action_follow_link(self, index: int) -> None:
        """Follow link number `index` of this page (clicked in the text)."""
        links = self.query_one("#page", LessonPage).links
        if 0 <= index < len(links):
            self.post_message(FollowLink(links[index].href, links[index].text))

    def action_follow_source(self, index: int) -> None:
        """Open source number `index` of this lesson (clicked in the sources)."""
        if 0 <= index < len(self.lesson.sources):
            source = self.lesson.sources[index]
            if source.is_web:  # a document or an internal reference has no page to open
                self.post_message(FollowLink(source.url, source.title))

    def action_quiz(self) -> None:
        """Take this lesson's quiz."""
        if self.quiz_id:
            self.post_message(TakeQuiz(self.lesson.id))

    def action_guide(self) -> None:
        """Something already went wrong? Open the guide that this lesson offers (or choose one)."""
        offered = self.tutor.course.guides_for_lesson(self.lesson.id)
        if offered:
            self.post_message(OpenGuide(offered[0].id if len(offered) == 1 else None))

    def action_next_lesson(self) -> None:
        """On to the next lesson of the course."""
        following = self.next_lesson
        if following is not None:
            self.post_message(OpenLesson(following.id))

    def action_back(self) -> None:
        """Close the contents if they are open; else back to where you came from."""
        if self.toc_open:
            self.toc_open = False
        else:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_page":
            return self.page_index < self.last_page
        if action == "previous_page":
            return self.page_index > 0
        if action == "quiz":
            return self.quiz_id is not None
        if action == "guide":  # the guides' index is read once, as the app warms up (app.py)
            return bool(self.tutor.course.guide_files) and bool(self.tutor.course.guides_for_lesson(self.lesson.id))
        return super().check_action(action, parameters)

    def why_not(self, action: str) -> str | None:
        if action == "next_page":
            then = "q takes its quiz" if self.quiz_id else "Esc goes back"
            return f"This is the lesson's last page: {then}."
        if action == "previous_page":
            return "This is the lesson's first page."
        if action == "quiz":
            return "This lesson has no quiz."
        return None
