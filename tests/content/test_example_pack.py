"""The example pack (examples/agency-client-communication) passes `tutor check --strict` and uses every
feature of the format, so an author can copy any part of it (issue 11)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tutor.content.loader import check_pack

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "agency-client-communication"


def test_the_example_pack_passes_the_strict_check():
    # Its sources are a fictional handbook, read once: they never go stale, so the age limit is lifted.
    result = subprocess.run([sys.executable, "-m", "tutor", "check", "--strict", "--max-age", "36500", str(EXAMPLE)],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().startswith("checked 5 lessons and 5 quizzes in the pack in ")
    assert result.stdout.strip().endswith("agency-client-communication: 0 errors, 0 warnings")


def test_the_example_pack_uses_every_feature_of_the_format():
    course, findings = check_pack(EXAMPLE, max_age_days=36500)
    assert not findings
    quizzes = [course.quiz(quiz_id) for quiz_id in course.quiz_index]
    questions = [q for quiz in quizzes if quiz is not None for q in quiz.questions]
    assert {q.kind for q in questions} == {"single", "multi", "truefalse", "scenario"}
    endings = {o.outcome for q in questions for step in q.steps for o in step.options}
    assert {"good", "risky", "bad"} <= endings
    assert any(len(q.steps) > 2 for q in questions), "a scenario of several steps"
    assert any(q.risk == "high" for q in questions)
    assert any(q.shuffle is False for q in questions)
    assert any(q.partial_credit for q in questions) and any(q.hints for q in questions)
    assert any(q.start for q in questions)
    assert any(lesson.prerequisites for lesson in course.lessons.values())
    assert any(lesson.quiz for lesson in course.lessons.values()), "a quiz named in the front matter"
    assert course.description and course.welcome is not None and course.welcome_text()
    assert course.readiness.minutes and course.readiness.pass_mark and len(course.modules) > 1

    bodies = "\n".join(course.lesson_body(lesson) for lesson in course.lessons.values())
    for kind in ("NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"):
        assert f"> [!{kind}]" in bodies
    assert re.search(r"^\| --- \|", bodies, re.M), "a table"
    assert "[^" in bodies and "](lesson:" in bodies and "~~" in bodies


def test_the_example_pack_says_it_is_an_example_and_makes_no_claim_about_a_platform():
    course, _ = check_pack(EXAMPLE, max_age_days=36500)
    assert "example" in course.title.lower() and "fictional" in course.description
    assert "fictional" in (EXAMPLE / "course.toml").read_text() and "fictional" in course.welcome_text()
    hosts = {re.sub(r"^https://([^/]+)/.*", r"\1", s.url) for lesson in course.lessons.values() for s in lesson.sources}
    assert hosts <= {"handbook.example.com", "handbook.example.org"}
    for lesson in course.lessons.values():
        assert all("(fictional)" in source.title for source in lesson.sources)
