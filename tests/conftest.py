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
