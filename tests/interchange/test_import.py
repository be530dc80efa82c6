"""Import (issue 29): a trainer's Moodle XML or GIFT bank becomes quizzes of a pack. Multiple choice and
true/false are taken with their feedback; every other type is named in the report with its place;
what the tutor requires and the bank lacks is a placeholder `tutor check` reports at its path:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content.course_format import read_course_file
from tutor.content.loader import check_pack, load_course
from tutor.interchange import import_bank
from tutor.interchange.gift import escape

BANKS = Path(__file__).parent / "banks"


def _modules(root: Path) -> list[str]:
    read = read_course_file(root / "course.toml", [], root)
    return [title for _i, _id, title in read.modules or []]


def _check_errors(root: Path) -> set[str]:
    _course, findings = check_pack(root)
    return {f"{Path(f.path).relative_to(root)}:{f.line}" for f in findings if f.severity == "error"}


def test_a_gift_bank_gives_quizzes_per_category_and_names_every_question_it_cannot_take(tmp_path):
    report = import_bank(BANKS / "trainer.gift", tmp_path / "pack")
    skipped = {(note.where, note.what.split(":")[0]) for note in report.skipped}
    assert skipped == {('line 22, "Own words"', "essay"), ('line 26, "Fee percent"', "numerical"),
                       ('line 28, "Pairs"', "matching"), ('line 33, "Capital"', "short answer"),
                       ("line 37", "Could not find {...} around the answers (Moodle drops the question too)"),
                       ('line 39, "Just a description with no answers at all."', "description (text, no question)")}
    course, _findings = load_course(tmp_path / "pack")
    assert _modules(tmp_path / "pack") == ["Freelancing basics"]
    assert sorted(course.quiz_index) == ["contracts", "numbers"]
    assert report.questions == 4 and report.quizzes == 2
    text = (tmp_path / "pack" / "quizzes" / "contracts.toml").read_text(encoding="utf-8")
    assert 'feedback = "Right: payment outside breaks the rules."' in text  # GIFT's \: decoded
    assert 'explanation = "Payments stay on the platform until a conversion fee is paid."' in text
    assert 'answer = true' in text and 'feedback_false = "Wrong: funding comes first."' in text
    assert 'feedback_true = "Right."' in text
    assert "[image: fee table]" in text and "<b>" not in text
    assert any("an image" in note.what for note in report.changed)
    numbers = (tmp_path / "pack" / "quizzes" / "numbers.toml").read_text(encoding="utf-8")
    assert 'prompt = "Payment stays _____ the platform before a contract."' in numbers


def test_a_moodle_xml_bank_names_every_other_type_and_what_it_changed(tmp_path):
    report = import_bank(BANKS / "trainer.xml", tmp_path / "pack")
    kinds = sorted(note.what.split(":")[0] for note in report.skipped)
    assert kinds == ["calculated", "drag and drop into text", "embedded answers (cloze)", "essay", "matching",
                     "numerical", "short answer"]
    assert all(note.where.startswith("line ") for note in report.skipped)
    assert _modules(tmp_path / "pack") == ["Safety", "Safety / Scams"]
    changed = " ".join(note.what for note in report.changed)
    assert '"Wait for the check to clear" (50%)' in changed and "partial_credit = true" in changed
    scams = (tmp_path / "pack" / "quizzes" / "scams.toml").read_text(encoding="utf-8")
    assert 'text = "Refuse and report the client"' in scams  # HTML made plain text
    assert 'answer = false' in scams and 'feedback_true = "No: gift cards are a scam payment."' in scams


@pytest.mark.parametrize("bank", ["trainer.gift", "trainer.xml"])
def test_every_placeholder_is_an_error_tutor_check_reports_at_its_path_and_line(bank, tmp_path):
    report = import_bank(BANKS / bank, tmp_path / "pack")
    placed = {note.where for note in report.placeholders}
    fields = {note.what.split(" ")[0].rstrip(":") for note in report.placeholders}
    assert {"url", "checked", "risk"} <= fields
    assert placed and placed <= _check_errors(tmp_path / "pack")


def test_importing_twice_never_overwrites_and_says_which_ids_it_changed(tmp_path):
    first = import_bank(BANKS / "trainer.gift", tmp_path / "pack")
    before = {p: p.read_bytes() for p in (tmp_path / "pack").rglob("*") if p.is_file()}
    second = import_bank(BANKS / "trainer.gift", tmp_path / "pack")
    assert all(p.read_bytes() == data for p, data in before.items() if p.name != "course.toml")
    assert {"quizzes/contracts-2.toml", "quizzes/numbers-2.toml"} <= set(second.written)
    assert any('quiz id "contracts" is taken' in note.what for note in second.changed)
    assert first.written != second.written


def test_gift_escapes_every_markup_character_and_reads_it_back(tmp_path):
    nasty = "a ~ b = c # d { e } f : g \\ h\nsecond line ]]> <b>&amp;"
    assert escape(nasty) == ("a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\nsecond line ]]> <b>&amp;")
