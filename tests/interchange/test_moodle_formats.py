"""Moodle XML and GIFT export (issue 29): every file of the shipped course and the example packs is
one Moodle's importers take whole (the rules of ../shared/reference/schemas/*-notes.md), and reads back
through the tutor's own importer with the same questions."""

from __future__ import annotations

import pytest

from tests.interchange.conftest import PACKS, export, pack_name
from tests.interchange.moodle_rules import gift_problems, grade_ok, moodle_xml_problems
from tutor.content.loader import load_course
from tutor.interchange import read_bank
from tutor.interchange.bank import BankOption, BankQuestion
from tutor.interchange.moodle_xml import option_grades


@pytest.mark.parametrize("root", PACKS, ids=pack_name)
def test_moodle_xml_export_keeps_every_rule_of_moodles_importer(root):
    data, report = export(root, "moodle-xml")
    assert report.questions > 0
    assert moodle_xml_problems(data) == []


@pytest.mark.parametrize("root", PACKS, ids=pack_name)
def test_gift_export_keeps_every_rule_of_moodles_importer_and_of_strict_parsers(root):
    data, report = export(root, "gift")
    assert report.questions > 0
    assert gift_problems(data) == []


@pytest.mark.parametrize("fmt,suffix", [("moodle-xml", ".xml"), ("gift", ".gift")])
@pytest.mark.parametrize("root", PACKS, ids=pack_name)
def test_every_export_reads_back_through_the_importer_with_nothing_left_out(root, fmt, suffix, tmp_path):
    data, report = export(root, fmt)
    path = tmp_path / f"bank{suffix}"
    path.write_bytes(data)
    bank, read = read_bank(path)
    assert read.skipped == []
    assert len(bank.questions()) == report.questions
    course = load_course(root)[0]
    exported = [q for quiz_id in course.quiz_index if (quiz := course.quiz(quiz_id)) for q in quiz.questions]
    assert {(q.quiz, q.id) for q in bank.questions()} == {(quiz_id, q.id) for quiz_id in course.quiz_index
                                                          if (quiz := course.quiz(quiz_id)) for q in quiz.questions}
    assert exported


def _question(right: int, wrong: int, partial: bool) -> BankQuestion:
    options = tuple(BankOption(f"r{i}", "right", "yes", True) for i in range(right)) + tuple(
        BankOption(f"w{i}", "wrong", "no", False) for i in range(wrong))
    return BankQuestion("multi", "q", "Tick them.", options, partial_credit=partial)


@pytest.mark.parametrize("partial", [False, True])
def test_select_all_grades_are_moodles_and_the_right_options_share_exactly_100(partial):
    """One bad grade and Moodle rejects the question, and by default the whole import: every count of
    right (1-20) and wrong (0-12) options is written with grades from Moodle's list."""
    for right in range(1, 21):
        for wrong in range(0, 13):
            grades = option_grades(_question(right, wrong, partial))
            assert grades is not None
            assert all(grade_ok(f"{grade:.5f}") for grade in grades), (right, wrong, grades)
            assert round(sum(g for g in grades if g > 0), 2) == 100, (right, wrong)
            assert all(g < 0 for g in grades[right:])
            assert sum(grades[right:]) >= -100 * max(wrong, 1) and (partial or all(g == -100 for g in grades[right:]))


def test_a_question_moodle_cannot_grade_is_left_out_and_the_report_says_so(tmp_path):
    from tutor.interchange.bank import Bank, BankCategory
    from tutor.interchange.moodle_xml import write
    from tutor.interchange.report import ExportReport

    too_many = _question(21, 1, False)
    report = ExportReport("Moodle XML", questions=1)
    data = write(Bank("b", [BankCategory("Quiz", questions=[too_many])]), report)
    assert b"<answer" not in data and report.questions == 0
    assert "more than 20 right options" in report.render("out.xml")


def test_scenarios_become_a_question_per_step_on_the_way_to_a_good_ending_with_the_story_so_far(shipped, tmp_path):
    quiz = shipped.quiz("interview-stays-on-platform")
    data, report = export(shipped, "moodle-xml", [quiz.id])
    path = tmp_path / "bank.xml"
    path.write_bytes(data)
    bank, _read = read_bank(path)
    steps = [q for q in bank.questions() if q.id == "zoom-link-reply"]
    assert [q.step for q in steps] == ["reply", "pushback"]  # the shortest way to a good ending
    scenario = quiz.question("zoom-link-reply")
    assert scenario.prompt in steps[1].prompt and scenario.step("reply").text in steps[1].prompt
    assert "You chose: Thank him politely" in steps[1].prompt
    first = {o.id: o.correct for o in steps[0].options}
    # ask-offer also leads to a good ending (by the offer): right too; joining the call does not
    assert first == {"join": False, "upwork-call": True, "send-contact": False, "ask-offer": True}
    text = report.render("bank.xml")
    assert "interview-stays-on-platform/zoom-link-reply: scenario flattened into 2 question(s)" in text
    assert 'step "in-the-call" not shown' in text and 'step "offer-arrives" not shown' in text
    assert "You stopped the slide" in text  # a risky ending a learner of the platform never meets
