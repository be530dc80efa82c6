"""What Moodle's importers accept, as ../shared/reference/schemas/moodle-xml-notes.md and gift-notes.md
state it, written as checks: a file that breaks one of them would make Moodle reject a question and,
with the import form's defaults (stop on error), the whole import."""

from __future__ import annotations

import re

from lxml import etree

from tutor.interchange.bank import MOODLE_GRADES

GIFT_SPECIAL = set("~=#{}:")


def grade_ok(text: str) -> bool:
    value = float(text)
    return any(abs(abs(value) - grade) < 0.00001 * 100 for grade in MOODLE_GRADES) and -100 <= value <= 100


def moodle_xml_problems(data: bytes) -> list[str]:
    """Every rule of the notes the file breaks, as "line N: what"."""
    problems = []
    if not data.startswith(b'<?xml version=\'1.0\' encoding=\'UTF-8\'?>') and not data.startswith(
            b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append("line 1: no UTF-8 XML declaration")
    data.decode("utf-8")  # must be UTF-8
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.tag != "quiz":
        return problems + [f"root is <{root.tag}>"]
    for q in root.iterchildren("question"):
        at = f"line {q.sourceline}"
        for text in q.iter("text"):
            if len(text):
                problems.append(f"{at}: <text> holds elements (Moodle: 'string expected (use CDATA?)')")
        kind = q.get("type")
        if kind == "category":
            if not (q.findtext("category/text") or "").startswith("$course$/top/"):
                problems.append(f"{at}: category path")
            continue
        if not (q.findtext("name/text") or "").strip():
            problems.append(f"{at}: missing question name")
        answers = q.findall("answer")
        for answer in answers:
            if not (answer.findtext("feedback/text") or "").strip():
                problems.append(f"{at}: an answer without feedback")
        if kind == "truefalse":
            texts = sorted(a.findtext("text") for a in answers)
            if texts != ["false", "true"] or sum(a.get("fraction") == "100" for a in answers) != 1:
                problems.append(f"{at}: true/false answers {texts}")
            continue
        if kind != "multichoice":
            problems.append(f"{at}: type {kind}")
            continue
        if len(answers) < 2:
            problems.append(f"{at}: fewer than 2 answers")
        fractions = [a.get("fraction") for a in answers]
        problems += [f"{at}: grade {f} is not one of Moodle's" for f in fractions if not grade_ok(f)]
        single = q.findtext("single") not in ("false", "0", "")
        if single and not any(float(f) == 100 for f in fractions):
            problems.append(f"{at}: single choice without a 100 answer")
        if not single and round(sum(float(f) for f in fractions if float(f) > 0), 2) != 100:
            problems.append(f"{at}: multiple response whose positive grades add up to "
                            f"{sum(float(f) for f in fractions if float(f) > 0)}")
    return problems


def unescape_marks(text: str) -> str:
    """Every GIFT escape replaced by a neutral letter: what is left of `~=#{}:` is markup."""
    return re.sub(r"\\.", "x", text)


def gift_problems(data: bytes) -> list[str]:
    """The notes' rules, as strict as an independent parser (gift-pegjs): outside the markup itself,
    no unescaped `~ = # { } :` anywhere; one block per question; grades from Moodle's list."""
    text = data.decode("utf-8")
    problems = []
    chunks, current, start = [], [], 1
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            if current:
                chunks.append((start, current))
            current = []
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        chunks.append((start, current))
    for start, lines in chunks:
        body = [line for line in lines if not line.strip().startswith("//")]
        if not body or body[0].startswith("$CATEGORY: $course$/top/"):
            continue
        at = f"line {start}"
        plain = [unescape_marks(line) for line in body]
        head = re.fullmatch(r"::([^~=#{}:]*)::\[plain\]([^~=#{}:]*)\{(.*)", plain[0])
        if head is None:
            problems.append(f"{at}: head {body[0][:60]!r}")
            continue
        block = head.group(3)
        if len(plain) == 1:  # true/false on one line
            if not re.fullmatch(r"(TRUE|FALSE)#[^~=#{}:]*#[^~=#{}:]*(####[^~=#{}:]*)?\}", block):
                problems.append(f"{at}: true/false block {block[:60]!r}")
            continue
        if block or plain[-1] != "}":
            problems.append(f"{at}: answers not in their own lines")
        single = any(line.startswith("\t=") for line in plain[1:-1])
        positives = 0.0
        answers = 0
        for line in plain[1:-1]:
            if line.startswith("\t####"):
                if set(line[5:]) & GIFT_SPECIAL:
                    problems.append(f"{at}: general feedback markup")
                continue
            found = re.fullmatch(r"\t(=|~%(-?[0-9.]+)%|~)([^~=#{}:]*)#([^~=#{}:]*)", line)
            if found is None:
                problems.append(f"{at}: answer line {line[:60]!r}")
                continue
            answers += 1
            weight = 100.0 if found.group(1) == "=" else float(found.group(2) or 0)
            if found.group(2) and not grade_ok(found.group(2)):
                problems.append(f"{at}: weight {found.group(2)}")
            positives += max(weight, 0)
            if found.group(1) == "=" and not single:
                problems.append(f"{at}: = in a multiple-response block")
        if answers < 2:
            problems.append(f"{at}: fewer than 2 answers")
        if not single and round(positives, 2) != 100:
            problems.append(f"{at}: positive weights add up to {positives}")
    return problems
