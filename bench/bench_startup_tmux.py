"""Start-up as a learner sees it in a real terminal: tmux at 100x30, the installed wheel, fresh and
returning learners, against the minimal app of bench_startup.py, measured the same way in the same run.

tmux draws what the program writes into its own screen; this script asks tmux for that screen as
often as it can (`capture-pane`) from the moment the program is started, and once the screen has not
changed for a second, reports the first moment it looked like that: the first complete frame of the
first screen. Asking tmux costs a few milliseconds a time, so a figure is accurate to about that;
both programs pay it alike. Budget (issue 23): 1.15x the minimal app. Run:
python bench/bench_startup_tmux.py [ROUNDS] [--compare REV]   (default 9; REV: an earlier git revision,
measured in the same rounds as "before")
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_startup import MINIMAL  # noqa: E402
from installed import away_from_checkout, installed_python, installed_revision, tutor_command  # noqa: E402

SIZE = (100, 30)
QUIET = 1.0


def first_paint(argv: list[str], env: dict[str, str], name: str) -> float:
    """Seconds from starting the program in tmux until its screen first looked as it settled."""
    command = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items()) + " " + shlex.join(argv)
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    start = time.perf_counter()
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(SIZE[0]), "-y", str(SIZE[1]),
                    f"env -u COLUMNS -u LINES {command}"], check=True)
    seen: list[tuple[float, str]] = []
    changed = time.perf_counter()
    while time.perf_counter() - start < 30:
        screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", name], capture_output=True,
                                text=True).stdout
        now = time.perf_counter()
        if not seen or screen != seen[-1][1]:
            seen.append((now - start, screen))
            changed = now
        elif screen.strip() and now - changed > QUIET:
            break
    subprocess.run(["tmux", "send-keys", "-t", name, "C-q"], capture_output=True)
    time.sleep(0.3)
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
    final = seen[-1][1]
    return next(at for at, screen in seen if screen == final)


def main() -> None:
    if not shutil.which("tmux"):
        raise SystemExit("tmux is needed (apt-get install tmux)")
    args = sys.argv[1:]
    away_from_checkout()
    numbers = [a for a in args if a.isdigit()]
    rounds = int(numbers[0]) if numbers else 9
    python = installed_python()
    tutor, minimal = tutor_command(python), [python, "-c", MINIMAL]
    before_python = installed_revision(args[args.index("--compare") + 1]) if "--compare" in args else None
    before = tutor_command(before_python) if before_python else None
    env = {"TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none", "PATH": os.environ.get("PATH", "")}
    name = f"bench-startup-{os.getpid()}"
    times: dict[str, list[float]] = {"minimal": [], "returning": [], "new": []}
    if before is not None:
        times |= {"before-returning": [], "before-new": []}
    with tempfile.TemporaryDirectory() as returning, tempfile.TemporaryDirectory() as fresh:
        back = {**env, "TUTOR_HOME": returning}
        first_paint(tutor, back, name)  # the welcome, then the caches of a returning learner
        subprocess.run([python, "-c", "from tutor.progress import open_store\nwith open_store() as s: "
                        "s.set_setting('welcome_seen:freelance-tos', True)"], env={**os.environ, **back}, check=True)
        first_paint(tutor, back, name)
        first_paint(minimal, env, name)
        if before is not None:
            back_before = {**env, "TUTOR_HOME": os.path.join(fresh, "returning-before")}
            first_paint(before, back_before, name)
            subprocess.run([str(before_python), "-c", "from tutor.progress import open_store\nwith open_store() as s: "
                            "s.set_setting('welcome_seen:freelance-tos', True)"], env={**os.environ, **back_before},
                           check=True)
            first_paint(before, back_before, name)
        for n in range(rounds):
            times["minimal"].append(first_paint(minimal, env, name))
            times["returning"].append(first_paint(tutor, back, name))
            times["new"].append(first_paint(tutor, {**env, "TUTOR_HOME": os.path.join(fresh, str(n))}, name))
            if before is not None:
                times["before-returning"].append(first_paint(before, back_before, name))
                times["before-new"].append(first_paint(before, {**env, "TUTOR_HOME": os.path.join(fresh, f"b{n}")},
                                                        name))
    base = times["minimal"]
    print(f"tmux {SIZE[0]}x{SIZE[1]}, installed wheel, first complete frame, {rounds} rounds (ms, median / fastest):")
    print(f"  minimal app               {statistics.median(base) * 1000:5.0f} / {min(base) * 1000:5.0f}")
    for who in [key for key in times if key != "minimal"]:
        ours = times[who]
        paired = statistics.median(o / b for o, b in zip(ours, base))
        print(f"  tutor, {who:16} learner  {statistics.median(ours) * 1000:5.0f} / {min(ours) * 1000:5.0f}"
              f"   ratio {paired:.2f} (median of per-round ratios; budget 1.15)")


if __name__ == "__main__":
    main()
