"""Find a content pack and load it into the model: the single path used by the app and `tutor check`.

`load_course` reads the catalogue only (course.toml, lesson front matter, each quiz's id): fast
enough to run at every start. `check_pack` parses everything and runs the cross-file checks.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from tutor.content.course_format import CourseFile, load_course_file
from tutor.content.findings import ERROR, Finding, Report
from tutor.content.lesson_format import load_lesson_file
from tutor.content.model import Course, Lesson, Module
from tutor.content.quiz_format import load_quiz_file

PACKAGED = Path(__file__).resolve().parent.parent / "_course"
CHECKOUT = Path(__file__).resolve().parent.parent.parent


class ContentRootError(Exception):
    """The content folder itself is unusable (a usage problem, not a content problem)."""


def content_root(explicit: str | os.PathLike | None = None) -> Path:
    """Where the content lives: --content, else $TUTOR_CONTENT, else the shipped course
    (inside the installed wheel, or the checkout's top level for a plain or editable install)."""
    chosen = explicit or os.environ.get("TUTOR_CONTENT")
    if chosen:
        root = Path(chosen).expanduser()
        if not root.is_dir():
            raise ContentRootError(f"content folder {root} does not exist")
        return root.resolve()
    for candidate in (PACKAGED, CHECKOUT):
        if (candidate / "lessons").is_dir():
            return candidate
    raise ContentRootError("the shipped course was not found; reinstall tutor or pass --content DIR")


def pack_files(root: Path, findings: list[Finding]) -> tuple[list[Path], list[Path]]:
    """The pack's lesson and quiz files, refusing any that resolve outside the pack (symlinks)."""
    inside = root.resolve()

    def within(path: Path) -> bool:
        resolved = path.resolve()
        if resolved.is_relative_to(inside):
            return True
        Report(path, findings).error("file points outside the content pack",
                                     "copy the file into the pack instead of linking to it", line=1)
        return False

    lessons = [p for p in sorted((root / "lessons").glob("*.md")) if within(p)]
    quizzes = [p for p in sorted((root / "quizzes").glob("*.toml")) if within(p)]
    return lessons, quizzes


_TOP_KEY = re.compile(r'^(id|lesson)\s*=\s*"([^"\\]*)"\s*(?:#.*)?$', re.M)


def _scan_quiz_ids(path: Path) -> tuple[str | None, str | None]:
    """The quiz's id and lesson from its top-level keys, without parsing the whole file."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None, None
    head = text.split("\n[", 1)[0]
    found = dict(m.groups() for m in _TOP_KEY.finditer(head))
    return found.get("id"), found.get("lesson")


class _Catalogue:
    """What loading found, with each file's report kept so later checks can place findings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.course_file: CourseFile | None = None
        self.course_report: Report | None = None
        self.lessons: list[tuple[Lesson, str | None, Report]] = []
        self.quiz_paths: dict[str, Path] = {}
        self.quiz_lessons: dict[str, str] = {}


def _load_catalogue(root: Path, keep_bodies: bool) -> _Catalogue:
    cat = _Catalogue(root)
    if not (root / "lessons").is_dir() and not (root / "quizzes").is_dir():
        Report(root, cat.findings).error("no lessons/ or quizzes/ folder here",
                                         "a content pack has lessons/*.md and quizzes/*.toml", line=1)
    course_path = root / "course.toml"
    if course_path.is_file():
        cat.course_file, cat.course_report = load_course_file(course_path, cat.findings)
    lesson_paths, quiz_paths = pack_files(root, cat.findings)
    for path in lesson_paths:
        lesson, body, report = load_lesson_file(path, cat.findings)
        if lesson is not None:
            cat.lessons.append((lesson, body if keep_bodies else None, report))
    if not keep_bodies:
        for path in quiz_paths:
            quiz_id, lesson_id = _scan_quiz_ids(path)
            if quiz_id is None:
                quiz, _ = load_quiz_file(path)  # unusual layout: fall back to a full parse
                quiz_id, lesson_id = (quiz.id, quiz.lesson) if quiz else (None, None)
            if quiz_id and quiz_id not in cat.quiz_paths:
                cat.quiz_paths[quiz_id] = path
                cat.quiz_lessons[quiz_id] = lesson_id or ""
    return cat


def _build_course(cat: _Catalogue) -> Course:
    lessons: dict[str, Lesson] = {}
    for lesson, _body, _report in cat.lessons:
        lessons.setdefault(lesson.id, lesson)
    # A lesson without `quiz = ...` still gets the quiz that names it.
    for quiz_id, lesson_id in cat.quiz_lessons.items():
        lesson = lessons.get(lesson_id)
        if lesson is not None and lesson.quiz is None:
            lesson.quiz = quiz_id
    cf = cat.course_file
    titles = dict(cf.modules) if cf else {}
    order = [mid for mid, _ in cf.modules] if cf else []
    for mid in sorted({lesson.module for lesson in lessons.values()}):
        if mid not in titles:
            order.append(mid)
            titles[mid] = mid.replace("-", " ").replace("_", " ").capitalize()
    modules = []
    for mid in order:
        members = sorted((l for l in lessons.values() if l.module == mid), key=lambda l: (l.order, l.path.name))
        if members:
            modules.append(Module(mid, titles[mid], tuple(l.id for l in members)))
    return Course(
        id=cf.id if cf else (cat.root.name or "course"),
        title=cf.title if cf else cat.root.name,
        root=cat.root,
        modules=tuple(modules),
        lessons=lessons,
        quiz_paths=dict(cat.quiz_paths),
        pass_mark=cf.pass_mark if cf else 0.8,
        checked=cf.checked if cf else None,
    )


def load_course(root: Path) -> tuple[Course, list[Finding]]:
    """The catalogue: enough to show the dashboard. Bodies and quizzes are read when opened."""
    cat = _load_catalogue(root, keep_bodies=False)
    return _build_course(cat), cat.findings


def check_pack(root: Path, max_age_days: int = 365, today: date | None = None) -> tuple[Course, list[Finding]]:
    """Parse every file of the pack and run every check; findings sorted by file and line."""
    from tutor.content.checks import check_catalogue

    cat = _load_catalogue(root, keep_bodies=True)
    quizzes = []
    _lesson_paths, quiz_paths = pack_files(root, [])
    for path in quiz_paths:
        quiz, report = load_quiz_file(path, cat.findings)
        if quiz is not None:
            quizzes.append((quiz, report))
            if quiz.id not in cat.quiz_paths:
                cat.quiz_paths[quiz.id] = path
                cat.quiz_lessons[quiz.id] = quiz.lesson
    course = _build_course(cat)
    course._quizzes.update({q.id: q for q, _ in quizzes if cat.quiz_paths.get(q.id) == q.path})
    check_catalogue(cat, quizzes, course, max_age_days, today or date.today())
    cat.findings.sort(key=lambda f: (str(f.path), f.line, f.col))
    return course, cat.findings


def check_file(path: Path, max_age_days: int = 365, today: date | None = None) -> list[Finding]:
    """Check one lesson or quiz file that belongs to no pack: only what the file alone can show."""
    from tutor.content.checks import check_lone_lesson

    findings: list[Finding] = []
    if path.suffix == ".md":
        lesson, body, report = load_lesson_file(path, findings)
        if lesson is not None:
            check_lone_lesson(lesson, body, report, max_age_days, today or date.today())
    else:
        load_quiz_file(path, findings)
    findings.sort(key=lambda f: (f.line, f.col))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
