"""Round trip (issue 29): the shipped course exported and imported again gives back the same questions:
texts, right answers, per-option feedback, ids, and what the formats carry for the tutor (hints, the
rule's source, risk, rule, partial credit, a fixed order). Scenarios are the exception, and reported."""

from __future__ import annotations

import pytest

from tests.interchange.conftest import export
from tutor.content.loader import check_pack, has_errors, load_course
from tutor.interchange import import_bank


def _as_learned(question, quiz, lesson):
    source = lesson.source(question.source)
    return {
        "kind": question.kind, "prompt": question.prompt.strip(), "explanation": question.explanation.strip(),
        "hints": question.hints, "risk": question.risk, "rule": question.rule,
        "partial_credit": question.partial_credit,
        "shuffle": quiz.shuffle if question.shuffle is None else question.shuffle,
        "source": (source.id, source.title, source.section, source.url, source.checked),
        "options": [(o.id, o.text.strip(), o.feedback.strip(), o.correct) for o in question.options],
    }


@pytest.mark.parametrize("fmt,suffix", [("moodle-xml", ".xml"), ("gift", ".gift")])
def test_the_shipped_course_comes_back_the_same_scenarios_excepted_and_reported(shipped, fmt, suffix, tmp_path):
    data, exported = export(shipped, fmt)
    bank = tmp_path / f"course{suffix}"
    bank.write_bytes(data)
    imported = import_bank(bank, tmp_path / "pack")
    back, _findings = load_course(tmp_path / "pack")

    compared = scenarios = 0
    for quiz_id in shipped.quiz_index:
        quiz, again = shipped.quiz(quiz_id), back.quiz(quiz_id)
        assert again is not None and again.title == quiz.title
        assert back.lessons[again.lesson].quiz == quiz_id
        for question in quiz.questions:
            if question.kind == "scenario":
                scenarios += 1
                assert f"{quiz_id}/{question.id}: scenario flattened" in exported.render("x")
                continue
            returned = again.question(question.id)
            assert returned is not None, f"{quiz_id}/{question.id}"
            assert _as_learned(returned, again, back.lessons[again.lesson]) == _as_learned(
                question, quiz, shipped.lessons[quiz.lesson]), f"{quiz_id}/{question.id}"
            compared += 1
    questions = [q for quiz_id in shipped.quiz_index for q in shipped.quiz(quiz_id).questions]
    assert compared + scenarios == len(questions) and compared > 50 and scenarios > 50
    # every flattened step came back as a question of its own, and the import report says which scenario it was
    assert sum("flattened on export" in note.what for note in imported.changed) == exported.flattened
    # modules come back from the categories, with their titles
    assert {m.title for m in back.modules} == {m.title for m in shipped.modules}


def test_the_imported_course_passes_the_check_but_for_flattened_steps_with_two_ways_on(shipped, tmp_path):
    data, _report = export(shipped, "gift")
    (tmp_path / "course.gift").write_bytes(data)
    import_bank(tmp_path / "course.gift", tmp_path / "pack")
    _course, findings = check_pack(tmp_path / "pack")
    errors = [f for f in findings if f.severity == "error"]
    assert errors and all("right options" in f.message for f in errors)
    assert has_errors(findings)
