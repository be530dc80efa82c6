"""Benchmark the guides' index: what the app reads as it warms up, so a lesson can offer its guide (g)
and the dashboard's list can show each guide's title, against a baseline measured in the same run.

- Ours: `Course.guide_index`, the top-level keys of each shipped guide file (id, title, summary,
  lessons, scenarios), parsed without the steps and outcomes below them.
- Baseline: reading every guide whole (`Course.guides`), as the index would if it parsed each file,
  which a guide's screen does only for the one guide opened.

Run: python bench/bench_guides.py [ROUNDS]   (default 7)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tutor.content.loader import load_course, shipped_root  # noqa: E402


def measure(rounds: int) -> tuple[float, float, int]:
    ours, whole = [], []
    root = shipped_root()
    assert root is not None
    for _ in range(rounds):
        course, _ = load_course(root)
        started = time.perf_counter()
        count = len(course.guide_index)
        ours.append(time.perf_counter() - started)
        course, _ = load_course(root)
        started = time.perf_counter()
        assert len(course.guides) == count
        whole.append(time.perf_counter() - started)
    return statistics.median(ours) * 1000, statistics.median(whole) * 1000, count


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    ours, whole, count = measure(rounds)
    print(f"guide index of {count} guides: {ours:.1f} ms (median of {rounds}); every guide read whole: "
          f"{whole:.1f} ms; ratio {ours / whole:.2f}")


if __name__ == "__main__":
    main()
