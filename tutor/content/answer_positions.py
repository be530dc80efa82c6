"""Where the right answers sit in a quiz file: a learner who always presses the same key must not
pass a quiz whose options are not shuffled. `tutor check` warns about one-sided files."""

from __future__ import annotations

from collections import Counter

from tutor.content.findings import Report
from tutor.content.model import Question


def check_position_bias(questions: list[Question], report: Report) -> None:
    """Warn when, in the file's own order, one position holds the right answer in more than half of
    the quiz's questions of a kind (3 or more of them): a learner who always presses the same key
    would pass whenever options are not shuffled."""
    if not report.warnings:
        return
    single = [(q, next((i for i, o in enumerate(q.options) if o.correct), -1)) for q in questions
              if q.kind == "single"]
    if len(single) >= 3:
        position, count = Counter(index for _q, index in single).most_common(1)[0]
        if _one_sided(count, len(single), min(len(q.options) for q, _index in single)):
            report.warning(f"the right option is option {position + 1} in {count} of the {len(single)} "
                           "single-choice questions",
                           "move the right option to other positions: with shuffling off, always pressing "
                           f"{position + 1} would pass", at=("questions", single[0][0].position, "kind"))
    truefalse = [q for q in questions if q.kind == "truefalse"]
    if len(truefalse) >= 3:
        answers = Counter(q.options[0].correct for q in truefalse)
        answer, count = answers.most_common(1)[0]
        if _one_sided(count, len(truefalse), 2):
            report.warning(f"the answer is {answer} in {count} of the {len(truefalse)} true/false questions",
                           "balance true and false answers: with shuffling off, always pressing the same key "
                           "would pass", at=("questions", truefalse[0].position, "kind"))
    multi = [q for q in questions if q.kind == "multi"]
    if len(multi) >= 3:
        first = sum(_right_ones_lead(q) for q in multi)
        if first * 2 > len(multi):
            report.warning(f"the right options are the first ones in {first} of the {len(multi)} "
                           "select-all questions",
                           "mix right and wrong options: with shuffling off, picking the first options would pass",
                           at=("questions", multi[0].position, "kind"))


def _one_sided(count: int, questions: int, positions: int) -> bool:
    """More than half of the questions have their answer in one place, and more than an even spread
    over the places could avoid (three two-option questions always put two answers in one place)."""
    return count * 2 > questions and count > -(-questions // positions)


def _right_ones_lead(question: Question) -> bool:
    right = sum(o.correct for o in question.options)
    return all(o.correct for o in question.options[:right])
