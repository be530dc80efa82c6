"""`tutor check` on quizzes: the rules of each question kind, with messages and lines."""

from __future__ import annotations

from datetime import date

import pytest

from tests.content.packs import QUIZ, make_pack, quiz_text
from tutor.content.loader import check_pack

TODAY = date(2026, 11, 24)

HEAD = 'id = "intro-quiz"\nlesson = "intro"\ntitle = "Quiz"\n'


def findings(root):
    _course, found = check_pack(root, today=TODAY)
    return [f.format(root) for f in found]


def quiz_findings(tmp_path, text):
    return findings(make_pack(tmp_path, quizzes={"intro-quiz.toml": text}))


def numbered(text: str) -> dict[str, int]:
    """Line number of the first line that contains each marker comment `# @name`."""
    return {line.split("# @")[1].strip(): i for i, line in enumerate(text.split("\n"), 1) if "# @" in line}


SCENARIO = HEAD + """
[[questions]]
id = "story"
kind = "scenario"  # @kind
prompt = "A client writes."
explanation = "Stay on the platform."
source = "help"

[[questions.steps]]  # @start
id = "start"
text = "He sends a link."

[[questions.steps.options]]
id = "join"
text = "Join"
feedback = "You left the platform."
next = "{join_next}"

[[questions.steps.options]]
id = "decline"
text = "Decline"
feedback = "You stayed on the platform."
outcome = "{decline_outcome}"

[[questions.steps]]  # @second
id = "second"
text = "Now what?"

[[questions.steps.options]]
id = "stop"
text = "Stop"
feedback = "Good."
outcome = "risky"

[[questions.steps.options]]
id = "again"
text = "Again"
feedback = "Round we go."
{again}
"""


def scenario(join_next="second", decline_outcome="good", again='outcome = "bad"'):
    return SCENARIO.format(join_next=join_next, decline_outcome=decline_outcome, again=again)


def test_a_valid_scenario_loads_with_its_steps(tmp_path):
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": scenario()})
    course, found = check_pack(root, today=TODAY)
    assert found == []
    question = course.quiz("intro-quiz").questions[0]
    assert [s.id for s in question.steps] == ["start", "second"]
    assert question.start_step.option("decline").outcome == "good"


def test_quiz_syntax_error_reports_the_parsers_line(tmp_path):
    text = quiz_text().replace('prompt = "Pick one."', "prompt = Pick one.")
    [line] = quiz_findings(tmp_path, text)
    assert line.startswith("quizzes/intro-quiz.toml:8:10: error: quiz is not valid TOML: Invalid value")


def test_single_question_needs_exactly_one_right_option(tmp_path):
    two_right = quiz_text().replace('feedback = "No, this breaks the rule."',
                                    'feedback = "No, this breaks the rule."\ncorrect = true')
    assert quiz_findings(tmp_path, two_right) == [
        "quizzes/intro-quiz.toml:7:1: error: single-choice question has 2 right options; it needs exactly one "
        '(hint: mark exactly one option with correct = true, or use kind = "multi")'
    ]
    none_right = quiz_text().replace("correct = true\n", "")
    assert quiz_findings(tmp_path, none_right)[0].startswith(
        "quizzes/intro-quiz.toml:7:1: error: single-choice question has 0 right options")


def test_multi_question_needs_a_right_option(tmp_path):
    text = quiz_text().replace('kind = "single"', 'kind = "multi"').replace("correct = true\n", "")
    assert quiz_findings(tmp_path, text) == [
        "quizzes/intro-quiz.toml:7:1: error: multi-choice question has no right option "
        "(hint: mark at least one option with correct = true)"
    ]


def test_option_without_feedback_and_unknown_option_field(tmp_path):
    text = quiz_text().replace('feedback = "No, this breaks the rule."', 'feedbak = "No."')
    found = quiz_findings(tmp_path, text)
    assert 'quizzes/intro-quiz.toml:18:1: error: option is missing required field "feedback" ' \
           '(hint: add feedback = "...")' in found
    assert 'quizzes/intro-quiz.toml:21:1: warning: unknown field "feedbak" in option ' \
           '(hint: did you mean "feedback"?)' in found


def test_unknown_kind(tmp_path):
    text = quiz_text().replace('kind = "single"', 'kind = "essay"')
    assert quiz_findings(tmp_path, text) == [
        'quizzes/intro-quiz.toml:7:1: error: unknown question kind "essay" '
        "(hint: use one of: single, multi, truefalse, scenario)"
    ]


def test_truefalse_needs_answer_and_both_feedbacks(tmp_path):
    text = HEAD + """
[[questions]]
id = "tf"
kind = "truefalse"
prompt = "True?"
explanation = "Yes."
source = "help"
answer = "yes"
feedback_true = "Right."
"""
    assert quiz_findings(tmp_path, text) == [
        'quizzes/intro-quiz.toml:5:1: error: truefalse question is missing required field "feedback_false" '
        '(hint: add feedback_false = "...")',
        'quizzes/intro-quiz.toml:11:1: error: "answer" must be true or false, not a string '
        "(hint: write it as answer = true)",
    ]


def test_truefalse_gets_true_and_false_options(tmp_path):
    text = HEAD + """
[[questions]]
id = "tf"
kind = "truefalse"
prompt = "True?"
explanation = "Yes."
source = "help"
answer = false
feedback_true = "No: the rule says otherwise."
feedback_false = "Right: the rule says so."
"""
    course, found = check_pack(make_pack(tmp_path, quizzes={"q.toml": text}), today=TODAY)
    assert found == []
    [question] = course.quiz("intro-quiz").questions
    assert [(o.id, o.correct, o.feedback) for o in question.options] == [
        ("true", False, "No: the rule says otherwise."), ("false", True, "Right: the rule says so.")]


def test_fields_of_another_kind_are_warned_about(tmp_path):
    text = quiz_text().replace('kind = "single"', 'kind = "single"\nanswer = true')
    assert quiz_findings(tmp_path, text) == [
        'quizzes/intro-quiz.toml:8:1: warning: "answer" is not used by single questions '
        "(hint: remove it, or change the kind)"
    ]


def test_question_citing_a_source_its_lesson_does_not_list(tmp_path):
    text = quiz_text().replace('source = "help"', 'source = "blog"')
    assert quiz_findings(tmp_path, text) == [
        'quizzes/intro-quiz.toml:10:1: error: question "q1" cites source "blog", which lesson "intro" does not list '
        "(hint: cite one of the lesson's sources (help) or add it to the lesson)"
    ]


def test_duplicate_question_and_option_ids(tmp_path):
    text = quiz_text().replace('id = "b"', 'id = "a"') + QUIZ.split("\n", 4)[4]
    found = quiz_findings(tmp_path, text)
    assert 'quizzes/intro-quiz.toml:19:1: error: option id "a" is used twice (hint: give every option its own id)' \
        in found
    assert any(f.startswith('quizzes/intro-quiz.toml:23:1: error: question id "q1" is used twice in this quiz')
               for f in found)


def test_quiz_for_a_missing_lesson_and_lesson_naming_a_missing_quiz(tmp_path):
    from tests.content.packs import lesson_text

    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra='quiz = "nope"')},
                     quizzes={"q.toml": quiz_text(lesson="ghost")})
    assert findings(root) == [
        'lessons/intro.md:8:1: error: quiz "nope" does not exist (hint: fix the quiz id, or remove the quiz field)',
        'quizzes/q.toml:2:1: error: quiz belongs to lesson "ghost", which does not exist '
        "(hint: set lesson = to the id of an existing lesson)",
    ]


def test_scenario_step_that_cannot_be_reached(tmp_path):
    text = scenario(join_next="start")
    marks = numbered(text)
    found = quiz_findings(tmp_path, text)
    assert f'quizzes/intro-quiz.toml:{marks["second"]}:1: error: scenario step "second" cannot be reached ' \
           '(hint: no option leads to it from the start step "start"; add next = "second" or remove it)' in found


def test_scenario_that_can_loop_forever(tmp_path):
    text = scenario(again='next = "start"')
    marks = numbered(text)
    assert quiz_findings(tmp_path, text) == [
        f"quizzes/intro-quiz.toml:{marks['second']}:1: error: scenario can loop forever: start -> second -> start "
        "(hint: every path through a scenario must reach an outcome; break the loop)"
    ]


def test_scenario_without_a_good_ending(tmp_path):
    text = scenario(decline_outcome="risky")
    marks = numbered(text)
    assert quiz_findings(tmp_path, text) == [
        f"quizzes/intro-quiz.toml:{marks['kind']}:1: error: scenario has no good ending "
        '(hint: give at least one option outcome = "good")'
    ]


def test_scenario_option_leading_to_a_missing_step_or_nowhere(tmp_path):
    text = scenario(join_next="nowhere", again="")
    found = quiz_findings(tmp_path, text)
    assert any('error: option "join" leads to step "nowhere", which does not exist' in f for f in found)
    assert any('error: scenario option "again" leads nowhere' in f for f in found)


@pytest.mark.parametrize("outcome", ["great", "GOOD"])
def test_unknown_outcome(tmp_path, outcome):
    found = quiz_findings(tmp_path, scenario(decline_outcome=outcome))
    assert any(f'error: unknown outcome "{outcome}" (hint: use good, risky or bad)' in f for f in found)


def test_findings_after_a_broken_question_point_at_the_right_question(tmp_path):
    broken = HEAD + '\n[[questions]]\nid = "bad"\nkind = "essay"\nprompt = "p"\nexplanation = "e"\nsource = "help"\n'
    text = broken + QUIZ.split("\n", 4)[4].replace('source = "help"', 'source = "blog"')
    lines = text.split("\n")
    source_line = next(i for i, line in enumerate(lines, 1) if line == 'source = "blog"')
    found = quiz_findings(tmp_path, text)
    assert any(f.startswith(f'quizzes/intro-quiz.toml:{source_line}:1: error: question "q1" cites source "blog"')
               for f in found), found
