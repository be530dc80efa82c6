"""Moodle XML: the question bank format of Moodle's importer and exporter, written and read.

Written as Moodle's importer accepts it (docs/lms.md; ../shared/reference/schemas/moodle-xml-notes.md):
plain-text fields (so no text is ever taken as HTML), grades only from Moodle's list, positive grades
of a select-all question adding up to 100, `true`/`false` answers, one category per module and quiz.
The pack's ids travel as the question's idnumber ("quiz/question") and each answer's
<tutor_option_id>, an element Moodle ignores; risk, rule and source as tags, which Moodle keeps.
Read: multichoice and truefalse become questions; every other type is named in the report.
"""

from __future__ import annotations

from lxml import etree

from tutor.interchange.bank import (
    MOODLE_TAG_LENGTH,
    Bank,
    BankCategory,
    BankQuestion,
    general_feedback,
    penalty,
    percent_text,
    shares,
)
from tutor.interchange.html_text import html_to_text
from tutor.interchange.reading import Answer, Categories, ReadQuestion, take
from tutor.interchange.report import ExportReport, ImportReport
from tutor.interchange.safe_xml import UnsafeFile, all_text, line_of, parse

OPTION_ID = "tutor_option_id"
TEXT_FORMAT = "plain_text"
UNSUPPORTED = {
    "essay": "essay", "matching": "matching", "numerical": "numerical", "shortanswer": "short answer",
    "multianswer": "embedded answers (cloze)", "calculated": "calculated", "calculatedsimple": "calculated (simple)",
    "calculatedmulti": "calculated multichoice", "ddwtos": "drag and drop into text", "ddimageortext":
    "drag and drop onto image", "ddmarker": "drag and drop markers", "gapselect": "select missing words",
    "randomsamatch": "random short-answer matching", "description": "description (text, no question)",
    "random": "random question", "ordering": "ordering",
}


# -- writing ---------------------------------------------------------------------------------------

def write(bank: Bank, report: ExportReport) -> bytes:
    quiz = etree.Element("quiz")
    quiz.append(etree.Comment(f" {bank.title}: written by tutor lms export (docs/lms.md) "
                              .replace("--", "- -")))
    for category in bank.categories:
        quiz.append(_category(category))
        for question in category.questions:
            element = _question(question, report)
            if element is not None:
                quiz.append(element)
    describe_multi_scoring(bank, report, "Moodle")
    return etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def category_path(category: BankCategory) -> str:
    """`$course$/top/Module/Quiz`: a literal "/" in a title is written "//" (Moodle's rule)."""
    return "/".join(["$course$", "top", *(part.replace("/", "//") for part in category.path)])


def _category(category: BankCategory) -> etree._Element:
    element = etree.Element("question", type="category")
    _text_field(element, "category", category_path(category), with_format=False)
    _text_field(element, "info", f"Questions of the tutor's quiz \"{category.title}\".")
    etree.SubElement(element, "idnumber").text = category.quiz or ""
    return element


def _text_field(parent: etree._Element, name: str, text: str, with_format: bool = True) -> etree._Element:
    field = etree.SubElement(parent, name, format=TEXT_FORMAT) if with_format else etree.SubElement(parent, name)
    etree.SubElement(field, "text").text = text  # lxml escapes < & > (and so "]]>"): no CDATA needed
    return field


def _question(question: BankQuestion, report: ExportReport) -> etree._Element | None:
    grades = option_grades(question)
    if grades is None:
        report.lose(question.idnumber, "not exported: more than 20 right options cannot be written with Moodle's "
                    "grades, whose right options must add up to 100")
        report.questions -= 1
        return None
    element = etree.Element("question", type="truefalse" if question.kind == "truefalse" else "multichoice")
    _text_field(element, "name", question.name, with_format=False)
    _text_field(element, "questiontext", question.prompt)
    _text_field(element, "generalfeedback", general_feedback(question, with_hints=False))
    etree.SubElement(element, "defaultgrade").text = "1"
    etree.SubElement(element, "penalty").text = "1" if question.kind == "truefalse" else "0.3333333"
    etree.SubElement(element, "hidden").text = "0"
    etree.SubElement(element, "idnumber").text = question.idnumber
    if question.kind != "truefalse":
        etree.SubElement(element, "single").text = "false" if question.kind == "multi" else "true"
        etree.SubElement(element, "shuffleanswers").text = "true" if question.shuffle else "false"
        etree.SubElement(element, "answernumbering").text = "abc"
    for option, grade in zip(question.options, grades):
        answer = etree.SubElement(element, "answer", fraction=percent_text(grade), format=TEXT_FORMAT)
        text = option.text if question.kind != "truefalse" else (option.id or "")
        etree.SubElement(answer, "text").text = text
        _text_field(answer, "feedback", option.feedback)
        if question.kind != "truefalse":
            etree.SubElement(answer, OPTION_ID).text = option.id
    for hint in question.hints:
        _text_field(element, "hint", hint)
    if question.tags:
        tags = etree.SubElement(element, "tags")
        for tag in question.tags:
            etree.SubElement(etree.SubElement(tags, "tag"), "text").text = tag
            if len(tag) > MOODLE_TAG_LENGTH:
                report.lose(question.idnumber, f'tag "{tag}" is longer than Moodle keeps ({MOODLE_TAG_LENGTH} '
                            "characters): a bank exported from Moodle again comes back without it")
    return element


def option_grades(question: BankQuestion) -> list[float] | None:
    """Each option's grade in percent, from Moodle's list: single and true/false 100 for a right option;
    select-all: the right options share 100, a wrong tick costs the whole question (all or nothing) or
    an equal share of it (partial credit). None when the right options cannot share 100."""
    if question.kind != "multi":
        return [100.0 if option.correct else 0.0 for option in question.options]
    right = sum(option.correct for option in question.options)
    wrong = len(question.options) - right
    gains = shares(right)
    if gains is None:
        return None
    cost = penalty(wrong) if question.partial_credit and wrong else -100.0
    given = iter(gains)
    return [next(given) if option.correct else cost for option in question.options]


def describe_multi_scoring(bank: Bank, report: ExportReport, platform: str) -> None:
    """Say how select-all questions score on a platform that grades each tick (Moodle, GIFT)."""
    multi = [q for q in bank.questions() if q.kind == "multi"]
    whole = [q.idnumber for q in multi if not q.partial_credit]
    share = [q.idnumber for q in multi if q.partial_credit]
    if whole:
        report.note("select-all questions, all or nothing in the tutor", f"{platform} scores each tick: the right "
                    "options share the mark and any wrong tick costs all of it, so a learner who ticks only some "
                    f"of the right options gets part marks where the tutor gives none ({len(whole)}):",
                    ", ".join(whole))
    if share:
        report.note("select-all questions with partial credit", "the tutor scores the share of options judged "
                    f"right (an untouched wrong option counts as right); {platform} adds the right options' shares "
                    "and takes an equal share off for each wrong tick, so ticking nothing scores 0 there "
                    f"({len(share)}):", ", ".join(share))


# -- reading ---------------------------------------------------------------------------------------

def read(data: bytes, name: str, report: ImportReport) -> Bank:
    """A bank of the multichoice and truefalse questions of a Moodle XML file; UnsafeFile if the file
    is refused or is not a Moodle question bank."""
    root = parse(data, name)
    if root.tag != "quiz":
        raise UnsafeFile(f"{name}:{line_of(root)}: not a Moodle XML question bank (its root element is "
                         f"<{root.tag}>, not <quiz>)")
    categories = Categories(_stem(name))
    for element in root.iterchildren("question"):
        kind = element.get("type", "")
        if kind == "category":
            categories.enter(_text(element, "category", "plain_text")[0], _plain(element, "idnumber") or None)
            continue
        question = _read_question(element, kind)
        if kind not in ("multichoice", "truefalse"):
            what = UNSUPPORTED.get(kind, f'"{kind}"')
            report.skip(question.where, f"{what}: the tutor has no such kind of question")
            continue
        taken = take(question, report)
        if taken is not None:
            categories.add(taken)
    return categories.bank


def _stem(name: str) -> str:
    from pathlib import PurePath

    return PurePath(name).stem or "Imported questions"


def _plain(element: etree._Element, name: str) -> str:
    child = element.find(name)
    return all_text(child).strip() if child is not None else ""


def _text(element: etree._Element, name: str, default_format: str = "html") -> tuple[str, list[str]]:
    """A text field's text as plain text (HTML converted), and what was dropped from it."""
    field = element.find(name)
    if field is None:
        return "", []
    text_element = field.find("text")
    text = all_text(text_element).strip() if text_element is not None else ""
    dropped = ["an embedded file"] * len(field.findall("file"))
    if field.get("format", default_format) in ("html", "moodle_auto_format"):
        text, lost = html_to_text(text)
        dropped += lost
    return text, dropped


def _read_question(element: etree._Element, kind: str) -> ReadQuestion:
    name, _lost = _text(element, "name", "plain_text")
    question = ReadQuestion(kind, name or "(no name)", line_of(element))
    text_field = element.find("questiontext")
    text_format = text_field.get("format", "html") if text_field is not None else "html"
    question.prompt, question.dropped = _text(element, "questiontext", text_format)
    question.general, lost = _text(element, "generalfeedback", text_format)
    question.dropped += lost
    question.single = element.find("single") is None or _flag(_plain(element, "single"))
    shuffle = _plain(element, "shuffleanswers")
    question.shuffle = _flag(shuffle) if shuffle else None
    question.idnumber = _plain(element, "idnumber")
    question.tags = [_plain(tag, "text") for tag in element.iterfind("tags/tag")]
    question.hints = [text for text in (_text(hint, ".", text_format)[0] for hint in element.iterfind("hint")) if text]
    for answer in element.iterfind("answer"):
        text, lost = _text(answer, ".", answer.get("format", text_format))
        feedback, lost_too = _text(answer, "feedback", text_format)
        question.dropped += lost + lost_too
        question.answers.append(Answer(text, _percent(answer.get("fraction", "0")), feedback,
                                       _plain(answer, OPTION_ID) or None))
    if kind == "truefalse":
        _true_false(question)
    return question


def _flag(value: str) -> bool:
    """Moodle's trans_single: "false", "0" and "" are false, anything else true."""
    return value.strip().lower() not in ("false", "0", "")


def _percent(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _true_false(question: ReadQuestion) -> None:
    """Name the two answers true and false by their text, or (as Moodle does) by their order."""
    texts = [answer.text.strip().lower() for answer in question.answers]
    if sorted(texts) != ["false", "true"]:
        question.dropped.append("true/false answers not spelled true and false (taken in the order true, false)")
        texts = ["true", "false"][: len(texts)]
    for answer, text in zip(question.answers, texts):
        answer.id, answer.text = text, text.capitalize()
    question.answers.sort(key=lambda answer: answer.id != "true")
