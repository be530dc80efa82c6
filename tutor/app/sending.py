"""Sending results while the app runs. Once the learner has said who they are and an LRS is set up
(`tutor learner`, `tutor lrs`, or the environment), a daemon thread sends what waits in the outbox, then
looks again every so often, backing off while the LRS is down. It has its own connection to the progress
database and its own to the LRS, so no key waits for it; quitting never waits for it either (what was
not acknowledged is sent next time, once: docs/teams.md)."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.lrs.settings import LrsSettings
    from tutor.progress import ProgressStore

POLL_SECONDS = 20.0  # how often to look for new results while all goes well
LONGEST_WAIT = 900.0  # while the LRS is down, the wait doubles up to a quarter of an hour

Tell = Callable[[str], None]  # says something to the learner, from any thread


def sending_for(store: ProgressStore, tell: Tell) -> BackgroundSending | None:
    """The background sender when sending is set up, else None (then nothing leaves the machine).
    Settings that cannot be used (an http:// address, a password file others can read) are told."""
    if store.path.name == ":memory:" or store.learner() is None:
        return None  # most learners: nothing to send, and the LRS's settings never loaded
    from tutor.lrs.settings import SettingsError, load_settings

    try:
        settings = load_settings()
    except SettingsError as exc:
        tell(f"Your results are not being sent: {exc}. They are kept; tutor sync --status says more.")
        return None
    return None if settings is None else BackgroundSending(store.path.parent, settings, tell)


class BackgroundSending:
    def __init__(self, data_dir: Path, settings: LrsSettings, tell: Tell) -> None:
        self.data_dir, self.settings, self.tell = data_dir, settings, tell
        self.stop_event = threading.Event()
        self.sending = threading.Event()  # set while a run is under way (tests look)
        self.sent = 0  # statements acknowledged since the app started
        self._thread = threading.Thread(target=self._run, name="tutor-sending", daemon=True)
        self._told: str | None = None

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to end between requests; nothing waits for it."""
        self.stop_event.set()

    def _run(self) -> None:
        from tutor.lrs.client import LrsClient
        from tutor.lrs.sync import send_waiting
        from tutor.progress import ProgressStoreError, open_store

        failures = 0
        try:
            with open_store(self.data_dir) as store, LrsClient(self.settings) as client:
                while not self.stop_event.is_set():
                    if store.waiting_count():
                        self.sending.set()
                        report = send_waiting(store, client, cancel=self.stop_event)
                        self.sending.clear()
                        self.sent += report.sent
                        if report.stopped and not self.stop_event.is_set():
                            failures += 1
                            self._tell_once(f"Your results could not be sent: {report.stopped}. They are kept and "
                                            "will be sent later; tutor sync --status says more.")
                        elif not report.stopped:
                            failures, self._told = 0, None
                    wait = POLL_SECONDS if not failures else min(LONGEST_WAIT, POLL_SECONDS * 2.0 ** failures)
                    self.stop_event.wait(wait * random.uniform(0.75, 1.0))
        except ProgressStoreError as exc:
            self._tell_once(f"Sending your results stopped: {exc}")
        except Exception as exc:  # a bug: say it in words rather than let a thread print over the screen
            self._tell_once(f"Sending your results stopped ({type(exc).__name__}: {exc}); tutor sync sends them.")
        finally:
            self.sending.clear()

    def _tell_once(self, message: str) -> None:
        if message != self._told and not self.stop_event.is_set():
            self._told = message
            self.tell(message)
