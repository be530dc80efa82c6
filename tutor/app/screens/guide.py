"""A guide for "something already went wrong": its questions one at a time, with numbered choices as
in a scenario (the same story lines, tutor/app/widgets/step_story.py), then the outcome: how serious
the case is, what the rules say with their sources, what to do now, an input for each detail the
message uses, and the drafted message, which the learner can copy (c), edit (e), save to a file (s)
or keep in their progress (k). The walk and the message are the core's (tutor/progress/guides.py).

What the learner types is shown by the inputs themselves and, in the message, as Text: never markup.
Nothing is stored unless the learner keeps the draft.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option as ListOption

from tutor.app.base import TutorScreen
from tutor.app.messages import FollowLink
from tutor.app.screens import styles
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_page import hanging, rows
from tutor.app.widgets.question import AnswerList
from tutor.app.widgets.step_story import choice_prompt, story_text
from tutor.app.widgets.title_bar import TitleBar
from tutor.content.model import Guide
from tutor.progress import ProgressStoreError
from tutor.progress.guides import Draft, details_used, draft_message, guide_walk, outcome_of
from tutor.progress.scoring import replay
from tutor.progress.wording import GUIDE_NOTICE, MESSAGE_NOTE, SERIOUSNESS_WORDS, source_line


class GuideScreen(TutorScreen[None]):
    DEFAULT_CSS = styles(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave", tooltip="leave the guide (in an input or the editor: leave that first)"),
        Binding("b", "back", "Back", tooltip="back to the question before"),
        Binding("c", "copy", "Copy", tooltip="copy the message (your terminal must allow it; s saves it instead)"),
        Binding("e", "edit", "Edit", tooltip="edit the message; Esc when done"),
        Binding("s", "save", "Save", tooltip="save the message to a file you name"),
        Binding("k", "keep", "Keep", tooltip="keep the message in your progress, to find it here next time"),
        Binding("d", "details", "Details", tooltip="type the details for the message (each is optional)"),
        Binding("l", "lessons", "Lessons", tooltip="the lessons and other guides for this case"),
        Binding("f", "forget", "Forget", show=False, tooltip="erase the message you kept"),
        Binding("r", "restart", "Start again", show=False, tooltip="back to the first question"),
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
    ]

    def __init__(self, guide: Guide) -> None:
        super().__init__()
        self.guide = guide
        self.walk = guide_walk(guide)
        self.typed: dict[str, str] = {}  # detail id -> what the learner typed, kept across outcomes
        self.draft: Draft | None = None
        self.edited: str | None = None  # the message as the learner edited it
        self.kept = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="g-body"):
            yield Static(id="g-intro")
            yield Static(id="g-story")
            yield AnswerList(id="g-choices")
            with Vertical(id="g-outcome"):
                yield Static(id="g-serious")
                yield Static(id="g-rules")
                yield Static(id="g-steps")
                yield Static(id="g-details-head")
                yield Vertical(id="g-details")
                yield Static(id="g-message-head")
                yield Static(id="g-message")
                yield TextArea(id="g-editor", soft_wrap=True, show_line_numbers=False)
                yield Static(Text("Lessons and other guides for this case (l):", style="bold"), id="g-links-head")
                yield OptionList(id="g-links")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.guide.title
        intro = Text(GUIDE_NOTICE, style="italic")
        if self.guide.intro:
            intro.append("\n\n").append(self.guide.intro, style="not italic")
        self.query_one("#g-intro", Static).update(intro)
        kept = None
        with self.tutor.keep_going():
            kept = self.tutor.store.kept_draft(self.tutor.course.id, self.guide.id)
        if kept is not None and replay(self.walk, kept.path):
            self.typed = dict(kept.details)
            self.kept = True
            self._show()
            draft = self.draft
            if draft is not None and kept.message != draft.message:
                self.edited = kept.message
                self._show_message()
            self.notify(f"This is the message you kept on {kept.kept_at.astimezone():%-d %B}. f erases it; b or r "
                        "walks the guide again.", timeout=10, markup=False)
            return
        self._show()

    # -- the walk -----------------------------------------------------------------------------

    def _show(self) -> None:
        walk = self.walk
        finished = walk.finished
        self.query_one("#g-story", Static).update(story_text(walk.walked(), None if finished else
                                                             walk.step.text if walk.step else None))
        self.query_one("#g-outcome").set_class(finished, "-shown")
        choices = self.query_one("#g-choices", OptionList)
        choices.set_class(finished, "-ended")
        self.sub_title = "your case" if finished else f"question {len(walk.path) + 1}"
        self.query_one("#g-intro").display = not walk.path  # read at the first question: room for the story
        if finished:
            self._show_outcome()
        else:
            self.draft = None
            choices.clear_options()
            assert walk.step is not None
            choices.add_options([ListOption(choice_prompt(n, option), id=option.id)
                                 for n, option in enumerate(walk.step.options, 1)])
            choices.highlighted = None  # as in a question: the Enter that went on never chooses here
            choices.focus()
            self.call_after_refresh(self.query_one("#g-body", VerticalScroll).scroll_end, animate=False)
        self.refresh_bindings()

    @on(AnswerList.Chose, "#g-choices")
    def _chosen(self, event: AnswerList.Chose) -> None:
        event.stop()
        if self.walk.finished:
            return
        if event.option_id is None:
            self.notify("Choose first: its number, or ↑ ↓ to move to it, then Enter.", markup=False, timeout=6)
            return
        self.walk.choose(event.option_id)
        self._show()

    def action_pick(self, number: int) -> None:
        """Number keys: highlight choice N."""
        choices = self.query_one("#g-choices", OptionList)
        if not self.walk.finished and number <= choices.option_count:
            choices.highlighted = number - 1
            choices.focus()

    def action_back(self) -> None:
        """Back to the question before (from the outcome too)."""
        if self.walk.path:
            self.walk.back()
            self.edited = None
            self._show()

    def action_restart(self) -> None:
        """Back to the first question."""
        while self.walk.path:
            self.walk.back()
        self.edited = None
        self._show()

    # -- the outcome --------------------------------------------------------------------------

    def _show_outcome(self) -> None:
        outcome = outcome_of(self.guide, self.walk)
        assert outcome is not None
        word = SERIOUSNESS_WORDS.get(outcome.seriousness, outcome.seriousness)
        serious = Text()
        serious.append(outcome.title + "\n\n", style="bold")
        colour = self.tutor.theme_colors.get(_COLOURS.get(outcome.seriousness, "warning"), "")
        serious.append("How serious: ", style="bold").append(f" {word} ", style=f"bold reverse {colour}".strip())
        serious.append("\n").append(outcome.how_serious)
        self.query_one("#g-serious", Static).update(serious)
        rules: list[RenderableType] = [Text("What the rules say", style="bold")]
        for rule in outcome.rules:
            body = Text(rule.text)
            body.append(f"\nSource: {source_line(rule.source)}\n", style="dim").append(rule.source.url, style="dim")
            rules.append(hanging("•", body))
        self.query_one("#g-rules", Static).update(Group(*rules))
        steps = rows((f"{n}.", Text(step)) for n, step in enumerate(outcome.do_now, 1))
        self.query_one("#g-steps", Static).update(Group(Text("What to do now", style="bold"), steps))
        self._fill_details()
        links = self.query_one("#g-links", OptionList)
        links.clear_options()
        course = self.tutor.course
        for lesson_id in outcome.lessons:
            if lesson_id in course.lessons:
                title = course.lessons[lesson_id].title
                links.add_option(ListOption(Text(f"Lesson: {title}"), id=f"lesson:{lesson_id}"))
        for guide_id in outcome.guides:
            entry = course.guide_index.get(guide_id)
            if entry is not None:
                links.add_option(ListOption(Text(f"Guide: {entry.title}"), id=f"guide:{guide_id}"))
        self.query_one("#g-links-head").display = links.display = links.option_count > 0
        self._redraft()
        self.query_one("#g-body", VerticalScroll).focus()
        self.call_after_refresh(self._scroll_to_outcome)

    def _scroll_to_outcome(self, tries: int = 5) -> None:
        """Show the outcome from its top. The layout that places it can come a refresh after the one
        asked for (a long story, a loaded machine): until it has, look again after the next refresh."""
        body, outcome = self.query_one("#g-body", VerticalScroll), self.query_one("#g-outcome")
        target = outcome.virtual_region.y
        if (not outcome.virtual_region.height or target > body.max_scroll_y) and tries:
            self.call_after_refresh(self._scroll_to_outcome, tries - 1)
            return
        body.scroll_to(y=target, animate=False, immediate=True)

    def _fill_details(self) -> None:
        outcome = outcome_of(self.guide, self.walk)
        assert outcome is not None
        details = details_used(self.guide, outcome)
        box = self.query_one("#g-details", Vertical)
        box.remove_children()  # no ids on what is mounted next: the removal finishes after this call
        head = self.query_one("#g-details-head", Static)
        head.display = bool(details)
        head.update(Text.assemble(("Details for the message", "bold"), " (each optional; d to type them, Enter for "
                                  "the next, Esc when done). What you type stays on this computer."))
        widgets: list[Widget] = []
        for detail in details:
            widgets.append(Static(Text(detail.label), classes="g-label"))
            example = f"for example: {detail.example}" if detail.example else ""
            widgets.append(Input(self.typed.get(detail.id, ""), placeholder=example, max_length=detail.max_length,
                                 name=detail.id, classes="g-detail", compact=True))
        box.mount_all(widgets)

    @on(Input.Changed, ".g-detail")
    def _detail_typed(self, event: Input.Changed) -> None:
        if event.input.name and event.input.parent is not None:
            self.typed[event.input.name] = event.value
            self._redraft()

    @on(Input.Submitted, ".g-detail")
    def _detail_done(self, event: Input.Submitted) -> None:
        inputs = list(self.query(".g-detail").results(Input))
        index = inputs.index(event.input) if event.input in inputs else -1
        if 0 <= index < len(inputs) - 1:
            inputs[index + 1].focus()
        else:
            self.query_one("#g-message").scroll_visible(animate=False)
            self.query_one("#g-body").focus()

    def _redraft(self) -> None:
        self.draft = draft_message(self.guide, self.walk, self.typed)
        self._show_message()

    def _show_message(self) -> None:
        head = Text.assemble(("A message to support you can send", "bold"))
        head.append(f"\n{MESSAGE_NOTE} c copies it, e edits it, s saves it to a file, k keeps it here.")
        if self.edited is not None:
            head.append("\nYou edited it: details you type now are not filled in (b then the last choice again "
                        "drafts it anew).", style="italic")
        self.query_one("#g-message-head", Static).update(head)
        self.query_one("#g-message", Static).update(Text(self.message))

    @property
    def message(self) -> str:
        """The message as it would be sent: the learner's edit, else the draft."""
        if self.edited is not None:
            return self.edited
        return self.draft.message if self.draft is not None else ""

    # -- what the learner does with the message -----------------------------------------------

    def action_copy(self) -> None:
        """Copy the message to the clipboard."""
        if self.walk.finished:
            self.app.copy_to_clipboard(self.message)
            self.notify("Message copied. Your terminal must allow programs to copy: if pasting gives nothing, s saves "
                        "it to a file instead.", markup=False)

    def action_edit(self) -> None:
        """Edit the message; Esc when done."""
        if not self.walk.finished:
            return
        editor = self.query_one("#g-editor", TextArea)
        editor.load_text(self.message)
        editor.add_class("-editing")
        self.query_one("#g-message").display = False
        editor.focus()

    def _stop_editing(self) -> None:
        editor = self.query_one("#g-editor", TextArea)
        edited = editor.text.rstrip("\n")
        if edited != (self.draft.message if self.draft else ""):
            self.edited = edited
        editor.remove_class("-editing")
        self.query_one("#g-message").display = True
        self._show_message()
        self.query_one("#g-body").focus()

    def action_save(self) -> None:
        """Save the message to a file you name."""
        if self.walk.finished:
            from tutor.app.screens.save_message import SaveMessageScreen

            default = Path.home() / f"{self.guide.id}-message.txt"
            self.app.push_screen(SaveMessageScreen(str(default)), self._save_to)

    def _save_to(self, name: str | None, replace: bool = False) -> None:
        from tutor.app.screens.dialogs import ConfirmScreen
        from tutor.progress.output_file import OutputExists, OutputNotWritten, write_output_file

        if not name:
            return
        try:
            written = write_output_file(Path(name), self.message + "\n", self.tutor.store.path, replace=replace)
        except OutputExists:
            self.app.push_screen(ConfirmScreen(f"{name} already exists. Replace it with the message?",
                                               confirm="Replace"),
                                 lambda yes: self._save_to(name, replace=True) if yes else None)
            return
        except OutputNotWritten as problem:
            self.notify(f"Not saved: {problem}", severity="error", timeout=10, markup=False)
            return
        self.notify(f"Message saved to {written}", timeout=10, markup=False)

    def action_keep(self) -> None:
        """Keep the message in your progress, to find it here next time."""
        outcome = outcome_of(self.guide, self.walk)
        if outcome is None or self.draft is None:
            return
        try:
            self.tutor.store.keep_draft(self.tutor.course.id, self.guide.id, outcome.id, self.walk.path,
                                        self.draft.details, self.message)
        except ProgressStoreError as exc:
            self.tutor.store_failed(exc, always=True)
            return
        self.kept = True
        self.refresh_bindings()
        self.notify("Kept in your progress: it is here when you open this guide again. f erases it; `tutor reset` "
                    "erases it with the rest.", timeout=10, markup=False)

    def action_forget(self) -> None:
        """Erase the message you kept."""
        try:
            self.tutor.store.forget_draft(self.tutor.course.id, self.guide.id)
        except ProgressStoreError as exc:
            self.tutor.store_failed(exc, always=True)
            return
        self.kept = False
        self.refresh_bindings()
        self.notify("The kept message is erased.")

    def action_details(self) -> None:
        """Type the details for the message."""
        first = self.query(".g-detail").first(Input) if self.query(".g-detail") else None
        if first is not None:
            first.focus()

    def action_lessons(self) -> None:
        """The lessons and other guides for this case."""
        links = self.query_one("#g-links", OptionList)
        if self.walk.finished and links.option_count:
            links.highlighted = 0
            links.focus()

    @on(OptionList.OptionSelected, "#g-links")
    def _link_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(FollowLink(event.option.id, str(event.option.prompt)))

    def action_scroll_page(self, direction: int) -> None:
        body = self.query_one("#g-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_leave(self) -> None:
        """Leave an input or the editor; else leave the guide (nothing is kept unless you kept it)."""
        focused = self.focused
        if isinstance(focused, TextArea):
            self._stop_editing()
        elif isinstance(focused, Input):
            self.query_one("#g-body").focus()
        else:
            self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        finished = self.walk.finished
        if action in ("copy", "edit", "save", "keep"):
            return finished
        if action == "details":
            return finished and bool(self.query(".g-detail"))
        if action == "lessons":
            return finished and self.query_one("#g-links", OptionList).option_count > 0
        if action == "back":
            return bool(self.walk.path)
        if action == "forget":
            return self.kept
        return super().check_action(action, parameters)


_COLOURS = {"low": "success", "medium": "warning", "high": "error"}  # the theme's, read at the outcome
