"""From the model to a bank: every quiz a category under its module, every question as the formats
can hold it, and every scenario flattened along the way to a good ending.

The formats cannot branch. A scenario becomes one single-choice question per step on the shortest way
to a good ending, each carrying the story so far; a choice is right when a good ending can still be
reached after it (the tutor judges a scenario by its ending alone). What falls off that way (the other
steps and their endings) is written in the export report, scenario by scenario.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from tutor.content.model import Course, Option, Question, Quiz, Step
from tutor.content.tells import steps_that_can_end_well
from tutor.interchange.bank import Bank, BankCategory, BankOption, BankQuestion, BankSource
from tutor.interchange.report import ExportReport

ENDINGS = {"good": "Good ending", "risky": "Risky ending", "bad": "Bad ending"}
SHORT = 90  # characters of a step's text quoted in the report


def course_bank(course: Course, quiz_ids: Sequence[str], report: ExportReport) -> Bank:
    """The named quizzes as a bank, in the order given; what cannot be exported goes in `report`."""
    categories = []
    for quiz_id in quiz_ids:
        quiz = course.quiz(quiz_id)
        if quiz is None:
            report.lose(quiz_id, "not exported: the quiz file cannot be used (`tutor check` says why)")
            continue
        category = _category(course, quiz, report)
        if category.questions:
            categories.append(category)
        else:
            report.lose(quiz_id, "not exported: it has no question a platform can take")
    report.quizzes = len(categories)
    return Bank(course.title, categories)


def _category(course: Course, quiz: Quiz, report: ExportReport) -> BankCategory:
    lesson = course.lessons.get(quiz.lesson)
    module = course.modules_by_id.get(lesson.module) if lesson else None
    category = BankCategory(quiz.title, module.title if module else "", quiz.id, module.id if module else None)
    if quiz.left_out:
        report.lose(quiz.id, f"{quiz.left_out} question(s) not exported: they have errors (`tutor check` lists them)")
    for question in quiz.questions:
        found = lesson.source(question.source) if lesson else None
        source = BankSource(found.title, found.section, found.url, found.checked, found.id) if found else None
        base = BankQuestion(
            kind=question.kind if question.kind != "scenario" else "single",
            name=question.id, prompt=question.prompt, options=(), explanation=question.explanation,
            hints=question.hints, source=source, quiz=quiz.id, id=question.id, risk=question.risk,
            rule=question.rule, partial_credit=question.partial_credit,
            shuffle=quiz.shuffle if question.shuffle is None else question.shuffle)
        if question.kind == "scenario":
            flat = flatten_scenario(question, base, report)
            category.questions.extend(flat)
            report.scenarios += bool(flat)
            report.flattened += len(flat)
        else:
            options = tuple(BankOption(o.id, o.text, o.feedback, o.correct) for o in question.options)
            category.questions.append(_replace(base, options=options))
    report.questions += len(category.questions)
    return category


def _replace(question: BankQuestion, **changes: object) -> BankQuestion:
    from msgspec import structs

    return structs.replace(question, **changes)


# -- scenarios -------------------------------------------------------------------------------------

def good_steps(question: Question) -> set[str]:
    """The steps from which a good ending can still be reached."""
    return steps_that_can_end_well(question)


def leads_well(option: Option, good: set[str]) -> bool:
    return option.outcome == "good" or (option.next is not None and option.next in good)


def good_path(question: Question) -> list[tuple[Step, Option]] | None:
    """The shortest way from the start to a good ending (the file's order breaks ties)."""
    start = question.start_step
    if start is None:
        return None
    queue: deque[tuple[Step, list[tuple[Step, Option]]]] = deque([(start, [])])
    seen = {start.id}
    while queue:
        step, path = queue.popleft()
        for option in step.options:
            if option.outcome == "good":
                return path + [(step, option)]
            following = question.step(option.next) if option.next else None
            if following is not None and following.id not in seen:
                seen.add(following.id)
                queue.append((following, path + [(step, option)]))
    return None


def flatten_scenario(question: Question, base: BankQuestion, report: ExportReport) -> list[BankQuestion]:
    where = f"{base.quiz}/{question.id}"
    path = good_path(question)
    if path is None:
        report.lose(where, "scenario not exported: no way leads to a good ending (`tutor check` says why)")
        return []
    good = good_steps(question)
    asked = [k for k, (step, _taken) in enumerate(path) if len(step.options) >= 2]
    flat = []
    for number, k in enumerate(asked, 1):
        step = path[k][0]
        # a step with one choice is no question (Moodle refuses fewer than two answers): it is told as
        # part of the story so far of the next step that asks one
        story = [question.prompt] + [f"Step {i + 1}: {s.text}\nYou chose: {o.text}" for i, (s, o) in
                                     enumerate(path[:k])]
        story.append(f"Step {k + 1} of {len(path)}: {step.text}")
        options = tuple(BankOption(o.id, o.text, _with_ending(o), leads_well(o, good)) for o in step.options)
        flat.append(_replace(base, kind="single", name=f"{question.id} (step {number} of {len(asked)})",
                             prompt="\n\n".join(story), options=options, step=step.id,
                             hints=base.hints if number == 1 else ()))
    if not flat:
        report.lose(where, "scenario not exported: no step on its way to a good ending offers two choices")
        return []
    told = [f'step "{step.id}" (one choice, after the last question) is not shown: {_short(step.text)}'
            for step, _option in path[asked[-1] + 1:]]
    report.lose(where, f"scenario flattened into {len(flat)} question(s) along its way to a good ending "
                f"({' -> '.join(step.id for step, _o in path)})", *told, *_unseen(question, path, good))
    return flat


def _with_ending(option: Option) -> str:
    if not option.outcome:
        return option.feedback
    ending = f"{ENDINGS.get(option.outcome, option.outcome)}" + (f": {option.ending}" if option.ending else ".")
    return f"{option.feedback}\n\n{ending}"


def _unseen(question: Question, path: list[tuple[Step, Option]], good: set[str]) -> list[str]:
    """What a learner of the platform will not see: the steps off the way taken, with their endings,
    and the other right choices, whose way on is not exported."""
    taken = {step.id for step, _option in path}
    lines = []
    for step, chosen in path:
        for option in step.options:
            if option is not chosen and option.next and option.next not in taken:
                verdict = "right: a good ending can still be reached" if leads_well(option, good) else "wrong"
                lines.append(f'choice "{option.id}" at step "{step.id}" is marked {verdict}; where it leads '
                             f'(step "{option.next}") is not shown')
    for step in question.steps:
        if step.id in taken:
            continue
        lines.append(f'step "{step.id}" not shown: {_short(step.text)}')
        lines += [f'  its {ENDINGS.get(o.outcome, o.outcome).lower()} ("{o.id}"): {_short(o.ending or o.feedback)}'
                  for o in step.options if o.outcome]
    return lines


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"
