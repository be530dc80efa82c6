"""The base classes every screen of the tutor derives from: a typed handle on the tutor, and the keys
that must work on every screen, modal ones included.

Screens read the course and the store through `self.tutor` (typed by the TutorContext Protocol,
tutor/app/context.py, which declares what screens may use) and tell the app what happened with
messages (tutor/app/messages.py); the app calls down into screens, never the other way round.
No screen imports the App.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, cast

from textual import events
from textual.actions import parse
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tutor.app.context import TutorContext

ResultT = TypeVar("ResultT")

# A ModalScreen leaves the App's non-priority bindings out of its binding chain, and `?` cannot be
# a priority binding (the palette's input needs it), so every modal binds it itself.
MODAL_HELP = Binding("question_mark", "app.help", "Help", show=False)


class TutorScreen(Screen[ResultT]):
    """A full screen of the tutor.

    The key bar shows only the keys that work now (`check_action` hides the others); a hidden key
    pressed anyway is not met with silence: `why_not` says why it does nothing, and how to get on."""

    HELP: ClassVar[str] = ""  # the help's heading for this screen's own keys (tutor/app/screens/help.py)
    HELP_NOTES: ClassVar[tuple[tuple[str, str], ...]] = ()  # keys the help lists beside the bindings

    @property
    def tutor(self) -> TutorContext:
        """The course, the store and what else the app offers screens (tutor/app/context.py)."""
        return cast(TutorContext, self.app)

    def why_not(self, action: str) -> str | None:
        """Why `action`, hidden from the key bar now, does nothing (None: say nothing)."""
        return None

    def on_key(self, event: events.Key) -> None:
        # Runs before the bindings are tried (they are, once the key reaches the App): only a key
        # whose every binding is disabled now gets here with something to say.
        found = disabled_action(self, event.key)
        if found is not None:
            node, action = found
            why = node.why_not(action) if isinstance(node, TutorScreen) else None
            if why:
                self.notify(why, markup=False, timeout=6)

    def reveal(self, feedback: Widget, then: Widget) -> None:
        """After an answer, `feedback` was just filled in: show its top (the verdict, with as much
        of it below as fits) and give `then` (the Next button) the focus without scrolling to it,
        which at 80x24 would put the verdict above the fold.

        The screen is laid out in the very next frame: left to each changed widget, the layout is
        asked for only after that frame, and Textual's frame timer then skips a period
        (docs/performance.md, "Key to frame")."""
        then.focus(scroll_visible=False)
        self.refresh(layout=True)
        self.call_after_refresh(feedback.scroll_visible, animate=False, immediate=True)


def disabled_action(screen: Screen[Any], key: str) -> tuple[DOMNode, str] | None:
    """The node and action `key` is bound to on `screen` when none of its bindings can work now."""
    found: tuple[DOMNode, str] | None = None
    for node, bindings in screen._modal_binding_chain:
        for binding in bindings.key_to_bindings.get(key, ()):
            namespace, action, parameters = parse(binding.action)
            if namespace:  # "app.help", "screen.x": not a key a screen hides
                return None
            if node.check_action(action, parameters):
                return None
            found = found or (node, action)
    return found


# Up and down, a screen at a time, to the top or the bottom, whatever has the focus (a button, most
# often): one tooltip for each pair, so the help lists each pair on one line.
SCROLL_BINDINGS: list[BindingType] = [
    Binding("down", "scroll(1)", "More", key_display="↓", tooltip="scroll down or up a line"),
    Binding("up", "scroll(-1)", "Scroll up", show=False, tooltip="scroll down or up a line"),
    Binding("j", "scroll(1)", "Scroll down", show=False, tooltip="scroll down or up a line"),
    Binding("k", "scroll(-1)", "Scroll up", show=False, tooltip="scroll down or up a line"),
    Binding("pagedown", "scroll_page(1)", "Page down", show=False, tooltip="scroll down or up a screen"),
    Binding("pageup", "scroll_page(-1)", "Page up", show=False, tooltip="scroll down or up a screen"),
    Binding("end", "scroll_edge(1)", "Bottom", show=False, tooltip="to the bottom or the top"),
    Binding("home", "scroll_edge(-1)", "Top", show=False, tooltip="to the bottom or the top"),
]


class ScrollingScreen(TutorScreen[ResultT]):
    """A screen whose body scrolls by keyboard whatever has the focus; the key bar says "↓ More"
    while there is more below."""

    HELP = "Scrolling: questions, results, the readiness result"
    BINDINGS = SCROLL_BINDINGS
    SCROLL_BODY: ClassVar[str] = ""  # the selector of the VerticalScroll that scrolls

    @property
    def scroll_body(self) -> VerticalScroll:
        return self.query_one(self.SCROLL_BODY, VerticalScroll)

    def on_mount(self) -> None:
        body = self.scroll_body
        # "↓ More" comes and goes with the scroll position and the length of what is shown.
        self.watch(body, "scroll_y", self._more_changed, init=False)
        self.watch(body, "virtual_size", self._more_changed, init=False)

    def _more_changed(self) -> None:
        self.refresh_bindings()

    def action_scroll(self, lines: int) -> None:
        self.scroll_body.scroll_relative(y=lines, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        body = self.scroll_body
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)

    def action_scroll_edge(self, direction: int) -> None:
        body = self.scroll_body
        (body.scroll_end if direction > 0 else body.scroll_home)(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scroll" and parameters == (1,) and self.is_mounted:
            body = self.scroll_body
            return body.scroll_y < body.max_scroll_y  # "↓ More" only while there is more
        return super().check_action(action, parameters)


class TutorModal(ModalScreen[ResultT]):
    """A dialog of the tutor: `?` shows the help here too, and ctrl+q (a priority binding) quits."""

    BINDINGS = [MODAL_HELP]

    @property
    def tutor(self) -> TutorContext:
        """The course, the store and what else the app offers screens (tutor/app/context.py)."""
        return cast(TutorContext, self.app)
