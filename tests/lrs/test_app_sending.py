"""The app sends in the background once sending is set up: what the learner reads and answers reaches the
real LRS while they go on, and a silent LRS never holds up a key. Without a learner's name nothing is
sent; settings that cannot be used are told on screen."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

import tutor.app.sending
from tests.app.conftest import text_of
from tests.lrs.learners import PACK, outbox_ids, sending_as
from tests.lrs.ralph import Ralph
from tutor.app.app import create_app
from tutor.app.screens.quiz import QuizScreen
from tutor.progress import open_store
from tutor.progress.learner import Learner

# One Ralph serves every LRS test: they run on one worker (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("lrs")

WAIT_SECONDS = 90.0  # generous: the machine is shared


async def until(pilot, condition: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while not condition():
        assert loop.time() < deadline, f"still waiting for {what}"
        await pilot.pause(0.1)


@pytest.fixture
def sending_to(lrs: Ralph, monkeypatch: pytest.MonkeyPatch) -> Ralph:
    for name, value in sending_as(lrs, "ana").items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(tutor.app.sending, "POLL_SECONDS", 0.3)
    return lrs


def app_for(data: Path, learner: Learner | None):
    store = open_store(data)
    if learner is not None:
        store.set_learner(learner)
    app = create_app(PACK, store)
    store.set_setting(app.welcome_key, True)
    return app, store


async def test_what_the_learner_does_reaches_the_lrs_and_a_silent_lrs_never_holds_up_a_key(
        sending_to: Ralph, tmp_path: Path) -> None:
    data = tmp_path / "ana"
    app, store = app_for(data, Learner("Ana Lima", email="ana@agency.org"))
    with store:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.sending is not None, "the sender to start")
            await pilot.press("enter", "right", "right")  # the first lesson, read to its last page
            await pilot.press("q", "1", "enter")  # its quiz: a first answer
            await until(pilot, lambda: len(sending_to.stored()) == 2, "the lesson and the answer at the LRS")
            assert sending_to.process is not None
            sending_to.process.send_signal(signal.SIGSTOP)  # the LRS stops answering, mid-session
            try:
                quiz = app.screen
                assert isinstance(quiz, QuizScreen)
                await pilot.press("n", "1", "3", "s")  # the second answer: the sender takes it, and waits
                await until(pilot, lambda: app.sending is not None and app.sending.sending.is_set(),
                            "the sender to be waiting for the LRS")
                await pilot.press("n", "1", "enter")  # the learner goes on meanwhile: question 3, answered
                assert "✓ Right" in text_of(quiz.query_one("#q-feedback"))
                assert app.sending.sending.is_set(), "the keys were answered while the LRS was silent"
                assert len(outbox_ids(data)) == 4  # the lesson and three answers, each kept as it was given
            finally:
                sending_to.process.send_signal(signal.SIGCONT)
            await until(pilot, lambda: {s["id"] for s in sending_to.stored()} == set(outbox_ids(data)),
                        "everything at the LRS")
        assert sorted(s["id"] for s in sending_to.stored()) == sorted(outbox_ids(data))  # once each


async def test_without_a_learner_nothing_is_kept_or_sent(sending_to: Ralph, tmp_path: Path) -> None:
    app, store = app_for(tmp_path / "data", None)
    with store:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause(1.0)
            assert app.sending is None
            await pilot.press("enter", "right", "right", "q", "1", "enter")
            await pilot.pause(1.0)
        assert outbox_ids(tmp_path / "data") == [] and sending_to.stored() == []


async def test_settings_that_cannot_be_used_are_told_on_screen(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TUTOR_LRS_URL", "http://lrs.agency.org/xAPI/")
    monkeypatch.setenv("TUTOR_LRS_USER", "ana")
    monkeypatch.setenv("TUTOR_LRS_PASSWORD", "pw")
    app, store = app_for(tmp_path / "data", Learner("Ana Lima", email="ana@agency.org"))
    with store:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.pause(1.0)
            toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
            assert app.sending is None
            assert any("Your results are not being sent" in t and "https://" in t for t in toasts), toasts
