"""Benchmark `tutor` start-up and peak memory against a minimal Textual app, side by side.

Budgets (issue 23): from spawn to the first complete frame of the first screen at most 1.15x a
minimal Textual app (a Header, five lines of Static and a Footer), for a returning learner (the
dashboard) and a new one (the welcome); peak memory at most 1.2x that app's.

What a user sees: both programs run from the wheel of this tree installed in a virtual environment of
its own (bench/installed.py), in a real pseudo-terminal, at 80x24 and 100x30. Every byte they write
is timed and fed to a terminal emulator (pyte); once a program has been quiet for a second, the
screen it settled on is its first screen, complete, and the time reported is the moment the
emulated screen first looked like that. (A marker such as "lessons done" appears before the frame
is finished and would flatter a program that draws in several frames.) Then ctrl+q, and the peak
RSS of the process. Rounds alternate the programs so both see the same machine; the median of the
per-round ratios is the steadiest figure on a shared machine. Run:
python bench/bench_startup.py [ROUNDS] [--compare REV]   (default 11; REV: an earlier git revision, measured
in the same rounds as "before")
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))
from installed import away_from_checkout, installed_python, installed_revision, tutor_command  # noqa: E402

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self):
        yield Header()
        for n in range(1, 6):
            yield Static(f"Line {n} of a minimal app")
        yield Footer()

Minimal().run()
"""

QUIET = 1.0  # seconds without output: the program has drawn its first screen


def first_frame(argv: list[str], env: dict[str, str], size: tuple[int, int]) -> tuple[float, int, float]:
    """Seconds from spawn until the screen first looked as it settled, the peak RSS (KiB), and the CPU
    seconds the process used in all (start, first screen, a quiet second, quitting)."""
    columns, lines = size
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    chunks: list[tuple[float, bytes]] = []
    last = start
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            last = time.perf_counter()
            chunks.append((last - start, chunk))
        elif chunks and time.perf_counter() - last > QUIET:
            break
    os.write(master, b"\x11")  # ctrl+q
    quit_by = time.perf_counter() + 10
    pid, usage = 0, None
    while time.perf_counter() < quit_by:
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)
        except OSError:
            pass
    if not pid:
        proc.kill()
        _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    os.close(master)
    screen = pyte.Screen(columns, lines)
    stream = pyte.ByteStream(screen)
    for _at, chunk in chunks:
        stream.feed(chunk)
    final = list(screen.display)
    if not any(line.strip() for line in final):
        raise SystemExit(f"{argv} showed nothing")
    screen.reset()
    for at, chunk in chunks:
        stream.feed(chunk)
        if screen.display == final:
            return at, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    raise AssertionError("unreachable: the last chunk gives the final screen")


def main() -> None:
    args = sys.argv[1:]
    away_from_checkout()
    before_rev = args[args.index("--compare") + 1] if "--compare" in args else None
    numbers = [a for a in args if a.isdigit()]
    rounds = int(numbers[0]) if numbers else 11
    python = installed_python()
    tutor = tutor_command(python)
    before_python = installed_revision(before_rev) if before_rev else None
    before = tutor_command(before_python) if before_python else None
    minimal = [python, "-c", MINIMAL]
    results: dict[str, list[tuple[float, int, float]]] = {}
    with tempfile.TemporaryDirectory() as returning, tempfile.TemporaryDirectory() as fresh_root:
        base_env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none", "COLORTERM": "truecolor"}
        for name in ("TUTOR_CONTENT", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE"):
            base_env.pop(name, None)
        back = {**base_env, "TUTOR_HOME": returning}
        first_frame(tutor, back, (80, 24))  # the welcome, once: this learner has been here before
        subprocess.run([python, "-c", "from tutor.progress import open_store\nwith open_store() as s: "
                        "s.set_setting('welcome_seen:freelance-tos', True)"], env=back, check=True)
        first_frame(tutor, back, (80, 24))  # the catalogue cache written, as every start after the first
        first_frame(minimal, base_env, (80, 24))
        if before is not None:
            back_before = {**back, "TUTOR_HOME": os.path.join(fresh_root, "returning-before")}
            os.makedirs(back_before["TUTOR_HOME"], exist_ok=True)
            first_frame(before, back_before, (80, 24))
            subprocess.run([str(before_python), "-c", "from tutor.progress import open_store\nwith open_store() as s: "
                            "s.set_setting('welcome_seen:freelance-tos', True)"], env=back_before, check=True)
            first_frame(before, back_before, (80, 24))
        for round_number in range(rounds):
            for size in ((80, 24), (100, 30)):
                tag = f"{size[0]}x{size[1]}"
                results.setdefault(f"minimal {tag}", []).append(first_frame(minimal, base_env, size))
                results.setdefault(f"returning {tag}", []).append(first_frame(tutor, back, size))
                fresh = {**base_env, "TUTOR_HOME": os.path.join(fresh_root, f"{round_number}-{tag}")}
                results.setdefault(f"new {tag}", []).append(first_frame(tutor, fresh, size))
                if before is not None:
                    results.setdefault(f"before-returning {tag}", []).append(first_frame(before, back_before, size))
                    fresh_before = {**base_env, "TUTOR_HOME": os.path.join(fresh_root, f"b{round_number}-{tag}")}
                    results.setdefault(f"before-new {tag}", []).append(first_frame(before, fresh_before, size))
    print(f"From spawn to the first complete frame, installed wheel, {rounds} rounds (ms, median / fastest):")
    for size in ("80x24", "100x30"):
        base = results[f"minimal {size}"]
        print(f"  {size}: minimal app {statistics.median(t for t, _, _ in base) * 1000:5.0f} / "
              f"{min(t for t, _, _ in base) * 1000:5.0f}   (CPU {statistics.median(c for _, _, c in base) * 1000:.0f})")
        for who in ("returning", "new", "before-returning", "before-new"):
            if f"{who} {size}" not in results:
                continue
            ours = results[f"{who} {size}"]
            paired = statistics.median(o[0] / b[0] for o, b in zip(ours, base))
            cpu = statistics.median(o[2] / b[2] for o, b in zip(ours, base))
            print(f"    tutor, {who:16} learner {statistics.median(t for t, _, _ in ours) * 1000:5.0f} / "
                  f"{min(t for t, _, _ in ours) * 1000:5.0f}   ratio {paired:.2f} (budget 1.15); "
                  f"CPU {statistics.median(c for _, _, c in ours) * 1000:.0f}, ratio {cpu:.2f}")
    print("(ratios: the median of the per-round ratios; CPU: milliseconds the process ran, from start to quit,\n"
          " which a loaded machine disturbs less than the time to the frame)")
    rss_base = statistics.median(m for key, runs in results.items() if key.startswith("minimal") for _, m, _ in runs)
    for who in ("returning", "new", "before-returning", "before-new"):
        if not any(key.startswith(who) for key in results):
            continue
        rss = statistics.median(m for key, runs in results.items() if key.startswith(who) for _, m, _ in runs)
        print(f"Peak RSS, {who} learner: tutor {rss / 1024:.1f} MiB, minimal app {rss_base / 1024:.1f} MiB, "
              f"ratio {rss / rss_base:.2f}  (budget 1.2; medians of the runs)")

if __name__ == "__main__":
    main()
