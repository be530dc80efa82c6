"""Benchmark sending results to an LRS (issue 28), each against a baseline measured in the same run:

1. Recording an answer with its xAPI statement kept in the outbox (the learner named), against
   today's record_answer (no one named: no statement). Budget: within 1.5x.
2. `tutor sync` to a Ralph LRS on loopback (its file-system backend, started here): statements sent a
   second, against POSTing the same bodies in the same batches with a bare http.client connection (no
   outbox bookkeeping, no rule check). Budget: at least 1,000 statements a second.
3. The team report over 100,000 statements: parsed, folded and written as Markdown, against parsing the
   same statements alone. Budget: under 10 s. Memory: the report's peak (tracemalloc) over 10,000 and
   100,000 statements, which must stay flat. Then the whole `tutor team` against Ralph's file backend, which
   re-reads its whole file for every page (fine for tests, not production: lrs-notes.md), beside fetching
   the same pages alone.

Run: python bench/bench_lrs.py   (needs the test extra: Ralph)
"""

from __future__ import annotations

import base64
import http.client
import itertools
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.lrs.ralph import Ralph  # noqa: E402
from tutor.content.loader import load_course  # noqa: E402
from tutor.lrs.client import LrsClient  # noqa: E402
from tutor.lrs.settings import LrsSettings  # noqa: E402
from tutor.lrs.sync import send_waiting  # noqa: E402
from tutor.lrs.team_fetch import team_statements  # noqa: E402
from tutor.progress import ProgressStore, memory_store, open_store, statements  # noqa: E402
from tutor.progress.learner import Learner  # noqa: E402
from tutor.progress.team import TeamTally  # noqa: E402
from tutor.progress.team_report import render  # noqa: E402

ANSWER_ROUNDS, ANSWERS_PER_ROUND = 40, 50
SYNC_STATEMENTS, BATCH, SYNC_ROUNDS = 2_000, 100, 3
TEAM_STATEMENTS, TEAM_LEARNERS, PAGE, FOLD_ROUNDS = 100_000, 200, 25_000, 5
PACK = REPO / "tests" / "fixtures" / "pack"
USERS = {"bench": "bench-s3cret"}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def row(label: str, value: str, note: str = "") -> None:
    print(f"{label + ':':<52}{value}  {note}".rstrip())


# -- 1. recording an answer with its statement ----------------------------------------------------


def bench_recording(tmp: Path) -> None:
    on_disk = compare_recording(open_store(tmp / "named"), open_store(tmp / "anonymous"))
    in_memory = compare_recording(memory_store(), memory_store())
    print(f"\n1. Recording an answer ({ANSWER_ROUNDS * ANSWERS_PER_ROUND} calls each, median)")
    for label, (mine, base) in (("on disk (WAL, synchronous=FULL: the real path)", on_disk),
                                ("in memory (no fsync: the CPU alone)", in_memory)):
        row(label, "")
        row("  record_answer with its statement", f"{mine * 1000:.3f} ms")
        row("  baseline: record_answer today (no one named)", f"{base * 1000:.3f} ms")
        row("  ratio", f"{mine / base:.2f}", "(budget: 1.5, on disk)" if label.startswith("on disk") else "")


def compare_recording(named: ProgressStore, anonymous: ProgressStore) -> tuple[float, float]:
    named.set_learner(Learner("Ana Lima", email="ana@agency.org"))
    attempts = {store: store.start_attempt("bench", "quiz-1") for store in (named, anonymous)}

    def answer(store: ProgressStore, n: int) -> None:
        store.record_answer("bench", "quiz-1", f"q{n}", chosen=["a"], correct=n % 2 == 0, score=float(n % 2 == 0),
                            seconds=3.5, content_hash="0123456789abcdef", attempt_id=attempts[store])

    for n in range(50):
        answer(named, n)
        answer(anonymous, n)
    ours: list[float] = []
    today: list[float] = []
    for _ in range(ANSWER_ROUNDS):  # interleaved, so drift on a shared machine hits both alike
        ours += [timed(lambda n=n: answer(named, n)) for n in range(ANSWERS_PER_ROUND)]
        today += [timed(lambda n=n: answer(anonymous, n)) for n in range(ANSWERS_PER_ROUND)]
    assert named.waiting_count() == len(ours) + 50 and anonymous.waiting_count() == 0
    named.close()
    anonymous.close()
    return statistics.median(ours), statistics.median(today)


# -- 2. sync to a loopback Ralph ------------------------------------------------------------------


def bench_sync(tmp: Path, ralph: Ralph) -> None:
    settings = LrsSettings(ralph.url, "bench", USERS["bench"])
    ours: list[float] = []
    our_cpu: list[float] = []  # this process's CPU: what sending costs on the learner's side
    bare: list[float] = []
    for round_ in range(SYNC_ROUNDS):  # interleaved, each into an empty LRS (its file backend slows as it fills)
        data = tmp / f"sync-{round_}"
        with open_store(data) as store:
            store.set_learner(Learner("Ana Lima", email="ana@agency.org"))
            for _ in range(SYNC_STATEMENTS // 10):
                attempt = store.start_attempt("bench", "quiz-1")
                for q in range(9):
                    store.record_answer("bench", "quiz-1", f"q{q}", chosen=["a"], correct=True, score=1.0,
                                        seconds=2, content_hash="h", attempt_id=attempt)
                store.finish_attempt(attempt, 9, 9)
            bodies = [w.body for w in store.waiting_statements(SYNC_STATEMENTS)]
        ralph.clear()
        bare.append(timed(lambda bodies=bodies: post_bare(ralph, settings, bodies)))
        ralph.clear()
        with open_store(data) as store, LrsClient(settings) as client:
            start, cpu = time.perf_counter(), time.process_time()
            report = send_waiting(store, client, batch_size=BATCH)
            ours.append(time.perf_counter() - start)
            our_cpu.append(time.process_time() - cpu)
        assert report.complete and report.sent == len(bodies), report
        assert len(ralph.stored()) == len(bodies)
    mine, base = min(ours), min(bare)
    print(f"\n2. Sync to Ralph on loopback ({SYNC_STATEMENTS} statements in batches of {BATCH}, each run into an "
          f"empty LRS, best of {SYNC_ROUNDS})")
    row("tutor sync (outbox, rule check, marks)", f"{SYNC_STATEMENTS / mine:,.0f} statements/s", f"({mine:.2f} s)")
    row("baseline: bare POSTs of the same batches", f"{SYNC_STATEMENTS / base:,.0f} statements/s", f"({base:.2f} s)")
    row("ratio (time)", f"{mine / base:.2f}", "(budget: at least 1,000 statements/s)")
    row("tutor sync's own CPU per statement", f"{min(our_cpu) / SYNC_STATEMENTS * 1e6:.0f} µs",
        f"(a ceiling of {SYNC_STATEMENTS / min(our_cpu):,.0f} statements/s; the rest is the LRS)")


def post_bare(ralph: Ralph, settings: LrsSettings, bodies: list[str]) -> None:
    """The same bodies, POSTed in the same batches on one kept-alive connection, nothing else."""
    connection = http.client.HTTPConnection("127.0.0.1", ralph.port, timeout=60)
    token = base64.b64encode(f"{settings.user}:{settings.password}".encode()).decode()
    headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3",
               "Content-Type": "application/json"}
    for start in range(0, len(bodies), BATCH):
        connection.request("POST", "/xAPI/statements", ("[" + ",".join(bodies[start:start + BATCH]) + "]").encode(),
                           headers)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, response.status
    connection.close()


# -- 3. the team report over 100,000 statements ---------------------------------------------------


def team_stream(count: int) -> Iterator[dict]:
    """A team's statements as Ralph stores them: TEAM_LEARNERS learners, each reading, answering,
    finishing quizzes and taking the readiness check, in time order."""
    questions = ["zoom-link", "contact-details", "rule-since", "give"]
    moment = 1.8e9
    for n in range(count):
        learner = n % TEAM_LEARNERS
        who = {"objectType": "Agent", "name": f"Learner {learner}", "mbox": f"mailto:l{learner}@agency.org"}
        sid = str(uuid.uuid4())
        step = (n // TEAM_LEARNERS) % 25
        moment += 0.5
        if step == 0:
            found = statements.lesson_statement(who, sid, moment, course_id="test-pack", lesson_id="stay")
        elif step % 6 == 5:
            found = statements.attempt_statement(who, sid, moment, course_id="test-pack", quiz_id="stay",
                                                 score=float(step % 5), total=4.0, seconds=60, mode="quiz",
                                                 registration=sid)
        elif step == 24:
            found = statements.readiness_statement(who, sid, moment, course_id="test-pack", passed=learner % 3 == 0,
                                                   module_scores={"basics": 0.5, "more": 1.0}, score=2.0, total=3.0,
                                                   reasons=[], seconds=300, registration=sid)
        else:
            found = statements.answer_statement(who, sid, moment, course_id="test-pack", quiz_id="stay",
                                                question_id=questions[step % 4], chosen=["a"], path=[],
                                                correct=(n + step) % 3 != 0, score=1.0, seconds=4, hints=0,
                                                content_hash="h", mode="quiz", registration=sid)
        yield found


def seed(ralph: Ralph, count: int) -> None:
    """Write the statements into Ralph's data file as it stores them (POSTing 100,000 would time Ralph's
    file backend re-reading its file for every batch, not the report)."""
    authority = {"mbox": "mailto:bench@example.org", "objectType": "Agent", "name": "bench"}
    ralph.data_file.parent.mkdir(parents=True, exist_ok=True)
    with ralph.data_file.open("w", encoding="utf-8") as handle:
        for statement in team_stream(count):
            statement["stored"] = statement["timestamp"].replace("Z", "+00:00")
            statement["authority"] = authority
            handle.write(json.dumps(statement) + "\n")


def read_lines(path: Path, count: int) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, count):
            yield msgspec.json.decode(line)  # as tutor/lrs/client.py parses the LRS's pages


def fold(path: Path, count: int, course: object, trace: bool = False) -> tuple[float, int]:
    """Parse, fold and write the report for the first `count` statements of `path`: seconds, and the peak
    bytes when traced (tracemalloc slows every allocation: times are taken without it)."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    tally = TeamTally("test-pack")
    tally.add_all(read_lines(path, count))
    render("md", course, tally.report(course))  # type: ignore[arg-type]
    elapsed = time.perf_counter() - start
    if not trace:
        return elapsed, 0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def parse_only(path: Path, count: int) -> float:
    start = time.perf_counter()
    for _ in read_lines(path, count):
        pass
    return time.perf_counter() - start


def bench_team(tmp: Path) -> None:
    course, _ = load_course(PACK)
    ralph = Ralph(tmp / "team-ralph", users=USERS, page_size=PAGE).start()
    try:
        seed(ralph, TEAM_STATEMENTS)
        settings = LrsSettings(ralph.url, "bench", USERS["bench"])

        def baseline() -> None:
            with LrsClient(settings, timeout=600) as client:
                assert sum(len(page) for page in client.get_statements({})) == TEAM_STATEMENTS

        tally = TeamTally("test-pack")

        def ours() -> None:
            with LrsClient(settings, timeout=600) as client:
                tally.add_all(team_statements(client))
            render("md", course, tally.report(course))

        base = timed(baseline)
        mine = timed(ours)
        assert tally.read == TEAM_STATEMENTS
        ours_alone: list[float] = []
        parsing: list[float] = []
        for _ in range(FOLD_ROUNDS):  # interleaved, so drift on a shared machine hits both alike
            ours_alone.append(fold(ralph.data_file, TEAM_STATEMENTS, course)[0])
            parsing.append(parse_only(ralph.data_file, TEAM_STATEMENTS))
        small_peak = fold(ralph.data_file, TEAM_STATEMENTS // 10, course, trace=True)[1]
        large_peak = fold(ralph.data_file, TEAM_STATEMENTS, course, trace=True)[1]
    finally:
        ralph.stop()
    print(f"\n3. Team report over {TEAM_STATEMENTS:,} statements of {TEAM_LEARNERS} learners")
    row("the report: parse, fold, write Markdown", f"{min(ours_alone):.2f} s", f"(budget: 10 s; best of {FOLD_ROUNDS})")
    row("baseline: parsing the same statements alone", f"{min(parsing):.2f} s")
    row("ratio", f"{min(ours_alone) / min(parsing):.2f}")
    row("its peak memory, 10,000 / 100,000 statements", f"{small_peak / 1e6:.2f} MB / {large_peak / 1e6:.2f} MB",
        f"(ratio {large_peak / small_peak:.2f}: flat is 1)")
    row(f"tutor team from Ralph's fs backend, pages of {PAGE:,}", f"{mine:.2f} s")
    row("baseline: fetching the same pages alone", f"{base:.2f} s", f"(ratio {mine / base:.2f})")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        bench_recording(tmp)
        ralph = Ralph(tmp / "ralph", users=USERS).start()
        try:
            bench_sync(tmp, ralph)
        finally:
            ralph.stop()
        bench_team(tmp)


if __name__ == "__main__":
    main()
