"""The messages of a guide's outcomes: their {placeholders}, and the check that each one is filled on
every way to its outcome, by a detail the learner types or by a fact a choice on that way says (the
facts certain on arriving at each step are worked out over the story's graph). Called by
guide_format.py with the rest of a guide's checks."""

from __future__ import annotations

import re
from typing import Any

from tutor.content.findings import KeyPath, Report
from tutor.content.quiz_scenario import StoryMap

# A placeholder in a message: {name}, with a name like an id. Filled by plain substitution
# (tutor/progress/guides.py), never by a template engine: a message can only ever contain text.
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9][A-Za-z0-9_-]*)\}")


def check_braces(message: str, report: Report, at: KeyPath) -> None:
    rest = PLACEHOLDER.sub("", message)
    if "{" in rest or "}" in rest:
        report.warning("the message has a brace that is not part of a {placeholder}",
                       "a placeholder is {name}, with a name of letters, digits, - and _; remove the stray brace",
                       at=at)


def check_reached(tables: list[dict[str, Any]], story: StoryMap, outcome_tables: list[dict[str, Any]],
                   detail_ids: set[str], report: Report) -> None:
    """Every outcome is reached by some choice, and every placeholder of its message is filled on every
    way to it: by a detail, or by a fact that some choice on each way says."""
    arriving = _facts_arriving(tables, story)
    for i, table in enumerate(outcome_tables):
        oid, message = table.get("id"), table.get("message")
        if not isinstance(oid, str):
            continue
        ways = arriving.get(oid)
        if not ways:
            report.warning(f'outcome "{oid}" is never reached', f'end a choice in it (outcome = "{oid}") or remove '
                           "it", at=("outcomes", i))
            continue
        if not isinstance(message, str):
            continue
        said_anywhere = {name for facts in _all_facts(tables) for name in facts}
        for name in dict.fromkeys(PLACEHOLDER.findall(message)):
            if name in detail_ids:
                continue
            if name not in said_anywhere:
                report.error(f'placeholder "{name}" in outcome "{oid}" is filled by no detail and by no choice',
                             f'add a [[details]] table with id = "{name}", or says = {{ {name} = "..." }} to the '
                             "choices that lead here", at=("outcomes", i, "message"))
                continue
            missing = next((where for where, facts in ways if name not in facts), None)
            if missing is not None:
                report.error(f'placeholder "{name}" in outcome "{oid}" is not filled on every way to it',
                             f'no choice on the way through "{missing}" says {name}: add it to that choice\'s says, '
                             "or to one before it", at=("outcomes", i, "message"))


def _option_facts(option: dict[str, Any]) -> set[str]:
    says = option.get("says")
    return {name for name in says if isinstance(name, str)} if isinstance(says, dict) else set()


def _all_facts(tables: list[dict[str, Any]]) -> list[set[str]]:
    return [_option_facts(option) for table in tables for option in _step_options(table)]


def _step_options(table: dict[str, Any]) -> list[dict[str, Any]]:
    options = table.get("options")
    return [o for o in options if isinstance(o, dict)] if isinstance(options, list) else []


def _facts_arriving(tables: list[dict[str, Any]], story: StoryMap) -> dict[str, list[tuple[str, set[str]]]]:
    """For each outcome, every choice that ends in it ("step/option") with the facts said on every way
    through that choice. A fixed point over the steps: the facts certain on arriving at a step are those
    said on every way in, so they only shrink, and a loop (reported already) cannot keep it going."""
    certain: dict[str, set[str] | None] = {sid: None for sid in story.positions}
    certain[story.first] = set()
    todo = [story.first]
    while todo:
        sid = todo.pop()
        have = certain[sid]
        assert have is not None
        for option in _step_options(tables[story.positions[sid]]):
            target = option.get("next")
            if not isinstance(target, str) or target not in certain:
                continue
            carried = have | _option_facts(option)
            before = certain[target]
            after = carried if before is None else before & carried
            if after != before:
                certain[target] = after
                todo.append(target)
    arriving: dict[str, list[tuple[str, set[str]]]] = {}
    for _i, sid, table in story.reached_tables(tables):
        have = certain.get(sid)
        if have is None:
            continue
        for option in _step_options(table):
            ending = option.get("outcome")
            if isinstance(ending, str) and not option.get("next"):
                arriving.setdefault(ending, []).append((f"{sid}/{option.get('id', '?')}", have | _option_facts(option)))
    return arriving
