"""Benchmark the self-assessment: a readiness check on a 1,000-lesson pack with variants (a first
check, and a retake that reads what the learner met), the report of a 20-question check, and
counting due reviews over 100,000 cards, each against a baseline measured in the same run.

Budgets: draw, answer and judge at most 100 ms (issues 10 and 21); the report of a 20-question
check at most 50 ms (issue 21); the due count at most 20 ms.

- The check: 100 modules of ten lessons, three questions per module, every question one story of
  a rule told by two lessons (variants: one per rule may be drawn). A first check parses only the
  quizzes it takes questions from; a retake reads the learner's earlier answers from the store,
  prefers questions not met (the previous 300 last), and so reaches further into each module.
  Each is timed twice: with nothing kept (the first check after the pack changed) and with the
  quizzes parsed in an earlier run kept, as the app keeps them (tutor/content/quiz_cache.py).
  Baseline: the bare TOML parse of the quizzes the draw took questions from, the floor any draw
  that reads them pays.
- The report: the shipped course's check (20 questions), taken with every answer wrong so that it
  lists every question, rebuilt from the store and rendered as the HTML file the app saves, and as
  Markdown and JSON. Baseline: reading that check's rows (the attempt, its plan and its answers),
  which any report must do.
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
from tutor.content.catalogue_cache import cache_file  # noqa: E402
from tutor.content.loader import check_pack, content_root, load_course  # noqa: E402
from tutor.content.model import Course  # noqa: E402
from tutor.content.tomlpos import toml_library  # noqa: E402
from tutor.progress import ProgressStore, open_store  # noqa: E402
from tutor.progress import readiness_session as session  # noqa: E402
from tutor.progress.readiness_check import ReadinessRun, finished_result, judge  # noqa: E402
from tutor.progress.report import render  # noqa: E402
from tutor.progress.scheduling import ReviewScheduler  # noqa: E402
from tutor.progress.scoring import Judgement, ScenarioWalk, judge_choice  # noqa: E402


def first_option(run: ReadinessRun, item) -> Judgement:  # type: ignore[no-untyped-def]
    question = item.question
    if question.kind == "scenario":
        walk = ScenarioWalk(question)
        while not walk.finished:
            walk.choose(run.options(item, walk.step)[0].id)
        return walk.judgement()
    return judge_choice(question, [run.options(item)[0].id])


def bare_parse(course: Course, run: ReadinessRun) -> float:
    toml = toml_library()
    paths = {course.quiz_index[item.quiz.id][0] for item in run.items}
    started = time.perf_counter()
    for path in paths:
        toml.loads(path.read_text(encoding="utf-8"))
    return time.perf_counter() - started


def time_check(root: Path, store: ProgressStore | None, seed: int,
               kept: Path | None = None) -> tuple[float, float, int, float]:
    """Draw (a retake when `store` holds an earlier check: its history read first), answer every
    question with its first option, judge. A fresh catalogue each time: nothing parsed yet in this
    process; with `kept` (a cache folder, as the app has), quizzes parsed in an earlier run are read
    back from there (tutor/content/quiz_cache.py). Returns the wall time, the baseline's, the
    questions drawn and this process's CPU time (which a loaded machine inflates less than the wall
    time)."""
    course, _ = load_course(root) if kept is None else load_course(root, cache=cache_file(kept, root))
    course.quiz_index  # noqa: B018 - indexed at start-up by the dashboard, not part of the draw
    started, cpu = time.perf_counter(), time.process_time()
    history = store.readiness_history(course.id) if store is not None else None
    run = ReadinessRun(course, seed=seed, history=history)
    for item in run.items:
        run.record(item, first_option(run, item))
    judge(run)
    ours, cpu = time.perf_counter() - started, time.process_time() - cpu
    return ours, bare_parse(course, run), run.total, cpu


def a_checked_learner(root: Path, folder: str) -> ProgressStore:
    """A store holding one finished check of the pack, taken through the core as the app does."""
    course, _ = load_course(root)
    store = open_store(folder)
    run = session.new_check(course, store, seed=99)
    session.start(store, run)
    while (item := run.current) is not None:
        session.answer(store, run, first_option(run, item), seconds=1, scheduler=ReviewScheduler())
    session.finish(store, run)
    return store


def time_report(rounds: int) -> tuple[list[float], list[float], int]:
    course, _ = check_pack(content_root())
    with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
        run = session.new_check(course, store, seed=1)
        session.start(store, run)
        while (item := run.current) is not None:
            question = item.question
            wrong = judge_choice(question, [next(o.id for o in question.options if not o.correct)]) \
                if question.kind != "scenario" else first_option(run, item)
            session.answer(store, run, wrong, seconds=1, scheduler=ReviewScheduler())
        session.finish(store, run)
        ours, rows = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            found = finished_result(course, store)
            assert found is not None
            attempt, result = found
            page = render("html", course, attempt, result)
            ours.append(time.perf_counter() - started)
            render("md", course, attempt, result), render("json", course, attempt, result)
            started = time.perf_counter()
            last = store.readiness_attempts(course.id)[-1]
            store.readiness_plan(last.id), store.readiness_answers(last.id)
            rows.append(time.perf_counter() - started)
            assert result.total == 20 and len(result.missed) >= 15 and result.headline in page
        return ours, rows, result.total


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


def line(label: str, ours: float, budget: str, cpu: float | None = None) -> None:
    print(f"  {label:<44}{ours * 1000:8.1f} ms   ({budget})" + (f", CPU {cpu * 1000:.1f} ms" if cpu else ""))


def compare(label: str, ours: float, base: float) -> None:
    print(f"  {label:<44}{base * 1000:8.1f} ms   ratio {ours / base:.2f}")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder) / "pack", 1000, variants=True)
        firsts = [time_check(root, None, seed) for seed in range(rounds)]
        kept = Path(folder) / "cache"
        earlier, _ = load_course(root, cache=cache_file(kept, root))  # an earlier run: every quiz kept
        for quiz_id in earlier.quiz_index:
            earlier.quiz(quiz_id)
        warm = [time_check(root, None, seed, kept) for seed in range(rounds)]
        with a_checked_learner(root, str(Path(folder) / "learner")) as store:
            retakes = [time_check(root, store, seed) for seed in range(rounds)]
            warm_retakes = [time_check(root, store, seed, kept) for seed in range(rounds)]
    print(f"Readiness check on 1,000 lessons with variants ({firsts[0][2]} questions), median of {rounds}:")
    for name, runs in (("first check, nothing kept", firsts), ("first check, quizzes kept", warm),
                       ("retake, nothing kept", retakes), ("retake, quizzes kept", warm_retakes)):
        ours, bare = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        line(f"{name}: draw, answer, judge", ours, "budget 100 ms", statistics.median(r[3] for r in runs))
        compare("baseline, bare parse of the quizzes drawn", ours, bare)
    reports, rows, total = time_report(rounds)
    print(f"Report of a {total}-question check (rebuilt from the store, HTML), median of {rounds}:")
    line("finished_result + render html", statistics.median(reports), "budget 50 ms")
    compare("baseline, reading the check's rows", statistics.median(reports), statistics.median(rows))
    counted, scanned = time_due_count(rounds)
    print("Due reviews over 100,000 cards, median:")
    line("due_count (review_queue_by_due)", statistics.median(counted), "budget 20 ms")
    compare("baseline, every card read and counted", statistics.median(counted), statistics.median(scanned))


if __name__ == "__main__":
    main()
