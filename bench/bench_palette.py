"""Benchmark the command palette's matching (issue 22, fault 2): our bounded matcher against
Textual's own Matcher, in the same run.

Budget: every key typed in the palette is answered within 100 ms, whatever the pack's titles (10 KB
here) and whatever is typed (repeated letters). Three parts:

1. Ordinary input: the palette's entries for the shipped course (every lesson's "Go to lesson",
   "Take quiz", the system commands) and queries a learner types, one new matcher per key as the
   palette makes them; the time to match every entry, ours and Textual's, and the ratio.
2. Hostile input: titles of 205 characters (the one that froze the app 23 s), 740 and 10,000, and
   queries with repeated letters. Textual's matcher runs in a child stopped after CAP seconds.
3. The real app in a pseudo-terminal of 80x24, with a pack whose lesson titles are 205 characters
   and 10 KB: the palette opened and a query typed key by key; each key timed from its bytes to the
   frame that shows it typed (bench_keys.py's Terminal). "Before" is the same app with Textual's
   matcher put back; a key it has not answered after CAP seconds stops that run.

Run: python bench/bench_palette.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(__file__))

from bench_keys import Terminal  # noqa: E402
from textual.fuzzy import Matcher  # noqa: E402

from tutor.app.palette_match import BoundedMatcher  # noqa: E402
from tutor.content.loader import load_course, shipped_root  # noqa: E402

CAP = 10.0  # seconds a run of Textual's matcher may take before it is stopped
REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "tests" / "fixtures" / "pack"
NATURAL_205 = ("Reviews, ratings and the rules around them: when you may ask a client for a review, what "
               "counts as review manipulation, reselling reviewed work, and what to do after a bad review "
               "resets your score")
HOSTILE_TITLES = {"205 characters": NATURAL_205, "740 characters": (NATURAL_205 + " ") * 3 + NATURAL_205[:122],
                  "10 KB": "se " * 3400}
HOSTILE_QUERIES = ["reviews reset", "Save readiness", "ssssss"]
ORDINARY_QUERIES = ["quiz", "go to", "fees", "gtl", "rev", "save", "take quiz stay", "ready", "theme", "prof"]
SYSTEM = ["Help", "Am I ready for a first job?", "Reviews", "Rule changes", "Save readiness report", "Theme",
          "Reset progress", "Screenshot", "Quit"]


def entries() -> list[str]:
    course, _ = load_course(shipped_root())  # type: ignore[arg-type]
    names = []
    for lesson in course.ordered_lessons():
        names.append(f"Go to lesson: {lesson.title}")
        if course.quiz_id_for(lesson.id):
            names.append(f"Take quiz: {lesson.title}")
    return names + SYSTEM


def per_key(make: type[Matcher], query: str, names: list[str]) -> float:
    """Seconds to match every entry for each prefix of `query` (a key each), median per key."""
    times = []
    for end in range(1, len(query) + 1):
        matcher = make(query[:end])
        started = time.perf_counter()
        for name in names:
            if matcher.match(name):
                matcher.highlight(name)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ordinary() -> None:
    names = entries()
    print(f"1. Ordinary input: {len(names)} palette entries of the shipped course, median per key")
    ours_all, theirs_all = [], []
    for query in ORDINARY_QUERIES:
        ours, theirs = per_key(BoundedMatcher, query, names), per_key(Matcher, query, names)
        ours_all.append(ours)
        theirs_all.append(theirs)
        print(f"   {query!r:<18} ours {ours * 1000:7.2f} ms   Textual's {theirs * 1000:7.2f} ms   "
              f"ratio {ours / theirs:5.2f}")
    ours, theirs = statistics.median(ours_all), statistics.median(theirs_all)
    print(f"   median of the queries: ours {ours * 1000:.2f} ms, Textual's {theirs * 1000:.2f} ms, "
          f"ratio {ours / theirs:.2f}")


TEXTUAL_CHILD = """
import sys, time
from textual.fuzzy import Matcher
query, title = sys.argv[1], sys.argv[2]
started = time.perf_counter()
Matcher(query).match(title)
print(time.perf_counter() - started)
"""


def textual_capped(query: str, title: str) -> float | None:
    try:
        done = subprocess.run([sys.executable, "-c", TEXTUAL_CHILD, query, title], capture_output=True, text=True,
                              timeout=CAP)
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


def hostile() -> None:
    print(f"2. Hostile input: one match of a whole query (Textual's stopped after {CAP:.0f} s)")
    for label, title in HOSTILE_TITLES.items():
        for query in HOSTILE_QUERIES:
            matcher = BoundedMatcher(query)
            started = time.perf_counter()
            matcher.match(title)
            ours = time.perf_counter() - started
            theirs = textual_capped(query, title)
            said = f"{theirs * 1000:9.1f} ms" if theirs is not None else f"over {CAP:.0f} s  "
            ratio = f"ratio {ours / theirs:8.5f}" if theirs else f"ratio under {ours / CAP:.6f}"
            print(f"   {label:<15} {query!r:<17} ours {ours * 1000:7.2f} ms ({matcher.work:4d} searches)   "
                  f"Textual's {said}   {ratio}")


BEFORE = """
import sys
from textual.fuzzy import Matcher
import tutor.app.palette_match as palette
palette.BoundedMatcher = Matcher  # the matcher the app had before issue 22
from tutor.cli import main
sys.exit(main(sys.argv[1:]))
"""


def hostile_pack(where: Path) -> Path:
    pack = where / "pack"
    shutil.copytree(PACK, pack)
    for lesson, title in (("01-stay.md", HOSTILE_TITLES["10 KB"]), ("02-money.md", NATURAL_205)):
        path = pack / "lessons" / lesson
        text = path.read_text()
        old = next(line for line in text.splitlines() if line.startswith("title = "))
        path.write_text(text.replace(old, f'title = "{title}"', 1))
    return pack


def typed(app: Terminal, query: str) -> list[float]:
    """Open the palette, type `query` key by key: each key's time to the frame showing it typed."""
    app.key(b"\x10", b"Search for commands")
    times = []
    for end in range(1, len(query) + 1):
        app.drain()
        os.write(app.master, query[end - 1].encode())
        times.append(app.wait_for(("\U0001f50e " + query[:end]).encode(), timeout=CAP))
    app.key(b"\x1b", b"lessons done")
    return times


def in_the_app() -> None:
    print("3. The real app, 80x24, lesson titles of 10 KB and 205 characters: each key typed in the palette")
    with tempfile.TemporaryDirectory() as tmp:
        pack = hostile_pack(Path(tmp))
        env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": tmp, "TEXTUAL_ANIMATIONS": "none",
               "PYTHONPATH": str(REPO)}
        env.pop("TUTOR_CONTENT", None)
        seen = "with open_store() as s: s.set_setting('welcome_seen:test-pack', True)"
        subprocess.run([sys.executable, "-c", f"from tutor.progress import open_store\n{seen}"], env=env, check=True)
        for label, argv in (("after (ours)", ["-m", "tutor"]), ("before (Textual's)", ["-c", BEFORE])):
            with Terminal([sys.executable, *argv, "--content", str(pack)], env) as app:
                app.wait_for(b"lessons done", timeout=60)
                for query in ("reviews reset", "ssssss"):
                    try:
                        times = typed(app, query)
                    except SystemExit:
                        print(f"   {label:<20} {query!r:<16} a key not answered within {CAP:.0f} s: stopped")
                        break
                    print(f"   {label:<20} {query!r:<16} per key: median {statistics.median(times) * 1000:6.1f} ms, "
                          f"slowest {max(times) * 1000:6.1f} ms   (budget 100 ms)")


def main() -> None:
    ordinary()
    hostile()
    in_the_app()


if __name__ == "__main__":
    main()
