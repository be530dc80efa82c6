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
        "(hint: set lesson = to a lesson\'s id (intro))",
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


def test_every_mistake_in_one_question_is_reported_in_one_run(tmp_path):
    text = HEAD + """
[[questions]]
id = "q1"
kind = "single"
prompt = "Pick one."
source = "help"
colour = "red"

[[questions.options]]
id = "a b"
text = "Right"
correct = true
feedback = "Yes."

[[questions.options]]
id = "b"
text = "Wrong"
"""
    found = quiz_findings(tmp_path, text)
    assert found == [
        'quizzes/intro-quiz.toml:5:1: error: question is missing required field "explanation" '
        '(hint: add explanation = "...")',
        'quizzes/intro-quiz.toml:10:1: warning: unknown field "colour" in question (hint: known fields: id, kind, '
        "prompt, explanation, source, hints, risk, shuffle, rule, options)",
        'quizzes/intro-quiz.toml:13:1: error: option id "a b" may only contain a-z, A-Z, 0-9, "-" and "_" (no accents or spaces) '
        "(hint: did you mean \"a-b\"? ids are stored with the learner's progress and never shown; the title carries the words)",
        'quizzes/intro-quiz.toml:18:1: error: option is missing required field "feedback" (hint: add feedback = "...")',
    ]


def test_options_are_still_checked_when_the_kind_is_unknown(tmp_path):
    text = quiz_text().replace('kind = "single"', 'kind = "singel"').replace('feedback = "No, this breaks the rule."\n', "")
    found = quiz_findings(tmp_path, text)
    assert any('error: unknown question kind "singel"' in f for f in found)
    assert any('error: option is missing required field "feedback"' in f for f in found)


SCENARIO_HEAD = HEAD + """
[[questions]]
id = "story"
kind = "scenario"
prompt = "A client writes."
explanation = "Stay on the platform."
source = "help"
"""


@pytest.mark.parametrize("question,missing", [
    ('id = "q"\nkind = "single"\nprompt = "p"\nsource = "help"\nhints = ["h"]\n', "explanation"),
    ('id = "q"\nkind = "single"\nexplanation = "e"\nsource = "help"\nhints = ["h"]\n', "prompt"),
    ('kind = "single"\nprompt = "p"\nexplanation = "e"\nsource = "help"\nhints = ["h"]\n', "id"),
    ('id = "q"\nkind = "single"\nprompt = "p"\nexplanation = "e"\nhints = ["h"]\n', "source"),
    ('id = "q"\nkind = "multi"\nprompt = "p"\nexplanation = "e"\nsource = "help"\npartial_credit = true\n', "options"),
    ('id = "q"\nkind = "scenario"\nprompt = "p"\nexplanation = "e"\nsource = "help"\nstart = ""\n', "steps"),
    ('id = "q"\nkind = "truefalse"\nprompt = "p"\nexplanation = "e"\nsource = "help"\nfeedback_true = "t"\n'
     'feedback_false = "f"\n', "answer"),
])
def test_a_question_missing_a_part_gets_a_finding_never_an_internal_error(tmp_path, question, missing):
    found = quiz_findings(tmp_path, HEAD + "\n[[questions]]\n" + question)
    assert any(f'is missing required field "{missing}"' in f for f in found), found


def test_a_question_with_an_error_never_reaches_the_learner_and_the_quiz_says_how_many_were_left_out(tmp_path):
    from tutor.content.loader import load_course

    broken = scenario(join_next="nowhere")
    text = broken + QUIZ.split("\n", 4)[4]
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": text})
    _course, found = check_pack(root, today=TODAY)
    assert any('option "join" leads to step "nowhere", which does not exist' in f.message for f in found)
    for course in (load_course(root)[0], _course):
        quiz = course.quiz("intro-quiz")
        assert [q.id for q in quiz.questions] == ["q1"]
        assert quiz.left_out == 1


def test_a_question_citing_a_source_its_lesson_does_not_list_is_left_out_for_the_learner(tmp_path):
    from tutor.content.loader import load_course

    text = quiz_text() + QUIZ.split("\n", 4)[4].replace('id = "q1"', 'id = "q2"').replace('source = "help"',
                                                                                          'source = "blog"')
    course, _ = load_course(make_pack(tmp_path, quizzes={"intro-quiz.toml": text}))
    quiz = course.quiz("intro-quiz")
    assert [q.id for q in quiz.questions] == ["q1"] and quiz.left_out == 1


def test_a_quiz_whose_own_fields_are_broken_is_not_given_to_the_learner(tmp_path):
    from tutor.content.loader import load_course

    for text in (quiz_text().replace('id = "intro-quiz"', 'id = "intro quiz"'),
                 quiz_text().replace('title = "Quiz"', 'title = "Quiz"\nshuffle = "yes"')):
        root = make_pack(tmp_path / str(len(text)), quizzes={"intro-quiz.toml": text})
        _course, found = check_pack(root, today=TODAY)
        assert any(f.severity == "error" for f in found)
        assert load_course(root)[0].quiz_for("intro") is None


def test_a_multi_line_id_is_refused_and_its_finding_stays_on_one_line(tmp_path):
    text = quiz_text().replace('id = "q1"', 'id = "q1\\n"')
    [line] = quiz_findings(tmp_path, text)
    assert line == ('quizzes/intro-quiz.toml:6:1: error: question id "q1\\n" may only contain a-z, A-Z, 0-9, '
                    '"-" and "_" (no accents or spaces) (hint: did you mean "q1"? ids are stored with the learner\'s progress and '
                    'never shown; the title carries the words)')


def test_more_than_nine_options_is_warned_about_since_only_1_to_9_have_keys(tmp_path):
    extra = "".join(f'\n[[questions.options]]\nid = "o{n}"\ntext = "Also wrong"\nfeedback = "No."\n' for n in range(9))
    found = quiz_findings(tmp_path, quiz_text() + extra)
    assert found == ["quizzes/intro-quiz.toml:58:1: warning: 11 options: only the first 9 can be picked with a "
                     "number key (hint: keep to 9 options or fewer, or split the question)"]


def test_a_long_scenario_is_judged_without_running_out_of_stack(tmp_path):
    steps = []
    for n in range(3000):
        leads = f'next = "s{n + 1}"' if n < 2999 else 'outcome = "good"'
        steps.append(f'[[questions.steps]]\nid = "s{n}"\ntext = "Step."\n\n[[questions.steps.options]]\n'
                     f'id = "go"\ntext = "Go on"\nfeedback = "On we go."\n{leads}\n')
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": SCENARIO_HEAD + "\n".join(steps)})
    course, found = check_pack(root, today=TODAY)
    assert found == []
    assert len(course.quiz("intro-quiz").questions[0].steps) == 3000


def _choice(qid: str, right: int, kind: str = "single", count: int = 3) -> str:
    options = "".join(f'\n[[questions.options]]\nid = "o{n}"\ntext = "Option {n}"\nfeedback = "Because."\n'
                      + ("correct = true\n" if (n == right if kind == "single" else n <= right) else "")
                      for n in range(count))
    return (f'\n[[questions]]\nid = "{qid}"\nkind = "{kind}"\nprompt = "Pick."\nexplanation = "Why."\n'
            f'source = "help"\n' + options)


def _truefalse(qid: str, answer: bool) -> str:
    return (f'\n[[questions]]\nid = "{qid}"\nkind = "truefalse"\nprompt = "True?"\nexplanation = "Why."\n'
            f'source = "help"\nanswer = {str(answer).lower()}\nfeedback_true = "T."\nfeedback_false = "F."\n')


def test_a_quiz_whose_right_answers_sit_in_one_position_is_warned_about(tmp_path):
    single = HEAD + _choice("a", 0) + _choice("b", 0) + _choice("c", 1)
    [line] = quiz_findings(tmp_path / "single", single)
    assert ":7:1: warning: the right option is option 1 in 2 of the 3 single-choice questions (hint: move the " \
           "right option to other positions: with shuffling off, always pressing 1 would pass)" in line
    truefalse = HEAD + _truefalse("a", False) + _truefalse("b", False) + _truefalse("c", False) + _truefalse("d", True)
    [line] = quiz_findings(tmp_path / "tf", truefalse)
    assert "warning: the answer is False in 3 of the 4 true/false questions" in line
    multi = HEAD + _choice("a", 1, "multi") + _choice("b", 0, "multi") + _choice("c", 0, "multi", 4)
    [line] = quiz_findings(tmp_path / "multi", multi)
    assert "warning: the right options are the first ones in 3 of the 3 select-all questions" in line


def test_balanced_quizzes_and_quizzes_with_fewer_than_three_of_a_kind_are_not_warned_about(tmp_path):
    balanced = HEAD + _choice("a", 0) + _choice("b", 1) + _choice("c", 2)
    assert quiz_findings(tmp_path / "balanced", balanced) == []
    two = HEAD + _choice("a", 0) + _choice("b", 0) + _truefalse("c", True) + _truefalse("d", True)
    assert quiz_findings(tmp_path / "two", two) == []
    # Three true/false questions cannot be balanced: two of one answer is as even as it gets.
    odd = HEAD + _truefalse("a", True) + _truefalse("b", True) + _truefalse("c", False)
    assert quiz_findings(tmp_path / "odd", odd) == []
    two_options = HEAD + _choice("a", 0, count=2) + _choice("b", 1, count=2) + _choice("c", 0, count=2)
    assert quiz_findings(tmp_path / "two-options", two_options) == []


def _with_rule(quiz_id: str, lesson: str, rule: str, risk: str = "") -> str:
    text = quiz_text(id=quiz_id, lesson=lesson)
    return text.replace('source = "help"\n', f'source = "help"\nrule = "{rule}"  # @rule\n{risk}', 1)


def test_variants_of_a_rule_in_one_module_pass_and_their_rule_is_loaded(tmp_path):
    from tests.content.packs import lesson_text

    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(), "second.md": lesson_text(id="second", order=2)},
                     quizzes={"intro-quiz.toml": _with_rule("intro-quiz", "intro", "stay-on-platform"),
                              "second-quiz.toml": _with_rule("second-quiz", "second", "stay-on-platform")})
    course, found = check_pack(root, today=TODAY)
    assert [f.format(root) for f in found if "rule" in f.message] == []
    assert course.quiz("second-quiz").question("q1").rule == "stay-on-platform"


def test_variants_of_a_rule_in_two_modules_are_an_error_at_the_rule(tmp_path):
    from tests.content.packs import lesson_text

    text = _with_rule("second-quiz", "second", "stay-on-platform")
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(),
                                        "second.md": lesson_text(id="second", module="money", order=2)},
                     quizzes={"intro-quiz.toml": _with_rule("intro-quiz", "intro", "stay-on-platform"),
                              "second-quiz.toml": text})
    found = [f for f in findings(root) if "rule" in f]
    assert found == [
        f'quizzes/second-quiz.toml:{numbered(text)["rule"]}:1: error: rule "stay-on-platform" is tested in module '
        '"money" here and in module "basics" by question "q1" of quizzes/intro-quiz.toml '
        "(hint: variants of a rule belong to one module: move the question, or give it a rule of its own)"]


def test_variants_of_a_rule_that_differ_in_risk_are_warned_about(tmp_path):
    from tests.content.packs import lesson_text

    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(), "second.md": lesson_text(id="second", order=2)},
                     quizzes={"intro-quiz.toml": _with_rule("intro-quiz", "intro", "pay", 'risk = "high"\n'),
                              "second-quiz.toml": _with_rule("second-quiz", "second", "pay")})
    found = [f for f in findings(root) if "rule" in f]
    assert len(found) == 1 and 'warning: variants of rule "pay" differ in risk' in found[0]


def test_a_rule_id_is_an_id(tmp_path):
    found = quiz_findings(tmp_path, _with_rule("intro-quiz", "intro", "stay on platform"))
    assert any('rule id "stay on platform" may only contain' in f for f in found)
