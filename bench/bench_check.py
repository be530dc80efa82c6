"""Benchmark `tutor check` and catalogue loading on synthetic packs.

Budgets (issue 2): check on 1,000 lessons + quizzes at most 1.25x the bare cost of parsing the same
files with markdown-it-py and tomllib; 2,000 lessons at most 2.2x the time of 1,000; loading the
catalogue of 1,000 lessons at most 150 ms. Run: python bench/bench_check.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_pack import write_pack  # noqa: E402

from tutor.content import markdown  # noqa: E402
from tutor.content.catalogue_cache import cache_file  # noqa: E402
from tutor.content.lesson_format import split_front_matter  # noqa: E402
from tutor.content.loader import check_pack, load_course  # noqa: E402

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROUNDS = 5


def bare_parse(root: Path) -> None:
    """The floor: read every file, parse front matter and quizzes with tomllib, bodies with markdown-it."""
    md = markdown.parser()
    for path in sorted((root / "lessons").glob("*.md")):
        front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
        tomllib.loads(front)
        md.parse(body)
    for path in sorted((root / "quizzes").glob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def interleaved(small: Path, large: Path) -> dict[str, float]:
    """Medians of check and bare parse on both packs, every round running all four, so that the
    drift of a shared machine hits each figure alike (2,000 / 1,000 too, not only check / bare)."""
    times: dict[str, list[float]] = {"check_1k": [], "base_1k": [], "check_2k": [], "base_2k": []}
    for _ in range(ROUNDS):
        times["base_1k"].append(timed(bare_parse, small))
        times["check_1k"].append(timed(check_pack, small))
        times["base_2k"].append(timed(bare_parse, large))
        times["check_2k"].append(timed(check_pack, large))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small = write_pack(Path(tmp) / "p1000", 1000)
        large = write_pack(Path(tmp) / "p2000", 2000)
        _, findings = check_pack(small)
        assert not findings, findings[:3]
        bare_parse(small)  # warm the page cache and imports
        # The catalogue first, as the app loads it: in a process that has not built thousands of
        # documents before.
        catalogue = statistics.median(timed(load_course, small) for _ in range(ROUNDS))
        # The app's start: the catalogue cache (files dated an hour ago, as once an author is done).
        an_hour_ago = time.time() - 3600
        for path in small.rglob("*"):
            os.utime(path, (an_hour_ago, an_hour_ago))
        cache = cache_file(Path(tmp) / "cache", small)
        load_course(small, cache=cache)
        cached = statistics.median(timed(load_course, small, cache) for _ in range(ROUNDS))
        medians = interleaved(small, large)
        check_1k, base_1k, check_2k, base_2k = (medians[k] for k in ("check_1k", "base_1k", "check_2k", "base_2k"))
    print(f"tutor check, 1,000 lessons + quizzes: {check_1k * 1000:7.0f} ms")
    print(f"bare markdown-it + tomllib parse:     {base_1k * 1000:7.0f} ms")
    print(f"  ratio check / bare parse:           {check_1k / base_1k:7.2f}  (budget 1.25)")
    print(f"tutor check, 2,000 lessons + quizzes: {check_2k * 1000:7.0f} ms")
    print(f"  ratio 2,000 / 1,000:                {check_2k / check_1k:7.2f}  (budget 2.2)")
    print(f"  (bare parse 2,000 / 1,000:          {base_2k / base_1k:7.2f})")
    print(f"catalogue load, 1,000 lessons:        {catalogue * 1000:7.0f} ms  (budget 150 ms)")
    print(f"  the same with the catalogue cache:  {cached * 1000:7.0f} ms  (the app's start)")


if __name__ == "__main__":
    main()
