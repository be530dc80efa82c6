"""A trainer's whole story against a real LRS: three learners, each in their own data folder, read and
answer through the plain mode, send with `tutor sync`; the LRS then holds exactly one statement per event
recorded, and `tutor team` says of each learner what their own `tutor progress --json` says."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.lrs.learners import outbox_ids, sending_as, tutor
from tests.lrs.ralph import Ralph
from tutor.progress.xapi_rules import statement_problems

# One Ralph serves every LRS test: they run on one worker (pytest-xdist's loadgroup).
pytestmark = pytest.mark.xdist_group("lrs")


ALL_RIGHT = "2\n1 2\nt\n2\n1\n"  # the fixture quiz "stay", in its order (tests/test_plain_mode.py)
ALL_WRONG = "1\n3\nf\n1\n"
READ_FIRST_LESSON = "1\n\n\nm\n9\n"  # the menu's "Start", three pages, back to the menu, quit


def learn(data: Path, *steps: tuple[tuple[str, ...], str], env: dict[str, str] | None = None) -> None:
    for args, given in steps:
        result = tutor(*args, data=data, given=given, env=env)
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


def test_every_event_reaches_the_lrs_once_and_the_team_report_agrees_with_each_learners_progress(
        lrs: Ralph, tmp_path: Path) -> None:
    ana, bo, chen = tmp_path / "ana", tmp_path / "bo", tmp_path / "chen"
    assert tutor("learner", "--name", "Ana Lima", "--email", "ana@agency.org", data=ana).returncode == 0
    assert tutor("learner", "--name", "Bo Berg", "--email", "bo@agency.org", data=bo).returncode == 0
    chen_is = {"TUTOR_LEARNER_NAME": "Chen Wu", "TUTOR_LEARNER_EMAIL": "chen@agency.org"}  # a scripted set-up
    learn(ana, (("--plain",), READ_FIRST_LESSON), (("quiz", "stay", "--plain"), ALL_RIGHT),
          (("readiness", "--plain", "--seed", "3"), "1\n" * 12))
    learn(bo, (("quiz", "stay", "--plain"), ALL_RIGHT), (("quiz", "stay", "--plain"), ALL_WRONG))
    learn(chen, (("quiz", "stay", "--plain"), ALL_WRONG), (("quiz", "stay", "--plain", "--retry"), "2\n1 2\nt\n2\n1\n"),
          env=chen_is)

    for data, user in ((ana, "ana"), (bo, "bo"), (chen, "chen")):
        sent = tutor("sync", data=data, env=sending_as(lrs, user))
        assert sent.returncode == 0, sent.stdout + sent.stderr
        assert f"Sent {len(outbox_ids(data))} results to {lrs.url}." in sent.stdout

    stored = lrs.stored()
    kept = outbox_ids(ana) + outbox_ids(bo) + outbox_ids(chen)
    assert Counter(s["id"] for s in stored) == Counter(kept)  # every event once, nothing else
    assert all(statement_problems(s) == [] for s in stored)
    again = tutor("sync", data=bo, env=sending_as(lrs, "bo"))
    assert again.returncode == 0 and "Nothing waits: " in again.stdout and len(lrs.stored()) == len(stored)

    report = tutor("team", "--json", data=tmp_path / "trainer", env=sending_as(lrs, "trainer"))
    assert report.returncode == 0, report.stderr
    team = {learner["id"]: learner for learner in json.loads(report.stdout)["learners"]}
    assert {learner["name"] for learner in team.values()} == {"Ana Lima", "Bo Berg", "Chen Wu"}
    for data, address, env in ((ana, "ana@agency.org", None), (bo, "bo@agency.org", None),
                               (chen, "chen@agency.org", chen_is)):
        progress = json.loads(tutor("progress", "--json", data=data, env=env).stdout)
        seen = team[f"mailto:{address}"]
        assert seen["lessons_read"] == [lesson["id"] for lesson in progress["lessons"] if lesson["read"]]
        quizzes = {lesson["quiz"]: lesson for lesson in progress["lessons"] if lesson["quiz_attempts"]}
        assert set(seen["quizzes"]) == set(quizzes)
        for quiz_id, lesson in quizzes.items():
            assert seen["quizzes"][quiz_id] == {"best": lesson["quiz_best"], "last": lesson["quiz_last"],
                                                "attempts": lesson["quiz_attempts"]}, address
        if progress["readiness"]:
            latest = progress["readiness"][-1]
            assert (seen["readiness"]["passed"], seen["readiness"]["module_scores"]) == \
                (latest["passed"], latest["module_scores"])
        else:
            assert seen["readiness"] is None
    assert team["mailto:ana@agency.org"]["lessons_read"] == ["stay"]
    assert team["mailto:bo@agency.org"]["quizzes"]["stay"]["best"] == 1.0  # the best, not the latest
    assert team["mailto:chen@agency.org"]["quizzes"]["stay"]["attempts"] == 1  # the retry was practice

    # The rules to teach again: as many learners and misses as the statements say, most learners first.
    wrong: dict[str, list[str]] = {}
    for statement in stored:
        if statement["verb"]["id"].endswith("/answered") and not statement["result"]["success"]:
            wrong.setdefault(statement["object"]["id"].rsplit("/", 1)[1], []).append(statement["actor"]["mbox"])
    expected = sorted(((question, len(set(who)), len(who)) for question, who in wrong.items()),
                      key=lambda item: (-item[1], -item[2], f"stay/{item[0]}"))
    missed = json.loads(report.stdout)["missed_rules"]
    assert [(item["question"], item["learners"], item["missed"]) for item in missed] == expected
    assert missed[0]["learners"] == 3 and missed[0]["prompt"]  # Ana's readiness check, Bo's and Chen's quiz
