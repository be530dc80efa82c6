"""Benchmark the progress store on a file database with its real durability settings.

Budgets (progress store issue): recording an answer at most 2 ms (median), compared with a bare
sqlite3 INSERT + commit into the same schema with the same pragmas, measured in the same run; the
course summary computed over 100,000 recorded answers at most 50 ms, compared with the one GROUP BY
over every answer that the summary's indexes avoid.

Export (issue 22, fault 12): at least 200,000 answers a second written (CPU time of the process, so
that other programs on a busy machine do not count), with its peak memory flat (under 100 MB) at 10
million answers. Each export runs in a child process whose CPU time and peak memory the kernel
reports; beside it, in the same run, the export as it was before (every record built in a list
first), and a bare `SELECT * FROM answers` into csv.writer, the floor for any export in Python.

Run: python bench/bench_progress.py [--export-answers N]   (default 10,000,000; the big store is
made with one INSERT ... SELECT, which takes a few minutes)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tutor.content.model import Course, Lesson, Module
from tutor.progress import open_store
from tutor.progress.database import BUSY_TIMEOUT_SECONDS
from tutor.progress.schema import migrate

ANSWER_ROUNDS = 10  # blocks of ANSWERS_PER_ROUND, ours and baseline interleaved
ANSWERS_PER_ROUND = 200
SUMMARY_ANSWERS = 100_000
SUMMARY_RUNS = 30
MODULES, LESSONS_PER_MODULE, QUESTIONS_PER_QUIZ = 12, 4, 10
COURSE_ID = "bench"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def row(label: str, value: str, note: str = "") -> None:
    print(f"{label + ':':<44}{value}  {note}".rstrip())


# -- recording an answer -------------------------------------------------------------------------


def bare_connection(path: Path) -> sqlite3.Connection:
    """The baseline: the same schema and pragmas, plain sqlite3 (implicit BEGIN, commit())."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.isolation_level = ""  # back to the module's default: INSERT opens a transaction
    return conn


def bare_insert(conn: sqlite3.Connection, n: int, attempt_id: int) -> None:
    conn.execute(
        "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct,"
        " score, seconds, content_hash, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (attempt_id, COURSE_ID, "quiz-1", f"q{n}", '["a"]', "[]", 1, 1.0, 3.5,
         "0123456789abcdef", time.time()),
    )
    conn.commit()


def bench_record_answer(tmp: Path) -> tuple[list[float], list[float]]:
    store = open_store(tmp / "store")
    attempt = store.start_attempt(COURSE_ID, "quiz-1")
    (tmp / "bare").mkdir()
    bare = bare_connection(tmp / "bare" / "progress.db")
    bare.execute("INSERT INTO quiz_attempts (id, course_id, quiz_id, started_at) VALUES (1, ?, ?, 0)",
                 (COURSE_ID, "quiz-1"))
    bare.commit()

    def ours(n: int) -> None:
        store.record_answer(COURSE_ID, "quiz-1", f"q{n}", chosen=["a"], correct=True, score=1.0,
                            seconds=3.5, content_hash="0123456789abcdef", attempt_id=attempt)

    for n in range(50):  # warm up both: page cache, statement caches
        ours(n)
        bare_insert(bare, n, 1)
    our_times: list[float] = []
    bare_times: list[float] = []
    for _ in range(ANSWER_ROUNDS):  # interleaved, so drift on a shared machine hits both alike
        our_times += [timed(lambda n=n: ours(n)) for n in range(ANSWERS_PER_ROUND)]
        bare_times += [timed(lambda n=n: bare_insert(bare, n, 1)) for n in range(ANSWERS_PER_ROUND)]
    store.close()
    bare.close()
    return our_times, bare_times


# -- the summary over 100,000 answers ------------------------------------------------------------


def bench_course() -> Course:
    root = Path("/bench")
    modules, lessons, index = [], {}, {}
    for m in range(MODULES):
        ids = tuple(f"m{m}-l{n}" for n in range(LESSONS_PER_MODULE))
        modules.append(Module(f"m{m}", f"Module {m}", ids))
        for order, lesson_id in enumerate(ids):
            lessons[lesson_id] = Lesson(lesson_id, lesson_id, f"m{m}", order, 5, "", (),
                                        root / f"{lesson_id}.md", quiz=f"{lesson_id}-quiz")
            index[f"{lesson_id}-quiz"] = (root / f"{lesson_id}-quiz.toml", lesson_id)
    return Course(COURSE_ID, "Bench", root, tuple(modules), lessons, quiz_scanner=lambda: index)


def fill(path: Path, course: Course, answers: int) -> None:
    """Bulk-load a learner's history in one transaction (100,000 record_answer calls would measure
    fsync 100,000 times, not the summary). Attempts of QUESTIONS_PER_QUIZ answers, round robin over
    the quizzes; every lesson opened, half completed; a few readiness checks; a second course's
    rows mixed in, so the indexes must separate courses."""
    quizzes = list(course.quiz_index)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    now = time.time() - answers
    attempt_rows, answer_rows = [], []
    for attempt_id in range(1, answers // QUESTIONS_PER_QUIZ + 1):
        quiz = quizzes[attempt_id % len(quizzes)]
        course_id = COURSE_ID if attempt_id % 10 else "other-course"
        start = now + attempt_id * QUESTIONS_PER_QUIZ
        attempt_rows.append((attempt_id, course_id, quiz, start, start + QUESTIONS_PER_QUIZ,
                             attempt_id % (QUESTIONS_PER_QUIZ + 1), QUESTIONS_PER_QUIZ))
        for q in range(QUESTIONS_PER_QUIZ):
            answer_rows.append((attempt_id, course_id, quiz, f"q{q}", json.dumps(["a"]), "[]",
                                (attempt_id + q) % 2, float((attempt_id + q) % 2), 4.0,
                                f"hash{q % 3}", start + q))
    conn.executemany("INSERT INTO quiz_attempts (id, course_id, quiz_id, started_at, finished_at, score, total)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", attempt_rows)
    conn.executemany(
        "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct,"
        " score, seconds, content_hash, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        answer_rows,
    )
    for n, lesson_id in enumerate(course.lessons):
        conn.execute("INSERT INTO lesson_progress (course_id, lesson_id, opened_at, touched_at, completed_at, page)"
                     " VALUES (?, ?, ?, ?, ?, ?)",
                     (COURSE_ID, lesson_id, now, now + n, now + n if n % 2 else None, n % 5))
    for n in range(20):
        conn.execute("INSERT INTO readiness_attempts (id, course_id, taken_at, passed) VALUES (?, ?, ?, ?)",
                     (n + 1, COURSE_ID, now + n, n % 2))
        conn.executemany("INSERT INTO readiness_scores VALUES (?, ?, ?)",
                         [(n + 1, module.id, 0.5) for module in course.modules])
    conn.execute("COMMIT")
    conn.close()


def bench_summary(tmp: Path) -> dict[str, float]:
    course = bench_course()
    data_dir = tmp / "summary"
    open_store(data_dir).close()  # create the schema
    fill(data_dir / "progress.db", course, SUMMARY_ANSWERS)

    figures = {"open": timed(lambda: open_store(data_dir).close())}  # includes quick_check
    store = open_store(data_dir)
    summary = store.summary(course)  # warm up; also the quiz index
    assert summary.lessons_total == MODULES * LESSONS_PER_MODULE
    assert sum(s.attempts for m in summary.modules for s in m.quiz_scores.values()) == (
        SUMMARY_ANSWERS // QUESTIONS_PER_QUIZ * 9 // 10
    )
    conn = sqlite3.connect(data_dir / "progress.db")
    naive = "SELECT quiz_id, max(answered_at), count(*) FROM answers NOT INDEXED WHERE course_id = ? GROUP BY quiz_id"
    conn.execute(naive, (COURSE_ID,)).fetchall()
    hashes = {f"q{q}": f"hash{q % 3}" for q in range(QUESTIONS_PER_QUIZ)}
    summary_times, naive_times = [], []
    for _ in range(SUMMARY_RUNS):  # interleaved
        summary_times.append(timed(lambda: store.summary(course)))
        naive_times.append(timed(lambda: conn.execute(naive, (COURSE_ID,)).fetchall()))
    figures["summary"] = statistics.median(summary_times)
    figures["naive"] = statistics.median(naive_times)
    figures["question_results"] = statistics.median(
        timed(lambda: store.question_results(COURSE_ID, "m0-l0-quiz", hashes)) for _ in range(SUMMARY_RUNS)
    )
    figures["export"] = timed(lambda: store.export_rows())
    conn.close()
    store.close()
    return figures


# -- export --------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
PACK = REPO / "tests" / "fixtures" / "pack"  # real quiz files: the CSV gives questions and options in words
EXPORT_COMPARED = 200_000  # before and after, and the bare floor, on this many answers


def bulk_answers(data_dir: Path, count: int) -> None:
    """`count` answers to the fixture pack's quiz in one INSERT ... SELECT (10 million record_answer
    calls would take days of fsync)."""
    open_store(data_dir).close()
    conn = sqlite3.connect(data_dir / "progress.db", isolation_level=None)
    conn.execute("INSERT INTO quiz_attempts (id, course_id, quiz_id, started_at, kind) "
                 "VALUES (1, 'test-pack', 'stay', 1764000000, 'full')")
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO answers (attempt_id, course_id, quiz_id, question_id, chosen, path, correct, score,"
        " seconds, content_hash, answered_at, hints) "
        "SELECT 1, 'test-pack', 'stay', CASE i % 2 WHEN 0 THEN 'zoom-link' ELSE 'contact-details' END,"
        " CASE i % 2 WHEN 0 THEN '[\"join\"]' ELSE '[\"email\", \"phone\"]' END, '[]', i % 2, i % 2,"
        " 2.5 + (i % 7), 'hhhhhhhhhhhhhhhh', 1764000000 + i * 7.123, 0 FROM n", (count,))
    conn.close()


def export_child(how: str, fmt: str, data_dir: Path) -> None:
    """In a child process: export the store at `data_dir` to /dev/null, `how` = "after" (today's
    streaming export), "before" (the export of issue 22's time: every record in a list, then written)
    or "bare" (SELECT * into csv.writer); "none" only imports, to subtract the start."""
    import csv

    from tutor.content.loader import load_course

    course = load_course(PACK)[0]
    with open(os.devnull, "w", encoding="utf-8", newline="") as out, open_store(data_dir) as store:
        if how == "after":
            store.write_export(out, fmt, None, course)
        elif how == "before":
            from tutor.progress import EXPORT_COLUMNS

            rows = store.export_rows(None)  # a list of every record, as the export used to build
            if fmt == "csv":
                writer = csv.writer(out, lineterminator="\n")
                for row in rows:
                    writer.writerow("" if (v := getattr(row, c)) is None else
                                    json.dumps(v) if isinstance(v, (list, dict)) else v for c in EXPORT_COLUMNS)
            else:
                out.write(json.dumps({"records": [msgspec_builtins(row) for row in rows]}, indent=2))
        elif how == "bare":
            conn = sqlite3.connect(data_dir / "progress.db")
            csv.writer(out, lineterminator="\n").writerows(conn.execute("SELECT * FROM answers"))
            conn.close()


def msgspec_builtins(row: object) -> object:
    import msgspec

    return msgspec.to_builtins(row)


def measured_child(how: str, fmt: str, data_dir: Path) -> tuple[float, float, float]:
    """CPU seconds, wall seconds and peak memory (MB) of one export child, as the kernel counts them
    (the peak includes this process's memory when the child started: measure while it is small)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--export-child", how, fmt, str(data_dir)], cwd=REPO,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {how} {fmt} export failed")
    return usage.ru_utime + usage.ru_stime, time.perf_counter() - started, usage.ru_maxrss / 1024


def bench_export(tmp: Path, big: int) -> None:
    compared = tmp / "export-compared"
    bulk_answers(compared, EXPORT_COMPARED)
    start_cpu, _wall, start_mb = measured_child("none", "csv", compared)
    row("export: a child that only starts", f"{start_cpu * 1000:8.0f} ms CPU", f"{start_mb:6.0f} MB peak")
    rates = {}
    for fmt in ("csv", "json"):
        for how in ("before", "after"):
            cpu, _wall, peak = measured_child(how, fmt, compared)
            rates[how, fmt] = EXPORT_COMPARED / max(cpu - start_cpu, 1e-9)
            row(f"export {fmt} {how}, {EXPORT_COMPARED:,} answers", f"{rates[how, fmt]:10,.0f} answers/s",
                f"{peak:6.0f} MB peak")
        row(f"  ratio after / before ({fmt})", f"{rates['after', fmt] / rates['before', fmt]:8.2f}")
    cpu, _wall, peak = measured_child("bare", "csv", compared)
    bare = EXPORT_COMPARED / max(cpu - start_cpu, 1e-9)
    row("bare SELECT * into csv.writer (the floor)", f"{bare:10,.0f} answers/s", f"{peak:6.0f} MB peak")
    row("  ratio export csv / bare", f"{rates['after', 'csv'] / bare:8.2f}")
    started = time.perf_counter()
    bulk_answers(tmp / "export-big", big)
    row(f"made a store of {big:,} answers", f"{time.perf_counter() - started:8.1f} s",
        f"{(tmp / 'export-big' / 'progress.db').stat().st_size / 2**30:.2f} GB")
    over = rates["after", "csv"] < 200_000
    for fmt in ("csv", "json"):
        cpu, wall, peak = measured_child("after", fmt, tmp / "export-big")
        rate = big / max(cpu - start_cpu, 1e-9)
        row(f"export {fmt} after, {big:,} answers", f"{rate:10,.0f} answers/s",
            f"{peak:6.0f} MB peak, {wall:.0f} s wall (budget 200,000/s, 100 MB)")
        over = over or peak > 100
    if over:
        print("EXPORT OVER BUDGET (on a busy machine compare the ratio to the bare floor)", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--export-answers", type=int, default=10_000_000)
    parser.add_argument("--export-child", nargs=3, metavar=("HOW", "FORMAT", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--only-export", action="store_true", help="skip the answer and summary figures")
    args = parser.parse_args()
    if args.export_child:
        how, fmt, data_dir = args.export_child
        export_child(how, fmt, Path(data_dir))
        return
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.system()} "
          f"{platform.machine()}; WAL, synchronous=FULL, files in {tempfile.gettempdir()}")
    if args.only_export:
        with tempfile.TemporaryDirectory() as tmp:
            bench_export(Path(tmp), args.export_answers)
        return
    with tempfile.TemporaryDirectory() as tmp:
        # The export first: a child's peak memory counts the parent's at the moment it was started.
        bench_export(Path(tmp), args.export_answers)
        ours, bare = bench_record_answer(Path(tmp))
        figures = bench_summary(Path(tmp))
    our_median, bare_median = statistics.median(ours), statistics.median(bare)
    records = SUMMARY_ANSWERS + SUMMARY_ANSWERS // QUESTIONS_PER_QUIZ + 20
    row(f"record_answer, median of {len(ours):,}", ms(our_median), "(budget 2 ms)")
    row("  95th percentile", ms(statistics.quantiles(ours, n=20)[-1]))
    row("bare INSERT + commit, same pragmas", ms(bare_median))
    row("  ratio record_answer / bare", f"{our_median / bare_median:8.2f}")
    row(f"summary over {SUMMARY_ANSWERS:,} answers, median", ms(figures["summary"]), "(budget 50 ms)")
    row("one GROUP BY over every answer", ms(figures["naive"]))
    row("  ratio summary / GROUP BY", f"{figures['summary'] / figures['naive']:8.2f}")
    row(f"question_results, one quiz of {QUESTIONS_PER_QUIZ}", ms(figures["question_results"]))
    row("open_store, incl. quick_check", ms(figures["open"]))
    row(f"export_rows, {records:,} records", ms(figures["export"]))
    if our_median > 0.002 or figures["summary"] > 0.050:
        print("OVER BUDGET", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
