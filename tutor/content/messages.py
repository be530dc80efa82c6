"""Every message `tutor check` can print, read from the code itself, for docs/check-messages.md.

Each `report.error(...)` and `report.warning(...)` call in tutor/content gives one entry: its
severity, its message and its hint, with the parts filled in at run time shown as {name}. The
document is generated, so it cannot drift from the code (a test compares the two):

    python -m tutor.content.messages            # rewrite docs/check-messages.md
    python -m tutor.content.messages --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

from msgspec import Struct

CONTENT = Path(__file__).resolve().parent
DOC = CONTENT.parent.parent / "docs" / "check-messages.md"

# Where each module's messages come from, in the order the document lists them.
SECTIONS = {
    "textfile.py": "Any file of the pack",
    "tomlpos.py": "TOML: syntax and limits (front matter, quizzes, course.toml)",
    "fields.py": "Fields of any table (front matter, quizzes, course.toml)",
    "lesson_format.py": "Lessons (front matter and body)",
    "quiz_format.py": "Quizzes",
    "plain_text.py": "Quizzes: question texts are plain text",
    "quiz_scenario.py": "Scenario questions and guides: the steps",
    "answer_positions.py": "Quizzes: where the right answers sit",
    "tells.py": "Tells: an answer's length that gives it away",
    "course_format.py": "course.toml",
    "changes_format.py": "changes.toml (the timeline of rule changes)",
    "guide_format.py": "Guides (guides/*.toml)",
    "guide_messages.py": "Guides: the placeholders of a message",
    "checks.py": "Across files: ids, references, links, sources, nesting",
    "lesson_checks.py": "A lesson in its pack: documents its sources name, its language",
    "guide_checks.py": "Across files: what a guide names",
    "loader.py": "The pack's folders",
}


class Message(Struct, frozen=True):
    module: str
    function: str
    severity: str  # "error" or "warning"
    message: str
    hint: str


class UnreadableMessage(Exception):
    """A report call whose message is not written out in the call (a variable, say): the document
    could not say what it prints, so the code must not do that."""


# Names in the code that read badly in the document.
_READABLE = {"_KIND_NAMES": "type", "_type_name": "type found", "example_of": "example", "join": "list",
             "len": "total", "qid": "id", "close": "suggestion", "st_size": "size", "strerror": "reason",
             "_where": "file", "option_id": "id", "deepest": "depth", "inline_deepest": "depth", "mid": "module",
             "prereq": "lesson", "__name__": "type found", "oid": "outcome", "snippet": "text", "header": "table",
             "as_date": "date"}


def _placeholder(node: ast.expr) -> str:
    """A readable name for a part of a message filled in at run time."""
    name = _name(node)
    return _READABLE.get(name, name)


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return key.value
        return _name(node.value)
    if isinstance(node, ast.Call):
        return _name(node.func)
    if isinstance(node, ast.BinOp):  # position + 1, size / 1024: named after what it starts from
        return _name(node.left)
    if isinstance(node, ast.BoolOp):  # exc.strerror or exc
        return _name(node.values[0])
    return "..."


def _texts(node: ast.expr, constants: dict[str, int | str]) -> list[str]:
    """The text(s) an expression makes: more than one for `a if condition else b`. Limits and
    other module constants (MAX_OPTIONS, ...) are shown with their value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and isinstance(constants.get(node.id), str):  # a message shared by modules
        return [str(constants[node.id])]
    if isinstance(node, ast.JoinedStr):
        out = ""
        for part in node.values:
            if isinstance(part, ast.Constant):
                out += str(part.value)
            elif isinstance(part, ast.FormattedValue):
                value, sign = part.value, ""
                if isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.USub):
                    value, sign = value.operand, "-"
                if isinstance(value, ast.Name) and value.id in constants:
                    known = constants[value.id]
                    out += sign + (f"{known:,}" if isinstance(known, int) else str(known))
                else:
                    out += "{" + _placeholder(value) + "}"
        return [out]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [left + right for left in _texts(node.left, constants) for right in _texts(node.right, constants)]
    if isinstance(node, ast.IfExp):
        return _texts(node.body, constants) + _texts(node.orelse, constants)
    if isinstance(node, ast.Call):  # e.g. ", ".join(names): a list filled in at run time
        return ["{" + _placeholder(node) + "}"]
    raise UnreadableMessage(ast.unparse(node))


def _argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    if len(call.args) > index:
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _calls(tree: ast.Module) -> list[tuple[str, ast.Call]]:
    """(enclosing function, call) for every `<something>.error(...)` or `.warning(...)` call."""
    found: list[tuple[str, ast.Call]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and \
                    child.func.attr in ("error", "warning") and (child.args or child.keywords):
                found.append((name, child))
            visit(child, name)

    visit(tree, "")
    return found


def collect(folder: Path = CONTENT) -> list[Message]:
    """Every message of the modules in `folder`, in the order of SECTIONS, then of the code."""
    messages: list[Message] = []
    for module in SECTIONS:
        path = folder / module
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        loaded = importlib.import_module(f"tutor.content.{module.removesuffix('.py')}")
        constants: dict[str, int | str] = {name: value for name, value in vars(loaded).items()
                     if name.isupper() and isinstance(value, (int, str)) and not isinstance(value, bool)}
        for function, call in _calls(tree):
            message = _argument(call, 0, "message")
            hint = _argument(call, 1, "hint")
            if message is None:
                continue
            assert isinstance(call.func, ast.Attribute)
            hints = _texts(hint, constants) if hint is not None else [""]
            for text in _texts(message, constants):
                entry = Message(module, function, call.func.attr, text, " / ".join(hints))
                if entry not in messages:
                    messages.append(entry)
    return messages


def unlisted_modules(folder: Path = CONTENT) -> list[str]:
    """Modules of the core that report findings but are missing from SECTIONS."""
    return [path.name for path in sorted(folder.glob("*.py"))
            if path.name not in SECTIONS and path.name not in ("findings.py", "messages.py")
            and _calls(ast.parse(path.read_text(encoding="utf-8")))]


def render(messages: list[Message]) -> str:
    lines = [
        "# What `tutor check` can say",
        "",
        "Every message `tutor check` can print, with how to fix it. This file is generated from the code",
        "(`python -m tutor.content.messages`); do not edit it by hand. Parts in braces, such as `{id}`, are",
        "filled in with the file's own content. Every finding is printed as",
        "`path:line:col: error|warning: message (hint: ...)`; an error stops the part it is in from reaching",
        "the learner (a question, a quiz, a lesson), a warning does not. `--strict` treats warnings as errors.",
    ]
    for module, title in SECTIONS.items():
        entries = [m for m in messages if m.module == module]
        if not entries:
            continue
        lines += ["", f"## {title}", "", "| | message | how to fix it |", "| --- | --- | --- |"]
        for entry in entries:
            lines.append(f"| {entry.severity} | {_cell(entry.message)} | {_cell(entry.hint)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") if text else "-"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render(collect())
    if "--check" in args:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python -m tutor.content.messages", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {len(collect())} messages to {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
