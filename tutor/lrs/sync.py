"""Sending the outbox: the waiting statements in batches, oldest first, each batch marked as it is
acknowledged, so a kill loses nothing and a resend duplicates nothing (the LRS keeps one statement per id).

The retry policy, by what the LRS answers (xAPI 1.0.3, and Ralph as measured in lrs-notes.md):
- 200 or 204: delivered (204: it held them already).
- 400, 409, 413, 422: refused. A batch is halved until the statement refused is alone; that one is set
  aside with the LRS's reason and the others go on. Never retried as is.
- 401, 403 (credentials), 404 (no endpoint there): stop; nothing is set aside; the learner is told.
- 5xx, a timeout, no connection: tried again after a back-off (doubling, with jitter); when the tries
  run out the run stops, and the statements wait for the next one.
Our own check of the xAPI rules (tutor/progress/xapi_rules.py) runs first: a statement that breaks them
is set aside without being sent (an LRS that checks little would store it; one that checks more would
refuse it later; an mbox without mailto: makes Ralph drop the connection, and a client that retries
would loop on it).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import msgspec

from tutor.lrs.client import Answer, LrsClient, describe
from tutor.progress.outbox import Waiting
from tutor.progress.store import ProgressStore
from tutor.progress.xapi_rules import statement_problems

BATCH_SIZE = 100
REFUSED = (400, 409, 413, 422)


@dataclass(frozen=True)
class RetryPolicy:
    """How often, and after how long, a batch is tried again when the LRS may recover."""

    tries: int = 6
    first_wait: float = 0.5
    longest_wait: float = 8.0

    def wait(self, failed: int) -> float:
        """Seconds to wait after the `failed`-th failure (1, 2, ...): doubling, at most longest_wait, with
        jitter so that many learners' apps do not all come back at the same moment."""
        return min(self.longest_wait, self.first_wait * 2.0 ** (failed - 1)) * random.uniform(0.5, 1.0)


@dataclass
class SyncReport:
    """What one run did, for the learner."""

    sent: int = 0
    set_aside: list[tuple[str, str]] = field(default_factory=list)  # (what it records, why)
    stopped: str | None = None  # why the run stopped before the outbox was empty, in words
    waiting: int = 0  # what still waits after the run

    @property
    def complete(self) -> bool:
        return self.stopped is None and self.waiting == 0


class Stop(Exception):
    pass


def send_waiting(store: ProgressStore, client: LrsClient, *, batch_size: int = BATCH_SIZE,
                 policy: RetryPolicy | None = None, sleep: Callable[[float], object] = time.sleep,
                 cancel: threading.Event | None = None,
                 progress: Callable[[SyncReport], object] | None = None) -> SyncReport:
    """Send every waiting statement; return what happened. `cancel` ends the run between requests (the
    app quitting); `progress` is told after each batch. While the LRS works on one batch, the next is
    read and checked, and its acknowledgement and the next batch's try are written in one transaction."""
    sender = _Sender(store, client, policy or RetryPolicy(), sleep, cancel or threading.Event())
    try:
        batch, after = sender.next_batch(0, batch_size)
        store.mark_tried([waiting.row for waiting in batch])
        while batch and not sender.cancel.is_set():
            pending = client.begin_post([waiting.body for waiting in batch])
            following, after = sender.next_batch(after, batch_size)
            sender.settle(batch, pending.answer(), following)
            batch = following
            if progress is not None:
                progress(sender.report)
    except Stop as stop:
        sender.report.stopped = str(stop)
    if sender.cancel.is_set() and sender.report.stopped is None:
        sender.report.stopped = "sending was stopped"
    sender.report.waiting = store.waiting_count()
    return sender.report


@dataclass
class _Sender:
    store: ProgressStore
    client: LrsClient
    policy: RetryPolicy
    sleep: Callable[[float], object]
    cancel: threading.Event
    report: SyncReport = field(default_factory=SyncReport)

    def next_batch(self, after: int, size: int) -> tuple[list[Waiting], int]:
        """The next statements that keep the xAPI rules (the others are set aside, never sent), and the
        last row read. Empty only when nothing waits after `after`."""
        while True:
            read = self.store.waiting_statements(size, after)
            if not read:
                return [], after
            after = read[-1].row
            good = self.checked(read)
            if good:
                return good, after

    def checked(self, batch: Sequence[Waiting]) -> list[Waiting]:
        good = []
        for waiting in batch:
            try:
                problems = statement_problems(msgspec.json.decode(waiting.body))
            except msgspec.DecodeError:
                problems = ["it is not JSON"]
            if problems:
                self._set_aside(waiting, "tutor's own check of the xAPI rules: " + "; ".join(problems))
            else:
                good.append(waiting)
        return good

    def settle(self, batch: Sequence[Waiting], answer: Answer, following: Sequence[Waiting]) -> None:
        """What the LRS answered to a whole batch; then the following batch is marked as tried."""
        rows, next_rows = [waiting.row for waiting in batch], [waiting.row for waiting in following]
        if answer.status == 0 or answer.status >= 500:
            answer = self._post(batch, failed=1, last=answer)
        if answer.status in (200, 204):
            self.store.mark_sent(rows, tried=next_rows)  # one transaction, one fsync
            self.report.sent += len(rows)
            return
        self._answered(batch, answer)
        self.store.mark_tried(next_rows)

    def deliver(self, batch: Sequence[Waiting]) -> None:
        """Send a batch on its own (half of a refused one: marked tried with it), with retries."""
        if not batch:
            return
        answer = self._post(batch)
        if answer.status in (200, 204):
            self.store.mark_sent([waiting.row for waiting in batch])
            self.report.sent += len(batch)
        else:
            self._answered(batch, answer)

    def _answered(self, batch: Sequence[Waiting], answer: Answer) -> None:
        """A batch the LRS did not take: halve it down to the statement refused, or stop."""
        if answer.status in REFUSED:
            if len(batch) == 1:
                self._set_aside(batch[0], f"the LRS refused it ({answer.status}: {answer.reason()})")
            else:  # which one? Halve until it is alone; the others are sent (or acknowledged again) meanwhile
                middle = len(batch) // 2
                self.deliver(batch[:middle])
                self.deliver(batch[middle:])
            return
        words = describe(answer)
        self.store.note_trouble([waiting.row for waiting in batch], words)
        raise Stop(words)

    def _post(self, batch: Sequence[Waiting], failed: int = 0, last: Answer | None = None) -> Answer:
        """POST with the retry policy: `failed` tries already failed, the latest answering `last`."""
        answer = last or Answer(0, trouble="nothing was tried")
        while failed < self.policy.tries:
            if failed and self._wait(self.policy.wait(failed)):
                break  # cancelled while waiting: the latest trouble stands
            answer = self.client.post_statements([waiting.body for waiting in batch])
            if answer.status != 0 and answer.status < 500:
                return answer
            failed += 1
        return answer

    def _wait(self, seconds: float) -> bool:
        """Sleep, unless cancelled meanwhile (True then)."""
        if self.sleep is time.sleep:
            return self.cancel.wait(seconds)
        self.sleep(seconds)
        return self.cancel.is_set()

    def _set_aside(self, waiting: Waiting, why: str) -> None:
        self.store.set_aside(waiting.row, why)
        self.report.set_aside.append((waiting.source, why))
