"""Tells in the shape of an answer: `tutor check` warns where the right option is clearly longer than
every wrong one, and once per pack when the right option is the longest too often."""

from __future__ import annotations

from datetime import date

from tests.content.packs import make_pack
from tutor.content.loader import check_pack

TODAY = date(2026, 12, 1)
HEAD = 'id = "intro-quiz"\nlesson = "intro"\ntitle = "Quiz"\n'


def single(qid: str, right: str, *wrong: str) -> str:
    options = [f'[[questions.options]]\nid = "r"\ntext = "{right}"\ncorrect = true\nfeedback = "Yes."\n']
    options += [f'[[questions.options]]\nid = "w{n}"\ntext = "{text}"\nfeedback = "No."\n'
                for n, text in enumerate(wrong)]
    return (f'[[questions]]\nid = "{qid}"\nkind = "single"\nprompt = "Pick one."\nexplanation = "Why."\n'
            f'source = "help"\n\n' + "\n".join(options) + "\n")


def scenario(qid: str, right: str, wrong: str) -> str:
    return f"""[[questions]]
id = "{qid}"
kind = "scenario"
prompt = "A client writes."
explanation = "Why."
source = "help"

[[questions.steps]]
id = "first"
text = "What do you do?"

[[questions.steps.options]]
id = "bad"
text = "{wrong}"
feedback = "No."
outcome = "bad"

[[questions.steps.options]]
id = "good"
text = "{right}"
feedback = "Yes."
outcome = "good"
"""


def findings_of(tmp_path, body: str):
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": HEAD + "\n" + body})
    _course, found = check_pack(root, today=TODAY)
    return [f for f in found if "characters long" in f.message or "in this pack" in f.message]


def line_of(tmp_path, text: str) -> int:
    lines = (tmp_path / "quizzes" / "intro-quiz.toml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line == f'text = "{text}"')


LONG = "Thank them and offer a call started from the platform's own messages."  # 69 characters
SHORT = "Join the call at once."  # 22


def test_a_right_option_clearly_longer_than_every_wrong_one_is_warned_at_its_line(tmp_path):
    [finding] = findings_of(tmp_path, single("q1", LONG, SHORT, "Ignore the message."))
    assert finding.severity == "warning" and finding.path.name == "intro-quiz.toml"
    assert finding.line == line_of(tmp_path, LONG)
    assert "the right option is 69 characters long, the longest wrong one 22" in finding.message


def test_a_scenario_step_whose_good_choice_is_clearly_longer_is_warned_at_its_line(tmp_path):
    [finding] = findings_of(tmp_path, scenario("s1", LONG, SHORT))
    assert finding.line == line_of(tmp_path, LONG)


def test_clearly_longer_needs_both_a_quarter_more_and_fifteen_characters_more(tmp_path):
    # 1.25 times but only 10 characters more; 15 characters more but only 1.2 times; both: warned.
    assert findings_of(tmp_path, single("q1", "a" * 50, "b" * 40)) == []
    assert findings_of(tmp_path, single("q1", "a" * 90, "b" * 75)) == []
    [finding] = findings_of(tmp_path, single("q1", "a" * 75, "b" * 60))
    assert "75 characters long, the longest wrong one 60" in finding.message


def test_a_wrong_option_as_long_as_the_right_one_takes_the_warning_away(tmp_path):
    assert findings_of(tmp_path, single("q1", LONG, "Join the call on his own Zoom link: it is only a short interview."))\
        == []


def test_a_pack_whose_right_option_is_most_often_the_longest_is_told_once_with_the_figure(tmp_path):
    # Six choices, the right option longest (not clearly) in four of them: 67%, over 40%.
    body = "".join(single(f"q{n}", "Right option, a bit long", "Wrong option here") for n in range(4))
    body += "".join(single(f"p{n}", "Right one", "A wrong option that is longer") for n in range(2))
    [finding] = findings_of(tmp_path, body)
    assert "the right option is the longest in 4 of its 6 single-answer choices (67%, over 40%)" in finding.message
    assert "quizzes/intro-quiz.toml 4 of 6" in finding.message
    assert finding.line == line_of(tmp_path, "Right option, a bit long")


def test_a_pack_at_or_under_forty_percent_is_not_told(tmp_path):
    body = "".join(single(f"q{n}", "Right option, a bit long", "Wrong option here") for n in range(2))
    body += "".join(single(f"p{n}", "Right one", "A wrong option that is longer") for n in range(3))
    assert findings_of(tmp_path, body) == []


def test_a_step_with_two_ways_to_a_good_ending_is_not_a_single_answer_choice():
    from tutor.content.model import Option, Question, Step
    from tutor.content.tells import single_answer_choices

    step = Step("first", "What now?", (
        Option("a", "A long and careful answer that follows the rule.", "", outcome="good"),
        Option("b", "Ask first.", "", next="second"),
        Option("c", "Give in.", "", outcome="bad")))
    second = Step("second", "And?", (Option("d", "Refuse.", "", outcome="good"), Option("e", "Pay.", "", outcome="bad")))
    question = Question("s", "scenario", "p", "e", "src", steps=(step, second))
    assert [choice.step.id for choice in single_answer_choices(question) if choice.step] == ["second"]


def test_a_lone_quiz_file_is_told_too(tmp_path):
    from tests.content.packs import write
    from tutor.content.loader import check_file

    path = write(tmp_path / "lone.toml", HEAD + "\n" + single("q1", LONG, SHORT, "Ignore the message."))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [f.line for f in check_file(path, today=TODAY) if "characters long" in f.message] == \
        [next(n for n, line in enumerate(lines, 1) if line == f'text = "{LONG}"')]


def test_a_learner_loading_a_quiz_pays_for_no_tell_check(tmp_path):
    """Tells are judged by `tutor check`, not each time the app parses a quiz."""
    from tutor.content.quiz_format import read_quiz_file

    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": HEAD + "\n" + single("q1", LONG, SHORT, "Ignore.")})
    read = read_quiz_file(root / "quizzes" / "intro-quiz.toml")
    assert read.quiz is not None and read.report.findings == []
