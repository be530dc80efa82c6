"""QTI 2.1 export (issue 29): a content package a platform takes, valid against the IMS XSDs, for the
shipped course and every example pack, with the tutor's scoring and every option's feedback kept."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tests.interchange.conftest import PACKS, export, pack_name

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


def files(package: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()}


@pytest.mark.parametrize("root", PACKS, ids=pack_name)
def test_every_file_of_the_package_validates_against_the_ims_schemas(root, validator):
    package, report = export(root, "qti21")
    assert report.questions > 0
    assert validator.errors(package) == []


def test_the_manifest_lists_every_file_and_each_test_every_item_of_its_quiz(shipped):
    package, report = export(shipped, "qti21")
    documents = files(package)
    manifest = documents.pop("imsmanifest.xml")
    listed = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert listed == set(documents)
    items = [name for name in documents if name.startswith("items/")]
    tests = [name for name in documents if name.startswith("tests/")]
    assert len(items) == report.questions and len(tests) == report.quizzes == len(shipped.quiz_index) == 12
    referenced = [ref.get("href").removeprefix("../") for name in tests for ref in documents[name].iter(
        f"{QTI}assessmentItemRef")]
    assert sorted(referenced) == sorted(items)
    # no LOM metadata: only the schema's name and version, and the QTI metadata that validates
    assert not [e for e in manifest.iter() if isinstance(e.tag, str) and "imsmd" in e.tag]


def test_a_re_export_is_byte_for_byte_the_same_so_platforms_update_by_identifier(shipped):
    assert export(shipped, "qti21")[0] == export(shipped, "qti21")[0]
    items = files(export(shipped, "qti21", ["interview-stays-on-platform"])[0])
    ids = {doc.get("identifier") for name, doc in items.items() if name.startswith("items/")}
    assert "item.interview-stays-on-platform.when-interview-starts" in ids


def test_every_option_keeps_its_feedback_and_the_explanation_and_source_follow_every_answer(shipped):
    quiz = shipped.quiz("interview-stays-on-platform")
    question = quiz.question("when-interview-starts")
    item = files(export(shipped, "qti21", [quiz.id])[0])[f"items/{quiz.id}/{question.id}.xml"]
    feedback = {f.get("identifier"): " ".join(f.itertext()) for f in item.iter(f"{QTI}modalFeedback")}
    for option in question.options:
        assert option.feedback in feedback[option.id]
    general = feedback["shown"]
    assert question.explanation in general and "Checked: 20" in general and "https://" in general
    assert [v.text for v in item.iter(f"{QTI}value") if v.getparent().tag == f"{QTI}correctResponse"] == [
        next(o.id for o in question.options if o.correct)]


def test_no_option_of_any_item_goes_without_its_feedback(shipped):
    package = files(export(shipped, "qti21")[0])
    for name, doc in package.items():
        if name.startswith("items/"):
            choices = {c.get("identifier") for c in doc.iter(f"{QTI}simpleChoice")}
            shown = {f.get("identifier") for f in doc.iter(f"{QTI}modalFeedback") if " ".join(f.itertext()).strip()}
            assert choices and choices <= shown, name


def test_select_all_scoring_is_the_tutors_all_or_nothing_or_share_of_options(shipped):
    """All or nothing: `match` against the correct response; partial credit: the share of options
    judged right, (right ticks - wrong ticks + wrong options) / options, written out in full."""
    package = files(export(shipped, "qti21")[0])
    multi = [(q, doc) for name, doc in package.items() if name.startswith("items/")
             for q in [doc.find(f"{QTI}responseDeclaration")] if q.get("cardinality") == "multiple"]
    assert multi
    partial = [doc for _q, doc in multi if doc.find(f".//{QTI}divide") is not None]
    whole = [doc for _q, doc in multi if doc.find(f".//{QTI}match") is not None]
    assert partial and whole and len(partial) + len(whole) == len(multi)
    for doc in partial:
        entries = doc.findall(f".//{QTI}mapEntry")
        options = doc.findall(f".//{QTI}simpleChoice")
        assert len(entries) == len(options) and {e.get("mappedValue") for e in entries} <= {"1", "-1"}
