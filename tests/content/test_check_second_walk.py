"""`tutor check` as a trainer met it on her second walk through the docs (issue 26, items 8-13): blank
text is missing, a typo gets a "did you mean", the welcome file is checked, one mistake gives one
finding (and a true one), and Markdown where it is not rendered is said."""

from __future__ import annotations

import os
import time
from datetime import date

from tests.content.packs import LESSON, make_pack, quiz_text, write
from tests.content.test_check_quizzes import HEAD, scenario
from tutor.content.loader import check_pack, load_course

TODAY = date(2026, 11, 24)


def findings(root):
    _course, found = check_pack(root, today=TODAY)
    return [f.format(root) for f in found]


def quiz_findings(tmp_path, text):
    return findings(make_pack(tmp_path, quizzes={"intro-quiz.toml": text}))


# -- 8. blank is missing ---------------------------------------------------------------------

def test_blank_required_text_is_an_error_and_the_question_never_reaches_the_learner(tmp_path):
    text = quiz_text().replace('explanation = "Because."', 'explanation = ""') \
        .replace('feedback = "No, this breaks the rule."', 'feedback = "   "') \
        .replace('prompt = "Pick one."', 'prompt = """\n"""')
    found = quiz_findings(tmp_path, text)
    assert any(':10:1: error: "explanation" is blank in question' in f for f in found), found
    assert any('"prompt" is blank in question' in f for f in found), found
    assert any('"feedback" is blank in option' in f for f in found), found
    course, _ = load_course(tmp_path)
    quiz = course.quiz("intro-quiz")
    assert quiz is not None and quiz.questions == () and quiz.left_out == 1


def test_a_blank_title_is_missing_too(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": LESSON.format(id="intro", title=" ", module="basics", order=1,
                                                                  extra="", checked="2026-11-01")})
    assert any('"title" is blank in lesson front matter' in f for f in findings(root))


# -- 9. typo hints for kind-specific fields --------------------------------------------------

MULTI = HEAD + """
[[questions]]
id = "q1"
kind = "multi"
prompt = "Pick."
explanation = "Because."
source = "help"
partialcredit = true

[[questions.options]]
id = "a"
text = "A"
correct = true
feedback = "Yes, A."

[[questions.options]]
id = "b"
text = "B"
feedback = "No, B."
"""


def test_a_kind_specific_field_misspelt_gets_did_you_mean(tmp_path):
    found = quiz_findings(tmp_path, MULTI)
    assert any('unknown field "partialcredit" in question (hint: did you mean "partial_credit"?)' in f
               for f in found), found


def test_singular_options_and_steps_tables_get_did_you_mean(tmp_path):
    found = quiz_findings(tmp_path, quiz_text().replace("[[questions.options]]", "[[questions.option]]"))
    assert any('unknown field "option" in question (hint: did you mean "options"?)' in f for f in found), found
    story = scenario().replace("[[questions.steps]]", "[[questions.step]]")
    found = quiz_findings(tmp_path / "story", story)
    assert any('unknown field "step" in question (hint: did you mean "steps"?)' in f for f in found), found


def test_a_misspelt_questions_header_is_found_at_its_table_not_at_line_1(tmp_path):
    text = quiz_text().replace("[[questions.options]]", "[[question.options]]")
    found = quiz_findings(tmp_path, text)
    line = next(f for f in found if 'unknown field "question" in quiz' in f)
    assert line.startswith("quizzes/intro-quiz.toml:12:1:") and 'did you mean "questions"?' in line, line


def test_a_wrong_lesson_in_a_quiz_lists_the_lessons_and_the_closest(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": LESSON.format(id="getting-paid", title="Paid", module="basics",
                                                              order=1, extra="", checked="2026-11-01")},
                     quizzes={"q.toml": quiz_text(lesson="geting-paid")})
    [line] = [f for f in findings(root) if "which does not exist" in f]
    assert 'did you mean "getting-paid"?' in line and "(getting-paid)" in line, line


# -- 10. welcome.md is checked --------------------------------------------------------------

def test_the_welcome_file_is_checked_like_a_lesson_body(tmp_path):
    root = make_pack(tmp_path, course='id = "c"\ntitle = "C"\nwelcome = "welcome.md"\n\n[[modules]]\nid = "basics"\n'
                     'title = "Basics"\n')
    write(root / "welcome.md", "Welcome!\n\nRead [the intro](lesson:intro), then [the rest](lesson:nope).\n\n"
          "Questions? [Write to us](mailto:team@example.com).\n")
    found = findings(root)
    assert 'welcome.md:3:49: error: link to lesson "nope", which does not exist' in "\n".join(found), found
    assert any(f.startswith("welcome.md:5:") and "e-mail address" in f for f in found), found
    assert not any('lesson "intro"' in f for f in found)


# -- 11. cascades and false messages ----------------------------------------------------------

def test_one_typo_in_next_is_one_finding_with_did_you_mean(tmp_path):
    found = quiz_findings(tmp_path, scenario(join_next="secnod"))
    assert found == ['quizzes/intro-quiz.toml:20:1: error: option "join" leads to step "secnod", which does not exist '
                     '(hint: did you mean "second"?)'], found


def test_a_next_with_no_close_step_claims_no_unreachable_step_and_no_missing_good_ending(tmp_path):
    text = scenario(join_next="approved", decline_outcome="bad").replace('outcome = "risky"', 'outcome = "good"')
    found = quiz_findings(tmp_path, text)
    assert len(found) == 1 and 'leads to step "approved", which does not exist' in found[0], found
    assert "(the steps: start, second)" in found[0]


def test_a_toml_error_in_a_quiz_does_not_make_the_quiz_missing(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": LESSON.format(id="intro", title="Intro", module="basics", order=1,
                                                                  extra='quiz = "intro-quiz"',
                                                                  checked="2026-11-01")},
                     quizzes={"intro-quiz.toml": quiz_text().replace('title = "Quiz"', 'title = "Quiz')})
    found = findings(root)
    assert not any("does not exist" in f for f in found), found
    assert any('lessons/intro.md' in f and 'quiz "intro-quiz" could not be loaded (see quizzes/intro-quiz.toml)' in f
               for f in found), found


def test_a_trailing_space_after_the_fence_is_accepted_and_a_missing_fence_is_named(tmp_path):
    text = LESSON.format(id="intro", title="Intro", module="basics", order=1, extra="", checked="2026-11-01")
    spaced = text.replace("+++\n", "+++  \n")
    root = make_pack(tmp_path / "a", lessons={"intro.md": spaced})
    assert findings(root) == []
    unclosed = text.replace("checked = 2026-11-01\n+++\n", "checked = 2026-11-01\n\n")
    root = make_pack(tmp_path / "b", lessons={"intro.md": unclosed})
    found = findings(root)
    assert any(f.startswith("lessons/intro.md:1:1: error: lesson's front matter is never closed") for f in found), found
    assert not any("has no front matter" in f for f in found)


def test_a_duplicate_quiz_id_is_reported_on_the_copy_not_the_original(tmp_path):
    root = make_pack(tmp_path, quizzes={"zz-original.toml": quiz_text()})
    old = time.time() - 3600
    os.utime(root / "quizzes" / "zz-original.toml", (old, old))
    write(root / "quizzes" / "aa-copy.toml", quiz_text())
    dupes = [f for f in findings(root) if "already used" in f]
    assert dupes == ['quizzes/aa-copy.toml:1:1: error: quiz id "intro-quiz" is already used by zz-original.toml '
                     '(hint: every quiz needs its own id: a copy of a quiz needs a new one)'], dupes


def test_a_quoted_date_is_suggested_back_unquoted_as_written(tmp_path):
    text = LESSON.format(id="intro", title="Intro", module="basics", order=1, extra="", checked='"2026-10-02"')
    [line] = [f for f in findings(make_pack(tmp_path, lessons={"intro.md": text})) if f.startswith("lessons/intro.md")]
    assert "hint: write it without quotes: checked = 2026-10-02" in line, line


def test_missing_tables_are_asked_for_as_tables(tmp_path):
    text = LESSON.format(id="intro", title="Intro", module="basics", order=1, extra="", checked="2026-11-01")
    text = text[:text.index("[[sources]]")] + "+++\n\nBody.\n"
    found = findings(make_pack(tmp_path, lessons={"intro.md": text}, quizzes={}))
    line = next(f for f in found if 'missing required field "sources"' in f)
    assert "hint: add a [[sources]] table for each one" in line and "sources = [[" not in line, line


# -- 13. Markdown where it is not rendered ----------------------------------------------------

def test_markdown_in_a_prompt_or_feedback_is_said_to_be_shown_as_typed(tmp_path):
    text = quiz_text().replace('prompt = "Pick one."', 'prompt = "The client wants a **5-page website**."') \
        .replace('feedback = "No, this breaks the rule."', 'feedback = "See [the lesson](lesson:intro)."')
    found = quiz_findings(tmp_path, text)
    assert any(":8:1: warning: prompt has Markdown (bold: **5-page website**)" in f for f in found), found
    assert any(":21:1: warning: feedback has Markdown (a link: [the lesson](lesson:intro))" in f for f in found), found


def test_plain_punctuation_is_not_taken_for_markdown(tmp_path):
    text = quiz_text().replace('prompt = "Pick one."', 'prompt = "Rate 5 * 3 stars; use a_b_c; 2 > 1."')
    assert quiz_findings(tmp_path, text) == []


# -- 12. a source with no web page --------------------------------------------------------------

def _lesson_with_source(source: str) -> str:
    text = LESSON.format(id="intro", title="Intro", module="basics", order=1, extra="", checked="2026-11-01")
    return text.replace('url = "https://example.com/help"\n', source)


def test_a_source_can_be_a_document_of_the_pack_or_an_internal_reference(tmp_path):
    root = make_pack(tmp_path / "doc", lessons={"intro.md": _lesson_with_source('document = "handbook/calls.md"\n')})
    write(root / "handbook" / "calls.md", "# Client calls\n\nWe call from the project space.\n")
    assert findings(root) == []
    course, _ = load_course(root)
    [source] = course.lessons["intro"].sources
    assert source.where == "a document of this course: handbook/calls.md" and not source.is_web
    root = make_pack(tmp_path / "ref", lessons={"intro.md": _lesson_with_source(
        'reference = "Operations handbook v3, section 2"\n')})
    assert findings(root) == []
    course, _ = load_course(root)
    assert course.lessons["intro"].sources[0].where == \
        "internal reference (not online): Operations handbook v3, section 2"


def test_a_document_source_stays_inside_the_pack(tmp_path):
    outside = write(tmp_path / "secret.txt", "not the pack's")
    cases = {
        "missing": ('document = "handbook/none.md"\n', 'document "handbook/none.md" does not exist'),
        "climbs": ('document = "../secret.txt"\n', 'document "../secret.txt" must be a file inside the pack'),
        "absolute": (f'document = "{outside}"\n', "must be a file inside the pack"),
        "linked": ('document = "link.txt"\n', 'document "link.txt" points outside the content pack'),
        "none": ("", "source has no url, document or reference"),
        "two": ('url = "https://example.com"\nreference = "Handbook"\n', "source has both url and reference"),
    }
    for name, (source, message) in cases.items():
        root = make_pack(tmp_path / name, lessons={"intro.md": _lesson_with_source(source)})
        (root / "link.txt").symlink_to(outside)
        found = findings(root)
        assert any(message in f and f.startswith("lessons/intro.md:") for f in found), (name, found)
