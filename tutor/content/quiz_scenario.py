"""The rules of a story told in steps, a scenario question's or a guide's: where each choice leads,
that every step can be reached, that no path loops, and (for a scenario) that the story can end well.

The story is judged on the file's tables as written, not on the steps that could be built, so that a
step with a missing field elsewhere does not hide (or fake) a broken path. Walks are iterative: a
story's length is the pack's choice. One set of rules for both, so that a guide walks like a scenario
(tutor/progress/scoring.py's StepWalk plays both).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from msgspec import Struct

from tutor.content.findings import KeyPath, Report
from tutor.content.model import OUTCOMES


def check_step_option(fields: dict[str, Any], report: Report, at: KeyPath, guide: bool = False) -> None:
    """The rules of one option of a step, from its fields that have the right type. A scenario's
    outcome is a verdict (good, risky, bad); a guide's names one of its [[outcomes]] (checked with the
    whole story, check_steps)."""
    name = fields.get("id", "?")
    what = "guide" if guide else "scenario"
    next_step, outcome = fields.get("next"), fields.get("outcome")
    if next_step and outcome:
        report.error(f'{what} option "{name}" has both next and outcome',
                     "an option either leads to another step (next) or ends the story (outcome)", at=at + ("next",))
    elif not next_step and not outcome:
        report.error(f'{what} option "{name}" leads nowhere',
                     'add next = "step-id" or outcome = "outcome-id"' if guide else
                     'add next = "step-id" or outcome = "good" | "risky" | "bad"', at=at + ("id",))
    if outcome and not guide and outcome not in OUTCOMES:
        report.error(f'unknown outcome "{outcome}"', "use good, risky or bad", at=at + ("outcome",))


def _options(table: dict[str, Any]) -> list[dict[str, Any]]:
    options = table.get("options")
    return [o for o in options if isinstance(o, dict)] if isinstance(options, list) else []


def _text(table: dict[str, Any], name: str) -> str | None:
    value = table.get(name)
    return value if isinstance(value, str) else None


class StoryMap(Struct):
    """The steps of a story as the file has them: each step id's first table, where each step leads,
    and the steps a learner can reach from the first."""

    positions: dict[str, int]
    leads_to: dict[str, list[str]]
    reachable: set[str]
    first: str

    def reached_tables(self, tables: list[dict[str, Any]]) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """(index, step id, table) of every step that can be reached, in file order."""
        for sid, i in sorted(self.positions.items(), key=lambda item: item[1]):
            if sid in self.reachable:
                yield i, sid, tables[i]


def check_scenario(tables: list[dict[str, Any]], start: str | None, report: Report, at: KeyPath) -> None:
    """A scenario's paths (check_steps), and that some path ends well."""
    story = check_steps(tables, start, report, at)
    if story is None:
        return
    endings = {_text(o, "outcome") for _i, _sid, table in story.reached_tables(tables) for o in _options(table)}
    if "good" not in endings:
        report.error("scenario has no good ending", 'give at least one option outcome = "good"', at=at + ("kind",))


def check_steps(tables: list[dict[str, Any]], start: str | None, report: Report, at: KeyPath,
                outcomes: dict[str, int] | None = None) -> StoryMap | None:
    """The story's paths: every `next` names a step, every step can be reached from the start, and no
    path loops forever. For a guide, `outcomes` maps its outcome ids to their index, and every
    `outcome` must name one of them. Returns the story's map, or None when it has no usable start."""
    guide = outcomes is not None
    what = "guide" if guide else "scenario"
    if not tables:
        report.error(f"{what} has no steps", "add at least one [[steps]] table" if guide else
                     "add at least one [[questions.steps]] table", at=at + ("steps",) if guide else at)
        return None
    ids = [_text(table, "id") for table in tables]
    positions: dict[str, int] = {}
    for i, sid in enumerate(ids):
        if sid is not None:
            positions.setdefault(sid, i)
    graph: dict[str, list[str]] = {sid: [] for sid in positions}
    broken = False  # a `next` that names no step: what follows from it is not claimed
    for i, table in enumerate(tables):
        for j, option in enumerate(_options(table)):
            option_id = _text(option, "id") or "?"
            ending = _text(option, "outcome")
            if outcomes is not None and ending and ending not in outcomes:
                report.error(f'option "{option_id}" ends in outcome "{ending}", which does not exist',
                             "name one of the guide's [[outcomes]] by its id", at=at + ("steps", i, "options", j,
                                                                                         "outcome"))
            target = _text(option, "next")
            if not target:
                continue
            if target not in positions:
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
        return None
    first = start or ids[0]
    if first is None:
        return None  # the first step has no usable id, which is reported already
    reachable = set(positions) if broken else _reachable(graph, first)
    for sid, i in positions.items():
        if sid not in reachable:
            report.error(f'{what} step "{sid}" cannot be reached',
                         f'no option leads to it from the start step "{first}"; add next = "{sid}" or remove it',
                         at=at + ("steps", i))
    cycle = _find_cycle(graph, first)
    if cycle:
        report.error(f"{what} can loop forever: " + " -> ".join(cycle),
                     f"every path through a {what} must reach an outcome; break the loop",
                     at=at + ("steps", positions[cycle[-2]]))
    return StoryMap(positions, graph, reachable, first)


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
