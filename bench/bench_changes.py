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
from tutor.progress import ProgressStore, open_store  # noqa: E402
from tutor.progress.rule_changes import open_course  # noqa: E402


def course_with_changes(count: int) -> Course:
    source = ChangeSource("Help page", "https://example.com/help", date(2026, 11, 1))
    changes = tuple(Change(id=f"change-{i}", platform="Upwork", title=f"Change {i}", summary="Before. After.",
                           added=date(2026, 11, 1), lessons=(f"lesson-{i % 1000}",),
                           questions=(f"quiz-{i % 1000}/q0",), source=source, effective=date(2026, 1, 1))
                    for i in range(count))
    return Course(id="bench", title="Bench", root=Path("/nonexistent"), modules=(), lessons={}, changes=changes)


def studied_store(folder: str) -> ProgressStore:
    """A learner who opened every tenth lesson and answered its question right: on a first start,
    100 of the 1,000 changes are news and each puts one question back in the review queue."""
    store = open_store(folder)
    for i in range(0, 1000, 10):
        store.record_lesson_opened("bench", f"lesson-{i}")
        store.record_answer("bench", f"quiz-{i}", "q0", chosen=["a"], correct=True, score=1.0, seconds=1.0,
                            content_hash="h")
    return store


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    course = course_with_changes(1000)
    firsts, one_new = [], []
    for _ in range(5):  # each on a fresh store: a first start happens once per store
        with tempfile.TemporaryDirectory() as folder, studied_store(folder) as store:
            started = time.perf_counter()
            first = open_course(course, store)
            firsts.append(time.perf_counter() - started)
            assert len(first.announced) == 100 and store.due_count("bench") == 100
            # A later start that meets one new change among the 1,000 (a lesson studied: news).
            grown = replace(course, changes=(*course.changes, replace(course.changes[0], id="change-new")))
            started = time.perf_counter()
            news = open_course(grown, store)
            one_new.append(time.perf_counter() - started)
            assert [c.id for c in news.announced] == ["change-new"]
    with tempfile.TemporaryDirectory() as folder, studied_store(folder) as store:
        open_course(course, store)
        seen, visit = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            news = open_course(course, store)
            seen.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.record_visit("bench")
            visit.append(time.perf_counter() - started)
        assert news.announced == ()
    ours, base = statistics.median(seen), statistics.median(visit)
    print(f"Rule-changes check at start, 1,000 changes ({rounds} rounds, median):")
    print(f"  every change met before (a usual start):  {ours * 1000:6.2f} ms   (budget 5 ms)")
    print(f"  baseline, recording the visit alone:      {base * 1000:6.2f} ms")
    print(f"  ratio:                                    {ours / base:6.2f}")
    print("First starts, median of 5 fresh stores:")
    print(f"  1,000 new changes, 100 told, 100 questions due again: {statistics.median(firsts) * 1000:6.2f} ms")
    print(f"  a later start with one new change, told:              {statistics.median(one_new) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
