"""The readiness verdict is built from evidence (issue 21): "Ready" needs the pass mark, no high-risk
mistake and every module at or above the floor, and every reason or piece of evidence is worded from
the check's own numbers and the choices taken, in the core, the report and the dashboard's line."""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock
from tests.progress.guessers import answer_with, knows_everything
from tests.progress.readiness_packs import write_readiness_pack
from tutor.content.loader import check_pack
from tutor.progress import open_store
from tutor.progress import readiness_session as session
from tutor.progress.readiness_check import finished_result
from tutor.progress.report import render
from tutor.progress.scheduling import ReviewScheduler
from tutor.progress.scoring import ScenarioWalk, judge_choice
from tutor.progress.wording import readiness_line

TUTOR = Path(__file__).resolve().parents[2] / "tutor"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    found, _ = check_pack(write_readiness_pack(tmp_path_factory.mktemp("pack")))
    return found


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock):
    with open_store(tmp_path / "data", clock=clock) as opened:
        yield opened


def take(course, store, clock, answer, seed=1):
    """A check taken with `answer(item)` giving each judgement; 10 s a question."""
    run = session.new_check(course, store, seed=seed)
    session.start(store, run)
    while (item := run.current) is not None:
        clock.tick(10)
        session.answer(store, run, answer(item, run), seconds=10, scheduler=ReviewScheduler())
    return run, session.finish(store, run)


def right(item, run):
    return answer_with(knows_everything, item.question, lambda step: run.options(item, step), random.Random(0))


def wrong_single(item):
    return judge_choice(item.question, [next(o.id for o in item.question.options if not o.correct)])


def walk(item, *choices):
    path = ScenarioWalk(item.question)
    for choice in choices:
        path.choose(choice)
    return path.judgement()


def test_a_learner_who_knows_every_answer_is_ready_and_told_what_it_rests_on(course, store, clock):
    store.record_lesson_opened(course.id, "money-1")
    store.record_lesson_completed(course.id, "money-1")
    run, result = take(course, store, clock, right)
    assert result.passed and result.reasons == ()
    assert result.headline == "Ready for a first job: 12 of 12 (100%), weakest module 100%"
    questions, weakest, high_risk, lessons, taken, sources = result.evidence
    assert questions == "12 questions, 4 from each of the 3 modules."
    assert re.fullmatch(r"Weakest module: “[^”]+”, 4 of 4 \(100%\); every module had to reach 60%\.", weakest)
    drawn = sum(item.question.risk == "high" for item in run.items)
    assert high_risk.startswith(f"High-risk situation{'s' * (drawn != 1)} handled, {drawn} of {drawn}: ")
    assert high_risk.count("you chose “Report him to the platform”") == drawn  # named by the choice taken
    assert lessons == "Lessons read when you took it: 1 of 6."
    assert taken == "Time taken: 2 min 0 s."
    assert sources.startswith("The course's rules were checked against their sources on 1 December 2026")
    [attempt] = store.readiness_attempts(course.id)
    assert attempt.evidence == result.evidence and (attempt.lessons_read, attempt.lessons_total) == (1, 6)
    day = (attempt.finished_at or attempt.taken_at).astimezone().strftime("%-d %b")
    assert readiness_line(attempt, course.texts) == \
        f"Ready for a first job on {day}: 12 of 12, weakest module 100%; 1 of 6 lessons read"


def test_a_module_under_the_floor_is_not_ready_even_at_the_pass_mark(course, store, clock):
    missed: list[str] = []

    def two_wrong_in_money(item, run):
        if item.module_id == "money" and item.question.kind == "single" and len(missed) < 2:
            missed.append(item.key)
            return wrong_single(item)
        return right(item, run)

    _run, result = take(course, store, clock, two_wrong_in_money)
    assert result.share >= result.pass_mark  # 10 of 12: the score alone would pass
    assert not result.passed and result.evidence == ()
    assert result.reasons == ("“Money”: 2 of 4 (50%), 10 points under the module floor of 60%.",)
    assert result.headline == "Not yet: 10 of 12 (83%), weakest module 50%"


def test_a_high_risk_mistake_is_named_by_the_choice_that_led_to_the_bad_ending(course, store, clock):
    stories: list[str] = []

    def one_story_wrong(item, run):
        if item.question.kind != "scenario":
            return right(item, run)
        stories.append(item.key)
        if len(stories) == 1:  # the Bitcoin was bought; support was told afterwards (a risky ending)
            return walk(item, "agree", "tell-support")
        return right(item, run)

    _run, result = take(course, store, clock, one_story_wrong)
    assert not result.passed
    high = [reason for reason in result.reasons if "high-risk" in reason]
    assert high == ["A high-risk mistake (a mistake that can cost you the account or the money): you chose “Agree to "
                    "buy the $500 of Bitcoin”, which led to a risky ending."]
    assert "Story" not in " ".join(result.reasons)  # never the setup


def test_the_mistake_is_the_last_choice_when_the_story_could_still_end_well(course, store, clock):
    def give_in(item, run):
        return walk(item, "refuse", "give-in") if item.question.kind == "scenario" else right(item, run)

    _run, result = take(course, store, clock, give_in)
    assert all(reason.endswith("you chose “Give in and buy it after all”, which led to a bad ending.")
               for reason in result.reasons if "high-risk" in reason)


def test_a_low_score_says_how_far_from_the_pass_mark_and_names_every_weak_module(course, store, clock):
    _run, result = take(course, store, clock, lambda item, run: (
        walk(item, "pay-now") if item.question.kind == "scenario" else wrong_single(item)))
    assert result.reasons[0] == "Your score, 0 of 12 (0%), is under the pass mark of 80%: it needs 10 of 12."
    floors = [reason for reason in result.reasons if "module floor" in reason]
    assert sorted(floors) == sorted(f"“{title}”: 0 of 4 (0%), 60 points under the module floor of 60%."
                                    for title in ("Staying on the platform", "Money", "Staying safe"))
    assert result.headline == "Not yet: 0 of 12 (0%), weakest module 0%"


def test_every_report_format_gives_the_headline_and_each_reason_or_piece_of_evidence(course, store, clock):
    for answer in (right, lambda item, run: wrong_single(item) if item.question.kind == "single"
                   else right(item, run)):
        take(course, store, clock, answer)
        attempt, result = finished_result(course, store)
        lines = result.explanation
        assert lines and lines == (attempt.evidence if attempt.passed else attempt.reasons)
        markdown, page = render("md", course, attempt, result), render("html", course, attempt, result)
        data = json.loads(render("json", course, attempt, result))
        assert f"## Verdict: {result.headline}" in markdown.replace("\\", "")
        assert data["headline"] == result.headline and data["module_floor"] == 0.6
        assert data["reasons" if not result.passed else "evidence"] == list(lines)
        for line in lines:
            assert line in markdown.replace("\\", "") and html.escape(line) in page
        assert "Every module at or above" not in markdown + page


def test_no_face_or_core_module_says_a_fixed_verdict_sentence():
    """The old sentences, and verdict words used without the numbers they rest on."""
    fixed = re.compile(r"Every module at or above the pass mark|READY, NOT_YET|readiness_verdict\(|"
                       r"\"Ready for a first job\.\"|Verdict: Ready for a first job")
    offenders = [str(path.relative_to(TUTOR)) for path in TUTOR.rglob("*.py") if fixed.search(path.read_text())]
    assert offenders == []
