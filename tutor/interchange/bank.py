"""A question bank: what the learning platforms' formats can say, between the model and the files.

The formats know three kinds (single, multi, true/false) and categories, and nothing of scenarios,
lessons or progress: export flattens the model into a bank (flatten.py), import reads a file into one
(moodle_xml.py, gift.py), and pack_writer.py writes a bank as a pack's TOML. Plain data only.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

BANK_KINDS = ("single", "multi", "truefalse")

# What the tutor writes in a question's tags (Moodle XML <tags>, GIFT [tag:]), so that what the formats
# have no field for comes back on import, even after a trip through Moodle, which keeps tags.
TAG_SOURCE, TAG_RULE, TAG_RISK_HIGH = "tutor-source-", "tutor-rule-", "tutor-risk-high"
TAG_PARTIAL, TAG_KEEP_ORDER, TAG_FLATTENED = "tutor-partial-credit", "tutor-keep-order", "tutor-scenario-step"
MOODLE_TAG_LENGTH = 50  # Moodle cuts longer tags (TAG_MAX_LENGTH)


class BankSource(Struct, frozen=True):
    """The rule's source as the general feedback states it; `id` is the pack's source id when known."""

    title: str
    section: str
    url: str
    checked: date | None
    id: str | None = None


class BankOption(Struct, frozen=True):
    id: str | None  # None: the file gave none (the import numbers them)
    text: str
    feedback: str
    correct: bool
    weight: float | None = None  # as read from a file (percent); None: derived from `correct`


class BankQuestion(Struct, frozen=True):
    """One question of a bank. `quiz` and `id` are the pack's ids when known (from an export of ours:
    the idnumber "quiz/question"); `step` is set on a question flattened from a scenario's step."""

    kind: str  # one of BANK_KINDS
    name: str
    prompt: str
    options: tuple[BankOption, ...]
    explanation: str = ""
    hints: tuple[str, ...] = ()
    source: BankSource | None = None
    quiz: str | None = None
    id: str | None = None
    step: str | None = None
    risk: str | None = None  # None: the file does not say (a bank not made by the tutor)
    rule: str | None = None
    partial_credit: bool = False
    shuffle: bool = True
    line: int = 0  # where it starts in the file read, for the import report

    @property
    def idnumber(self) -> str:
        """The stable identifier written into every format: "quiz/question" (and "/step")."""
        parts = [self.quiz or "", self.id or ""] + ([self.step] if self.step else [])
        return "/".join(parts)

    @property
    def tags(self) -> tuple[str, ...]:
        tags = []
        if self.source is not None and self.source.id:
            tags.append(TAG_SOURCE + self.source.id)
        if self.rule:
            tags.append(TAG_RULE + self.rule)
        if self.risk == "high":
            tags.append(TAG_RISK_HIGH)
        if self.partial_credit:
            tags.append(TAG_PARTIAL)
        if not self.shuffle:
            tags.append(TAG_KEEP_ORDER)
        if self.step:
            tags.append(TAG_FLATTENED)
        return tuple(tags)


class BankCategory(Struct):
    """A quiz as a platform sees it: a category, under its module's category."""

    title: str  # the quiz's title (the last part of the category path)
    module: str = ""  # the module's title ("" when the quiz is in no module)
    quiz: str | None = None  # the quiz's id, when known
    module_id: str | None = None
    questions: list[BankQuestion] = []

    @property
    def path(self) -> tuple[str, ...]:
        return (self.module, self.title) if self.module else (self.title,)


class Bank(Struct):
    title: str
    categories: list[BankCategory]

    def questions(self) -> list[BankQuestion]:
        return [q for category in self.categories for q in category.questions]


# -- Moodle's grades ---------------------------------------------------------------------------

# The only percentages Moodle's importers accept (question_bank::fraction_options_full), and their
# negatives: any other value makes Moodle reject the question and, by default, the whole import.
MOODLE_GRADES = (100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0, 20.0,
                 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0)


def is_moodle_grade(percent: float) -> bool:
    return any(abs(abs(percent) - grade) < 0.001 for grade in MOODLE_GRADES)


def shares(count: int) -> list[float] | None:
    """`count` Moodle grades that add up to 100 (after Moodle's rounding to 2 decimals), as equal as
    the grade list allows; None when it cannot be done (more than 20 right options)."""
    if count < 1 or count > 20:
        return None
    if count <= 10:
        share = min(MOODLE_GRADES, key=lambda grade: abs(grade - 100 / count))
        return [share] * count
    return [10.0] * (20 - count) + [5.0] * (2 * count - 20)  # 11..20: tens and fives


def penalty(count: int) -> float:
    """The grade a wrong tick costs when `count` options are wrong: the largest grade not above
    100/count, so that ticking every wrong option costs at most the whole question."""
    return -max(grade for grade in MOODLE_GRADES if grade <= 100 / count + 0.001)


def percent_text(percent: float) -> str:
    """33.33333, 100, -50, 12.5: how Moodle writes a grade."""
    text = f"{percent:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- the general feedback --------------------------------------------------------------------------

HINT_PREFIX = "Hint: "


def general_feedback(question: BankQuestion, with_hints: bool) -> str:
    """The explanation, then the hints (for formats that have no place for them), then the rule's
    source on lines of their own, which the import reads back (`split_general_feedback`)."""
    parts = [question.explanation] if question.explanation else []
    if with_hints and question.hints:
        parts.append("\n".join(HINT_PREFIX + hint for hint in question.hints))
    if question.source is not None:
        parts.append(source_paragraph(question.source))
    return "\n\n".join(parts)


def source_paragraph(source: BankSource) -> str:
    lines = [f"Rule: {source.title}"]
    if source.section:
        lines.append(f"Section: {source.section}")
    if source.checked:
        lines.append(f"Checked: {source.checked.isoformat()}")
    if source.url:
        lines.append(source.url)
    return "\n".join(lines)


_SOURCE = re.compile(r"Rule: (?P<title>[^\n]+)(?:\nSection: (?P<section>[^\n]*))?"
                     r"(?:\nChecked: (?P<checked>\d{4}-\d{2}-\d{2}))?(?:\n(?P<url>https?://\S+))?")


def split_general_feedback(text: str) -> tuple[str, tuple[str, ...], BankSource | None]:
    """The explanation, hints and source of a general feedback written by `general_feedback`; a
    general feedback written by anyone else is all explanation."""
    paragraphs = text.strip().split("\n\n")
    source = None
    found = _SOURCE.fullmatch(paragraphs[-1]) if paragraphs else None
    if found is not None:
        paragraphs.pop()
        try:
            checked = date.fromisoformat(found["checked"]) if found["checked"] else None
        except ValueError:
            checked = None
        source = BankSource(found["title"], found["section"] or "", found["url"] or "", checked)
    hints: tuple[str, ...] = ()
    if paragraphs and all(line.startswith(HINT_PREFIX) for line in paragraphs[-1].split("\n")):
        hints = tuple(line[len(HINT_PREFIX):] for line in paragraphs.pop().split("\n"))
    return "\n\n".join(paragraphs), hints, source
