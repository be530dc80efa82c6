"""How learners and a trainer drive the installed tutor against the test LRS: the users Ralph knows,
the environment a scripted set-up sends with, and a look into a learner's outbox."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.lrs.ralph import Ralph

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "tests" / "fixtures" / "pack"
# Who may use the LRS: the trainer reads the team's statements, each learner sends their own.
USERS = {"trainer": "trainer-s3cret", "ana": "ana-s3cret", "bo": "bo-s3cret", "chen": "chen-s3cret"}


def sending_as(server: Ralph, user: str, password: str | None = None) -> dict[str, str]:
    """The environment a scripted set-up gives tutor to send (or read) as `user`."""
    return {"TUTOR_LRS_URL": server.url, "TUTOR_LRS_USER": user,
            "TUTOR_LRS_PASSWORD": USERS[user] if password is None else password}


def tutor(*args: str, data: Path, given: str = "", env: dict[str, str] | None = None,
          timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """The installed tutor, as a learner or trainer types it, on the fixture pack."""
    return subprocess.run([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(data), *args],
                          input=given, capture_output=True, text=True, cwd=REPO, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def outbox_ids(data: Path) -> list[str]:
    conn = sqlite3.connect(data / "progress.db")
    try:
        return [statement_id for (statement_id,) in conn.execute("SELECT statement_id FROM outbox ORDER BY id")]
    finally:
        conn.close()
