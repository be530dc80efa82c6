"""Benchmark the self-assessment: drawing and scoring a readiness check on a 1,000-lesson pack, and
counting due reviews over 100,000 cards, each against a baseline measured in the same run.

Budgets (issue 10): draw + score at most 100 ms; the due count at most 20 ms.

- The draw parses only the quizzes it takes questions from (three per module here: 100 modules of
  ten lessons, so 300 questions from 300 quizzes). Baseline: the bare TOML parse of those same
  files with the same parser, the floor any draw that reads them pays.
- The due count is one range of the review_queue_by_due index. Baseline: reading every card's due
  time and counting in Python, the scan the index avoids.

Run: python bench/bench_readiness.py [ROUNDS]   (default 7)
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic_pack import write_pack  # noqa: E402
from tutor.content.loader import load_course  # noqa: E402
from tutor.content.tomlpos import toml_library  # noqa: E402
from tutor.progress import open_store  # noqa: E402
from tutor.progress.readiness_check import ReadinessRun, judge  # noqa: E402
from tutor.progress.scoring import judge_choice  # noqa: E402


def time_draw(root: Path, seed: int) -> tuple[float, float, int]:
    course, _ = load_course(root)
    course.quiz_index  # noqa: B018 - indexed at start-up by the dashboard, not part of the draw
    started = time.perf_counter()
    run = ReadinessRun(course, seed=seed)
    for item in run.items:  # answer every question (first option), then judge
        question = item.question
        options = run.options(item, question.start_step) if question.kind == "scenario" else run.options(item)
        run.record(item, judge_choice(question, [options[0].id]))
    judge(run)
    ours = time.perf_counter() - started
    toml = toml_library()
    paths = [course.quiz_index[item.quiz.id][0] for item in run.items]
    started = time.perf_counter()
    for path in paths:
        toml.loads(path.read_text(encoding="utf-8"))
    return ours, time.perf_counter() - started, run.total


def time_due_count(rounds: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
        rng = random.Random(1)
        now = time.time()
        rows = [("bench", f"quiz-{i // 10}", f"q{i}", now + rng.uniform(-30, 200) * 86400, 1.0, 2.5, 1, None, now,
                 None, 0, None) for i in range(100_000)]
        conn = store._conn  # noqa: SLF001 - a bulk load; 100,000 record_answer calls would time fsync
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO review_queue VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        ours, scan = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            due = store.due_count("bench")
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            moment = time.time()
            scanned = sum(due_at <= moment for (due_at,) in
                          conn.execute("SELECT due_at FROM review_queue WHERE course_id = ?", ("bench",)))
            scan.append(time.perf_counter() - started)
            assert abs(scanned - due) < 100
        return ours, scan


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "pack", 1000)
        draws = [time_draw(root, seed) for seed in range(rounds)]
    ours = statistics.median(d[0] for d in draws)
    bare = statistics.median(d[1] for d in draws)
    print(f"Readiness check on 1,000 lessons ({draws[0][2]} questions from as many quizzes), median of {rounds}:")
    print(f"  draw, answer and judge:            {ours * 1000:7.1f} ms   (budget 100 ms)")
    print(f"  baseline, bare parse of those quizzes: {bare * 1000:7.1f} ms")
    print(f"  ratio:                             {ours / bare:7.2f}")
    counted, scanned = time_due_count(rounds)
    print("Due reviews over 100,000 cards, median:")
    print(f"  due_count (review_queue_by_due):   {statistics.median(counted) * 1000:7.2f} ms   (budget 20 ms)")
    print(f"  baseline, every card read and counted in Python: {statistics.median(scanned) * 1000:7.2f} ms")
    print(f"  ratio:                             {statistics.median(counted) / statistics.median(scanned):7.3f}")


if __name__ == "__main__":
    main()
