"""IMS QTI 2.1: a content package (.zip) of one assessmentItem per question and one assessmentTest per
quiz, with an imsmanifest.xml (IMS Content Packaging 1.2) that lists them and groups the tests by module.

Every file validates against the IMS XSDs (tests/interchange/test_qti21.py). The manifest carries no
LOM metadata (that schema cannot be shipped, so it could not be checked), only the QTI metadata.
Scoring is the tutor's own, written out in full: a select-all question is all or nothing, or scores
the share of options judged right (partial credit). Per-option feedback is a modalFeedback shown for
the options chosen; the explanation and the rule's source one shown after every answer.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from tutor import __version__
from tutor.interchange.bank import Bank, BankCategory, BankOption, BankQuestion, general_feedback
from tutor.interchange.report import ExportReport

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
QTI_META = "http://www.imsglobal.org/xsd/imsqti_metadata_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
SHOWN = "shown"  # the value of GENERAL once the learner has answered: the general feedback shows
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the same bytes every export: a re-export differs only where the pack did


def _namespaces(default: str, **prefixed: str) -> dict[Any, str]:
    return {None: default, "xsi": XSI, **prefixed}


def identifier(*parts: str) -> str:
    """An NCName made of the pack's ids (which may start with a digit, an NCName may not)."""
    joined = ".".join(parts)
    return joined if joined[:1].isalpha() or joined[:1] == "_" else "_" + joined


def item_path(question: BankQuestion) -> str:
    name = ".".join(part for part in (question.id, question.step) if part)
    return f"items/{question.quiz}/{name}.xml"


def write(bank: Bank, package_id: str) -> bytes:
    files: dict[str, bytes] = {}
    for category in bank.categories:
        for question in category.questions:
            files[item_path(question)] = _xml(assessment_item(question))
        files[f"tests/{category.quiz}.xml"] = _xml(assessment_test(category))
    manifest = _xml(build_manifest(bank, package_id))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in [("imsmanifest.xml", manifest), *files.items()]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
    return buffer.getvalue()


def describe(bank: Bank, report: ExportReport) -> None:
    """What QTI 2.1, as written here, does not carry."""
    questions = bank.questions()
    hinted = [q.idnumber for q in questions if q.hints]
    if hinted:
        report.note("hints", "written at the end of the feedback shown after the answer, not before: QTI's hints "
                    f"need an adaptive item, which few platforms play ({len(hinted)}):", ", ".join(hinted))
    high = [q.idnumber for q in questions if q.risk == "high"]
    if high or any(q.rule for q in questions):
        report.note("risk and rule", "not carried: a platform has no readiness verdict to use them "
                    f"(high-risk questions: {len(high)})", ", ".join(high))


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _q(name: str) -> str:
    return f"{{{QTI}}}{name}"


def _sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _q(name), attributes)
    if text is not None:
        element.text = text
    return element


def _paragraphs(parent: etree._Element, text: str) -> None:
    """Text as <p> elements, one per paragraph, single newlines as <br/>: never parsed as markup."""
    for paragraph in text.split("\n\n"):
        _lines(_sub(parent, "p"), paragraph)


def _lines(element: etree._Element, text: str) -> None:
    lines = text.split("\n")
    element.text = lines[0]
    for line in lines[1:]:
        _sub(element, "br").tail = line


# -- an item ---------------------------------------------------------------------------------------

def item_identifier(question: BankQuestion) -> str:
    return identifier("item", question.quiz or "", *(part for part in (question.id, question.step) if part))


def choice_identifier(option: BankOption) -> str:
    return identifier(option.id or "option")


def assessment_item(question: BankQuestion) -> etree._Element:
    multiple = question.kind == "multi"
    item = etree.Element(_q("assessmentItem"), nsmap=_namespaces(QTI))
    item.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    item.attrib.update({"identifier": item_identifier(question), "title": question.name, "adaptive": "false",
                        "timeDependent": "false"})
    right = [choice_identifier(o) for o in question.options if o.correct]
    response = _sub(item, "responseDeclaration", identifier="RESPONSE", baseType="identifier",
                    cardinality="multiple" if multiple else "single")
    correct = _sub(response, "correctResponse")
    for value in right if multiple else right[:1]:
        _sub(correct, "value", value)
    if not multiple or question.partial_credit:
        # single: any right option scores (a flattened scenario step may have two); partial: +1 / -1 per tick
        mapping = _sub(response, "mapping", defaultValue="0")
        for option in question.options:
            if option.correct or multiple:
                _sub(mapping, "mapEntry", mapKey=choice_identifier(option), mappedValue="1" if option.correct else "-1")
    for name, base, cardinality, default in (("SCORE", "float", "single", "0"), ("MAXSCORE", "float", "single", "1"),
                                             ("FEEDBACK", "identifier", response.get("cardinality", ""), None),
                                             ("GENERAL", "identifier", "single", None)):
        outcome = _sub(item, "outcomeDeclaration", identifier=name, cardinality=cardinality, baseType=base)
        if default is not None:
            _sub(_sub(outcome, "defaultValue"), "value", default)
    body = _sub(item, "itemBody")
    _paragraphs(body, question.prompt)
    interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE",
                       shuffle="true" if question.shuffle else "false", maxChoices="0" if multiple else "1")
    for option in question.options:
        _lines(_sub(interaction, "simpleChoice", identifier=choice_identifier(option)), option.text)
    _response_processing(item, question)
    for option in question.options:
        feedback = _sub(item, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=choice_identifier(option),
                        showHide="show", title=option.text)
        _paragraphs(feedback, option.feedback)
    general = general_feedback(question, with_hints=True)
    if general:
        _paragraphs(_sub(item, "modalFeedback", outcomeIdentifier="GENERAL", identifier=SHOWN, showHide="show"),
                    general)
    return item


def _set(parent: etree._Element, outcome: str) -> etree._Element:
    return _sub(parent, "setOutcomeValue", identifier=outcome)


def _number(parent: etree._Element, value: float) -> None:
    _sub(parent, "baseValue", f"{value:g}", baseType="float")


def _response_processing(item: etree._Element, question: BankQuestion) -> None:
    processing = _sub(item, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    first = _sub(condition, "responseIf")
    otherwise = _sub(condition, "responseElse")
    if question.kind == "multi" and not question.partial_credit:
        # all or nothing: exactly the right options
        match = _sub(first, "match")
        _sub(match, "variable", identifier="RESPONSE")
        _sub(match, "correct", identifier="RESPONSE")
        _number(_set(first, "SCORE"), 1)
        _number(_set(otherwise, "SCORE"), 0)
    else:
        wrong = sum(not option.correct for option in question.options) if question.kind == "multi" else 0
        count = len(question.options) if question.kind == "multi" else 1
        _sub(_sub(first, "isNull"), "variable", identifier="RESPONSE")
        _number(_set(first, "SCORE"), wrong / count)
        score = _set(otherwise, "SCORE")
        if question.kind == "multi":
            # the share of options judged right: (right ticks - wrong ticks + wrong options) / options
            divide = _sub(score, "divide")
            total = _sub(divide, "sum")
            _sub(total, "mapResponse", identifier="RESPONSE")
            _number(total, wrong)
            _number(divide, count)
        else:
            _sub(score, "mapResponse", identifier="RESPONSE")
    _sub(_set(processing, "FEEDBACK"), "variable", identifier="RESPONSE")
    _sub(_set(processing, "GENERAL"), "baseValue", SHOWN, baseType="identifier")


# -- a test, the manifest --------------------------------------------------------------------------

def test_identifier(category: BankCategory) -> str:
    return identifier("test", category.quiz or "")


def assessment_test(category: BankCategory) -> etree._Element:
    test = etree.Element(_q("assessmentTest"), nsmap=_namespaces(QTI))
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    test.attrib.update({"identifier": test_identifier(category), "title": category.title, "toolName": "tutor",
                        "toolVersion": __version__})
    _sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    part = _sub(test, "testPart", identifier="part", navigationMode="linear", submissionMode="individual")
    section = _sub(part, "assessmentSection", identifier="section", title=category.title, visible="true")
    for question in category.questions:
        _sub(section, "assessmentItemRef", identifier=item_identifier(question), href=f"../{item_path(question)}")
    total = _sub(_sub(_sub(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE"), "sum")
    _sub(total, "testVariables", variableIdentifier="SCORE")
    return test


def _cp(name: str) -> str:
    return f"{{{CP}}}{name}"


def _cp_sub(parent: etree._Element, name: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, _cp(name), attributes)
    if text is not None:
        element.text = text
    return element


def build_manifest(bank: Bank, package_id: str) -> etree._Element:
    manifest = etree.Element(_cp("manifest"), nsmap=_namespaces(CP, imsqti=QTI_META))
    manifest.set(f"{{{XSI}}}schemaLocation", f"{CP} {CP_XSD} {QTI_META} "
                 "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_metadata_v2p1.xsd")
    manifest.set("identifier", identifier("manifest", package_id))
    metadata = _cp_sub(manifest, "metadata")
    _cp_sub(metadata, "schema", "QTIv2.1 Package")
    _cp_sub(metadata, "schemaversion", "1.0.0")
    organizations = _cp_sub(manifest, "organizations", default=identifier("organization", package_id))
    organization = _cp_sub(organizations, "organization", identifier=identifier("organization", package_id))
    _cp_sub(organization, "title", bank.title)
    modules: dict[str, etree._Element] = {}
    for category in bank.categories:
        parent = organization
        if category.module:
            if category.module not in modules:
                module = _cp_sub(organization, "item", identifier=identifier("module", str(len(modules) + 1)))
                _cp_sub(module, "title", category.module)
                modules[category.module] = module
            parent = modules[category.module]
        quiz = _cp_sub(parent, "item", identifier=identifier("quiz", category.quiz or ""),
                       identifierref=test_identifier(category))
        _cp_sub(quiz, "title", category.title)
    resources = _cp_sub(manifest, "resources")
    for category in bank.categories:
        href = f"tests/{category.quiz}.xml"
        test = _cp_sub(resources, "resource", identifier=test_identifier(category), type="imsqti_test_xmlv2p1",
                       href=href)
        _cp_sub(test, "file", href=href)
        for question in category.questions:
            _cp_sub(test, "dependency", identifierref=item_identifier(question))
    for question in bank.questions():
        _item_resource(resources, question)
    return manifest


def _item_resource(resources: etree._Element, question: BankQuestion) -> None:
    resource = _cp_sub(resources, "resource", identifier=item_identifier(question), type="imsqti_item_xmlv2p1",
                       href=item_path(question))
    metadata = etree.SubElement(etree.SubElement(resource, _cp("metadata")), f"{{{QTI_META}}}qtiMetadata")
    for name, value in (("timeDependent", "false"), ("interactionType", "choiceInteraction"),
                        ("feedbackType", "nonadaptive"), ("solutionAvailable", "true"), ("toolName", "tutor"),
                        ("toolVersion", __version__)):
        etree.SubElement(metadata, f"{{{QTI_META}}}{name}").text = value
    _cp_sub(resource, "file", href=item_path(question))
