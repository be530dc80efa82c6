"""The store's calls for guides: a drafted message to support, kept only when the learner chooses to
(docs/progress.md). `tutor reset` erases it with the rest of the course (schema.COURSE_TABLES)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from tutor.progress.records import KeptDraft, to_datetime
from tutor.progress.store_core import StoreCore


class GuideCalls(StoreCore):
    """Kept drafts of guides' messages."""

    def keep_draft(self, course_id: str, guide_id: str, outcome_id: str, path: Sequence[tuple[str, str]],
                   details: Mapping[str, str], message: str) -> None:
        """Keep the draft (replacing any kept before for this guide)."""
        row = (course_id, guide_id, outcome_id, json.dumps([list(pair) for pair in path]),
               json.dumps(dict(details), ensure_ascii=False), message)

        def keep(conn: sqlite3.Connection, now: float) -> None:
            conn.execute("INSERT OR REPLACE INTO guide_drafts (course_id, guide_id, outcome_id, path, details, "
                         "message, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)", (*row, now))

        self._write(keep, "Your draft could not be kept")

    def kept_draft(self, course_id: str, guide_id: str) -> KeptDraft | None:
        """The draft kept for this guide, if any."""
        row = self._read(lambda c: c.execute(
            "SELECT outcome_id, path, details, message, kept_at FROM guide_drafts WHERE course_id = ? AND "
            "guide_id = ?", (course_id, guide_id)).fetchone())
        if row is None:
            return None
        path = tuple((str(step), str(option)) for step, option in json.loads(row[1]))
        details = {str(key): str(value) for key, value in json.loads(row[2]).items()}
        return KeptDraft(guide_id, row[0], path, details, row[3], to_datetime(row[4]))

    def forget_draft(self, course_id: str, guide_id: str) -> None:
        """Erase the draft kept for this guide (nothing happens when there is none)."""
        self._write(lambda c, now: c.execute("DELETE FROM guide_drafts WHERE course_id = ? AND guide_id = ?",
                                             (course_id, guide_id)), "Your kept draft could not be erased")
