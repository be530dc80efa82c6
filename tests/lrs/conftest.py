"""A real Ralph LRS for the xAPI tests, started once per session on loopback (tests/lrs/ralph.py) and
stopped at the end. Without Ralph these tests skip on a developer's machine; in CI (the variable CI is
set) they fail instead: an LRS test that does not run counts as a failure there."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.lrs.learners import USERS
from tests.lrs.ralph import Ralph


@pytest.fixture(scope="session")
def ralph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    try:
        import ralph  # noqa: F401  (the test extra installs it: pip install -e '.[test]')

        server = Ralph(tmp_path_factory.mktemp("ralph"), users=USERS).start()
    except (ImportError, RuntimeError, OSError) as exc:
        message = f"the Ralph LRS could not start: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message + " (in CI an LRS test that cannot run is a failure)")
        pytest.skip(message)
    yield server
    server.stop()


@pytest.fixture
def lrs(ralph_server: Ralph) -> Iterator[Ralph]:
    """The session's Ralph, empty, running; left running (and empty) for the next test."""
    if ralph_server.process is None:
        ralph_server.start()
    ralph_server.clear()
    yield ralph_server
    if ralph_server.process is None:
        ralph_server.start()
    ralph_server.clear()
