"""Benchmark `--watch`: from saving a lesson to its new text on screen, against a minimal watcher.

Budget (issue 11): a saved edit is on screen within 1 s. Both programs run the same way, in a real
pseudo-terminal of 100x30, on a copy of the shipped course:

- tutor: `tutor preview LESSON --watch`, the lesson open on its first page;
- the baseline: a minimal Textual app with one Static showing the same file, updated by a worker
  around watchfiles.awatch with the same step and debounce: what any live reload costs at least.

Each round saves the lesson once in place (as vim and nano do) with a new marker word on its first
page, and times until the marker has been written to the terminal. Edits alternate between the two
programs so both see the same machine. Also printed: the start-up of each to its first frame.
Run: python bench/bench_reload.py [EDITS]   (default 15)
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b\][^\x07]*\x07")
REPO = Path(__file__).resolve().parent.parent
LESSON = "02-interview-stays-on-platform.md"
PHRASE = "Here is the story"  # on the lesson's first page

MINIMAL = """
import sys
from pathlib import Path
from textual.app import App
from textual.widgets import Static
from watchfiles import awatch

PATH = Path(sys.argv[1])

class Minimal(App):
    def compose(self):
        yield Static(PATH.read_text(encoding="utf-8")[:1500], markup=False)

    def on_mount(self):
        self.run_worker(self.watch())

    async def watch(self):
        async for _changes in awatch(PATH.parent, step=50, debounce=400, recursive=False):
            self.query_one(Static).update(PATH.read_text(encoding="utf-8")[:1500])

Minimal().run()
"""


class Program:
    """A program running in a pseudo-terminal, its output read as it comes."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.seen = b""

    def wait_for(self, marker: str, timeout: float = 30) -> float:
        """Seconds from now until `marker` is on the terminal (output since the last call only)."""
        start = time.perf_counter()
        self.seen = b""
        wanted = marker.encode()
        while time.perf_counter() < start + timeout:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    break
                if wanted in ESCAPES.sub(b"", self.seen):
                    return time.perf_counter() - start
        shown = ESCAPES.sub(b"", self.seen)[-800:]
        raise SystemExit(f"{marker!r} never appeared; the terminal showed: {shown!r}")

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if select.select([self.master], [], [], 0.02)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def stop(self) -> None:
        os.write(self.master, b"\x11")  # ctrl+q
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


def save(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)


def main() -> None:
    edits = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as scratch:
        pack = Path(scratch) / "pack"
        for name in ("lessons", "quizzes"):
            shutil.copytree(REPO / name, pack / name)
        shutil.copy(REPO / "course.toml", pack / "course.toml")
        lesson = pack / "lessons" / LESSON
        original = lesson.read_text(encoding="utf-8")
        plain = Path(scratch) / "plain" / "note.md"
        plain.parent.mkdir()
        plain.write_text(original[:1500], encoding="utf-8")
        env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": str(Path(scratch) / "home"),
               "TEXTUAL_ANIMATIONS": "none"}
        env.pop("TUTOR_CONTENT", None)

        ours = Program([sys.executable, "-m", "tutor", "preview", str(lesson), "--watch"], env)
        ours_start = ours.wait_for("page 1 of")
        base = Program([sys.executable, "-c", MINIMAL, str(plain)], env)
        base_start = base.wait_for(original.split("\n", 1)[0])
        ours.drain(1.0)  # the check after start-up has run
        base.drain(0.2)
        tutor_times, base_times = [], []
        try:
            for n in range(edits):
                marker = f"MARK{n:04d}X"
                save(lesson, original.replace(PHRASE, f"{marker} is the story", 1))
                tutor_times.append(ours.wait_for(marker, timeout=10))
                save(plain, f"{marker}\n" + original[:1500])
                base_times.append(base.wait_for(marker, timeout=10))
                ours.drain(0.3)  # the check that follows each save, before the next edit
                base.drain(0.1)
        finally:
            ours.stop()
            base.stop()

    t_ours, t_base = statistics.median(tutor_times), statistics.median(base_times)
    print(f"In a pseudo-terminal of 100x30, from saving the file to the new text on screen ({edits} edits each):")
    print("                                        median   fastest   slowest")
    print(f"  tutor preview --watch (shipped course): {t_ours * 1000:5.0f} ms {min(tutor_times) * 1000:6.0f} ms "
          f"{max(tutor_times) * 1000:6.0f} ms   (budget 1000 ms)")
    print(f"  minimal Textual app + awatch:           {t_base * 1000:5.0f} ms {min(base_times) * 1000:6.0f} ms "
          f"{max(base_times) * 1000:6.0f} ms")
    print(f"  ratio of the medians:                   {t_ours / t_base:5.2f}")
    print("Start-up to the first frame, for scale:")
    print(f"  tutor preview --watch:                  {ours_start * 1000:5.0f} ms")
    print(f"  minimal Textual app + awatch:           {base_start * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
