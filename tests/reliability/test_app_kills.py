"""The real app, killed with SIGKILL at random moments while a learner answers: every answer whose
feedback reached the terminal is in the database afterwards, and the file is sound.

The installed `tutor` runs in a pseudo-terminal of 100x30 with the fixture pack and a temporary
TUTOR_HOME, driven with keys. The app's screens change often, so the driver reads only a few words
(the question counter, the feedback verdicts) and presses keys that work on every kind of question;
when it cannot drive the app from the first round it skips with what the screen showed, rather
than fail on a cosmetic change; when it drove earlier rounds and cannot any more, it fails. A traceback or "stopped because of a bug" on the screen always fails.

Kills: 100 in CI, 500 with TUTOR_RELIABILITY=long, made by two drivers at once (each app on its own
progress folder): a round mostly waits for the app to start, so two take little more than one. Nine kills in ten find a
question on screen, and half of those are aimed between an answering key and its feedback (the
delay follows the answers' latency so far); the test counts both and fails if too few landed.
"""

from __future__ import annotations

import collections
import concurrent.futures
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
import threading
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
# The question's own line, with the kind of answer it takes: the header's "question 2 of 4" can be
# drawn before it, and the driver reads the kind to choose its keys.
# (A scenario's step may come between them; on a narrow screen the how-to-answer words start a line.)
QUESTION = re.compile(r"Question (\d+) of \d+(?:\s+·\s+Step \d+(?: of \d+)?)?\s+(?:·\s+)?"
                      r"(?:Choose one|t for True|Tick all|What do you do)")
READER = re.compile(r"page \d+ of \d+")
BROKEN = re.compile(r"Traceback|stopped because of a bug|internal error")
LEFT_OR_QUESTION = re.compile(r"You left this quiz|" + QUESTION.pattern)


def question_after(number: str) -> re.Pattern[str]:
    """A question other than number `number`: after n, the app may draw the answered one again
    (its key bar changes) before the next, and the driver must not answer that one."""
    return re.compile(QUESTION.pattern.replace(r"(\d+)", rf"(?!{number} of)(\d+)", 1))


FIRST_SCREEN = re.compile(r"Welcome|lessons done|Continue")


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

    def wait_for(self, pattern: re.Pattern[str], seconds: float, step: float = 0.05) -> re.Match[str] | None:
        """The first match of `pattern` in text written since the mark, waiting up to `seconds` and
        looking every `step` seconds."""
        deadline = time.monotonic() + seconds
        while True:
            text = self.text
            if BROKEN.search(text):
                pytest.fail(f"the app broke; the terminal shows:\n{text[-2000:]}")
            found = pattern.search(text, self.mark)
            if found or time.monotonic() >= deadline:
                return found
            self.pump(step)

    def press(self, *keys: str) -> None:
        self.mark = len(self.text)
        for key in keys:
            os.write(self.master, key.encode())
            self.pump(0.08)

    def send(self, key: str) -> None:
        """Write a key and return at once: the moment a kill is timed from."""
        self.mark = len(self.text)
        os.write(self.master, key.encode())

    def settle(self, seconds: float = 15) -> None:
        """Until the first screen is drawn: the welcome, the dashboard or a resume offer (waiting
        for a quiet moment instead cost a third of a second a round)."""
        if self.wait_for(FIRST_SCREEN, seconds) is None:
            raise CannotDrive(f"the app drew none of its first screens within {seconds:.0f} s")
        self.pump(0.05)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)
        self.pump(0.05)
        os.close(self.master)


def open_the_quiz(app: App) -> re.Match[str]:
    """Welcome (first start only) -> dashboard -> first lesson -> its quiz, with the keys that do that
    on every version of the screens so far: Enter until a lesson page shows, then q. Returns the
    question's line as matched."""
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
            return found
    raise CannotDrive("q in the lesson never showed 'question N of M'")


class Tally:
    """What the rounds did: how many reached a question before the kill, how many kills landed in
    the middle of an answer (the key sent, its feedback not yet shown), and how long the app takes
    from an answering key to its feedback, to aim the next kills inside that time."""

    def __init__(self) -> None:
        self.rounds = 0
        self.reached_a_question = 0
        self.mid_answer = 0
        self.shown = 0  # answers whose feedback reached the terminal, all checked in the database
        self.latencies: list[float] = []

    def kill_delay(self, rng: random.Random) -> float:
        """A moment between the answering key and its feedback, as the last answers took it."""
        recent = sorted(self.latencies[-15:])
        typical = recent[len(recent) // 2] if recent else 0.05
        return rng.uniform(0, typical)  # after the feedback is the "after-feedback" plan's to try


def answer_one(app: App, select_all: bool, tally: Tally, kill_within: float | None) -> bool:
    """Answer the question on screen with keys that work on every kind: a number then s (select-all),
    a number then Enter (single, true/false, a scenario's steps), trying the likelier first. If
    `kill_within` is set, the app is killed that many seconds after the answering key, wherever it
    is. True when the feedback reached the terminal (before any kill)."""
    multi, single = (("1", "s"), ("1", "\r"))
    tries = [multi, ("\r",), single, single, single] if select_all else [single, ("s",), single, single, single]
    for keys in tries:
        app.press(*keys[:-1])
        app.send(keys[-1])
        sent = time.monotonic()
        if kill_within is not None:
            app.pump(kill_within)
            found = FEEDBACK.search(app.text, app.mark)
            app.kill()
            tally.mid_answer += found is None
            return found is not None
        # Looked for often: the latency aims the kills, and one read every 50 ms made it up to 50 ms
        # too long, so that most kills aimed "before the feedback" landed after it (14 of 100 once).
        if app.wait_for(FEEDBACK, 1.5, step=0.005):
            tally.latencies.append(time.monotonic() - sent)
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


def one_round(home: Path, rng: random.Random, prompts: dict[str, str], tally: Tally) -> list[str | None]:
    """Start the app, answer some questions, kill it at a random moment; return the questions whose
    feedback was shown (None where the question could not be told from the screen)."""
    app = App(home)
    acked: list[str | None] = []
    tally.rounds += 1
    try:
        # One kill in ten while starting (opening the store, migrating, the first frame); the rest
        # once a question is on screen: half in the middle of saving an answer, half after.
        plan = "while-starting" if rng.random() < 0.1 else rng.choice(("while-saving", "after-feedback"))
        if plan == "while-starting":
            app.pump(rng.uniform(0, 1.5))
            app.kill()
            return acked
        shown = open_the_quiz(app)
        tally.reached_a_question += 1
        answers = rng.randint(1, 4)
        for n in range(answers):
            question = question_on_screen(app, shown.start(), prompts)
            last = n == answers - 1 or rng.random() < 0.3
            kill_within = tally.kill_delay(rng) if last and plan == "while-saving" else None
            if answer_one(app, "Tick all" in shown.group(0), tally, kill_within):
                acked.append(question)
            if kill_within is not None:
                return acked
            if last:
                break
            app.press("n")
            found = app.wait_for(question_after(shown.group(1)), 3)
            if not found:
                break  # the quiz is over (results): kill it there
            shown = found
        app.pump(rng.uniform(0, 0.3))
        app.kill()
        return acked
    finally:
        if app.process.poll() is None:
            app.kill()


WORKERS = 2  # apps driven at once, each with its own progress folder: the rounds mostly wait for a start


def kill_rounds(home: Path, seed: int, kills: int, prompts: dict[str, str], stop: threading.Event) -> Tally:
    """`kills` rounds on the progress folder `home`, each checked: every answer shown as saved is in
    the database, and no kill made the file look damaged."""
    rng = random.Random(seed)
    db = home / "progress.db"
    tally = Tally()
    for round_number in range(kills):
        if stop.is_set():
            break
        before = {answer_id for answer_id, _ in stored(db)}
        try:
            acked = one_round(home, rng, prompts, tally)
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
        where = f"round {round_number} in {home.name} (seed {seed})"
        assert sum(new.values()) >= len(acked), f"{where}: {len(acked)} answers shown, {sum(new.values())} saved"
        assert not known - new, f"{where}: shown as answered but not saved: {dict(known - new)}"
        assert not list(home.glob("*corrupt*")), f"{where}: a kill made the database look damaged"
        tally.shown += len(acked)
    return tally


def test_answers_whose_feedback_was_shown_survive_the_app_being_killed(tmp_path: Path) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    prompts = prompt_ids()
    kills = rounds(ci=100, long=500)
    stop = threading.Event()

    def worker(n: int) -> Tally:
        try:
            return kill_rounds(tmp_path / f"home-{n}", seed + n, kills // WORKERS + (n < kills % WORKERS), prompts, stop)
        except BaseException:
            stop.set()  # the other worker ends its round and stops: the first failure is the one told
            raise

    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        tallies = [future.result() for future in [pool.submit(worker, n) for n in range(WORKERS)]]
    reached = sum(tally.reached_a_question for tally in tallies)
    mid_answer = sum(tally.mid_answer for tally in tallies)
    shown = sum(tally.shown for tally in tallies)
    print(f"\n{kills} kills of the real app (seed {seed}): {reached} with a question on screen, {mid_answer} "
          f"between an answering key and its feedback; {shown} answers shown as saved, all in the database")
    # A kill tests something only where there is something to lose: most must find a question on
    # screen, and a good share must land while an answer is being saved (a rerun under load once
    # reached a question in 20 rounds of 30, and said nothing).
    assert reached >= 0.75 * kills, f"only {reached} of {kills} kills found a question on screen"
    assert mid_answer >= 0.15 * kills, f"only {mid_answer} of {kills} kills landed mid-answer"
    assert shown > 0 or kills < 5, "no round got as far as an answer"
