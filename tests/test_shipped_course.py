"""The shipped course: it passes `tutor check --strict`, and it keeps the structure the course promises."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tutor.content.loader import check_pack, content_root

COURSE, FINDINGS = check_pack(content_root())
QUIZZES = [COURSE.quiz_for(lesson.id) for lesson in COURSE.ordered_lessons()]
QUESTIONS = [(quiz, q) for quiz in QUIZZES if quiz for q in quiz.questions]


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def test_the_shipped_course_passes_check_strict():
    result = subprocess.run([sys.executable, "-m", "tutor", "check", "--strict"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert FINDINGS == []


def test_twelve_lessons_of_600_to_1800_words_each_with_a_quiz_of_at_least_8_questions():
    lessons = COURSE.ordered_lessons()
    assert len(lessons) >= 12
    for lesson, quiz in zip(lessons, QUIZZES):
        count = words(COURSE.lesson_body(lesson))
        assert 600 <= count <= 1800, f"{lesson.id}: {count} words"
        assert quiz is not None and len(quiz.questions) >= 8, lesson.id


def test_question_counts_scenarios_and_multi_step_stories():
    assert len(QUESTIONS) >= 110
    scenarios = [q for _quiz, q in QUESTIONS if q.kind == "scenario"]
    assert len(scenarios) / len(QUESTIONS) >= 0.4
    multi_step = [q for q in scenarios if len(q.steps) >= 2]
    assert len(multi_step) >= 6
    for question in multi_step:
        endings = {o.outcome for s in question.steps for o in s.options if o.outcome}
        assert len(endings) >= 2, f"{question.id}: choices should lead to different endings"


def test_the_founding_story_is_a_scenario_with_a_branch_after_the_call():
    quiz = COURSE.quiz_for("interview-stays-on-platform")
    zoom = quiz.question("zoom-link-reply")
    assert zoom.kind == "scenario" and len(zoom.steps) >= 2
    assert "zoom" in zoom.start_step.text.lower()
    after = quiz.question("after-the-call")
    assert after.kind == "scenario" and len(after.steps) >= 2


@pytest.mark.parametrize("quiz,question", QUESTIONS, ids=[f"{z.id}/{q.id}" for z, q in QUESTIONS])
def test_every_question_cites_its_lessons_source_and_every_option_explains_itself(quiz, question):
    lesson = COURSE.lessons[quiz.lesson]
    assert lesson.source(question.source) is not None
    assert len(question.explanation) >= 40
    options = list(question.options) + [o for step in question.steps for o in step.options]
    for option in options:
        assert len(option.feedback) >= 60, f"{option.id}: feedback too short to name the rule"


def test_every_lesson_lists_dated_web_sources():
    for lesson in COURSE.ordered_lessons():
        assert lesson.sources, lesson.id
        for source in lesson.sources:
            assert source.url.startswith("https://") and source.checked.year >= 2025


def test_the_course_says_once_that_it_is_not_legal_advice():
    mentions = [l.id for l in COURSE.ordered_lessons() if "not legal advice" in COURSE.lesson_body(l).lower()]
    assert mentions == ["why-the-platform"]


def test_changing_figures_carry_a_date_or_are_not_given():
    # A fee, price, threshold or withholding figure must say when it was true: "as of", "since"
    # or a year in the same sentence or the one before. Example amounts in stories are not figures.
    figure = re.compile(r"\$\d[\d,.]*|\d+(?:\.\d+)?\s?%")
    changeable = re.compile(r"fee|connects?\b|price|cost|threshold|withh|charge", re.I)
    dated = re.compile(r"as of|since|\b20\d\d\b", re.I)
    for lesson in COURSE.ordered_lessons():
        sentences = re.split(r"(?<=[.!?])\s+", COURSE.lesson_body(lesson))
        for i, sentence in enumerate(sentences):
            if figure.search(sentence) and changeable.search(sentence):
                context = " ".join(sentences[max(0, i - 1): i + 1])
                assert dated.search(context), f"{lesson.id}: undated figure in: {sentence!r}"
