"""The quiz format: one TOML file per quiz, with questions of four kinds.

Every part of every question is judged in one pass, whatever else is wrong with it, so that one run
of `tutor check` reports every mistake. The Quiz the learner gets holds only the questions without
errors (`Quiz.left_out` counts the others); scenarios are judged in quiz_scenario.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct

from tutor.content.answer_positions import check_position_bias
from tutor.content.fields import Field, check_fields, check_id, check_pass_mark
from tutor.content.findings import Finding, KeyPath, Report
from tutor.content.model import KINDS, RISKS, Option, Question, Quiz, Step
from tutor.content.plain_text import warn_markdown
from tutor.content.quiz_scenario import check_scenario, check_step_option
from tutor.content.textfile import read_toml_file
from tutor.content.tomlpos import scan_id

QUIZ_FIELDS = {
    "id": Field("str", True, shown="not shown: progress is stored against it; a lesson's `quiz` names it"),
    "lesson": Field("str", True, shown="the lesson whose \"Take the quiz\" opens it"),
    "title": Field("str", True, shown="the quiz's title bar"),
    "shuffle": Field("bool", example="true", default="true",
                     shown="the order of every question's options: new each attempt, or the file's order"),
    "pass_mark": Field("number", example="0.7", default="course.toml's pass_mark",
                       shown='this quiz\'s results ("the pass mark is 70%") and the dashboard\'s "passed"'),
    "questions": Field("tables", True, "[[questions]] tables",
                       shown="one at a time, in the file's order (questions with an error are left out)"),
}

COMMON_QUESTION_FIELDS = {
    "id": Field("str", True, shown="not shown: progress and reviews are stored against it"),
    "kind": Field("str", True, '"single"', shown='single, multi, truefalse or scenario; above the question '
                  '("Choose one answer", "Select all that apply", "True or false?", "What do you do?")'),
    "prompt": Field("str", True, shown="the question (a scenario's opening scene)"),
    "explanation": Field("str", True, shown="the feedback after every answer, right or wrong: why"),
    "source": Field("str", True, '"source-id"', shown='the feedback: "Rule: title, section (checked date)"; the '
                    "readiness result for a missed question"),
    "hints": Field("strlist", example='["..."]', default="none",
                   shown="one at a time when the learner presses `h` before answering (a hint makes the review "
                   "come back sooner)"),
    "risk": Field("str", example='"high"', default='"normal"',
                  shown='"high": missing it makes the readiness verdict "not yet" whatever the score '
                  "(docs/self-assessment.md)"),
    "shuffle": Field("bool", example="false", default="the quiz's `shuffle`",
                     shown="the order of this question's options (false for an ordered scale or \"all of the "
                     "above\")"),
    "rule": Field("str", example='"rule-id"', default="the question's own id",
                  shown="not shown: questions with the same rule are variants (another story, the same rule); the "
                  "readiness check asks at most one of them, preferring the one the learner has not met"),
}

KIND_FIELDS = {
    "single": {"options": Field("tables", True, "[[questions.options]] tables",
                                shown="the choices, numbered 1-9; exactly one has correct = true")},
    "multi": {
        "options": Field("tables", True, "[[questions.options]] tables",
                         shown="the choices to tick, numbered 1-9; at least one has correct = true"),
        "partial_credit": Field("bool", example="true", default="false (all or nothing)",
                                shown="the score: the share of options judged right, shown as points"),
    },
    "truefalse": {
        "answer": Field("bool", True, "true", shown="which of True and False is right"),
        "feedback_true": Field("str", True, shown="the feedback when the learner picks True"),
        "feedback_false": Field("str", True, shown="the feedback when the learner picks False"),
    },
    "scenario": {
        "steps": Field("tables", True, "[[questions.steps]] tables", shown="the story, one step at a time"),
        "start": Field("str", example='"step-id"', default="the first step",
                       shown="not shown: the step the story starts at"),
    },
}
ALL_KIND_FIELDS = frozenset(name for spec in KIND_FIELDS.values() for name in spec)
KNOWN_KIND_FIELDS = tuple(dict.fromkeys(name for spec in KIND_FIELDS.values() for name in spec))

OPTION_FIELDS = {
    "id": Field("str", True, shown="not shown: answers are stored by it (reorder options freely)"),
    "text": Field("str", True, shown="the choice"),
    "feedback": Field("str", True, shown="after answering: why this choice is right or wrong"),
    "correct": Field("bool", example="true", default="false",
                     shown='after answering: marked right or wrong, and "Right answer: ..."'),
}

STEP_FIELDS = {
    "id": Field("str", True, shown="not shown: options lead to the step by it (`next`)"),
    "text": Field("str", True, shown="what happens at this step"),
    "options": Field("tables", True, "[[questions.steps.options]] tables",
                     shown="the learner's choices at this step, numbered 1-9"),
}

STEP_OPTION_FIELDS = {
    "id": Field("str", True, shown="not shown: the path walked is stored by it"),
    "text": Field("str", True, shown="the choice"),
    "feedback": Field("str", True, shown="right after choosing: what happens next and which rule it keeps or breaks"),
    "next": Field("str", example='"step-id"', default="none: then `outcome` is needed",
                  shown="not shown: the step this choice leads to"),
    "outcome": Field("str", example='"good"', default="none: then `next` is needed",
                     shown='good, risky or bad: the verdict at the end ("Good ending", ...); only good counts '
                     "as right"),
    "ending": Field("str", default="the verdict alone", shown="below the verdict: how the story ended"),
}

MAX_OPTIONS = 9  # the keys 1-9 pick an option


class Citation(Struct, frozen=True):
    """A question's `source` and `rule`, kept even for a question with errors, so the checks across
    files see them."""

    position: int
    question: str
    source: str
    rule: str | None = None
    risk: str = "normal"


class QuizFile(Struct):
    """A quiz file as far as it could be read: `quiz` is what the learner gets (None when the file's
    own fields have an error), the rest is what `tutor check` judges across files."""

    path: Path
    report: Report
    quiz: Quiz | None = None
    id: str | None = None
    lesson: str | None = None
    citations: tuple[Citation, ...] = ()
    question_ids: tuple[str, ...] = ()  # every question's usable id, in the file's order, errors or not


def load_quiz_file(path: Path, findings: list[Finding] | None = None,
                   root: Path | None = None, warnings: bool = True) -> tuple[Quiz | None, Report]:
    read = read_quiz_file(path, findings, root, warnings)
    return read.quiz, read.report


def read_quiz_file(path: Path, findings: list[Finding] | None = None, root: Path | None = None,
                   warnings: bool = True, text: str | None = None) -> QuizFile:
    """A quiz file as far as it reads (from `text`, when already read); with `root`, one that leads
    out of that pack is refused. Without `warnings`, only errors are looked for (a quiz read to be
    shown: findings.Report)."""
    report = Report(path, [] if findings is None else findings, warnings)
    read = QuizFile(path, report)
    seen: list[str] = []
    data = read_toml_file(path, report, "quiz", root, text_seen=seen, text=text)
    if data is not None:
        _build_quiz(data, read)
    elif seen:
        read.id = scan_id(seen[0])  # a lesson naming this quiz says it could not be loaded
    return read


def _build_quiz(data: dict[str, Any], read: QuizFile) -> None:
    report = read.report
    fields = check_fields(data, QUIZ_FIELDS, report, (), "quiz")
    if "id" in fields and not check_id(fields["id"], report, ("id",), "quiz"):
        del fields["id"]
    read.id, read.lesson = fields.get("id"), fields.get("lesson")
    pass_mark = None if "pass_mark" not in fields else check_pass_mark(fields["pass_mark"], report, ("pass_mark",))
    quiz_errors = report.errors
    questions: list[Question] = []
    citations: list[Citation] = []
    seen: set[str] = set()
    seen_order: list[str] = []
    tables = fields.get("questions", [])
    for i, table in enumerate(tables):
        before = report.errors
        question, qid = _build_question(table, report, ("questions", i))
        if qid is not None:
            seen_order.append(qid)
        if qid is not None and qid in seen:
            report.error(f'question id "{qid}" is used twice in this quiz',
                         "every question needs its own id: progress is stored against it", at=("questions", i, "id"))
        elif qid is not None:
            seen.add(qid)
        source, rule, risk = table.get("source"), table.get("rule"), table.get("risk", "normal")
        if qid is not None and isinstance(source, str):
            citations.append(Citation(i, qid, source, rule if isinstance(rule, str) and rule else None,
                                      risk if isinstance(risk, str) else "normal"))
        if question is not None and report.errors == before:
            questions.append(question)
    if "questions" in fields and not tables:
        report.error("quiz has no questions", "add at least one [[questions]] table", at=("questions",))
        quiz_errors += 1
    check_position_bias(questions, report)
    read.citations = tuple(citations)
    read.question_ids = tuple(dict.fromkeys(seen_order))
    if quiz_errors or not all(name in fields for name in ("id", "lesson", "title")):
        return  # the quiz's own fields are broken: the learner gets no quiz
    read.quiz = Quiz(
        id=fields["id"],
        lesson=fields["lesson"],
        title=fields["title"],
        questions=tuple(questions),
        shuffle=fields.get("shuffle", True),
        path=read.path,
        left_out=len(tables) - len(questions),
        pass_mark=pass_mark,
    )


def _guess_kind(table: dict[str, Any]) -> str | None:
    """The kind a question's fields suggest when its `kind` is missing or unknown, so that its
    options or steps are still checked in the same run."""
    if "steps" in table:
        return "scenario"
    if "answer" in table or "feedback_true" in table:
        return "truefalse"
    if "options" in table:
        return "multi" if "partial_credit" in table else "single"
    return None


def _build_question(table: dict[str, Any], report: Report, at: KeyPath) -> tuple[Question | None, str | None]:
    """The question (None when a part is missing) and its id (None when missing or invalid)."""
    written = table.get("kind")
    guessed = written if isinstance(written, str) and written in KINDS else _guess_kind(table)
    # A typo of a kind's own field (partialcredit, [[questions.option]]) is named as such.
    common = check_fields(table, COMMON_QUESTION_FIELDS, report, at, "question", ignore=ALL_KIND_FIELDS,
                          also_known=tuple(KIND_FIELDS[guessed]) if guessed else KNOWN_KIND_FIELDS)
    qid = common.get("id")
    if qid is not None and not check_id(qid, report, at + ("id",), "question"):
        qid = None
    rule = common.get("rule")
    if rule is not None and not check_id(rule, report, at + ("rule",), "rule"):
        rule = None
    kind = common.get("kind")
    if kind is not None and kind not in KINDS:
        report.error(f'unknown question kind "{kind}"', "use one of: " + ", ".join(KINDS), at=at + ("kind",))
        kind = None
    risk = common.get("risk", "normal")
    if risk not in RISKS:
        report.error(f'unknown risk "{risk}"', 'use risk = "high" for a mistake that can cost the account or the '
                     "money, or leave it out", at=at + ("risk",))
    for name in ("prompt", "explanation"):
        warn_markdown(common.get(name), report, at + (name,), name)
    for hint in common.get("hints", ()):
        warn_markdown(hint, report, at + ("hints",), "a hint")
    shape = kind or _guess_kind(table)
    if shape is None:
        return None, qid
    if kind is not None:
        for name in table:
            if name in ALL_KIND_FIELDS and name not in KIND_FIELDS[kind]:
                report.warning(f'"{name}" is not used by {kind} questions', "remove it, or change the kind",
                               at=at + (name,))
    own = {name: table[name] for name in KIND_FIELDS[shape] if name in table}
    specific = check_fields(own, KIND_FIELDS[shape], report, at, f"{shape} question")
    options: tuple[Option, ...] | None = ()
    steps: tuple[Step, ...] | None = ()
    if shape in ("single", "multi"):
        options = _choice_options(specific, shape if kind else None, report, at)
    elif shape == "truefalse":
        options = _truefalse_options(specific, report, at)
    else:
        steps = _scenario_steps(specific, report, at)
    required_common = ("id", "kind", "prompt", "explanation", "source")
    if qid is None or kind is None or options is None or steps is None or \
            not all(name in common for name in required_common):
        return None, qid
    return Question(
        id=qid,
        kind=kind,
        prompt=common["prompt"],
        explanation=common["explanation"],
        source=common["source"],
        options=options,
        steps=steps,
        hints=tuple(common.get("hints", ())),
        partial_credit=specific.get("partial_credit", False),
        start=specific.get("start"),
        risk=risk if risk in RISKS else "normal",
        shuffle=common.get("shuffle"),
        position=int(at[1]),
        rule=rule,
    ), qid


def _choice_options(specific: dict[str, Any], kind: str | None, report: Report,
                    at: KeyPath) -> tuple[Option, ...] | None:
    """The options of a single or multi question (None if any is unusable); `kind` is None when the
    kind was only guessed, and then the right options are not counted."""
    if "options" not in specific:
        return None
    tables: list[dict[str, Any]] = specific["options"]
    options, complete = _build_options(tables, OPTION_FIELDS, report, at + ("options",), "option")
    if len(tables) < 2:
        report.error("a question needs at least two options", "add another [[questions.options]] table", at=at)
    _warn_too_many(len(tables), report, at + ("options",))
    if kind is not None:
        # Counted on the tables, so that an option left out for another mistake still counts.
        _check_correct_count(kind, sum(t.get("correct") is True for t in tables), report, at)
    return tuple(options) if complete else None


def _truefalse_options(specific: dict[str, Any], report: Report, at: KeyPath) -> tuple[Option, ...] | None:
    for name in ("feedback_true", "feedback_false"):
        warn_markdown(specific.get(name), report, at + (name,), name)
    if not all(name in specific for name in ("answer", "feedback_true", "feedback_false")):
        return None
    answer = specific["answer"]
    return (
        Option("true", "True", specific["feedback_true"], correct=answer is True),
        Option("false", "False", specific["feedback_false"], correct=answer is False),
    )


def _build_options(tables: list[dict[str, Any]], spec: dict[str, Field], report: Report, at: KeyPath,
                   what: str) -> tuple[list[Option], bool]:
    """The options that are complete, and whether all of them are."""
    options = []
    seen: set[str] = set()
    complete = True
    for i, table in enumerate(tables):
        fields = check_fields(table, spec, report, at + (i,), what)
        if "id" in fields:
            if not check_id(fields["id"], report, at + (i, "id"), "option"):
                del fields["id"]
            elif fields["id"] in seen:
                report.error(f'option id "{fields["id"]}" is used twice', "give every option its own id",
                             at=at + (i, "id"))
                del fields["id"]
            else:
                seen.add(fields["id"])
        for name in ("text", "feedback", "ending"):
            warn_markdown(fields.get(name), report, at + (i, name), name)
        if what == "scenario option":
            check_step_option(fields, report, at + (i,))
        if not all(name in fields for name in ("id", "text", "feedback")):
            complete = False
            continue
        options.append(Option(**fields))
    return options, complete


def _warn_too_many(count: int, report: Report, at: KeyPath) -> None:
    """Warn about options beyond the keys 1-9, at the first option that has no key."""
    if count > MAX_OPTIONS:
        report.warning(f"{count} options: only the first {MAX_OPTIONS} can be picked with a number key",
                       f"keep to {MAX_OPTIONS} options or fewer, or split the question", at=at + (MAX_OPTIONS,))


def _check_correct_count(kind: str, right: int, report: Report, at: KeyPath) -> None:
    if kind == "single" and right != 1:
        report.error(
            f"single-choice question has {right} right options; it needs exactly one",
            "mark exactly one option with correct = true, or use kind = \"multi\"",
            at=at + ("kind",),
        )
    if kind == "multi" and right == 0:
        report.error("multi-choice question has no right option",
                     "mark at least one option with correct = true", at=at + ("kind",))


def _scenario_steps(specific: dict[str, Any], report: Report, at: KeyPath) -> tuple[Step, ...] | None:
    """The steps of a scenario (None if any is unusable), every step and option judged."""
    if "steps" not in specific:
        return None
    tables: list[dict[str, Any]] = specific["steps"]
    steps: list[Step] = []
    seen: set[str] = set()
    complete = True
    for i, table in enumerate(tables):
        where = at + ("steps", i)
        fields = check_fields(table, STEP_FIELDS, report, where, "scenario step")
        if "id" in fields:
            if not check_id(fields["id"], report, where + ("id",), "step"):
                del fields["id"]
            elif fields["id"] in seen:
                report.error(f'step id "{fields["id"]}" is used twice', "give every step its own id",
                             at=where + ("id",))
                del fields["id"]
            else:
                seen.add(fields["id"])
        options: list[Option] = []
        if "options" in fields:
            options, all_options = _build_options(fields["options"], STEP_OPTION_FIELDS, report,
                                                  where + ("options",), "scenario option")
            complete = complete and all_options
            if not fields["options"]:
                report.error("a scenario step needs at least one option", "add a [[questions.steps.options]] table",
                             at=where)
            _warn_too_many(len(fields["options"]), report, where + ("options",))
        if len(fields) < len(STEP_FIELDS):
            complete = False
            continue
        warn_markdown(fields["text"], report, where + ("text",), "text")
        steps.append(Step(fields["id"], fields["text"], tuple(options)))
    check_scenario(tables, specific.get("start"), report, at)
    return tuple(steps) if complete else None
