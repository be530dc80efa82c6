"""course.toml: what a pack says about itself (welcome text, readiness check) and how it is checked."""

from __future__ import annotations

from datetime import date

from tests.content.packs import make_pack, quiz_text
from tutor.content.loader import check_pack, load_course

TODAY = date(2026, 11, 24)
HEAD = 'id = "c"\ntitle = "C"\n'
MODULES = '\n[[modules]]\nid = "basics"\ntitle = "Basics"\n'


def test_description_welcome_and_readiness_settings_reach_the_course(tmp_path):
    course_toml = HEAD + ('description = "An agency\'s rules."\nwelcome = "welcome.md"\npass_mark = 0.7\n'
                          "[readiness]\nquestions_per_module = 2\nminutes = 15\n" + MODULES)
    root = make_pack(tmp_path, course=course_toml)
    course, findings = load_course(root)
    assert findings == []
    assert course.description == "An agency's rules." and course.welcome == root / "welcome.md"
    assert (course.pass_mark, course.readiness.questions_per_module, course.readiness.minutes) == (0.7, 2, 15)
    assert course.readiness.pass_mark is None  # the course's own pass mark applies


def test_without_course_toml_the_readiness_check_has_its_defaults(tmp_path):
    course, _ = load_course(make_pack(tmp_path))
    assert (course.pass_mark, course.readiness.questions_per_module, course.readiness.minutes) == (0.8, 3, None)
    assert course.description == "" and course.welcome is None
    # A module where half the questions were missed (2 of 4, 1 of 2) is under the default floor.
    assert 0.5 < course.readiness.module_floor <= 0.75


def test_the_module_floor_is_read_and_checked(tmp_path):
    root = make_pack(tmp_path / "set", course=HEAD + "[readiness]\nmodule_floor = 0.7\n" + MODULES)
    course, findings = load_course(root)
    assert findings == [] and course.readiness.module_floor == 0.7
    for value, expected in (("1.5", "course.toml:4:1: error: module_floor 1.5 is outside 0..1"),
                            ("0.5", "course.toml:4:1: warning: module_floor 0.5 lets a module where half the "
                                    "questions were missed be ready")):
        root = make_pack(tmp_path / value, course=HEAD + f"[readiness]\nmodule_floor = {value}\n" + MODULES)
        course, found = check_pack(root, today=TODAY)
        assert [f.format(root).split(" (hint")[0] for f in found] == [expected]
        assert course.readiness.module_floor == (0.6 if value == "1.5" else 0.5)


def test_bad_readiness_settings_and_a_welcome_outside_the_pack_are_reported(tmp_path):
    course_toml = HEAD + ('welcome = "../../etc/passwd"\n[readiness]\nquestions_per_module = 0\nminutes = 0\n'
                          "pass_mark = 3\n" + MODULES)
    root = make_pack(tmp_path, course=course_toml)
    _course, found = check_pack(root, today=TODAY)
    messages = [f.format(root) for f in found]
    assert messages == [
        'course.toml:3:1: error: welcome "../../etc/passwd" must be a file inside the pack (hint: name a Markdown '
        'file beside course.toml, e.g. welcome = "welcome.md")',
        "course.toml:5:1: error: questions_per_module must be at least 1 (hint: each module gives the check at "
        "least one question)",
        "course.toml:6:1: error: minutes must be at least 1 (hint: leave minutes out for a check without a time "
        "limit)",
        "course.toml:7:1: error: pass_mark is 3: it must be more than 0 and at most 1 (hint: write the share of the score "
        "needed to pass as a fraction, e.g. 0.8 for 80%)",
    ]


def test_a_question_can_be_marked_high_risk_and_keep_its_option_order(tmp_path):
    text = quiz_text().replace('source = "help"\n', 'source = "help"\nrisk = "high"\nshuffle = false\n', 1)
    course, findings = check_pack(make_pack(tmp_path, quizzes={"intro-quiz.toml": text}), today=TODAY)
    assert findings == []
    question = course.quiz("intro-quiz").questions[0]
    assert (question.risk, question.shuffle) == ("high", False)


def test_an_unknown_risk_is_an_error(tmp_path):
    text = quiz_text().replace('source = "help"\n', 'source = "help"\nrisk = "extreme"\n', 1)
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": text})
    _course, found = check_pack(root, today=TODAY)
    assert [f.format(root) for f in found] == [
        'quizzes/intro-quiz.toml:11:1: error: unknown risk "extreme" (hint: use risk = "high" for a mistake that '
        'can cost the account or the money, or leave it out)']
