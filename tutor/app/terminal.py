"""The App and its terminal: too small a terminal is covered by a notice, a terminal that is gone
ends the app, and a bug ends it with one line and a saved report instead of a traceback."""

from __future__ import annotations

import os
import sys
import tempfile

from textual import events
from textual.geometry import Size
from textual.screen import Screen

from tutor.app.app_base import AppBase
from tutor.exit_codes import Exit

MIN_SIZE = (60, 18)


class TerminalGuard(AppBase):
    _started = False  # set by the App's on_mount: resizes before it are Textual's own
    _too_small: Screen[None] | None = None  # the "terminal too small" screen, while shown

    def _print_error_renderables(self) -> None:
        # Textual prints a crash's traceback when the app exits (and sets the exit status to 1). A
        # learner gets one line saying it is a bug and where the details are, and the status every
        # command gives a bug (Exit.INTERNAL, 70); every answer was already saved on submit. A crash
        # that a value tutor never writes explains is damage, told as such (exit 1), not a bug.
        if not self._exit_renderables:
            return
        damage = self._damage_explaining()
        if damage is not None:
            self._exit_renderables.clear()
            print(f"tutor: {damage}", file=sys.stderr)
            self._return_code = Exit.FAILED
            return
        self._return_code = Exit.INTERNAL
        if os.environ.get("TUTOR_DEBUG"):
            super()._print_error_renderables()
            return
        from rich.console import Console

        handle, name = tempfile.mkstemp(prefix="tutor-error-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as report:
            console = Console(file=report, width=100, color_system=None)
            for renderable in self._exit_renderables:
                console.print(renderable)
        self._exit_renderables.clear()
        print("tutor stopped because of a bug (every answer you saw feedback for was saved). "
              f"The details are in {name}; set TUTOR_DEBUG=1 to see them here.", file=sys.stderr)

    def _damage_explaining(self) -> str | None:
        """The message to give instead of "a bug" when the crash came from progress holding a value
        tutor never writes (tutor/progress/stored_values.py), else None."""
        from tutor.progress.errors import DamagedValueError
        from tutor.progress.stored_values import damaged_value_at

        if isinstance(self._exception, DamagedValueError):
            return str(self._exception)
        try:
            found = damaged_value_at(self.store.path)
        except Exception:  # looking must never hide the first failure
            return None
        return None if found is None else str(DamagedValueError(self.store.path, found))

    def _watch_for_hangup(self) -> None:
        """Quit when the terminal is gone and no hang-up signal said so (the app run under nohup, or
        by a program that closes its pseudo-terminal): Textual's input thread would otherwise read
        nothing, at full speed, for ever. Checked once a second; nothing to do when headless."""
        import select

        if self.is_headless or not hasattr(select, "poll"):
            return
        try:
            fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
        except (OSError, ValueError):
            return
        if fd < 0 or not os.isatty(fd):
            return
        poller = select.poll()
        poller.register(fd, select.POLLHUP)

        def check() -> None:
            if any(events & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _fd, events in poller.poll(0)):
                self.exit(0)

        self.set_interval(1.0, check, name="hangup")

    # -- terminal size -----------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # Textual sends the first Resize before the app's styles are applied; a screen pushed then
        # keeps the unstyled colours (its text drawn in the background colour). on_mount checks
        # the starting size instead.
        if self._started:
            self._guard_size(event.size)

    def _guard_size(self, size: Size | None = None) -> None:
        size = size or self.size
        small = size.width < MIN_SIZE[0] or size.height < MIN_SIZE[1]
        covered = self._too_small is not None and self.screen is self._too_small
        if small and not covered:
            from tutor.app.screens.dialogs import TooSmallScreen  # imported only when needed

            self._too_small = TooSmallScreen(MIN_SIZE)
            self.push_screen(self._too_small)
        elif covered and not small:
            self._too_small = None
            self.pop_screen()
