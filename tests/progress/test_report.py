"""The readiness report a learner keeps: what it says in each format, and the HTML printed by a real
browser (headless Chromium) on A4 and on Letter, read back from the PDF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.progress.fakes import FakeClock
from tutor.content.loader import check_pack, content_root
from tutor.progress import open_store
from tutor.progress.readiness_check import ReadinessRun, finished_result, judge
from tutor.progress.report import render
from tutor.progress.scoring import judge_choice

COURSE, _ = check_pack(content_root())


@pytest.fixture
def taken(tmp_path: Path):
    """A readiness check taken in the store: every question answered with its first option."""
    with open_store(tmp_path / "data", clock=FakeClock()) as store:
        run = ReadinessRun(COURSE, seed=2)
        readiness_id = store.start_readiness(COURSE.id, run.plan)
        for item in run.items:
            question = item.question
            options = run.options(item, question.start_step if question.kind == "scenario" else None)
            if question.kind == "scenario":
                from tutor.progress.scoring import ScenarioWalk

                walk = ScenarioWalk(question)
                while not walk.finished:
                    walk.choose(run.options(item, walk.step)[0].id)
                judgement = walk.judgement()
            else:
                judgement = judge_choice(question, [options[0].id])
            store.record_answer(COURSE.id, item.quiz.id, question.id, chosen=judgement.chosen, path=judgement.path,
                                correct=judgement.correct, score=judgement.score, seconds=1,
                                content_hash=question.content_hash, readiness_id=readiness_id)
            run.record(item, judgement)
        result = judge(run)
        store.finish_readiness(readiness_id, {m.module_id: m.share for m in result.modules}, result.passed,
                               result.score, result.total, result.reasons)
        found = finished_result(COURSE, store)
    assert found is not None
    return found


def test_every_format_has_the_verdict_why_each_module_and_every_missed_rule(taken):
    attempt, result = taken
    markdown = render("md", COURSE, attempt, result)
    assert f"## Verdict: {result.verdict}" in markdown and "Not legal advice" in markdown  # the course's [texts]
    assert f"Course last reviewed against its sources: {COURSE.checked.isoformat()}" in markdown
    for module in COURSE.modules:
        assert module.title in markdown
    for missed in result.missed:
        assert missed.source is not None and f"(checked {missed.source.checked.isoformat()})" in markdown
    data = json.loads(render("json", COURSE, attempt, result))
    assert data["verdict"] == result.verdict and len(data["missed"]) == len(result.missed)
    assert {m["id"] for m in data["modules"]} == {m.id for m in COURSE.modules}


def test_the_html_report_is_one_file_with_nothing_fetched_and_pack_text_escaped(taken):
    attempt, result = taken
    page = render("html", COURSE, attempt, result)
    assert "<style>" in page and "http://" not in page.split("<body>")[0]
    assert "<link" not in page and "<script" not in page and "src=" not in page
    assert "@page" in page and "@media print" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="needs Chromium and poppler-utils (.ci/run installs them)")


@needs_browser
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_a_real_browser_prints_the_report_with_the_verdict_and_every_module(taken, tmp_path, paper):
    attempt, result = taken
    page = render("html", COURSE, attempt, result).replace("</style>", f"@page {{ size: {paper}; }}</style>")
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    subprocess.run([CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", source.as_uri()], check=True, capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert result.verdict in flat
    # pdftotext reads a wrapped table row cell by cell, so a long module title can come out with its
    # score ("1 of 4 (25%)") in the middle; which titles wrap depends on the questions drawn.
    titles = " ".join(re.sub(r"\b\d+ of \d+\b|\(\d+%\)", " ", flat).split())
    for module in result.modules:
        assert " ".join(module.title.split()) in titles, module.title
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    assert ("(A4)" in size) if paper == "A4" else ("(letter)" in size), size
