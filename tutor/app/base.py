"""The base classes every screen of the tutor derives from: a typed handle on the tutor, and the keys
that must work on every screen, modal ones included.

Screens read the course and the store through `self.tutor` (typed by the TutorContext Protocol,
tutor/app/context.py, which declares what screens may use) and tell the app what happened with
messages (tutor/app/messages.py); the app calls down into screens, never the other way round.
No screen imports the App.
"""

from __future__ import annotations

from typing import TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

from tutor.app.context import TutorContext

ResultT = TypeVar("ResultT")

# A ModalScreen leaves the App's non-priority bindings out of its binding chain, and `?` cannot be
# a priority binding (the palette's input needs it), so every modal binds it itself.
MODAL_HELP = Binding("question_mark", "app.help", "Help", show=False)


class TutorScreen(Screen[ResultT]):
    """A full screen of the tutor."""

    @property
    def tutor(self) -> TutorContext:
        """The course, the store and what else the app offers screens (tutor/app/context.py)."""
        return cast(TutorContext, self.app)

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


class TutorModal(ModalScreen[ResultT]):
    """A dialog of the tutor: `?` shows the help here too, and ctrl+q (a priority binding) quits."""

    BINDINGS = [MODAL_HELP]

    @property
    def tutor(self) -> TutorContext:
        """The course, the store and what else the app offers screens (tutor/app/context.py)."""
        return cast(TutorContext, self.app)
