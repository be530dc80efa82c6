"""Benchmark `tutor` start-up and peak memory against a minimal Textual app, side by side.

Budgets (issue 4): from start to an interactive dashboard at most 1.3x the start-up of a minimal
Textual app showing one Static; peak memory with the shipped course at most 1.3x that app's.

Both programs run the same way, in a real pseudo-terminal of 80x24: a fresh Python process
(imports included) is timed from spawn until its first frame with the expected text has been
written to the terminal; then it is sent ctrl+q, and its peak RSS is read when it exits.
Runs alternate so both sides see the same machine. The catalogue cache is warm, as on every start
but the first after installing or editing the course; every third round also times a start
without it. Our development machines are shared virtual
machines whose speed drifts by up to 50% within minutes, so the ratio is printed three ways: of the
medians, of the fastest runs (the least disturbed run of each side), and the median of the
per-round ratios (the two runs of a round see nearly the same machine; the steadiest figure). Run:
python bench/bench_startup.py [ROUNDS]   (default 15)
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]")

MINIMAL = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Hello from a minimal app")

Minimal().run()
"""


def run_in_terminal(argv: list[str], marker: bytes, env: dict[str, str]) -> tuple[float, int]:
    """Seconds until `marker` is on the terminal, and peak RSS (KiB) of the process."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    shown_at = None
    deadline = start + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            if marker in ESCAPES.sub(b"", seen):
                shown_at = time.perf_counter() - start
                break
    if shown_at is not None:
        os.write(master, b"\x11")  # ctrl+q
    # Reap with wait4 (not Popen.poll) to get the child's own resource usage.
    quit_by = time.perf_counter() + 10
    pid, usage = 0, None
    while time.perf_counter() < quit_by:
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)  # keep draining so the app never blocks on output
        except OSError:
            pass
    if not pid:
        proc.kill()
        _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above; keeps Popen from trying again
    os.close(master)
    if shown_at is None:
        shown = ESCAPES.sub(b"", seen)[-1500:]
        raise SystemExit(f"{argv} never showed {marker!r}; it showed: {shown!r}")
    return shown_at, usage.ru_maxrss


def compile_package() -> None:
    """Write tutor's byte-code, as `pip install` does for an installed package. An editable install
    under PYTHONDONTWRITEBYTECODE (set on our CI machines) would otherwise recompile every module
    on every start, a cost no installed tutor pays and textual, installed by pip, never pays."""
    import compileall

    import tutor

    compileall.compile_dir(os.path.dirname(tutor.__file__), quiet=1)


def main() -> None:
    compile_package()
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    tutor = [sys.executable, "-m", "tutor"]
    minimal = [sys.executable, "-c", MINIMAL]
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": data, "TEXTUAL_ANIMATIONS": "none"}
        env.pop("TUTOR_CONTENT", None)
        setup = ("from tutor.progress import open_store\n"
                 "with open_store() as s: s.set_setting('welcome_seen:freelance-tos', True)")
        subprocess.run([sys.executable, "-c", setup], env=env, check=True)
        run_in_terminal(minimal, b"Hello from", env), run_in_terminal(tutor, b"lessons done", env)  # warm up
        ours, base, cold = [], [], []
        for round_number in range(rounds):
            base.append(run_in_terminal(minimal, b"Hello from", env))
            ours.append(run_in_terminal(tutor, b"lessons done", env))
            if round_number % 3 == 0:
                # The first start after installing or editing the course: no catalogue cache.
                shutil.rmtree(os.path.join(data, "cache"), ignore_errors=True)
                cold.append(run_in_terminal(tutor, b"lessons done", env))
    t_ours, t_min = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in base)
    f_ours, f_min = min(t for t, _ in ours), min(t for t, _ in base)
    m_ours, m_min = max(m for _, m in ours), max(m for _, m in base)
    print(f"In a pseudo-terminal of 80x24, from spawn to the first frame on screen ({rounds} rounds each):")
    print("                                      median   fastest")
    print(f"  tutor dashboard (shipped course): {t_ours * 1000:6.0f} ms {f_ours * 1000:6.0f} ms")
    print(f"  minimal App with one Static:      {t_min * 1000:6.0f} ms {f_min * 1000:6.0f} ms")
    print(f"  ratio:                            {t_ours / t_min:6.2f}    {f_ours / f_min:6.2f}     (budget 1.3)")
    paired = statistics.median(o / b for (o, _), (b, _) in zip(ours, base))
    print(f"  median of the {rounds} per-round ratios (each round runs both, back to back): {paired:.2f}")
    t_cold = statistics.median(t for t, _ in cold)
    print(f"  without the catalogue cache ({len(cold)} rounds; the first start after an install or an edit):")
    print(f"  tutor dashboard:                  {t_cold * 1000:6.0f} ms          ratio {t_cold / t_min:4.2f}")
    print("Peak RSS:")
    print(f"  tutor:                            {m_ours / 1024:6.1f} MiB")
    print(f"  minimal App:                      {m_min / 1024:6.1f} MiB")
    print(f"  ratio:                            {m_ours / m_min:6.2f}  (budget 1.3)")


if __name__ == "__main__":
    main()
