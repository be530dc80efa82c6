"""The readiness verdict and the quizzes, tried by learners who guess (issue 21). Each habit takes 30
readiness checks of the shipped course, through the same core functions as the app and the plain
mode with a real store, and takes every quiz once: it may never be "Ready", its median must stay
under 50%, and it must collect under 50% of all quiz points. A learner who knows every answer is
"Ready". The harness proves itself on a small pack that has the length tell: there the length
guesser passes, so these tests can fail."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from tests.progress.guessers import GUESSERS, every_quiz, knows_everything, longest, readiness_checks
from tests.progress.readiness_packs import write_readiness_pack
from tutor.content.loader import check_pack, content_root

CHECKS = 30
COURSE, _ = check_pack(content_root())


@pytest.mark.parametrize("name", list(GUESSERS))
def test_a_guesser_is_never_ready_and_scores_under_half(tmp_path, name):
    results = readiness_checks(COURSE, GUESSERS[name], CHECKS, tmp_path, seed=21)
    scores = sorted(round(100 * r.share) for r in results)
    ready = sum(r.passed for r in results)
    assert ready == 0, f"{name}: Ready in {ready} of {CHECKS} checks (scores {scores})"
    assert statistics.median(r.share for r in results) < 0.5, f"{name}: scores {scores}"


@pytest.mark.parametrize("name", list(GUESSERS))
def test_a_guesser_collects_under_half_of_all_quiz_points(name):
    points = every_quiz(COURSE, GUESSERS[name], seed=21)
    assert points.share < 0.5, f"{name}: {points.score} of {points.total} quiz points"


def test_a_learner_who_knows_every_answer_is_ready(tmp_path):
    results = readiness_checks(COURSE, knows_everything, 5, tmp_path, seed=21)
    assert all(r.passed for r in results) and all(r.share == 1 for r in results)
    assert every_quiz(COURSE, knows_everything).share == 1


def test_the_harness_finds_the_length_tell_in_a_pack_that_has_it(tmp_path):
    course, _ = check_pack(write_readiness_pack(tmp_path / "told", tell=True))
    results = readiness_checks(course, longest, CHECKS, tmp_path)
    assert sum(r.passed for r in results) == CHECKS
    assert every_quiz(course, longest).share == 1


def test_the_harness_finds_no_tell_where_there_is_none(tmp_path):
    course, _ = check_pack(write_readiness_pack(tmp_path / "plain"))
    results = readiness_checks(course, longest, CHECKS, tmp_path)
    assert sum(r.passed for r in results) == 0
    assert statistics.median(r.share for r in results) < 0.5 and every_quiz(course, longest).share < 0.5
    assert all(r.passed for r in readiness_checks(course, knows_everything, 3, Path(tmp_path)))
