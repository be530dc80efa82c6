"""A bank written into a pack: one quiz file per category, a starter lesson for each (every quiz belongs
to a lesson, whose sources its questions cite), modules in course.toml, and a course.toml for a new pack.

What the bank lacks and the tutor requires is written as a placeholder `tutor check` reports at its line:
a source's address and date (`url`, `checked` as text), a question's `risk`, and a missing explanation or
feedback (left out, with a comment saying what to write). Nothing is overwritten: every file is
created new (O_EXCL), all of them are planned before the first is written, and any failure removes
what was written, so a pack is never left half-imported.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tutor.content.course_format import read_course_file
from tutor.content.fields import ID_PATTERN
from tutor.content.loader import load_course, pack_files
from tutor.content.sanitize import clean_text
from tutor.content.scaffold import ScaffoldError, slug
from tutor.content.whole_file import write_whole
from tutor.interchange.bank import Bank, BankCategory, BankOption, BankQuestion, BankSource
from tutor.interchange.report import ImportReport, Note

TO_COMPLETE = "TO COMPLETE"
PLACEHOLDER_SOURCE = "source-to-complete"


def toml_text(text: str) -> str:
    """A one-line TOML basic string keeping newlines (as \\n): JSON's escapes are TOML's."""
    return json.dumps(clean_text(text), ensure_ascii=False)


class Pack:
    """What the pack already holds, so that nothing new takes an id or a file name it uses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.is_new = not (root / "course.toml").exists()
        self.lessons: set[str] = set()
        self.quizzes: set[str] = set()
        self.modules: dict[str, str] = {}  # title -> id
        self.orders: dict[str, int] = {}
        self.lesson_files = 0
        if root.is_dir():
            course, _findings = load_course(root)
            lessons, quizzes = pack_files(root, [])
            self.lesson_files = len(lessons)
            self.lessons = set(course.lessons) | {path.stem for path in lessons}
            self.quizzes = set(course.quiz_index) | {path.stem for path in quizzes}
            self.modules = {module.title: module.id for module in course.modules}
            for lesson in course.lessons.values():
                self.orders[lesson.module] = max(self.orders.get(lesson.module, 0), lesson.order)

    @staticmethod
    def unique(wanted: str, taken: set[str]) -> str:
        chosen, number = wanted, 2
        while chosen in taken:
            chosen, number = f"{wanted}-{number}", number + 1
        taken.add(chosen)
        return chosen


class Planned:
    """The files an import will write: new ones, and the text course.toml gets."""

    def __init__(self) -> None:
        self.files: list[tuple[Path, str]] = []
        self.course: tuple[Path, str, str | None] | None = None  # path, new text, old text (None: new file)


def plan(bank: Bank, root: Path, report: ImportReport, origin: str) -> Planned:
    pack = Pack(root)
    planned = Planned()
    new_modules: list[tuple[str, str]] = []
    for category in bank.categories:
        if not category.questions:
            continue
        module_title = category.module or "Imported questions"
        module = pack.modules.get(module_title)
        if module is None:
            module = pack.unique(slug(module_title, "imported"), set(pack.modules.values()))
            pack.modules[module_title] = module
            new_modules.append((module, module_title))
        _plan_quiz(category, module, pack, planned, report, origin)
    if pack.is_new or new_modules:
        planned.course = _course_text(root, bank, new_modules, pack.is_new)
    return planned


def _plan_quiz(category: BankCategory, module: str, pack: Pack, planned: Planned, report: ImportReport,
               origin: str) -> None:
    wanted = category.quiz or _agreed(category) or slug(category.title, "quiz")
    quiz_id = pack.unique(wanted, pack.quizzes)
    if quiz_id != wanted:
        report.change(f'category "{category.title}"',
                      f'quiz id "{wanted}" is taken in the pack: written as "{quiz_id}"')
    lesson_id = pack.unique(quiz_id, pack.lessons)
    pack.orders[module] = order = pack.orders.get(module, 0) + 1
    pack.lesson_files += 1
    sources: dict[str, BankSource | None] = {}
    taken: set[str] = set()
    questions = [_question_text(q, i, sources, taken, report) for i, q in enumerate(category.questions)]
    quiz_path = pack.root / "quizzes" / f"{quiz_id}.toml"
    head = (f"# Imported by `tutor lms import` from {origin} (docs/lms.md). `tutor check` lists what is left\n"
            f"# to complete; docs/authoring.md says what every field does.\n"
            f"id = {toml_text(quiz_id)}\nlesson = {toml_text(lesson_id)}\ntitle = {toml_text(category.title)}\n")
    quiz_text = head + "".join(questions)
    lesson_path = pack.root / "lessons" / f"{pack.lesson_files:02d}-{lesson_id}.md"
    lesson_text = _lesson_text(lesson_id, category.title, module, order, quiz_id, sources, origin)
    planned.files += [(lesson_path, lesson_text), (quiz_path, quiz_text)]
    for path, text in ((lesson_path, lesson_text), (quiz_path, quiz_text)):
        _note_placeholders(path, pack.root, text, report)
    report.quizzes += 1
    report.questions += len(category.questions)


def _agreed(category: BankCategory) -> str | None:
    """The quiz id the questions' own ids name, when they all name the same one."""
    named = {q.quiz for q in category.questions}
    return named.pop() if len(named) == 1 and None not in named else None


def _question_text(question: BankQuestion, index: int, sources: dict[str, BankSource | None], taken: set[str],
                   report: ImportReport) -> str:
    wanted = f"{question.id}-{question.step}" if question.id and question.step else question.id
    qid = wanted if wanted and ID_PATTERN.fullmatch(wanted) else slug(question.name, f"question-{index + 1}")
    qid = Pack.unique(qid, taken)
    source = question.source if question.source and question.source.checked and question.source.url else None
    source_id = (source.id or slug(source.title, "source")) if source else PLACEHOLDER_SOURCE
    sources.setdefault(source_id, source)
    lines = ["", "[[questions]]", f"id = {toml_text(qid)}", f"kind = {toml_text(question.kind)}",
             f"prompt = {toml_text(question.prompt)}"]
    lines.append(f"explanation = {toml_text(question.explanation)}" if question.explanation else
                 f'# {TO_COMPLETE}: explanation = "why the right answer is right (shown after every answer)"')
    lines.append(f"source = {toml_text(source_id)}")
    lines.append(f"risk = {toml_text(question.risk)}" if question.risk else
                 f'risk = "{TO_COMPLETE}: normal, or high for a mistake that can cost the account or the money"')
    if question.rule:
        lines.append(f"rule = {toml_text(question.rule)}")
    if question.hints:
        lines.append("hints = [" + ", ".join(toml_text(hint) for hint in question.hints) + "]")
    if not question.shuffle:
        lines.append("shuffle = false")
    if question.kind == "multi" and question.partial_credit:
        lines.append("partial_credit = true")
    if question.step:
        report.change(f"line {question.line}", f'step "{question.step}" of scenario "{question.id}", flattened on '
                      f'export: taken as the single-choice question "{qid}"')
    if question.kind == "truefalse":
        lines += _true_false(question)
    else:
        lines += _options(question.options)
    return "\n".join(lines) + "\n"


def _true_false(question: BankQuestion) -> list[str]:
    by_id = {option.id: option for option in question.options}
    answer = by_id["true"].correct if "true" in by_id else not by_id["false"].correct
    lines = [f"answer = {'true' if answer else 'false'}"]
    for name in ("true", "false"):
        feedback = by_id[name].feedback if name in by_id else ""
        lines.append(f"feedback_{name} = {toml_text(feedback)}" if feedback else
                     f'# {TO_COMPLETE}: feedback_{name} = "what a learner who picks {name.capitalize()} is told"')
    return lines


def _options(options: tuple[BankOption, ...]) -> list[str]:
    lines: list[str] = []
    taken: set[str] = set()
    for number, option in enumerate(options):
        wanted = option.id if option.id and ID_PATTERN.fullmatch(option.id) else _letter(number)
        oid = wanted if wanted not in taken else f"{wanted}-{number + 1}"
        taken.add(oid)
        lines += ["", "[[questions.options]]", f"id = {toml_text(oid)}", f"text = {toml_text(option.text)}"]
        if option.correct:
            lines.append("correct = true")
        lines.append(f"feedback = {toml_text(option.feedback)}" if option.feedback else
                     f'# {TO_COMPLETE}: feedback = "why this answer is right or wrong (shown when it is chosen)"')
    return lines


def _letter(number: int) -> str:
    return chr(ord("a") + number) if number < 26 else f"option-{number + 1}"


def _lesson_text(lesson_id: str, title: str, module: str, order: int, quiz_id: str,
                 sources: dict[str, BankSource | None], origin: str) -> str:
    front = [f"id = {toml_text(lesson_id)}", f"title = {toml_text(title)}", f"module = {toml_text(module)}",
             f"order = {order}", "minutes = 5",
             "summary = " + toml_text(f'Made by tutor lms import for the quiz "{title}": say what it teaches.'),
             f"quiz = {toml_text(quiz_id)}"]
    for source_id, source in sources.items():
        front += ["", "[[sources]]", f"id = {toml_text(source_id)}"]
        if source is None or source.checked is None:
            front += ['title = "The page the questions rely on (its address and date are to complete)"',
                      f'url = "{TO_COMPLETE}: its https:// address"',
                      'section = ""',
                      f'checked = "{TO_COMPLETE}: the date you read it, as 2026-01-31 (no quotes)"']
        else:
            front += [f"title = {toml_text(source.title)}", f"url = {toml_text(source.url)}",
                      f"section = {toml_text(source.section)}", f"checked = {source.checked.isoformat()}"]
    body = (f"This lesson was made by `tutor lms import` from {origin}, for its quiz \"{title}\". Write the lesson "
            "here: what the rule is, why it exists, and what breaking it costs.\n")
    return "+++\n" + "\n".join(front) + "\n+++\n\n" + body


def _note_placeholders(path: Path, root: Path, text: str, report: ImportReport) -> None:
    """Each placeholder at the line `tutor check` reports: its own line for a value it refuses, the
    table's line for a field left out (with a comment saying what to write)."""
    relative = path.relative_to(root)
    table = 1
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("[["):
            table = number
        if line.startswith(f"# {TO_COMPLETE}: "):
            field, _sep, what = line[len(f"# {TO_COMPLETE}: "):].partition(" = ")
            report.placeholders.append(Note(f"{relative}:{table}", f"{field} is missing: {what.strip(chr(34))}"))
        elif f'"{TO_COMPLETE}: ' in line:
            field, _sep, what = line.partition(" = ")
            what = what.strip('"').removeprefix(f"{TO_COMPLETE}: ")
            report.placeholders.append(Note(f"{relative}:{number}", f"{field}: {what}"))


def _course_text(root: Path, bank: Bank, modules: list[tuple[str, str]],
                 is_new: bool) -> tuple[Path, str, str | None]:
    path = root / "course.toml"
    tables = "".join(f"\n[[modules]]\nid = {toml_text(mid)}\ntitle = {toml_text(title)}\n" for mid, title in modules)
    if not is_new:
        old = path.read_text(encoding="utf-8")
        return path, old.rstrip() + "\n" + tables, old
    course_id = f"{slug(bank.title, 'course')}-{secrets.token_hex(2)}"
    text = (f"# Made by `tutor lms import` (docs/lms.md); docs/authoring.md lists every field.\n"
            f"id = {toml_text(course_id)}\ntitle = {toml_text(bank.title)}\npass_mark = 0.8\n" + tables)
    return path, text, None


def write(planned: Planned, root: Path, report: ImportReport) -> None:
    """Write every planned file, or none: a file that exists already stops the import before anything
    is written; any failure while writing removes what was written and puts course.toml back."""
    clash = next((path for path, _text in planned.files if path.exists()), None)
    if clash is not None:
        raise ScaffoldError(f"{clash} already exists; nothing was written")
    written: list[Path] = []
    course_done = False
    try:
        for folder in ("lessons", "quizzes"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for path, text in planned.files:
            with path.open("x", encoding="utf-8") as handle:
                written.append(path)
                handle.write(text)
        if planned.course is not None:
            path, text, old = planned.course
            if old is None:
                with path.open("x", encoding="utf-8") as handle:
                    written.append(path)
                    handle.write(text)
            else:
                write_whole(path, text)
                course_done = True
                if read_course_file(path, [], root).modules is None:
                    raise ScaffoldError(f"{path} could not take the new modules; nothing was written")
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        if course_done and planned.course is not None and planned.course[2] is not None:
            write_whole(planned.course[0], planned.course[2])
        raise
    report.written = [str(path.relative_to(root)) for path in written] + (
        ["course.toml (modules added)"] if course_done else [])
