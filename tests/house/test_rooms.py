"""The house rules that keep the code easy to change (issue 23, docs/architecture.md): no import circle
anywhere in tutor/, no module over 400 lines without a reason written at its top, and an App that is
wiring only."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parents[2] / "tutor"
MAX_LINES = 400
REASON = "Why one piece:"  # a module over MAX_LINES says why at its top, after these words


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), TYPE_CHECKING imports included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for module in sorted(graph.modules):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_no_import_circle_anywhere_in_tutor_type_checking_imports_included():
    graph = grimp.build_graph("tutor", exclude_type_checking_imports=False)
    assert _cycles(graph) == []


def test_the_circle_check_finds_a_circle_when_there_is_one():
    graph = grimp.ImportGraph()
    for module in ("pkg", "pkg.a", "pkg.b", "pkg.c"):
        graph.add_module(module)
    graph.add_import(importer="pkg.a", imported="pkg.b")
    graph.add_import(importer="pkg.b", imported="pkg.c")
    graph.add_import(importer="pkg.c", imported="pkg.a")
    assert _cycles(graph) == [["pkg.a", "pkg.b", "pkg.c"]]


def test_no_module_over_400_lines_without_a_reason_at_its_top():
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MAX_LINES and not any(REASON in line for line in lines[:20]):
            too_long.append(f"{path.relative_to(PACKAGE.parent)}: {len(lines)} lines")
    assert too_long == []


def test_the_app_is_the_smallest_room():
    lines = (PACKAGE / "app" / "app.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 300, f"tutor/app/app.py has {len(lines)} lines: the App is wiring, under 300"
