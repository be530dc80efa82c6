"""docs/authoring.md lists exactly the fields the code knows (issue 11): the table is generated from
the formats' field specs, and every field says where the learner sees it."""

from __future__ import annotations

import re

import pytest

from tutor.content import field_table
from tutor.content.fields import Field


def test_the_field_table_in_the_doc_is_the_one_the_code_generates():
    doc = field_table.DOC.read_text(encoding="utf-8")
    assert doc == field_table.render(doc), "run: python -m tutor.content.field_table"


def test_the_doc_lists_exactly_the_fields_each_format_checks_and_marks_the_required_ones():
    doc = field_table.DOC.read_text(encoding="utf-8")
    for heading, _where, spec in field_table.TABLES:
        section = doc.split(f"#### {heading}\n", 1)[1].split("\n#### ", 1)[0].split("<!--", 1)[0]
        rows = re.findall(r"^\| `([a-z_]+)` \| (required|optional) \|", section, re.M)
        assert rows == [(name, "required" if field.required else "optional") for name, field in spec.items()], heading


def test_every_table_of_every_format_is_in_the_doc():
    from tutor.content import course_format, guide_format, lesson_format, quiz_format

    known = [lesson_format.LESSON_FIELDS, lesson_format.SOURCE_FIELDS, quiz_format.QUIZ_FIELDS,
             quiz_format.COMMON_QUESTION_FIELDS, *quiz_format.KIND_FIELDS.values(), quiz_format.OPTION_FIELDS,
             quiz_format.STEP_FIELDS, quiz_format.STEP_OPTION_FIELDS, course_format.COURSE_FIELDS,
             course_format.READINESS_FIELDS, course_format.TEXT_FIELDS, course_format.MODULE_FIELDS, guide_format.GUIDE_FIELDS,
             guide_format.DETAIL_FIELDS, guide_format.STEP_FIELDS, guide_format.OPTION_FIELDS,
             guide_format.OUTCOME_FIELDS, guide_format.RULE_FIELDS]
    documented = [spec for _heading, _where, spec in field_table.TABLES]
    # A guide's sources are a lesson's: the same spec, documented twice where each author looks.
    assert len({id(spec) for spec in documented}) == len(known)
    assert all(any(spec is d for d in documented) for spec in known)


def test_a_field_that_does_not_say_where_the_learner_sees_it_cannot_be_documented(monkeypatch):
    spec = {"mystery": Field("str")}
    monkeypatch.setattr(field_table, "TABLES", (("Test", "a test", spec),))
    with pytest.raises(field_table.UndocumentedField, match="mystery"):
        field_table.table_markdown()


def test_the_check_mode_fails_on_an_out_of_date_doc(tmp_path, monkeypatch):
    doc = tmp_path / "authoring.md"
    doc.write_text(f"# Doc\n\n{field_table.BEGIN}\nold table\n{field_table.END}\n", encoding="utf-8")
    monkeypatch.setattr(field_table, "DOC", doc)
    assert field_table.main(["--check"]) == 1
    assert field_table.main([]) == 0
    assert field_table.main(["--check"]) == 0
    assert "| `id` | required | string |" in doc.read_text(encoding="utf-8")


def test_the_docs_snippets_put_together_pass_the_strict_check(tmp_path):
    """As the doc promises: its lesson, quiz, scenario and course.toml, with a welcome file and the
    second lesson they refer to, make a pack without a finding."""
    from tests.content.packs import lesson_text, write
    from tutor.content.loader import check_pack

    doc = field_table.DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"^```(\w+)\n(.*?)\n^```", doc, re.S | re.M)
    lesson = next(body for lang, body in blocks if lang == "markdown" and body.startswith("+++"))
    quiz = next(body for lang, body in blocks if lang == "toml" and 'lesson = "interview-on-platform"' in body)
    course = next(body for lang, body in blocks if lang == "toml" and body.startswith('id = "my-agency-onboarding"'))
    scenario = re.search(r"^  ```toml\n(.*?)\n^  ```", doc, re.S | re.M).group(1).replace("\n  ", "\n")[2:]
    write(tmp_path / "lessons" / "interview.md", lesson + "\n")
    write(tmp_path / "lessons" / "first.md", lesson_text(id="why-the-platform", module="before-contract",
                                                         checked=lesson.split("checked = ")[1][:10]))
    write(tmp_path / "quizzes" / "interview.toml", quiz + "\n\n" + scenario + "\n")
    write(tmp_path / "course.toml", course + "\n")
    write(tmp_path / "welcome.md", "Welcome.\n")
    _course, findings = check_pack(tmp_path, max_age_days=36500)
    assert [f.format(tmp_path) for f in findings] == []
