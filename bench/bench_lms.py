"""Benchmark `tutor lms export`: the shipped course and a 1,000-quiz synthetic pack, in each format.

Baseline, measured in the same run: the bare cost of loading the pack (the catalogue, then every quiz
parsed) plus a plain serialization of every question with the standard library (json.dumps), so the
ratio says what the formats themselves cost. Budget (issue 29): under 5 s for 1,000 quizzes in any
format. Run: python bench/bench_lms.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_pack import write_pack  # noqa: E402

from tutor.content.loader import load_course, shipped_root  # noqa: E402
from tutor.interchange import course_quiz_ids, export_quizzes  # noqa: E402

ROUNDS = 3
BUDGET = 5.0  # seconds, 1,000 quizzes, any format
FORMATS = ("moodle-xml", "gift", "qti21")  # the Anki deck is of a learner's misses, not of a pack


def baseline(root: Path) -> int:
    course, _findings = load_course(root)
    rows = []
    for quiz_id in course_quiz_ids(course):
        quiz = course.quiz(quiz_id)
        for question in quiz.questions if quiz else ():
            rows.append([quiz_id, question.id, question.prompt, question.explanation,
                         [[o.id, o.text, o.feedback, o.correct] for o in question.options],
                         [[s.id, s.text, [[o.id, o.text, o.feedback] for o in s.options]] for s in question.steps]])
    return len(json.dumps(rows))


def exported(root: Path, fmt: str) -> tuple[int, int, int, int]:
    course, _findings = load_course(root)
    data, report = export_quizzes(course, course_quiz_ids(course), fmt)
    return len(data), report.questions, report.scenarios, report.flattened


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def measure(name: str, root: Path) -> list[str]:
    times: dict[str, list[float]] = {"baseline": [], **{fmt: [] for fmt in FORMATS}}
    sizes: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(ROUNDS):  # interleaved, so the drift of a shared machine hits every figure alike
        times["baseline"].append(timed(baseline, root)[0])
        for fmt in FORMATS:
            seconds, result = timed(exported, root, fmt)
            times[fmt].append(seconds)
            sizes[fmt] = result  # type: ignore[assignment]
    base = statistics.median(times["baseline"])
    lines = [f"{name}: baseline (load + parse every quiz + json.dumps) {base * 1000:.0f} ms"]
    for fmt in FORMATS:
        median = statistics.median(times[fmt])
        size, questions, scenarios, flattened = sizes[fmt]
        lines.append(f"  {fmt:<10} {median * 1000:7.0f} ms  {median / base:4.1f}x baseline  {size / 1024:8.0f} KB  "
                     f"{questions} questions ({scenarios} scenarios flattened into {flattened})")
    return lines


def main() -> None:
    print("\n".join(measure("shipped course", shipped_root())))
    with tempfile.TemporaryDirectory() as folder:
        root = write_pack(Path(folder), 1000)
        lines = measure("synthetic pack, 1,000 quizzes", root)
        print("\n".join(lines))
        worst = max(float(line.split()[1]) for line in lines[1:]) / 1000
        print(f"budget: under {BUDGET:.0f} s for 1,000 quizzes in any format: slowest {worst:.2f} s "
              f"({'met' if worst < BUDGET else 'NOT MET'})")


if __name__ == "__main__":
    main()
