"""`tutor check` on guides: every mistake an author can make in a guide is a finding at its file and
line, all in one run, and a guide with an error is not given to the learner."""

from __future__ import annotations

from datetime import date

from tests.content.guide_text import GUIDE, SCENARIO_QUIZ, line_of, numbered
from tests.content.packs import make_pack, write
from tutor.content.loader import check_file, check_pack, load_course

TODAY = date(2026, 11, 24)
WHERE = "guides/went-wrong.toml"


def pack_with(tmp_path, guide=GUIDE, quiz=SCENARIO_QUIZ):
    root = make_pack(tmp_path, quizzes={"intro-quiz.toml": quiz})
    write(root / "guides" / "went-wrong.toml", guide)
    return root


def guide_findings(tmp_path, guide=GUIDE, quiz=SCENARIO_QUIZ):
    root = pack_with(tmp_path, guide, quiz)
    _course, found = check_pack(root, today=TODAY)
    return [f.format(root) for f in found], root


def test_a_well_written_guide_is_clean_and_the_learner_gets_it(tmp_path):
    found, root = guide_findings(tmp_path)
    assert found == []
    course, _ = load_course(root)
    guide = course.guide("went-wrong")
    assert guide is not None and [s.id for s in guide.steps] == ["what", "money"]
    assert [entry.id for entry in course.guides_for_lesson("intro")] == ["went-wrong"]
    entry = course.guide_for_scenario("intro-quiz", "story")
    assert entry is not None and entry.title == guide.title and entry.path == guide.path


def test_an_unreachable_step_is_an_error_at_its_line(tmp_path):
    text = GUIDE + '\n[[steps]]  # @lost\nid = "lost"\ntext = "Nobody comes here."\n\n[[steps.options]]\n' \
                   'id = "x"\ntext = "X"\noutcome = "talked"\nsays = { money = "m", happened = "h" }\n'
    found, root = guide_findings(tmp_path, text)
    line = numbered(text)["lost"]
    assert f'{WHERE}:{line}:1: error: guide step "lost" cannot be reached (hint: no option leads to it from the ' \
           f'start step "what"; add next = "lost" or remove it)' in found
    assert load_course(root)[0].guide("went-wrong") is None  # a broken guide is not shown at all


def test_a_step_with_no_way_out_is_an_error(tmp_path):
    text = GUIDE.replace('next = "money"\nsays = { happened = "we went', 'says = { happened = "we went')
    found, _root = guide_findings(tmp_path, text)
    line = line_of(text, 'id = "chat"')
    assert f'{WHERE}:{line}:1: error: guide option "chat" leads nowhere (hint: add next = "step-id" or outcome = ' \
           f'"outcome-id")' in found
    empty = GUIDE + '\n[[steps]]  # @empty\nid = "empty"\ntext = "Stuck."\noptions = []\n'
    found, _root = guide_findings(tmp_path, empty.replace('next = "money"\nsays = { happened = "we went',
                                                          'next = "empty"\nsays = { happened = "we went'))
    assert any(f":{numbered(empty)['empty']}:1: error: a guide step needs at least one option: this one has no way "
               "out" in f for f in found)


def test_a_loop_is_an_error_naming_the_steps(tmp_path):
    text = GUIDE.replace('outcome = "talked"\nsays = { money = "No money',
                         'next = "what"\nsays = { money = "No money')
    found, _root = guide_findings(tmp_path, text)
    assert any("error: guide can loop forever: what -> money -> what" in f and
               f.startswith(f"{WHERE}:{numbered(text)['money']}:") for f in found)


def test_an_outcome_without_steps_is_an_error_at_its_line(tmp_path):
    text = GUIDE.replace('do_now = ["Take no more payments outside."]', "do_now = []")
    found, _root = guide_findings(tmp_path, text)
    line = line_of(text, "do_now = []")
    assert f"{WHERE}:{line}:1: error: outcome has no steps: a learner in trouble needs to know what to do now " \
           f'(hint: write each step as a string in do_now = ["...", "..."])' in found
    missing = GUIDE.replace('do_now = ["Take no more payments outside."]\n', "")
    found, _root = guide_findings(tmp_path, missing)
    assert any(f.startswith(f"{WHERE}:{numbered(missing)['paid']}:1: error: outcome is missing required field "
                            '"do_now"') for f in found)


def test_a_placeholder_no_question_fills_is_an_error_at_the_message(tmp_path):
    text = GUIDE.replace("The client is {client}.", "The client is {client}, job {job}.")
    found, _root = guide_findings(tmp_path, text)
    line = line_of(text, "message =", numbered(text)["talked"])
    assert f'{WHERE}:{line}:1: error: placeholder "job" in outcome "talked" is filled by no detail and by no choice ' \
           f'(hint: add a [[details]] table with id = "job", or says = {{ job = "..." }} to the choices that lead ' \
           f"here)" in found


def test_a_placeholder_filled_on_only_some_ways_is_an_error_naming_a_way_without_it(tmp_path):
    text = GUIDE.replace('says = { happened = "we went on talking on another app" }', "")
    found, _root = guide_findings(tmp_path, text)
    line = line_of(text, "message =", numbered(text)["talked"])
    assert f'{WHERE}:{line}:1: error: placeholder "happened" in outcome "talked" is not filled on every way to it ' \
           f'(hint: no choice on the way through "money/no" says happened: add it to that choice\'s says, or to one ' \
           f"before it)" in found


def test_references_to_other_files_are_checked(tmp_path):
    text = GUIDE.replace('lessons = ["intro"]\nscenarios = ["intro-quiz/story"]',
                         'lessons = ["nope"]\nscenarios = ["intro-quiz/missing", "other/story"]')
    text = text.replace('do_now = ["Take no more payments outside."]',
                        'do_now = ["Take no more payments outside."]\nguides = ["elsewhere"]')
    found, _root = guide_findings(tmp_path, text)
    joined = "\n".join(found)
    assert 'error: lesson "nope" does not exist' in joined
    assert 'error: scenario "intro-quiz/missing": the quiz has no such question' in joined
    assert 'error: scenario "other/story": the quiz does not exist' in joined
    assert 'error: guide "elsewhere" does not exist' in joined


def test_every_mistake_of_a_broken_guide_is_reported_in_one_run(tmp_path):
    head, _, _ = GUIDE.rpartition('source = "help"')
    text = ((head + 'source = "nowhere"\n').replace('seriousness = "high"', 'seriousness = "dire"')
            .replace('outcome = "paid"', 'outcome = "payed"')
            .replace("max_length = 40", "max_length = 4000"))
    found, _root = guide_findings(tmp_path, text)
    joined = "\n".join(found)
    for expected in ('unknown seriousness "dire"', 'rule cites source "nowhere", which the guide does not list',
                     'option "yes" ends in outcome "payed", which does not exist', '"max_length" is 4000',
                     'warning: outcome "paid" is never reached'):
        assert expected in joined, expected


def test_a_lone_guide_file_is_checked_alone(tmp_path):
    path = write(tmp_path / "guides" / "went-wrong.toml", GUIDE.replace('seriousness = "high"', 'seriousness = "x"'))
    found = [f.format(tmp_path) for f in check_file(path, today=TODAY)]
    assert any('error: unknown seriousness "x"' in f for f in found)


def test_a_guide_outside_the_pack_through_a_symlink_is_refused(tmp_path):
    outside = write(tmp_path / "elsewhere" / "g.toml", GUIDE)
    root = make_pack(tmp_path / "pack", quizzes={"intro-quiz.toml": SCENARIO_QUIZ})
    (root / "guides").mkdir()
    (root / "guides" / "went-wrong.toml").symlink_to(outside)
    _course, found = check_pack(root, today=TODAY)
    assert [f.message for f in found if "guides" in str(f.path)] == ["file points outside the content pack"]
    assert load_course(root)[0].guides == {} and load_course(root)[0].guide_index == {}


def test_the_list_of_guides_reads_only_the_top_of_each_file_and_a_broken_one_cannot_be_opened(tmp_path):
    broken = GUIDE.replace('seriousness = "high"', 'seriousness = "dire"')
    root = pack_with(tmp_path, broken)
    course, _ = load_course(root)
    assert list(course.guide_index) == ["went-wrong"]  # listed from its top-level keys
    assert course.guide("went-wrong") is None and course.guides == {}


def test_a_table_header_inside_a_top_level_string_still_lists_the_guide(tmp_path):
    text = GUIDE.replace('intro = "Answer a few questions."', 'intro = """Answer\n[a few] questions."""')
    root = pack_with(tmp_path, text)
    course, _ = load_course(root)
    assert course.guide_index["went-wrong"].lessons == ("intro",)
    assert course.guide("went-wrong") is not None and course.guide("went-wrong").intro == "Answer\n[a few] questions."


def test_the_guide_in_the_authoring_doc_passes_the_strict_check(tmp_path):
    import re

    from tests.content.packs import lesson_text
    from tutor.content.field_table import DOC

    doc = DOC.read_text(encoding="utf-8")
    guide = next(body for lang, body in re.findall(r"^```(\w+)\n(.*?)\n^```", doc, re.S | re.M)
                 if lang == "toml" and body.startswith("# guides/"))
    root = make_pack(tmp_path, lessons={"a.md": lesson_text(id="interview-on-platform", checked="2026-12-01")},
                     quizzes={})
    write(root / "guides" / "talked-off-platform.toml", guide + "\n")
    _course, found = check_pack(root, today=date(2026, 12, 6))
    assert [f.format(root) for f in found] == []
    course, _ = load_course(root)
    assert course.guide("talked-off-platform") is not None
