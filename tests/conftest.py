"""Shared test set-up: keep the developer's own progress and content out of every test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("tutor-home")))
    monkeypatch.delenv("TUTOR_CONTENT", raising=False)
    # Who the learner is and where results go come from the environment too: never the developer's.
    for name in ("TUTOR_LEARNER_NAME", "TUTOR_LEARNER_EMAIL", "TUTOR_LRS_URL", "TUTOR_LRS_USER", "TUTOR_LRS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


# The slow group: real terminals, killed processes and a stopped LRS. Marked by where they live, so a new test there
# is in the group without remembering to mark it; CI runs every test, `-m "not slow"` skips these.
_SLOW = ("tests/e2e/", "tests/reliability/test_app_kills.py", "tests/reliability/test_store_kills.py",
         "tests/test_wheel.py::test_the_built_wheel", "tests/lrs/test_sync_faults.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        where = item.nodeid.replace("\\", "/")
        if where.startswith(_SLOW):
            item.add_marker(pytest.mark.slow)
