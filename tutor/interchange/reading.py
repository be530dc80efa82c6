"""What the Moodle XML and GIFT readers share: a question as read from a file, and the rules that turn
it into a bank question the tutor can hold (or into a line of the import report saying why not).

A question the tutor wrote carries its ids (idnumber "quiz/question") and tags for its source, rule
and risk, and comes back as it was; one from elsewhere gets what the file says, and the report says
what changed on the way (partial grades, scoring, answers with no text).
"""

from __future__ import annotations

from msgspec import Struct, field

from tutor.content.fields import ID_PATTERN
from tutor.interchange.bank import (
    TAG_FLATTENED,
    TAG_KEEP_ORDER,
    TAG_PARTIAL,
    TAG_RISK_HIGH,
    TAG_RULE,
    TAG_SOURCE,
    Bank,
    BankCategory,
    BankOption,
    BankQuestion,
    split_general_feedback,
)
from tutor.interchange.report import ImportReport


class Answer(Struct):
    text: str
    percent: float
    feedback: str = ""
    id: str | None = None


class ReadQuestion(Struct):
    """A question as the file states it, before the tutor's rules are applied."""

    type: str  # the file's own type name: multichoice, truefalse, essay, ...
    name: str
    line: int
    prompt: str = ""
    general: str = ""
    answers: list[Answer] = field(default_factory=list)
    single: bool = True
    shuffle: bool | None = None
    hints: list[str] = field(default_factory=list)
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # images, files ... left behind, or read another way

    @property
    def where(self) -> str:
        return f'line {self.line}, "{self.name}"'


def split_category_path(path: str) -> tuple[str, str]:
    """(module, quiz) of a category path: "$course$/top/Module/Quiz" gives ("Module", "Quiz"); deeper
    paths join the parents into the module's title; "//" is a literal "/" (Moodle's rule)."""
    parts = [part.replace("\0", "/").strip() for part in path.replace("//", "\0").split("/")]
    parts = [part for part in parts if part]
    if parts and parts[0].startswith("$") and parts[0].endswith("$"):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    if not parts:
        return "", ""
    return " / ".join(parts[:-1]), parts[-1]


class Categories:
    """The bank being read: questions go into the category named last (one per path)."""

    def __init__(self, default_title: str) -> None:
        self.bank = Bank(default_title, [])
        self._by_path: dict[tuple[str, str], BankCategory] = {}
        self.current: tuple[tuple[str, str], str | None] = (("", default_title), None)

    def enter(self, path: str, quiz_id: str | None = None) -> None:
        module, title = split_category_path(path)
        self.current = ((module, title or self.bank.title), quiz_id if quiz_id and ID_PATTERN.fullmatch(quiz_id)
                        else None)

    def add(self, question: BankQuestion) -> None:
        (module, title), quiz_id = self.current
        category = self._by_path.get((module, title))
        if category is None:
            category = BankCategory(title, module, quiz_id)
            self._by_path[(module, title)] = category
            self.bank.categories.append(category)
        category.questions.append(question)


def take(read: ReadQuestion, report: ImportReport) -> BankQuestion | None:
    """The bank question for `read`, or None (and a line in the report) when the tutor cannot hold it."""
    if read.type not in ("multichoice", "truefalse"):
        return None
    answers = [answer for answer in read.answers if answer.text.strip()]
    if len(answers) < len(read.answers):
        report.change(read.where, f"{len(read.answers) - len(answers)} answer(s) with no text dropped (as Moodle does)")
    if len(answers) < 2:
        report.skip(read.where, f"{read.type} with fewer than two answers: Moodle refuses it too")
        return None
    ids = _ids(read.idnumber)
    tags = set(read.tags)
    ours = ids is not None or any(tag.startswith("tutor-") for tag in tags)
    explanation, hints, source = split_general_feedback(read.general)
    source_id = next((tag[len(TAG_SOURCE):] for tag in sorted(tags) if tag.startswith(TAG_SOURCE)), None)
    if source is not None and source_id and ID_PATTERN.fullmatch(source_id):
        from msgspec import structs

        source = structs.replace(source, id=source_id)
    rule = next((tag[len(TAG_RULE):] for tag in sorted(tags) if tag.startswith(TAG_RULE)), None)
    if read.dropped:
        report.change(read.where, "not kept as it was: " + "; ".join(read.dropped))
    kind, options, partial = _choices(read, answers, ours, report)
    quiz, qid, step = ids if ids is not None else (None, None, None)
    return BankQuestion(
        kind=kind, name=read.name, prompt=read.prompt, options=options, explanation=explanation,
        hints=tuple(read.hints) + hints, source=source, quiz=quiz, id=qid, step=step,
        risk="high" if TAG_RISK_HIGH in tags else ("normal" if ours else None),
        rule=rule if rule and ID_PATTERN.fullmatch(rule) else None, partial_credit=partial,
        shuffle=read.shuffle if read.shuffle is not None else TAG_KEEP_ORDER not in tags, line=read.line)


def _ids(idnumber: str) -> tuple[str, str, str | None] | None:
    parts = idnumber.strip().split("/")
    if len(parts) not in (2, 3) or not all(ID_PATTERN.fullmatch(part) for part in parts):
        return None
    return parts[0], parts[1], parts[2] if len(parts) == 3 else None


def _choices(read: ReadQuestion, answers: list[Answer], ours: bool,
             report: ImportReport) -> tuple[str, tuple[BankOption, ...], bool]:
    if read.type == "truefalse":
        options = tuple(BankOption(a.id, a.text, a.feedback, a.percent >= 99.999) for a in answers)
        return "truefalse", options, False
    if read.single:
        right = [a for a in answers if a.percent >= 99.999]
        part = [a for a in answers if 0.0001 < a.percent < 99.999]
        if part:
            report.change(read.where, "answers worth part of the marks are taken as wrong (the tutor's single "
                          "choice has right and wrong answers only): " + ", ".join(f'"{a.text}" ({a.percent:g}%)'
                                                                                    for a in part))
        if len(right) != 1 and TAG_FLATTENED not in read.tags:
            report.change(read.where, f"{len(right)} answers get full marks; a single-choice question of the tutor "
                          "has exactly one right answer (`tutor check` points at it)")
        return "single", tuple(BankOption(a.id, a.text, a.feedback, a.percent >= 99.999) for a in answers), False
    partial = TAG_PARTIAL in read.tags if ours else True
    if not ours:
        report.change(read.where, "select-all: the answers with a positive grade are the right ones; the tutor scores "
                      "the share of options judged right (partial_credit = true), not the file's grades")
    return "multi", tuple(BankOption(a.id, a.text, a.feedback, a.percent > 0) for a in answers), partial
