"""Find a content pack and load it into the model: the single path used by the app and `tutor check`.

`load_course` reads the catalogue only (course.toml, lesson front matter, each quiz's id): fast
enough to run at every start. `check_pack` parses everything and runs the cross-file checks.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.content.catalogue import Catalogue
from tutor.content.course_format import read_course_file
from tutor.content.findings import ERROR, Finding, Report
from tutor.content.guide_index import guide_scanner, pack_guide_reader
from tutor.content.model import Course, CourseTexts, Guide, GuideEntry, Lesson, Module, Quiz, Readiness
from tutor.content.sanitize import clean_line, clean_text
from tutor.content.textfile import read_pack_file, read_text_file

if TYPE_CHECKING:
    from tutor.content.catalogue_cache import CatalogueCache
    from tutor.content.guide_format import GuideFile
    from tutor.content.quiz_format import QuizFile

QuizIndex = dict[str, tuple[Path, str]]

PACKAGED = Path(__file__).resolve().parent.parent / "_course"
CHECKOUT = Path(__file__).resolve().parent.parent.parent


class ContentRootError(Exception):
    """The content folder itself is unusable (a usage problem, not a content problem)."""


def content_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where the content lives: --content, else $TUTOR_CONTENT, else the shipped course
    (inside the installed wheel, or the checkout's top level for a plain or editable install)."""
    chosen = explicit or os.environ.get("TUTOR_CONTENT")
    if chosen:
        root = Path(chosen).expanduser()
        if root.exists() and not root.is_dir():
            raise ContentRootError(f"{root} is a file; --content takes a content pack's folder "
                                   "(the one that holds lessons/ and quizzes/)")
        if not root.is_dir():
            raise ContentRootError(f"content folder {root} does not exist")
        return root.resolve()
    shipped = shipped_root()
    if shipped is None:
        raise ContentRootError("the shipped course was not found; reinstall tutor or pass --content DIR")
    return shipped


def shipped_root() -> Path | None:
    """The shipped course's folder (inside the installed wheel, or the checkout's top level)."""
    for candidate in (PACKAGED, CHECKOUT):
        if (candidate / "lessons").is_dir():
            return candidate
    return None


def pack_files(root: Path, findings: list[Finding]) -> tuple[list[Path], list[Path]]:
    """The pack's lesson and quiz files, refusing any that resolve outside the pack (symlinks)."""
    return _listing(root, "lessons", ".md", findings), _listing(root, "quizzes", ".toml", findings)


def _listing(root: Path, folder: str, suffix: str, findings: list[Finding]) -> list[Path]:
    directory = root / folder
    inside = root.resolve()
    if not directory.is_dir():
        return []
    if not directory.resolve().is_relative_to(inside):
        Report(directory, findings).error(f"{folder}/ points outside the content pack",
                                          "make it a real folder inside the pack", line=1)
        return []
    names = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if not entry.name.endswith(suffix) or entry.name.startswith("."):
                continue
            path = directory / entry.name
            # Only symlinks can lead outside the pack; resolving every file would double the cost.
            if entry.is_symlink() and not path.resolve().is_relative_to(inside):
                Report(path, findings).error("file points outside the content pack",
                                             "copy the file into the pack instead of linking to it", line=1)
                continue
            if entry.is_file():
                names.append(entry.name)
    return [directory / name for name in sorted(names)]


_TOP_KEY = re.compile(r'^(id|lesson)\s*=\s*"([^"\\]*)"\s*(?:#.*)?$', re.M)
_PASS_MARK = re.compile(r"^pass_mark\s*=\s*([0-9.]+)\s*(?:#.*)?$", re.M)


def _scan_quiz_ids(path: Path, root: Path) -> tuple[str | None, str | None, float | None]:
    """The quiz's id, lesson and own pass mark from its top-level keys, without parsing the whole file."""
    data = read_pack_file(path, Report(path, []), root, head=4096)
    if data is None:
        return None, None, None
    top = data.decode("utf-8", errors="replace").split("\n[", 1)[0]
    found: dict[str, str] = {m.group(1): m.group(2) for m in _TOP_KEY.finditer(top)}
    if "id" not in found:  # unusual layout (keys after a long comment, literal strings): parse it all
        from tutor.content.quiz_format import load_quiz_file

        quiz, _ = load_quiz_file(path, root=root)
        return (quiz.id, quiz.lesson, quiz.pass_mark) if quiz else (None, None, None)
    mark = _PASS_MARK.search(top)
    try:
        value = float(mark.group(1)) if mark else None
    except ValueError:
        value = None
    return found.get("id"), found.get("lesson"), value if value is not None and 0 < value <= 1 else None


def _quiz_scanner(quiz_paths: list[Path], root: Path, marks: dict[str, float]) -> Callable[[], QuizIndex]:
    def scan() -> QuizIndex:
        index: QuizIndex = {}
        for path in quiz_paths:
            quiz_id, lesson_id, mark = _scan_quiz_ids(path, root)
            if quiz_id and quiz_id not in index:
                index[quiz_id] = (path, lesson_id or "")
                if mark is not None:
                    marks[quiz_id] = mark
        return index

    return scan


def _load_catalogue(root: Path, keep_bodies: bool, cache: CatalogueCache | None = None) -> Catalogue:
    cat = Catalogue(root)
    if not (root / "lessons").is_dir() and not (root / "quizzes").is_dir():
        Report(root, cat.findings).error("no lessons/ or quizzes/ folder here",
                                         "a content pack has lessons/*.md and quizzes/*.toml", line=1)
    course_path = root / "course.toml"
    if os.path.lexists(course_path):  # a dangling or outside symlink is reported, not ignored
        hit = cache.get(course_path) if cache else None
        if hit:
            cat.course_file = hit.course
            cat.findings.extend(hit.findings)
        else:
            start = len(cat.findings)  # the file's report keeps adding to cat.findings in later checks
            read = read_course_file(course_path, cat.findings, root)
            cat.course_file, cat.course_report, cat.listed_modules = read.course, read.report, read.modules
            if cache:
                cache.put(course_path, cat.findings[start:], course=cat.course_file)
    changes_path = root / "changes.toml"
    if os.path.lexists(changes_path):
        hit = cache.get(changes_path) if cache else None
        if hit and hit.changes is not None:
            cat.changes = hit.changes
            cat.findings.extend(hit.findings)
        else:
            from tutor.content.changes_format import read_changes_file

            start = len(cat.findings)
            cat.changes_read = read_changes_file(changes_path, cat.findings, root)
            cat.changes = cat.changes_read.changes
            if cache:
                cache.put(changes_path, cat.findings[start:], changes=cat.changes)
    lesson_paths, cat.quiz_files = pack_files(root, cat.findings)
    cat.guide_files = _listing(root, "guides", ".toml", cat.findings)  # read when a guide is first asked for
    if cache:  # the top of each guide file, as an earlier start listed it (guide_index.py)
        for path in cat.guide_files:
            hit = cache.get(path)
            if hit and (hit.guide is None or hit.guide.path == path):
                cat.known_guides[path] = hit.guide
    for path in lesson_paths:
        hit = cache.get(path) if cache else None
        # A cached lesson must be this file (the listing refused any outside the pack).
        if hit and (hit.lesson is None or hit.lesson.path == path):
            cat.findings.extend(hit.findings)
            if hit.lesson is not None:
                cat.lessons.append(hit.lesson)
            continue
        from tutor.content.lesson_format import read_lesson_file

        start = len(cat.findings)
        lesson_file = read_lesson_file(path, cat.findings, root)
        if cache:
            cache.put(path, cat.findings[start:], lesson=lesson_file.lesson)
        if lesson_file.lesson is not None:
            cat.lessons.append(lesson_file.lesson)
        if keep_bodies:
            cat.lesson_files.append(lesson_file)
    return cat


def _pack_readers(root: Path) -> tuple[Callable[[Path], Quiz | None], Callable[[Path], str]]:
    """How the course reads a quiz and a lesson's body when first used, perhaps long after start:
    each file is checked then to lie inside the pack (textfile.read_pack_file)."""

    def read_quiz(path: Path) -> Quiz | None:
        # Read to be shown: its errors leave questions out, its warnings are `tutor check`'s to say.
        from tutor.content.quiz_format import load_quiz_file

        return load_quiz_file(path, root=root, warnings=False)[0]

    def read_body(path: Path) -> str:
        from tutor.content.lesson_format import read_lesson_body

        return read_lesson_body(path, root)

    return read_quiz, read_body


def _build_course(cat: Catalogue, quiz_scanner: Callable[[], QuizIndex], quiz_marks: dict[str, float],
                  quiz_reader: Callable[[Path], Quiz | None] | None = None,
                  guide_reader: Callable[[Path], Guide | None] | None = None,
                  remember_guides: Callable[[dict[Path, GuideEntry | None]], None] | None = None) -> Course:
    lessons: dict[str, Lesson] = {}
    for lesson in cat.lessons:
        lessons.setdefault(lesson.id, lesson)
    cf = cat.course_file
    titles = dict(cf.modules) if cf else {}
    order = [mid for mid, _ in cf.modules] if cf else []
    for mid in sorted({lesson.module for lesson in lessons.values()}):
        if mid not in titles:
            order.append(mid)
            titles[mid] = mid.replace("-", " ").replace("_", " ").capitalize()
    by_module: dict[str, list[Lesson]] = {}
    for lesson in lessons.values():
        by_module.setdefault(lesson.module, []).append(lesson)
    modules = []
    for mid in order:
        members = sorted(by_module.get(mid, ()), key=lambda item: (item.order, item.path.name))
        if members:
            modules.append(Module(mid, titles[mid], tuple(item.id for item in members)))
    # Without course.toml the folder's name is the title: a name no one validated, so it is cleaned
    # (escape sequences, newlines) like any text of the pack.
    folder = clean_line(cat.root.name)
    read_quiz, read_body = _pack_readers(cat.root)
    return Course(
        id=cf.id if cf else (folder or "course"),
        title=cf.title if cf else folder,
        root=cat.root,
        modules=tuple(modules),
        lessons=lessons,
        pass_mark=cf.pass_mark if cf else 0.8,
        checked=cf.checked if cf else None,
        description=cf.description if cf else "",
        welcome=cat.root / cf.welcome if cf and cf.welcome else None,
        readiness=cf.readiness if cf else Readiness(),
        texts=cf.texts if cf else CourseTexts(),
        language=cf.language if cf else "en",
        changes=cat.changes,
        quiz_scanner=quiz_scanner,
        quiz_marks=quiz_marks,
        quiz_reader=quiz_reader or read_quiz,
        body_reader=read_body,
        welcome_reader=_welcome_reader(cat.root),
        guide_files=tuple(cat.guide_files),
        guide_scanner=guide_scanner(cat.guide_files, cat.root, cat.known_guides, remember_guides),
        guide_reader=guide_reader or pack_guide_reader(cat.root),
    )


def _welcome_reader(root: Path) -> Callable[[Path], str]:
    def read(path: Path) -> str:
        text = read_text_file(path, Report(path, []), root)  # refused outside the pack, like course.toml
        return clean_text(text) if text else ""

    return read


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Loading creates many small objects that all stay alive; the cyclic garbage collector would
    rescan them again and again (cost growing with the pack), and can find nothing to free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_course(root: Path, cache: Path | None = None) -> tuple[Course, list[Finding]]:
    """The catalogue: enough to show the dashboard. Quiz files are indexed on first use, and
    lesson bodies and quizzes are parsed when opened. With `cache` (a file path), files unchanged
    since the last load are not parsed again (tutor/content/catalogue_cache.py), and neither are
    quizzes (tutor/content/quiz_cache.py, in the folder "quizzes" beside it)."""
    with _no_gc_pauses():
        kept = None
        if cache is None:
            cat = _load_catalogue(root, keep_bodies=False)
        else:
            from tutor.content.catalogue_cache import SEED, CatalogueCache

            # The wheel's course comes with its catalogue parsed (catalogue_cache.py): a pack, never.
            kept = CatalogueCache(cache, root, seed=root / SEED if root == PACKAGED else None)
            cat = load_catalogue(root, kept)
        marks: dict[str, float] = {}
        read_quiz = None
        if cache is not None:  # quizzes parsed in earlier runs are kept beside the catalogue
            from tutor.content.quiz_cache import cached_quiz_reader

            read_quiz = cached_quiz_reader(cat.root, cache.parent / "quizzes")
        return _build_course(cat, _quiz_scanner(cat.quiz_files, root, marks), marks, read_quiz,
                             remember_guides=kept.keep_guides if kept else None), cat.findings


def load_catalogue(root: Path, kept: CatalogueCache) -> Catalogue:
    """The catalogue alone, through `kept` (which is saved after)."""
    with _no_gc_pauses():
        cat = _load_catalogue(root, keep_bodies=False, cache=kept)
    kept.save()
    return cat


def check_pack(root: Path, max_age_days: int = 365, today: date | None = None,
               known_courses: dict[str, Path] | None = None) -> tuple[Course, list[Finding]]:
    """Parse every file of the pack and run every check; findings sorted by file and line.
    `known_courses` maps other courses' ids to their folders (the shipped course, the learner's
    other packs): a pack that reuses one of those ids would share its progress."""
    with _no_gc_pauses():
        return _check_pack(root, max_age_days, today, known_courses or {})


def _check_pack(root: Path, max_age_days: int, today: date | None,
                known_courses: dict[str, Path]) -> tuple[Course, list[Finding]]:
    from tutor.content.checks import check_catalogue
    from tutor.content.guide_format import read_guide_file
    from tutor.content.quiz_format import read_quiz_file

    cat = _load_catalogue(root, keep_bodies=True)
    quizzes: list[QuizFile] = [read_quiz_file(path, cat.findings, root) for path in cat.quiz_files]
    index: QuizIndex = {}
    for read in quizzes:
        if read.quiz is not None:
            index.setdefault(read.quiz.id, (read.path, read.quiz.lesson))
    parsed = {read.path: read.quiz for read in quizzes if read.quiz is not None}
    guides: list[GuideFile] = [read_guide_file(path, cat.findings, root) for path in cat.guide_files]
    read_guides = {read.path: read.guide for read in guides}
    marks = {read.quiz.id: read.quiz.pass_mark for read in quizzes
             if read.quiz is not None and read.quiz.pass_mark is not None}
    course = _build_course(cat, lambda: index, marks, parsed.get, read_guides.get)
    check_catalogue(cat, quizzes, known_courses, max_age_days, today or date.today(), guides)
    cat.findings.sort(key=lambda f: (str(f.path), f.line, f.col))
    return course, cat.findings


def check_file(path: Path, max_age_days: int = 365, today: date | None = None) -> list[Finding]:
    """Check one lesson, quiz or guide file that belongs to no pack: only what the file alone can show
    (a .toml file in a folder called guides is a guide)."""
    from tutor.content.checks import check_lone_lesson, check_sources
    from tutor.content.guide_format import read_guide_file
    from tutor.content.lesson_format import read_lesson_file
    from tutor.content.quiz_format import read_quiz_file
    from tutor.content.tells import check_lengths

    findings: list[Finding] = []
    if path.suffix == ".md":
        check_lone_lesson(read_lesson_file(path, findings), max_age_days, today or date.today())
    elif path.parent.name == "guides":
        guide = read_guide_file(path, findings)
        check_sources(guide.sources, guide.report, max_age_days, today or date.today())
    else:
        read = read_quiz_file(path, findings)
        if read.quiz is not None:
            check_lengths(read.quiz.questions, read.report)
    findings.sort(key=lambda f: (f.line, f.col))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
