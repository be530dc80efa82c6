"""Fixtures for the progress store's tests. Every test gets its own TUTOR_HOME, so none can read or
write the developer's real progress."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock, make_course
from tutor.content.model import Course
from tutor.progress import ProgressStore, open_store


@pytest.fixture(autouse=True)
def tutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A folder that does not exist yet, so opening the store has to create it (as on first run).
    home = tmp_path / "home"
    monkeypatch.setenv("TUTOR_HOME", str(home))
    monkeypatch.delenv("TUTOR_CONTENT", raising=False)
    return home


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(clock: FakeClock) -> Iterator[ProgressStore]:
    with open_store(clock=clock) as opened:
        yield opened


@pytest.fixture
def course() -> Course:
    return make_course()
