"""The base classes every screen of the tutor derives from: a typed handle on the app, and the keys
that must work on every screen, modal ones included.

Screens read the course and the store through `self.app` (typed as TutorApp, which declares what
screens may use) and tell the app what happened with messages (tutor/app/messages.py); the app
calls down into screens, never the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from tutor.app.app import TutorApp

ResultT = TypeVar("ResultT")

# A ModalScreen leaves the App's non-priority bindings out of its binding chain, and `?` cannot be
# a priority binding (the palette's input needs it), so every modal binds it itself.
MODAL_HELP = Binding("question_mark", "app.help", "Help", show=False)


class TutorScreen(Screen[ResultT]):
    """A full screen of the tutor."""

    @property
    def app(self) -> TutorApp:  # type: ignore[override]
        return cast("TutorApp", super().app)

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
    def app(self) -> TutorApp:  # type: ignore[override]
        return cast("TutorApp", super().app)
