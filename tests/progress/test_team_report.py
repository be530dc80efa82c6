"""The team report from statements: the right figures per learner whatever order the statements come in,
other packs' statements left out, and names from the LRS (which anyone with a login can choose) written
safely into Markdown, HTML, CSV (no formula) and JSON; the HTML read back from a real browser."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import uuid
from pathlib import Path

from tests.progress.test_report import CHROMIUM, needs_browser
from tutor.content.loader import load_course
from tutor.progress import statements
from tutor.progress.team import TeamTally
from tutor.progress.team_report import render

PACK = Path(__file__).resolve().parents[1] / "fixtures" / "pack"
COURSE, _ = load_course(PACK)
HOSTILE = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1", "<script>alert(1)</script>"]


def actor(name: str, address: str) -> dict:
    return {"objectType": "Agent", "name": name, "mbox": f"mailto:{address}"}


def said(who: dict, moment: float, course_id: str = "test-pack") -> list[dict]:
    """A learner's day: the lesson read, the quiz twice (3 of 4, then 4 of 4), a question missed, a retry, and
    a readiness check not passed."""
    sid = lambda: str(uuid.uuid4())  # noqa: E731
    reg = str(uuid.uuid4())
    return [
        statements.lesson_statement(who, sid(), moment, course_id=course_id, lesson_id="stay"),
        statements.answer_statement(who, sid(), moment + 1, course_id=course_id, quiz_id="stay", question_id="contact-details",
                                    chosen=["a"], path=[], correct=False, score=0.0, seconds=3, hints=0,
                                    content_hash="h", mode="quiz", registration=reg),
        statements.attempt_statement(who, sid(), moment + 2, course_id=course_id, quiz_id="stay", score=3, total=4,
                                     seconds=30, mode="quiz", registration=reg),
        statements.attempt_statement(who, sid(), moment + 3, course_id=course_id, quiz_id="stay", score=4, total=4,
                                     seconds=30, mode="quiz", registration=str(uuid.uuid4())),
        statements.attempt_statement(who, sid(), moment + 4, course_id=course_id, quiz_id="stay", score=1, total=1,
                                     seconds=5, mode="retry", registration=str(uuid.uuid4())),
        statements.readiness_statement(who, sid(), moment + 5, course_id=course_id, passed=False,
                                       module_scores={"basics": 0.5, "more": 1.0}, score=2, total=3,
                                       reasons=["Basics below the pass mark"], seconds=90, registration=str(uuid.uuid4())),
    ]


def test_each_learner_gets_their_best_score_latest_verdict_and_lessons_in_any_order() -> None:
    ana, bo = actor("Ana Lima", "ana@agency.org"), actor("Bo Berg", "bo@agency.org")
    everything = said(ana, 1.8e9) + said(bo, 1.8e9 + 100) + said(ana, 1.8e9, course_id="another-pack")
    tally = TeamTally("test-pack")
    tally.add_all(reversed(everything))  # an LRS may answer newest first
    report = tally.report(COURSE)
    assert tally.read == 12 and [learner.name for learner in report.learners] == ["Ana Lima", "Bo Berg"]
    first = report.learners[0]
    assert first.lessons_read == ("stay",)
    assert (first.quizzes["stay"].best, first.quizzes["stay"].last, first.quizzes["stay"].attempts) == (1.0, 1.0, 2)
    assert first.readiness is not None and first.readiness.passed is False
    assert first.readiness.module_scores == {"basics": 0.5, "more": 1.0}
    [missed] = report.missed
    assert (missed.quiz_id, missed.question_id, missed.learners, missed.missed) == ("stay", "contact-details", 2, 2)
    assert missed.prompt == "Which of these count as contact details you may not share before a contract?"


def test_names_from_the_lrs_never_become_a_formula_markup_or_a_script() -> None:
    tally = TeamTally("test-pack")
    for n, name in enumerate(HOSTILE):
        tally.add_all(said(actor(name, f"l{n}@agency.org"), 1.8e9 + n))
    report = tally.report(COURSE)
    rows = list(csv.reader(io.StringIO(render("csv", COURSE, report))))
    assert rows[0][0] == "Learner" and len(rows) == len(HOSTILE) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    names = sorted(row[0] for row in rows[1:])
    assert "'=HYPERLINK(\"http://evil.example/\",\"x\")" in names and "'-2+3" in names and "'=1" in names
    page = render("html", COURSE, report)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page and "<link" not in page and "src=" not in page
    markdown = render("md", COURSE, report)
    assert "\\<script\\>" in markdown
    data = json.loads(render("json", COURSE, report))
    assert sorted(learner["name"] for learner in data["learners"]) == sorted(HOSTILE)


def test_a_team_without_results_gets_a_report_that_says_so() -> None:
    report = TeamTally("test-pack").report(COURSE)
    assert "No learner has sent results for this course yet." in render("md", COURSE, report)
    assert "No learner has sent results for this course yet." in render("html", COURSE, report)
    assert render("csv", COURSE, report).count("\n") == 1


@needs_browser
def test_a_real_browser_shows_every_learner_their_verdict_and_the_rules_to_teach_again(tmp_path: Path) -> None:
    tally = TeamTally("test-pack")
    tally.add_all(said(actor("Ana Lima", "ana@agency.org"), 1.8e9) + said(actor("Bo Berg", "bo@agency.org"), 1.8e9))
    report = tally.report(COURSE)
    source = tmp_path / "team.html"
    source.write_text(render("html", COURSE, report), encoding="utf-8")
    pdf = tmp_path / "team.pdf"
    subprocess.run([CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    source.as_uri()], check=True, capture_output=True, timeout=120)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Team report" in text and "Ana Lima" in text and "Bo Berg" in text
    assert "Not yet" in text and "100%" in text and "Rules to teach again" in text
    assert "2 of the team missed it" in text


def test_the_html_report_is_one_file_that_fetches_nothing() -> None:
    page = render("html", COURSE, TeamTally("test-pack").report(COURSE))
    assert "<style>" in page and "http://" not in page.split("<body>")[0] and "<link" not in page
