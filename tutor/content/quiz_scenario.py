"""The rules of a scenario question: where each choice leads, and that every story can end well.

The story is judged on the file's tables as written, not on the steps that could be built, so that a
step with a missing field elsewhere does not hide (or fake) a broken path. Walks are iterative: a
scenario's length is the pack's choice.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from tutor.content.findings import KeyPath, Report
from tutor.content.model import OUTCOMES


def check_step_option(fields: dict[str, Any], report: Report, at: KeyPath) -> None:
    """The rules of one scenario option, from its fields that have the right type."""
    name = fields.get("id", "?")
    next_step, outcome = fields.get("next"), fields.get("outcome")
    if next_step and outcome:
        report.error(f'scenario option "{name}" has both next and outcome',
                     "an option either leads to another step (next) or ends the story (outcome)", at=at + ("next",))
    elif not next_step and not outcome:
        report.error(f'scenario option "{name}" leads nowhere',
                     'add next = "step-id" or outcome = "good" | "risky" | "bad"', at=at + ("id",))
    if outcome and outcome not in OUTCOMES:
        report.error(f'unknown outcome "{outcome}"', "use good, risky or bad", at=at + ("outcome",))


def _options(table: dict[str, Any]) -> list[dict[str, Any]]:
    options = table.get("options")
    return [o for o in options if isinstance(o, dict)] if isinstance(options, list) else []


def _text(table: dict[str, Any], name: str) -> str | None:
    value = table.get(name)
    return value if isinstance(value, str) else None


def check_scenario(tables: list[dict[str, Any]], start: str | None, report: Report, at: KeyPath) -> None:
    """The story's paths: every `next` names a step, every step can be reached from the start, no
    path loops forever, and some path ends well."""
    if not tables:
        report.error("scenario has no steps", "add at least one [[questions.steps]] table", at=at)
        return
    ids = [_text(table, "id") for table in tables]
    positions: dict[str, int] = {}
    for i, sid in enumerate(ids):
        if sid is not None:
            positions.setdefault(sid, i)
    graph: dict[str, list[str]] = {sid: [] for sid in positions}
    broken = False  # a `next` that names no step: what follows from it is not claimed
    for i, table in enumerate(tables):
        for j, option in enumerate(_options(table)):
            target = _text(option, "next")
            if not target:
                continue
            if target not in positions:
                option_id = _text(option, "id") or "?"
                close = difflib.get_close_matches(target, list(positions), n=1, cutoff=0.6)
                report.error(f'option "{option_id}" leads to step "{target}", which does not exist',
                             f'did you mean "{close[0]}"?' if close else "fix the step id in next (the steps: "
                             + ", ".join(positions) + ")", at=at + ("steps", i, "options", j, "next"))
                if not close:
                    broken = True
                    continue
                target = close[0]  # judged as meant, so one typo is one finding
            if ids[i] is not None and positions[str(ids[i])] == i:
                graph[str(ids[i])].append(target)
    if start is not None and start not in positions:
        report.error(f'start step "{start}" does not exist', "name one of the steps' ids", at=at + ("start",))
        return
    first = start or ids[0]
    if first is None:
        return  # the first step has no usable id, which is reported already
    reachable = set(positions) if broken else _reachable(graph, first)
    for sid, i in positions.items():
        if sid not in reachable:
            report.error(f'scenario step "{sid}" cannot be reached',
                         f'no option leads to it from the start step "{first}"; add next = "{sid}" or remove it',
                         at=at + ("steps", i))
    cycle = _find_cycle(graph, first)
    if cycle:
        report.error("scenario can loop forever: " + " -> ".join(cycle),
                     "every path through a scenario must reach an outcome; break the loop",
                     at=at + ("steps", positions[cycle[-2]]))
    endings = {_text(o, "outcome") for i, sid in enumerate(ids) if sid in reachable and positions[sid] == i
               for o in _options(tables[i])}
    if "good" not in endings:
        report.error("scenario has no good ending", 'give at least one option outcome = "good"', at=at + ("kind",))


def _reachable(graph: dict[str, list[str]], first: str) -> set[str]:
    seen: set[str] = set()
    todo = [first]
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in graph:
            continue
        seen.add(sid)
        todo.extend(graph[sid])
    return seen


def _find_cycle(graph: dict[str, list[str]], first: str) -> list[str] | None:
    """The first loop met walking from `first` depth-first, as step ids ending where it started."""
    if first not in graph:
        return None
    path: list[str] = []
    on_path: set[str] = set()
    done: set[str] = set()
    stack: list[tuple[str, Iterator[str]]] = []

    def enter(sid: str) -> None:
        path.append(sid)
        on_path.add(sid)
        stack.append((sid, iter(graph[sid])))

    enter(first)
    while stack:
        sid, successors = stack[-1]
        for target in successors:
            if target in on_path:
                return path[path.index(target):] + [target]
            if target not in done and target in graph:
                enter(target)
                break
        else:
            stack.pop()
            path.pop()
            on_path.discard(sid)
            done.add(sid)
    return None
