"""Benchmark the rule-changes check every start runs (tutor/progress/rule_changes.open_course) on a
pack with 1,000 changes, against a baseline measured in the same run.

Budget (issue 14): the check costs at most 5 ms on a pack with 1,000 changes.

- "seen": every change was met on an earlier start (the usual start): read what the learner was
  told, compare, record the visit.
- Baseline: recording the visit alone (the one write every start does anyway, an fsync).

Run: python bench/bench_changes.py [ROUNDS]   (default 15)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from msgspec.structs import replace  # noqa: E402

from tutor.content.model import Change, ChangeSource, Course  # noqa: E402
from tutor.progress import open_store  # noqa: E402
from tutor.progress.rule_changes import open_course  # noqa: E402


def course_with_changes(count: int) -> Course:
    source = ChangeSource("Help page", "https://example.com/help", date(2026, 11, 1))
    changes = tuple(Change(id=f"change-{i}", platform="Upwork", title=f"Change {i}", summary="Before. After.",
                           added=date(2026, 11, 1), lessons=(f"lesson-{i % 1000}",),
                           questions=(f"quiz-{i % 1000}/q0",), source=source, effective=date(2026, 1, 1))
                    for i in range(count))
    return Course(id="bench", title="Bench", root=Path("/nonexistent"), modules=(), lessons={}, changes=changes)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    course = course_with_changes(1000)
    with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
        for i in range(0, 1000, 10):
            store.record_lesson_opened("bench", f"lesson-{i}")
        started = time.perf_counter()
        first = open_course(course, store)
        first_visit = time.perf_counter() - started
        seen, visit = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            news = open_course(course, store)
            seen.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.record_visit("bench")
            visit.append(time.perf_counter() - started)
        assert news.announced == () and len(first.announced) == 100
        # A start that meets one new change among the 1,000.
        grown = replace(course, changes=(*course.changes, replace(course.changes[0], id="change-new")))
        started = time.perf_counter()
        open_course(grown, store)
        one_new = time.perf_counter() - started
    ours, base = statistics.median(seen), statistics.median(visit)
    print(f"Rule-changes check at start, 1,000 changes ({rounds} rounds, median):")
    print(f"  every change met before (a usual start):  {ours * 1000:6.2f} ms   (budget 5 ms)")
    print(f"  baseline, recording the visit alone:      {base * 1000:6.2f} ms")
    print(f"  ratio:                                    {ours / base:6.2f}")
    print(f"  the learner's first start (1,000 new, 100 announced, 100 questions requeued): "
          f"{first_visit * 1000:.1f} ms")
    print(f"  one new change among them:                {one_new * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
