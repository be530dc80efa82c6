"""The quiz format: one TOML file per quiz, with questions of four kinds."""

from __future__ import annotations

from pathlib import Path

from tutor.content.fields import Field, check_fields, check_id
from tutor.content.findings import Finding, Report
from tutor.content.model import KINDS, OUTCOMES, RISKS, Option, Question, Quiz, Step
from tutor.content.textfile import read_toml_file

QUIZ_FIELDS = {
    "id": Field("str", True),
    "lesson": Field("str", True),
    "title": Field("str", True),
    "shuffle": Field("bool", example="true"),
    "questions": Field("tables", True, "[[questions]] tables"),
}

COMMON_QUESTION_FIELDS = {
    "id": Field("str", True),
    "kind": Field("str", True, '"single"'),
    "prompt": Field("str", True),
    "explanation": Field("str", True),
    "source": Field("str", True, '"source-id"'),
    "hints": Field("strlist", example='["..."]'),
    "risk": Field("str", example='"high"'),
    "shuffle": Field("bool", example="false"),
}

KIND_FIELDS = {
    "single": {"options": Field("tables", True, "[[questions.options]] tables")},
    "multi": {
        "options": Field("tables", True, "[[questions.options]] tables"),
        "partial_credit": Field("bool", example="true"),
    },
    "truefalse": {
        "answer": Field("bool", True, "true"),
        "feedback_true": Field("str", True),
        "feedback_false": Field("str", True),
    },
    "scenario": {
        "steps": Field("tables", True, "[[questions.steps]] tables"),
        "start": Field("str", example='"step-id"'),
    },
}
ALL_KIND_FIELDS = frozenset(name for spec in KIND_FIELDS.values() for name in spec)

OPTION_FIELDS = {
    "id": Field("str", True),
    "text": Field("str", True),
    "feedback": Field("str", True),
    "correct": Field("bool", example="true"),
}

STEP_FIELDS = {
    "id": Field("str", True),
    "text": Field("str", True),
    "options": Field("tables", True, "[[questions.steps.options]] tables"),
}

STEP_OPTION_FIELDS = {
    "id": Field("str", True),
    "text": Field("str", True),
    "feedback": Field("str", True),
    "next": Field("str", example='"step-id"'),
    "outcome": Field("str", example='"good"'),
    "ending": Field("str"),
}


def load_quiz_file(path: Path, findings: list[Finding] | None = None) -> tuple[Quiz | None, Report]:
    findings = [] if findings is None else findings
    report = Report(path, findings)
    data = read_toml_file(path, report, "quiz")
    if data is None:
        return None, report
    return _build_quiz(data, path, report), report


def _build_quiz(data: dict, path: Path, report: Report) -> Quiz | None:
    fields = check_fields(data, QUIZ_FIELDS, report, (), "quiz")
    if "id" in fields:
        check_id(fields["id"], report, ("id",), "quiz")
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for i, table in enumerate(fields.get("questions", [])):
        question = _build_question(table, report, ("questions", i))
        if question is None:
            continue
        if question.id in seen:
            report.error(f'question id "{question.id}" is used twice in this quiz',
                         "every question needs its own id: progress is stored against it",
                         at=("questions", i, "id"))
            continue
        seen[question.id] = i
        questions.append(question)
    if "questions" in fields and not fields["questions"]:
        report.error("quiz has no questions", "add at least one [[questions]] table", at=("questions",))
    if not all(name in fields for name in ("id", "lesson", "title")):
        return None
    return Quiz(
        id=fields["id"],
        lesson=fields["lesson"],
        title=fields["title"],
        questions=tuple(questions),
        shuffle=fields.get("shuffle", True),
        path=path,
    )


def _build_question(table: dict, report: Report, at: tuple) -> Question | None:
    common = check_fields(table, COMMON_QUESTION_FIELDS, report, at, "question", ignore=ALL_KIND_FIELDS)
    kind = common.get("kind")
    if kind is not None and kind not in KINDS:
        report.error(f'unknown question kind "{kind}"', "use one of: " + ", ".join(KINDS), at=at + ("kind",))
        return None
    if kind is None:
        return None
    extra = {k: v for k, v in table.items() if k in ALL_KIND_FIELDS}
    for name in extra:
        if name not in KIND_FIELDS[kind]:
            report.warning(f'"{name}" is not used by {kind} questions', "remove it, or change the kind",
                           at=at + (name,))
    own = {name: table[name] for name in KIND_FIELDS[kind] if name in table}
    specific = check_fields(own, KIND_FIELDS[kind], report, at, f"{kind} question")
    if "id" in common and not check_id(common["id"], report, at + ("id",), "question"):
        return None
    risk = common.get("risk", "normal")
    if risk not in RISKS:
        report.error(f'unknown risk "{risk}"', 'use risk = "high" for a mistake that can cost the account or the '
                     "money, or leave it out", at=at + ("risk",))
        risk = "normal"
    required_common = ("id", "kind", "prompt", "explanation", "source")
    if not all(name in common for name in required_common) or \
            len(specific) < sum(f.required for f in KIND_FIELDS[kind].values()):
        return None
    options: tuple[Option, ...] = ()
    steps: tuple[Step, ...] = ()
    if kind in ("single", "multi"):
        options = _build_options(specific["options"], OPTION_FIELDS, report, at + ("options",), "option")
        _check_correct_count(kind, options, report, at)
    elif kind == "truefalse":
        answer = specific["answer"]
        options = (
            Option("true", "True", specific["feedback_true"], correct=answer is True),
            Option("false", "False", specific["feedback_false"], correct=answer is False),
        )
    else:
        steps = _build_steps(specific["steps"], report, at)
        _check_scenario(steps, specific.get("start"), report, at)
    return Question(
        id=common["id"],
        kind=kind,
        prompt=common["prompt"],
        explanation=common["explanation"],
        source=common["source"],
        options=options,
        steps=steps,
        hints=tuple(common.get("hints", ())),
        partial_credit=specific.get("partial_credit", False),
        start=specific.get("start"),
        risk=risk,
        shuffle=common.get("shuffle"),
        position=at[1],
    )


def _build_options(tables: list, spec: dict, report: Report, at: tuple, what: str,
                   minimum: int = 2) -> tuple[Option, ...]:
    options = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        fields = check_fields(table, spec, report, at + (i,), what)
        if not all(name in fields for name in ("id", "text", "feedback")):
            continue
        if not check_id(fields["id"], report, at + (i, "id"), "option"):
            continue
        if fields["id"] in seen:
            report.error(f'option id "{fields["id"]}" is used twice', "give every option its own id",
                         at=at + (i, "id"))
            continue
        seen.add(fields["id"])
        options.append(Option(**fields))
    if len(tables) < minimum:
        if minimum == 1:
            report.error("a scenario step needs at least one option", "add a [[questions.steps.options]] table",
                         at=at[:-1])
        else:
            report.error("a question needs at least two options", "add another [[questions.options]] table", at=at)
    return tuple(options)


def _check_correct_count(kind: str, options: tuple[Option, ...], report: Report, at: tuple) -> None:
    right = sum(o.correct for o in options)
    if kind == "single" and right != 1:
        report.error(
            f"single-choice question has {right} right options; it needs exactly one",
            "mark exactly one option with correct = true, or use kind = \"multi\"",
            at=at + ("kind",),
        )
    if kind == "multi" and right == 0:
        report.error("multi-choice question has no right option",
                     "mark at least one option with correct = true", at=at + ("kind",))


def _build_steps(tables: list, report: Report, at: tuple) -> tuple[Step, ...]:
    steps = []
    seen: set[str] = set()
    for i, table in enumerate(tables):
        where = at + ("steps", i)
        fields = check_fields(table, STEP_FIELDS, report, where, "scenario step")
        if len(fields) < 3 or not check_id(fields["id"], report, where + ("id",), "step"):
            continue
        if fields["id"] in seen:
            report.error(f'step id "{fields["id"]}" is used twice', "give every step its own id", at=where + ("id",))
            continue
        seen.add(fields["id"])
        options = _build_options(fields["options"], STEP_OPTION_FIELDS, report, where + ("options",),
                                 "scenario option", minimum=1)
        for j, option in enumerate(options):
            _check_step_option(option, report, where + ("options", j))
        steps.append(Step(fields["id"], fields["text"], options))
    return tuple(steps)


def _check_step_option(option: Option, report: Report, at: tuple) -> None:
    if option.next and option.outcome:
        report.error(f'scenario option "{option.id}" has both next and outcome',
                     "an option either leads to another step (next) or ends the story (outcome)", at=at + ("next",))
    elif not option.next and not option.outcome:
        report.error(f'scenario option "{option.id}" leads nowhere',
                     'add next = "step-id" or outcome = "good" | "risky" | "bad"', at=at + ("id",))
    if option.outcome and option.outcome not in OUTCOMES:
        report.error(f'unknown outcome "{option.outcome}"', "use good, risky or bad", at=at + ("outcome",))


def _check_scenario(steps: tuple[Step, ...], start: str | None, report: Report, at: tuple) -> None:
    if not steps:
        report.error("scenario has no steps", "add at least one [[questions.steps]] table", at=at)
        return
    by_id = {s.id: s for s in steps}
    if start is not None and start not in by_id:
        report.error(f'start step "{start}" does not exist', "name one of the steps' ids", at=at + ("start",))
        return
    positions = {s.id: i for i, s in enumerate(steps)}
    for step in steps:
        for j, option in enumerate(step.options):
            if option.next and option.next not in by_id:
                report.error(f'option "{option.id}" leads to step "{option.next}", which does not exist',
                             "fix the step id in next", at=at + ("steps", positions[step.id], "options", j, "next"))
    first = start or steps[0].id
    reachable = _reachable(by_id, first)
    for step in steps:
        if step.id not in reachable:
            report.error(f'scenario step "{step.id}" cannot be reached',
                         f'no option leads to it from the start step "{first}"; add next = "{step.id}" or remove it',
                         at=at + ("steps", positions[step.id]))
    cycle = _find_cycle(by_id, first)
    if cycle:
        report.error("scenario can loop forever: " + " -> ".join(cycle),
                     "every path through a scenario must reach an outcome; break the loop",
                     at=at + ("steps", positions[cycle[-2]]))
    endings = {o.outcome for sid in reachable for o in by_id[sid].options if o.outcome}
    if "good" not in endings:
        report.error("scenario has no good ending", 'give at least one option outcome = "good"', at=at + ("kind",))


def _reachable(by_id: dict[str, Step], first: str) -> set[str]:
    seen, todo = set(), [first]
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in by_id:
            continue
        seen.add(sid)
        todo.extend(o.next for o in by_id[sid].options if o.next)
    return seen


def _find_cycle(by_id: dict[str, Step], first: str) -> list[str] | None:
    path: list[str] = []
    done: set[str] = set()

    def visit(sid: str) -> list[str] | None:
        if sid in path:
            return path[path.index(sid):] + [sid]
        if sid in done or sid not in by_id:
            return None
        path.append(sid)
        for option in by_id[sid].options:
            if option.next:
                found = visit(option.next)
                if found:
                    return found
        path.pop()
        done.add(sid)
        return None

    return visit(first)
