"""Shared test set-up: keep the developer's own progress and content out of every test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path_factory.mktemp("tutor-home")))
    monkeypatch.delenv("TUTOR_CONTENT", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
