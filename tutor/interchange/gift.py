"""GIFT: Moodle's plain-text question format, written and read as Moodle's own importer does it.

Written (../shared/reference/schemas/gift-notes.md): one question per block of lines with a blank line
between blocks and none inside; every `\\ ~ = # { } :` of pack text escaped, newlines as `\\n`, as
Moodle's exporter does (so stricter parsers accept it too); `[plain]` so no text is taken as HTML;
`=` only in single-choice blocks (an `=` makes a block single choice); weights from Moodle's list.
The pack's ids travel in a comment line (`// [id:quiz/question] [tag:...]`, which Moodle reads) and
`// tutor-options: ...` (which it ignores). Read: multichoice and true/false become questions; every
other type is named in the report.
"""

from __future__ import annotations

import re

from tutor.interchange.bank import Bank, BankCategory, BankQuestion, general_feedback, percent_text
from tutor.interchange.html_text import html_to_text
from tutor.interchange.moodle_xml import category_path, describe_multi_scoring, option_grades
from tutor.interchange.reading import Answer, Categories, ReadQuestion, take
from tutor.interchange.report import ExportReport, ImportReport
from tutor.interchange.safe_xml import UnsafeFile

OPTIONS_COMMENT = "tutor-options:"
_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n"}


# -- writing ---------------------------------------------------------------------------------------

def escape(text: str) -> str:
    """Moodle's repchar: every character GIFT reads as markup, escaped; newlines as \\n."""
    return "".join(_SPECIAL.get(char, char) for char in text.replace("\r", ""))


def _text(text: str) -> str:
    """Escaped text for an answer or a feedback: one that starts like a format marker ("[html]...")
    gets `[plain]` first, or Moodle would take its start for the marker."""
    return ("[plain]" if _FORMAT.match(text) else "") + escape(text)


def write(bank: Bank, report: ExportReport) -> bytes:
    blocks = [f"// {_one_line(bank.title)}: written by tutor lms export (docs/lms.md)"]
    for category in bank.categories:
        blocks.append(_category(category))
        for question in category.questions:
            block = _question(question, report)
            if block:
                blocks.append(block)
    describe_multi_scoring(bank, report, "Moodle (from GIFT)")
    _describe_settings(bank, report)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _category(category: BankCategory) -> str:
    # Moodle reads the path raw (no escapes): a title is kept to one line.
    path = category_path(BankCategory(_one_line(category.title), _one_line(category.module)))
    return f"$CATEGORY: {path}"


def _question(question: BankQuestion, report: ExportReport) -> str:
    grades = option_grades(question)
    if grades is None:
        report.lose(question.idnumber, "not exported: more than 20 right options cannot be written with Moodle's "
                    "grades, whose right options must add up to 100")
        report.questions -= 1
        return ""
    marks = " ".join([f"[id:{question.idnumber}]"] + [f"[tag:{tag}]" for tag in question.tags])
    lines = [f"// {marks}"]
    if question.kind != "truefalse":
        lines.append(f"// {OPTIONS_COMMENT} " + " ".join(option.id or "-" for option in question.options))
    general = general_feedback(question, with_hints=True)
    head = f"::{escape(question.name)}::[plain]{escape(question.prompt)}{{"
    if question.kind == "truefalse":
        right = next(option for option in question.options if option.correct)
        wrong = next(option for option in question.options if not option.correct)
        answer = "TRUE" if right.id == "true" else "FALSE"
        tail = f"####{_text(general)}" if general else ""
        lines.append(f"{head}{answer}#{_text(wrong.feedback)}#{_text(right.feedback)}{tail}}}")
        return "\n".join(lines)
    lines.append(head)
    for option, grade in zip(question.options, grades):
        mark = "=" if question.kind == "single" and grade == 100 else f"~%{percent_text(grade)}%"
        mark = "~" if question.kind == "single" and grade == 0 else mark
        lines.append(f"\t{mark}{_text(option.text)}#{_text(option.feedback)}")
    if general:
        lines.append(f"\t####{_text(general)}")
    lines.append("}")
    return "\n".join(lines)


def _describe_settings(bank: Bank, report: ExportReport) -> None:
    hinted = [q.idnumber for q in bank.questions() if q.hints]
    if hinted:
        report.note("hints", "GIFT has no hints: they are at the end of the general feedback, which Moodle shows "
                    f"after the answer, not before ({len(hinted)}):", ", ".join(hinted))
    ordered = [q.idnumber for q in bank.questions() if not q.shuffle]
    if ordered:
        report.note("options in a fixed order", "GIFT has no shuffle setting: the Moodle quiz's \"shuffle within "
                    f"questions\" decides; turn it off for these questions ({len(ordered)}):", ", ".join(ordered))


# -- reading ---------------------------------------------------------------------------------------

# Moodle's escapedchar_pre: escapes become placeholders before parsing, and characters again after it.
_ESCAPES = {"\\\\": "\ue000", "\\~": "\ue001", "\\=": "\ue002", "\\#": "\ue003", "\\{": "\ue004", "\\}": "\ue005",
            "\\:": "\ue006", "\\n": "\ue007"}
_RESTORE = {"\ue000": "\\", "\ue001": "~", "\ue002": "=", "\ue003": "#", "\ue004": "{", "\ue005": "}",
            "\ue006": ":", "\ue007": "\n"}
_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_MARK = re.compile(r"\[(id|tag):((?:\\\]|[^\]])+)\]")
_GIFT_TYPES = {"essay": "essay", "numerical": "numerical", "matching": "matching", "shortanswer": "short answer",
               "description": "description (text, no question)"}


def read(data: bytes, name: str, report: ImportReport) -> Bank:
    """A bank of the multichoice and true/false questions of a GIFT file; UnsafeFile if it is not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnsafeFile(f"{name}:{line}: not UTF-8 text (Moodle refuses it too); save the file as UTF-8") from None
    text = text.replace("\r\n", "\n") if "\n" in text else text.replace("\r", "\n")
    from pathlib import PurePath

    categories = Categories(PurePath(name).stem or "Imported questions")
    for line, chunk in _chunks(text):
        _read_chunk(line, chunk, categories, report)
    return categories.bank


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    """The file cut at blank lines, as Moodle does (every line trimmed), with each chunk's first line."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 1
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            if current:
                chunks.append((start, current))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        chunks.append((start, current))
    return chunks


def _read_chunk(start: int, lines: list[str], categories: Categories, report: ImportReport) -> None:
    comments = [line[2:] for line in lines if line.startswith("//")]
    body = [(start + i, line) for i, line in enumerate(lines) if not line.startswith("//")]
    if not body:
        return
    text = "\n".join(line for _n, line in body)
    if text.startswith("$CATEGORY:"):
        categories.enter(text[len("$CATEGORY:"):].strip())
        return
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    question = ReadQuestion("", "", body[0][0])
    _marks(comments, question)
    if text.startswith("::") and "::" in text[2:]:
        title, text = text[2:].split("::", 1)
        question.name = _restore(title).strip()
    text_format, text = _format(text.lstrip(), "moodle")
    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        question.type, question.prompt = "description", _restore(text)
    elif opening < 0 or closing < opening:
        report.skip(f"line {question.line}", "Could not find {...} around the answers (Moodle drops the question too)")
        return
    else:
        after = text[closing + 1:].strip()
        prompt = text[:opening] + (" _____ " + after if after else "")
        question.prompt, lost = _as_text(prompt.strip(), text_format)
        question.dropped += lost
        _answers(text[opening + 1:closing], text_format, question)
    question.name = question.name or question.prompt[:80] or "(no name)"
    if question.type not in ("multichoice", "truefalse"):
        report.skip(question.where, f"{_GIFT_TYPES.get(question.type, question.type)}: the tutor has no such "
                    "kind of question")
        return
    taken = take(question, report)
    if taken is not None:
        categories.add(taken)


def _marks(comments: list[str], question: ReadQuestion) -> None:
    for comment in comments:
        stripped = comment.strip()
        if stripped.startswith(OPTIONS_COMMENT):
            question.answers = [Answer("", 0, "", None if word == "-" else word)
                                for word in stripped[len(OPTIONS_COMMENT):].split()]
            continue
        for kind, value in _MARK.findall(comment):
            value = value.replace("\\]", "]").strip()
            if kind == "id":
                question.idnumber = value
            else:
                question.tags.append(value)


def _restore(text: str) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    return text


def _format(text: str, default: str) -> tuple[str, str]:
    found = _FORMAT.match(text)
    return (found.group(1), text[found.end():]) if found else (default, text)


def _as_text(text: str, text_format: str) -> tuple[str, list[str]]:
    text = _restore(text)
    return html_to_text(text) if text_format in ("html", "moodle") else (text.strip(), [])


def _answers(block: str, text_format: str, question: ReadQuestion) -> None:
    """The answer block, typed in Moodle's order: essay, numerical, multichoice, matching, true/false."""
    if "####" in block:
        block, general = block.rsplit("####", 1)
        question.general, lost = _as_text(_format(general.strip(), text_format)[1], text_format)
        question.dropped += lost
    stripped = block.strip()
    if not stripped:
        question.type = "essay"
    elif stripped.startswith("#"):
        question.type = "numerical"
    elif "~" in stripped:
        question.type = "multichoice"
        _choices(stripped, text_format, question)
    elif "=" in stripped and "->" in stripped:
        question.type = "matching"
    elif stripped.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        question.type = "truefalse"
        _true_false(stripped, text_format, question)
    else:
        question.type = "shortanswer"


def _choices(block: str, text_format: str, question: ReadQuestion) -> None:
    ids = [answer.id for answer in question.answers]  # from the tutor-options comment, if any
    question.single = "=" in block
    pieces = block.replace("=", "~=").split("~")
    if not pieces[0].strip():
        pieces = pieces[1:]
    question.answers = []
    for i, piece in enumerate(pieces):
        percent = 0.0
        piece = piece.strip()
        if piece.startswith("="):
            percent, piece = 100.0, piece[1:]
        else:
            weight = _WEIGHT.match(piece)
            if weight:
                percent, piece = float(weight.group(1)), piece[weight.end():]
        text, _hash, feedback = piece.partition("#")
        answer_format, text = _format(text.strip(), text_format)
        shown, lost = _as_text(text, answer_format)
        said, lost_too = _as_text(_format(feedback.strip(), text_format)[1], text_format)
        question.dropped += lost + lost_too
        question.answers.append(Answer(shown, percent, said, ids[i] if i < len(ids) else None))


def _true_false(block: str, text_format: str, question: ReadQuestion) -> None:
    """`{TRUE#shown if wrong#shown if right}`: the feedback is by outcome, stored per answer."""
    answer, *feedback = [part.strip() for part in block.split("#")]
    wrong, right = (feedback + ["", ""])[:2]
    wrong, right = (_as_text(*reversed(_format(text, text_format)))[0] for text in (wrong, right))
    is_true = answer in ("T", "TRUE")
    question.answers = [Answer("True", 100.0 if is_true else 0.0, right if is_true else wrong, "true"),
                        Answer("False", 0.0 if is_true else 100.0, wrong if is_true else right, "false")]
