"""The real app, killed with SIGKILL at random moments while a learner answers: every answer whose
feedback reached the terminal is in the database afterwards, and the file is sound.

The installed `tutor` runs in a pseudo-terminal of 100x30 with the fixture pack and a temporary
TUTOR_HOME, driven with keys. The app's screens change often, so the driver reads only a few words
(the question counter, the feedback verdicts) and presses keys that work on every kind of question;
when it cannot drive the app from the first round it skips with what the screen showed, rather
than fail on a cosmetic change; when it drove earlier rounds and cannot any more, it fails. A traceback or "stopped because of a bug" on the screen always fails.

Kills: 100 in CI (about 3 minutes), 500 with TUTOR_RELIABILITY=long.
"""

from __future__ import annotations

import collections
import fcntl
import os
import pty
import random
import re
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.reliability.harness import PACK, rounds

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal and SIGKILL")

# Escape sequences (CSI with parameters and intermediates, OSC, DCS, two-byte ones) and the bytes
# between them: what is left is the text the app wrote, in the order it wrote it.
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1bP[^\x1b]*\x1b\\|\x1b[ -/]*[0-~]")
FEEDBACK = re.compile(r"\b(?:Right|Not quite|Partly right)\b|\b[Ee]nding\b")
QUESTION = re.compile(r"[Qq]uestion (\d+) of (\d+)")
READER = re.compile(r"page \d+ of \d+")
BROKEN = re.compile(r"Traceback|stopped because of a bug|internal error")
LEFT_OR_QUESTION = re.compile(r"You left this quiz|[Qq]uestion \d+ of \d+")


def tutor_argv() -> list[str]:
    script = Path(sys.executable).with_name("tutor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tutor"]


class CannotDrive(Exception):
    """The app did not show what the driver needs; not a failure of what this test is about."""


class App:
    """`tutor` in a pseudo-terminal: keys in, the text it writes out."""

    def __init__(self, home: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": str(home), "TEXTUAL_ANIMATIONS": "none",
               "COLUMNS": "100", "LINES": "30"}
        env.pop("TUTOR_CONTENT", None)
        self.process = subprocess.Popen([*tutor_argv(), "--content", str(PACK)], stdin=slave, stdout=slave,
                                        stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.raw = b""
        self.mark = 0  # where "new" text starts, in the text

    @property
    def text(self) -> str:
        return ESCAPES.sub(b"", self.raw).decode("utf-8", "replace")

    def pump(self, seconds: float) -> None:
        """Read what the app writes for `seconds` (so it never blocks on a full terminal)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if select.select([self.master], [], [], min(left, 0.02))[0]:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the app is gone
                    time.sleep(left)
                    return
                self.raw += chunk

    def wait_for(self, pattern: re.Pattern[str], seconds: float) -> re.Match[str] | None:
        """The first match of `pattern` in text written since the mark, waiting up to `seconds`."""
        deadline = time.monotonic() + seconds
        while True:
            text = self.text
            if BROKEN.search(text):
                pytest.fail(f"the app broke; the terminal shows:\n{text[-2000:]}")
            found = pattern.search(text, self.mark)
            if found or time.monotonic() >= deadline:
                return found
            self.pump(0.05)

    def press(self, *keys: str) -> None:
        self.mark = len(self.text)
        for key in keys:
            os.write(self.master, key.encode())
            self.pump(0.08)

    def settle(self, seconds: float = 15) -> None:
        """Until the first frame is drawn and the app has been quiet for a moment."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            before = len(self.raw)
            self.pump(0.3)
            if len(self.raw) == before and re.search(r"[A-Za-z]{3}", self.text):
                return
        raise CannotDrive("the app drew nothing within 15 s")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)
        self.pump(0.05)
        os.close(self.master)


def open_the_quiz(app: App) -> None:
    """Welcome (first start only) -> dashboard -> first lesson -> its quiz, with the keys that do that
    on every version of the screens so far: Enter until a lesson page shows, then q."""
    app.settle()
    for _ in range(3):
        app.press("\r")
        if app.wait_for(READER, 3):
            break
    else:
        raise CannotDrive("Enter (welcome, dashboard) never opened a lesson page")
    for _ in range(2):
        app.press("q")
        found = app.wait_for(LEFT_OR_QUESTION, 4)
        if found and found.group(0).startswith("You left"):  # a kill left the attempt part-way: go on
            app.press("g")
            found = app.wait_for(QUESTION, 4)
        if found:
            return
    raise CannotDrive("q in the lesson never showed 'question N of M'")


def answer_one(app: App, since: int, kill_within: float | None) -> bool:
    """Answer the question on screen with keys that work on every kind: a number then s (select-all),
    a number then Enter (single, true/false, a scenario's steps), trying the likelier first. If
    `kill_within` is set, the app is killed that many seconds after the answering key, wherever it
    is. True when the feedback reached the terminal (before any kill)."""
    select_all = "elect all" in app.text[since:]  # "Select all that apply": a hint, not a must
    multi, single = (("1", "s"), ("1", "\r"))
    tries = [multi, ("\r",), single, single, single] if select_all else [single, ("s",), single, single, single]
    for keys in tries:
        app.press(*keys[:-1])
        app.press(keys[-1])
        if kill_within is not None:
            app.pump(kill_within)
            found = FEEDBACK.search(app.text, app.mark)
            app.kill()
            return found is not None
        if app.wait_for(FEEDBACK, 1.5):
            return True
    raise CannotDrive("no feedback after a number with s or Enter, and three scenario steps")


def prompt_ids() -> dict[str, str]:
    """The start of each question's prompt in the fixture pack, to its id."""
    ids = {}
    for quiz in (PACK / "quizzes").glob("*.toml"):
        for question in tomllib.loads(quiz.read_text(encoding="utf-8")).get("questions", []):
            ids[" ".join(question["prompt"].split())[:30]] = question["id"]
    return ids


def question_on_screen(app: App, since: int, prompts: dict[str, str]) -> str | None:
    text = " ".join(app.text[since:].split())
    found = [(text.rfind(start), question) for start, question in prompts.items() if start in text]
    return max(found)[1] if found else None


def stored(path: Path) -> list[tuple[int, str]]:
    if not path.exists():
        return []
    conn = sqlite3.connect(path, timeout=5)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        try:
            return conn.execute("SELECT id, question_id FROM answers ORDER BY id").fetchall()
        except sqlite3.OperationalError:  # killed before the schema was committed
            return []
    finally:
        conn.close()


def one_round(home: Path, rng: random.Random, prompts: dict[str, str]) -> list[str | None]:
    """Start the app, answer some questions, kill it at a random moment; return the questions whose
    feedback was shown (None where the question could not be told from the screen)."""
    app = App(home)
    acked: list[str | None] = []
    try:
        plan = rng.choice(("while-starting", "while-saving", "after-feedback", "after-feedback"))
        if plan == "while-starting":
            app.pump(rng.uniform(0, 1.5))  # opening the store, migrating, the first frame
            app.kill()
            return acked
        open_the_quiz(app)
        for n in range(rng.randint(1, 4)):
            since = app.mark
            question = question_on_screen(app, since, prompts)
            last = n == 3 or rng.random() < 0.3
            kill_within = rng.uniform(0, 0.05) if last and plan == "while-saving" else None
            if answer_one(app, since, kill_within):
                acked.append(question)
            if kill_within is not None:
                return acked
            if last:
                break
            app.press("n")
            if not app.wait_for(QUESTION, 3):
                break  # the quiz is over (results): kill it there
        app.pump(rng.uniform(0, 0.3))
        app.kill()
        return acked
    finally:
        if app.process.poll() is None:
            app.kill()


def test_answers_whose_feedback_was_shown_survive_the_app_being_killed(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    home = tmp_path / "home"
    prompts = prompt_ids()
    db = home / "progress.db"
    kills = rounds(ci=100, long=500)
    shown = 0
    for round_number in range(kills):
        before = {answer_id for answer_id, _ in stored(db)}
        try:
            acked = one_round(home, rng, prompts)
        except CannotDrive as exc:
            message = (f"could not drive the app ({exc}) after {round_number} kills checked; "
                       "the driver reads 'question N of M' and the feedback verdicts")
            if round_number == 0:  # the screens changed in a way the driver does not know
                pytest.skip(message)
            # It drove the app before: what a kill left behind changed what the app shows (a
            # resume offer went unnoticed here, and the test skipped, for a while).
            pytest.fail(message)
        rows = stored(db)
        new = collections.Counter(question for answer_id, question in rows if answer_id not in before)
        known = collections.Counter(question for question in acked if question is not None)
        where = f"round {round_number} (seed {seed})"
        assert sum(new.values()) >= len(acked), f"{where}: {len(acked)} answers shown, {sum(new.values())} saved"
        assert not known - new, f"{where}: shown as answered but not saved: {dict(known - new)}"
        assert not list(home.glob("*corrupt*")), f"{where}: a kill made the database look damaged"
        shown += len(acked)
    print(f"\n{kills} kills of the real app, {shown} answers shown as saved, all in the database (seed {seed})")
    assert shown > 0 or kills < 5, "no round got as far as an answer"
