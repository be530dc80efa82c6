"""A guide walked, and the message to support it drafts: pure functions, the same for the app and the
plain mode. The walk is the scenarios' engine (scoring.StepWalk); the message is the outcome's text
with each {placeholder} replaced by a fact a choice on the learner's way says, or by a detail the
learner typed (or, left empty, the detail's blank, e.g. "[the date]").

Filling is one pass of plain substitution: a replacement is never read again, so a detail that
contains "{client}" stays those characters, and nothing in a pack or typed by the learner can run.
Typed details are cleaned (no control character, no line break: they go into the middle of a
sentence) and cut to their length before they are used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from msgspec import Struct

from tutor.content.guide_format import PLACEHOLDER
from tutor.content.model import Guide, GuideDetail, GuideOutcome
from tutor.content.sanitize import clean_line
from tutor.progress.scoring import StepWalk

_SPACES = re.compile(r"\s+")


class Draft(Struct, frozen=True):
    """What a finished walk shows: the outcome, and the message drafted from the choices and details."""

    outcome: GuideOutcome
    message: str
    details: dict[str, str]  # as cleaned: what went into the message


def guide_walk(guide: Guide) -> StepWalk:
    return StepWalk(guide)


def outcome_of(guide: Guide, walk: StepWalk) -> GuideOutcome | None:
    """The outcome the walk ended in (None while it goes on)."""
    if walk.ending is None or walk.ending.outcome is None:
        return None
    return guide.outcome(walk.ending.outcome)


def facts_of(walk: StepWalk) -> dict[str, str]:
    """The facts the choices on the way say; a later choice's fact of the same name wins."""
    facts: dict[str, str] = {}
    for _step, option in walk.walked():
        facts.update(option.says)
    return facts


def clean_detail(text: str, detail: GuideDetail) -> str:
    """What the learner typed, fit for the middle of a sentence: no control characters or escape
    sequences, one line, spaces collapsed, at most the detail's length."""
    one = _SPACES.sub(" ", clean_line(text.replace("\n", " ").replace("\t", " "))).strip()
    return one[: detail.max_length].rstrip()


def details_used(guide: Guide, outcome: GuideOutcome) -> list[GuideDetail]:
    """The details the outcome's message asks for, in the guide's order: the only ones to ask about."""
    wanted = set(PLACEHOLDER.findall(outcome.message))
    return [detail for detail in guide.details if detail.id in wanted]


def draft_message(guide: Guide, walk: StepWalk, typed: Mapping[str, str]) -> Draft | None:
    """The message for the walk's outcome, from its choices and the details typed (by detail id);
    None while the walk goes on."""
    outcome = outcome_of(guide, walk)
    if outcome is None:
        return None
    details = {detail.id: clean_detail(typed.get(detail.id, ""), detail) for detail in details_used(guide, outcome)}
    values = facts_of(walk)
    for detail in details_used(guide, outcome):
        values[detail.id] = details[detail.id] or detail.blank
    return Draft(outcome, fill(outcome.message, values), details)


def fill(template: str, values: Mapping[str, str]) -> str:
    """`template` with each {name} replaced by its value (an unknown name is left as written: `tutor
    check` reports it). A line whose placeholders were all filled with nothing is left out
    ("Reference: {ref}" without a reference), and blank lines never pile up, so that a fact a choice
    leaves empty, or a detail whose blank is empty, reads as if it was never there."""
    lines: list[str] = []
    for line in template.strip("\n").split("\n"):
        names = PLACEHOLDER.findall(line)
        if names and not any(values.get(name, "{" + name + "}").strip() for name in names):
            continue
        filled = PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), line)
        if not filled.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(filled.rstrip())
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)
