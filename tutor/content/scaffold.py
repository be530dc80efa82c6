"""Starter files for authors: a new pack, a new lesson in a pack, a new quiz for a lesson.

The templates (tutor/content/templates/) are commented examples of every field; what is filled in
(ids, titles, today's date, the next order number) is made unique among the pack's own files, and
nothing is ever overwritten: each file is written whole (tutor/content/whole_file.py) and takes its
name only if nothing has it, and nothing is written through a folder that leads out of the pack.
What the author typed (a title) is data: placeholders are filled in one pass, never in a title.
What is written passes `tutor check --strict`. The command line (tutor/cli/authoring.py) says where it wrote.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import date
from pathlib import Path

from msgspec import Struct

from tutor.content.course_format import read_course_file
from tutor.content.fields import ID_PATTERN
from tutor.content.lesson_format import LessonFile, read_lesson_file
from tutor.content.loader import load_course, pack_files
from tutor.content.sanitize import clean_line
from tutor.content.textfile import inside_pack
from tutor.content.whole_file import write_whole

TEMPLATES = Path(__file__).resolve().parent / "templates"
STARTER_LESSON = "first-lesson"
STARTER_MODULE = "basics"


class ScaffoldError(Exception):
    """What was asked cannot be done without overwriting or guessing: nothing was written."""


class Written(Struct, frozen=True):
    """What a scaffold wrote: the files, the id it chose, and anything else worth saying."""

    paths: tuple[Path, ...]
    id: str
    notes: tuple[str, ...] = ()


def slug(text: str, fallback: str) -> str:
    """An id made of a title or a folder name: lower-case ASCII letters and digits joined by "-"."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    made = "-".join(words)[:40].strip("-")
    return made if made and ID_PATTERN.fullmatch(made) else fallback


def toml_string(text: str) -> str:
    """A one-line TOML basic string: JSON's escapes are TOML's; runs of white space (tabs and
    newlines too) become one space, and other control characters are removed first."""
    return json.dumps(clean_line(" ".join(text.split())), ensure_ascii=False)


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with its {{name}} placeholders filled in one pass: what is filled in (a title
    the author typed) is data, never read again for placeholders."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)


def _create(root: Path, path: Path, text: str) -> Path:
    """Write a new file of the pack whole (tutor/content/whole_file.py); refuse if anything is
    already there (also a file created meanwhile) or if the path leads out of the pack."""
    _refuse_outside(root, path)
    try:
        write_whole(path, text, overwrite=False)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; nothing was overwritten") from None
    return path


def _refuse_outside(root: Path, path: Path) -> None:
    """As the loader refuses to read through a symlink out of the pack, the scaffold refuses to
    write through one (lessons/ linked to another folder, say)."""
    if not inside_pack(path, root):
        raise ScaffoldError(f"{path} points outside the content pack {root}; nothing was written. Make "
                            f"{path.parent.name}/ a real folder inside the pack")


def _lesson_text(values: dict[str, str], body: str) -> str:
    return "+++\n" + _fill("lesson-front.toml", values) + "+++\n" + _fill(body, values)


# -- a new pack ----------------------------------------------------------------------------

def new_course(folder: Path, today: date | None = None) -> Written:
    """A complete starter pack in `folder` (created if needed): course.toml with an id of its own,
    one lesson and its quiz with a question of every kind."""
    for name in ("course.toml", "lessons", "quizzes"):
        if (folder / name).exists():
            raise ScaffoldError(f"{folder / name} already exists: {folder} is a pack already; add to it with "
                                "`tutor new lesson` and `tutor new quiz`")
    name = clean_line(folder.resolve().name)
    # A random part makes the id the pack's own even when two authors pick the same folder name.
    course_id = f"{slug(name, 'course')}-{secrets.token_hex(2)}"
    title = name.replace("-", " ").replace("_", " ").strip().capitalize() or "My course"
    values = {"course_id": course_id, "course_title": toml_string(title), "today": (today or date.today()).isoformat(),
              "module": STARTER_MODULE, "lesson_id": STARTER_LESSON, "lesson_title": toml_string("Your first lesson"),
              "order": "1", "quiz_id": STARTER_LESSON, "quiz_title": toml_string("Your first quiz"),
              "source_id": "handbook"}
    for sub in ("lessons", "quizzes"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    paths = (
        _create(folder, folder / "course.toml", _fill("course.toml", values)),
        _create(folder, folder / "lessons" / f"01-{STARTER_LESSON}.md", _lesson_text(values, "starter-body.md")),
        _create(folder, folder / "quizzes" / f"{STARTER_LESSON}.toml", _fill("quiz.toml", values)),
    )
    return Written(paths, course_id)


# -- a lesson in a pack ----------------------------------------------------------------------

def require_pack(root: Path) -> None:
    if not root.is_dir() or not any((root / name).exists() for name in ("course.toml", "lessons", "quizzes")):
        raise ScaffoldError(f"{root} is not a content pack (it has no course.toml, lessons/ or quizzes/); start one "
                            "with `tutor new course DIR`, or name the pack with --content DIR")


def _lesson_files(root: Path) -> list[LessonFile]:
    """Every lesson file as far as it reads: a lesson with an error still holds on to its id."""
    lessons, _quizzes = pack_files(root, [])
    return [read_lesson_file(path, []) for path in lessons]


def _unique(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def new_lesson(root: Path, title: str, module: str | None = None, today: date | None = None) -> Written:
    """A lesson at the end of `module` (default: the module of the pack's last lesson), with a fresh
    id made from its title; a module course.toml does not list yet is added to it."""
    require_pack(root)
    if not clean_line(title).strip():
        raise ScaffoldError("the lesson needs a title")
    if module is not None and not ID_PATTERN.fullmatch(module):
        raise ScaffoldError(f'module id "{clean_line(module)}" may only contain letters, digits, "-" and "_"')
    course, _findings = load_course(root)
    ordered = course.ordered_lessons()
    chosen = module or (ordered[-1].module if ordered else None) or (
        course.modules[0].id if course.modules else _first_listed_module(root)) or STARTER_MODULE
    lesson_id = _unique(slug(title, "lesson"), {read.id for read in _lesson_files(root) if read.id})
    order = max((lesson.order for lesson in ordered if lesson.module == chosen), default=0) + 1
    folder = root / "lessons"
    _refuse_outside(root, folder / "new.md")
    notes = _add_module(root, chosen)
    folder.mkdir(exist_ok=True)
    number = len(list(folder.glob("*.md"))) + 1
    while (folder / f"{number:02d}-{lesson_id}.md").exists():
        number += 1
    values = {"lesson_id": lesson_id, "lesson_title": toml_string(title), "module": chosen, "order": str(order),
              "source_id": "handbook", "today": (today or date.today()).isoformat()}
    path = _create(root, folder / f"{number:02d}-{lesson_id}.md", _lesson_text(values, "lesson-body.md"))
    return Written((path,), lesson_id, (f'module "{chosen}", order {order}', *notes))


def _first_listed_module(root: Path) -> str | None:
    read = read_course_file(root / "course.toml", [], root) if (root / "course.toml").exists() else None
    listed = read.modules if read is not None else None
    return listed[0][1] if listed else None


def _add_module(root: Path, module: str) -> tuple[str, ...]:
    """List `module` in course.toml if the pack has one that does not; say what was done."""
    path = root / "course.toml"
    if not path.exists():
        return ()
    read = read_course_file(path, [], root)
    if read.modules is None:
        return ("course.toml could not be read, so the module was not added to it: `tutor check` says why",)
    if any(mid == module for _i, mid, _title in read.modules):
        return ()
    original = path.read_text(encoding="utf-8")
    title = module.replace("-", " ").replace("_", " ").capitalize()
    added = f'{original.rstrip()}\n\n[[modules]]\nid = "{module}"\ntitle = {toml_string(title)}\n'
    _refuse_outside(root, path)
    write_whole(path, added)
    again = read_course_file(path, [], root).modules
    if again is None or not any(mid == module for _i, mid, _title in again):
        write_whole(path, original)  # its modules are written another way: leave it to the author
        raise ScaffoldError(f'module "{module}" is not listed in course.toml and could not be added to it; add a '
                            f'[[modules]] table with id = "{module}" yourself')
    return (f'added module "{module}" to course.toml (title {toml_string(title)}: change it there)',)


# -- a quiz for a lesson --------------------------------------------------------------------

def new_quiz(root: Path, lesson_id: str) -> Written:
    """A quiz for the lesson, with a question of every kind citing the lesson's first source."""
    require_pack(root)
    lessons = {read.id: read for read in _lesson_files(root) if read.id}
    lesson = lessons.get(lesson_id)
    if lesson is None:
        known = ", ".join(sorted(lessons)) or "none yet"
        raise ScaffoldError(f'there is no lesson "{clean_line(lesson_id)}" in {root} (its lessons: {known})')
    if not lesson.sources:
        raise ScaffoldError(f"lesson \"{lesson_id}\" lists no usable source for the questions to cite; add a "
                            f"[[sources]] table to {lesson.path.name} first (`tutor check` says what is missing)")
    course, _findings = load_course(root)
    has = course.quiz_id_for(lesson_id) or next(
        (qid for qid, (_path, lid) in course.quiz_index.items() if lid == lesson_id), None)
    if has is not None:
        where = f" ({course.quiz_index[has][0].relative_to(root)})" if has in course.quiz_index else ""
        raise ScaffoldError(f'lesson "{lesson_id}" already has quiz "{has}"{where}')
    taken = set(course.quiz_index) | {path.stem for path in (root / "quizzes").glob("*.toml")}
    quiz_id = _unique(lesson_id, taken)
    title = lesson.lesson.title if lesson.lesson is not None else lesson_id
    values = {"quiz_id": quiz_id, "lesson_id": lesson_id, "quiz_title": toml_string(f"Quiz: {title}"),
              "source_id": lesson.sources[0].id}
    (root / "quizzes").mkdir(exist_ok=True)
    path = _create(root, root / "quizzes" / f"{quiz_id}.toml", _fill("quiz.toml", values))
    return Written((path,), quiz_id, (f'for lesson "{lesson_id}", citing its source "{lesson.sources[0].id}"',))
