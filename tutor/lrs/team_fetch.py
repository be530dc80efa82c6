"""Reading a team's statements back from the LRS for `tutor team`: one query for everyone (or one per
learner asked for), since a date, page after page through `more`, yielded one statement at a time so the
report's memory stays flat however many there are. Filtering by course happens on our side: an LRS's
activity filter is optional to implement well (Ralph's file backend answers [] to it)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from tutor.lrs.client import LrsClient
from tutor.progress.learner import email_problem


class QueryError(ValueError):
    """A --since or --learner the LRS could not be asked with; the message says why."""


def since_timestamp(text: str) -> str:
    """A date (2026-12-01, midnight UTC) or a time with its zone, as the UTC timestamp with Z an LRS
    compares (Ralph answers 500 to a time without a zone)."""
    try:
        if len(text) == 10:
            moment = datetime.combine(date.fromisoformat(text), datetime.min.time(), timezone.utc)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                raise QueryError(f"--since {text}: give a date (2026-12-01) or a time with its zone "
                                 "(2026-12-01T09:00:00Z)")
    except ValueError as exc:
        if isinstance(exc, QueryError):
            raise
        raise QueryError(f"--since {text}: not a date (as in 2026-12-01)") from None
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def agent_for(learner: str) -> dict[str, Any]:
    """An e-mail address, or an account written as https://site/#name."""
    if learner.startswith(("http://", "https://")) and "#" in learner:
        home_page, _, name = learner.rpartition("#")
        if urlsplit(home_page).netloc and name:
            return {"account": {"homePage": home_page, "name": name}}
    problem = email_problem(learner)
    if problem:
        raise QueryError(f"--learner {learner}: {problem} (or write an account as https://site/#name)")
    return {"mbox": f"mailto:{learner}"}


def team_statements(client: LrsClient, *, since: str | None = None,
                    learners: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """Every statement the query finds, oldest page first. Raises LrsError when a page cannot be had."""
    queries: list[dict[str, str]] = [{"agent": json.dumps(agent_for(learner))} for learner in learners] or [{}]
    for query in queries:
        if since is not None:
            query["since"] = since
        for page in client.get_statements(query):
            yield from page
