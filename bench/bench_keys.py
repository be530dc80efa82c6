"""Benchmark how fast the app answers a key: from the key reaching the terminal to the frame that
shows its effect, against a minimal Textual app's key-to-frame time in the same run.

Budget (issue 9): a median of at most 50 ms each, on the shipped course, for opening a lesson from
the dashboard, turning a page, answering a question (the feedback on screen) and going back.

Both programs run in a real pseudo-terminal of 80x24 (see bench_startup.py). A key's bytes are
written to the terminal and the time is taken when the text that shows its effect is on the screen:
what the program writes is fed to a terminal emulator (pyte), since Textual redraws only what
changed and a line's text can arrive in pieces. The time taken is when the piece of output that
completes the text was read, before the emulator parses it: parsing a full-screen frame in pure
Python takes pyte milliseconds that no real terminal spends, and the minimal app's one-line frame
would not pay them. The minimal app changes one Static's text on a key.

Going back is timed twice. Backspace, like any key. Esc includes the wait every terminal program
makes to tell a lone Esc from the start of an escape sequence (an arrow key sends Esc [ C):
Textual waits ESCDELAY milliseconds (100 unless the environment says otherwise), so the Esc figure
is compared with the minimal app's Esc, which waits the same.

Run: python bench/bench_keys.py [ROUNDS]   (default 10)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))

import pyte  # noqa: E402
from installed import away_from_checkout, installed_python, tutor_command  # noqa: E402

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    BINDINGS = [("n", "bump", "Bump"), ("escape", "bump('.')", "Bump")]
    count = 0

    def compose(self):
        yield Static("Hello from a minimal app", id="s")

    def action_bump(self, end=" "):
        self.count += end == " "
        self.query_one("#s").update(f"Pressed {self.count} times{end}")

Minimal().run()
"""

ENTER, ESC, BACKSPACE, RIGHT, LEFT = b"\r", b"\x1b", b"\x7f", b"\x1b[C", b"\x1b[D"
PAGES = tuple(f"page {n} of".encode() for n in range(1, 10))


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import pty
        import struct
        import termios

        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)

    def wait_for(self, marker: bytes | tuple[bytes, ...], timeout: float = 20.0) -> float:
        """Seconds until `marker` (or one of them) is in what the program writes from now on."""
        import select

        markers = [m.decode() for m in (marker if isinstance(marker, tuple) else (marker,))]
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if select.select([self.master], [], [], 0.5)[0]:
                data = os.read(self.master, 65536)
                arrived = time.perf_counter()  # the program has written this much; parsing it is ours
                self.stream.feed(data)
                shown = "\n".join(self.screen.display)
                if any(m in shown for m in markers):
                    return arrived - start
        raise SystemExit(f"never saw {marker!r}; the screen shows:\n" + "\n".join(self.screen.display))

    def key(self, data: bytes, marker: bytes | tuple[bytes, ...]) -> float:
        self.drain()
        os.write(self.master, data)
        return self.wait_for(marker)

    def press(self, data: bytes) -> None:
        """A key whose effect is not timed (nothing new to wait for but a highlight)."""
        self.drain()
        os.write(self.master, data)

    def drain(self) -> None:
        import select

        time.sleep(0.15)  # let the previous frame settle, so the next one is this key's alone
        while select.select([self.master], [], [], 0.05)[0]:
            self.stream.feed(os.read(self.master, 65536))

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        """Quit with ctrl+q; kill it if it is still there (a failed wait must not leave it running)."""
        try:
            os.write(self.master, b"\x11")
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self.master)


def walk(app: Terminal, rounds: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in (
        "open a lesson", "turn a page", "answer (feedback shown)", "go back (Backspace)", "go back (Esc)")}
    for round_number in range(rounds):
        print(f"  round {round_number + 1} of {rounds}", file=sys.stderr)
        times["open a lesson"].append(app.key(ENTER, PAGES))  # at the page it was left at
        app.press(LEFT)
        app.press(LEFT)
        times["turn a page"].append(app.key(RIGHT, b"page 2 of"))
        times["go back (Backspace)"].append(app.key(BACKSPACE, b"lessons done"))
        app.key(ENTER, PAGES)
        times["go back (Esc)"].append(app.key(ESC, b"lessons done"))
        app.key(b"q", b"Question 1 of")
        app.press(b"1")  # highlight the first answer (the first question is a single choice)
        # The verdict, at the top of the feedback: the options are shuffled, so either.
        times["answer (feedback shown)"].append(app.key(ENTER, ("✓ Right".encode(), "✗ Not quite".encode())))
        app.key(ESC, b"lessons done")
        app.key(b"q", b"You left this quiz")  # an attempt left part-way: start it again
        app.key(b"s", b"Question 1 of")
        app.key(ESC, b"lessons done")
    return times


def main() -> None:
    away_from_checkout()
    python = installed_python()  # what a learner runs: the wheel, installed (bench/installed.py)
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": data, "TEXTUAL_ANIMATIONS": "none"}
        env.pop("TUTOR_CONTENT", None)
        seen = "with open_store() as s: s.set_setting('welcome_seen:freelance-tos', True)"
        subprocess.run([python, "-c", f"from tutor.progress import open_store\n{seen}"], env=env, check=True)
        baseline: list[float] = []
        baseline_esc: list[float] = []
        with Terminal([python, "-c", MINIMAL], env) as minimal:
            minimal.wait_for(b"Hello from")
            for n in range(1, rounds + 1):
                baseline.append(minimal.key(b"n", f"Pressed {n} times ".encode()))
                baseline_esc.append(minimal.key(ESC, f"Pressed {n} times.".encode()))
        # A returning learner: an earlier start wrote the caches and counted the pack's problems,
        # which a first start does in the background for a second or so after its first frame.
        with Terminal(tutor_command(python), env) as earlier:
            earlier.wait_for(b"lessons done")
            time.sleep(3)
        with Terminal(tutor_command(python), env) as app:
            app.wait_for(b"lessons done")
            times = walk(app, rounds)
    base, base_esc = statistics.median(baseline), statistics.median(baseline_esc)
    print(f"Key to frame in a pseudo-terminal of 80x24, shipped course, median of {rounds}:")
    print(f"  minimal App, a key that changes a Static:   {base * 1000:6.1f} ms")
    print(f"  minimal App, Esc that changes a Static:     {base_esc * 1000:6.1f} ms   (the terminal's Esc wait)")
    for name, values in times.items():
        median = statistics.median(values)
        against = base_esc if "Esc" in name else base
        print(f"  {name:<42} {median * 1000:6.1f} ms   ratio {median / against:4.1f}   (budget 50 ms)")


if __name__ == "__main__":
    main()
