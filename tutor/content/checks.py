"""Checks that need the whole pack: unique ids, references between files, links, stale sources.

A file that could not be loaded still takes part: what refers to it says that it could not be
loaded and where to look, instead of claiming it does not exist.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from markdown_it.token import Token

from tutor.content import links, markdown
from tutor.content.catalogue import Catalogue
from tutor.content.changes_format import ChangesRead
from tutor.content.document_blocks import MAX_DEPTH
from tutor.content.findings import Report
from tutor.content.guide_checks import check_guides
from tutor.content.guide_format import GuideFile
from tutor.content.lesson_checks import check_documents, check_language
from tutor.content.lesson_format import LessonFile
from tutor.content.model import Source
from tutor.content.quiz_format import Citation, QuizFile
from tutor.content.sanitize import clean_line
from tutor.content.tells import check_lengths, check_pack_lengths
from tutor.content.textfile import read_text_file

# Token types that open (+1) or close (-1) a container, as the document model counts them.
_CONTAINERS = {f"{name}_{end}": delta for name in ("blockquote", "bullet_list", "ordered_list", "footnote")
               for end, delta in (("open", 1), ("close", -1))}


def check_catalogue(cat: Catalogue, quizzes: list[QuizFile], known_courses: dict[str, Path],
                    max_age_days: int, today: date, guides: list[GuideFile] | None = None) -> None:
    by_id: dict[str, LessonFile] = {}
    for read in oldest_first(cat.lesson_files):
        if read.id is None:
            continue
        if read.id in by_id:
            read.report.error(f'lesson id "{read.id}" is already used by {by_id[read.id].path.name}',
                              "every lesson needs its own id: a copy of a lesson needs a new one", at=("id",))
        else:
            by_id[read.id] = read
    _check_course(cat, known_courses, by_id)
    _check_modules(cat)
    quiz_by_id = _check_quizzes(quizzes, by_id, cat.root)
    _check_rules(quiz_by_id, by_id, cat.root)
    # Tells are judged when the pack is checked, never when a learner's quiz is parsed.
    for quiz_file in quizzes:
        if quiz_file.quiz is not None:
            check_lengths(quiz_file.quiz.questions, quiz_file.report)
    check_pack_lengths((_where(read.path, cat.root), read.report, read.quiz.questions)
                       for read in quizzes if read.quiz is not None)
    for read in cat.lesson_files:
        if read.id is not None and by_id[read.id] is not read:
            continue  # a second file with a used id: reported above, judged no further
        _check_lesson_refs(read, by_id, quiz_by_id, cat.root)
        check_sources(read.sources, read.report, max_age_days, today)
        check_documents(read, cat.root)
        if read.body is not None:
            check_body(read.body, read.body_line, read.report, by_id, cat.root)
            check_language(read, cat.course_file.language if cat.course_file else "en")
    _check_prerequisite_cycles(by_id)
    if cat.changes_read is not None:
        check_changes(cat.changes_read, by_id, quiz_by_id, cat.root)
    check_guides(guides or [], by_id, quiz_by_id, cat.root)  # guide_checks.py
    for guide in guides or []:
        check_sources(guide.sources, guide.report, max_age_days, today)


def check_changes(read: ChangesRead, lessons: dict[str, LessonFile], quizzes: dict[str, QuizFile],
                  root: Path) -> None:
    """The lessons and questions each change names must exist (a change no learner can be told about
    is a mistake in the timeline)."""
    questions = {f"{quiz_id}/{cited.question}" for quiz_id, quiz in quizzes.items() for cited in quiz.citations}
    for index, change_id, lesson_ids, question_names in read.references:
        at = ("changes", index)
        for lesson_id in lesson_ids:
            lesson = lessons.get(lesson_id)
            if lesson is None:
                read.report.error(f'change "{change_id}" names lesson "{lesson_id}", which does not exist',
                                  "use the id of a lesson of this pack", at=at + ("lessons",))
            elif lesson.lesson is None:
                read.report.error(f'change "{change_id}" names lesson "{lesson_id}", which could not be loaded '
                                  f"(see {_where(lesson.path, root)})", "fix the errors reported for that lesson "
                                  "first", at=at + ("lessons",))
        for name in question_names:
            quiz_id, _, question_id = name.partition("/")
            if question_id and name not in questions:
                known = "the quiz does not exist" if quiz_id not in quizzes else "the quiz has no such question"
                read.report.error(f'change "{change_id}" names question "{name}": {known}',
                                  'name a question as "quiz-id/question-id"', at=at + ("questions",))


def check_lone_lesson(read: LessonFile, max_age_days: int, today: date) -> None:
    """The checks that make sense for a lesson file outside any pack (links to lessons are not judged)."""
    check_sources(read.sources, read.report, max_age_days, today)
    if read.body is not None:
        check_body(read.body, read.body_line, read.report, None, read.path.parent)


def oldest_first(reads: list[Any]) -> list[Any]:
    """Files in the order they were written (then by name): when two share an id, the one written
    later (the copy) is the one told, not the original."""
    def written(read: Any) -> tuple[int, str]:
        try:
            return os.stat(read.path).st_mtime_ns, read.path.name
        except OSError:
            return 0, read.path.name

    return sorted(reads, key=written)


def _where(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _check_course(cat: Catalogue, known: dict[str, Path], lessons: dict[str, LessonFile]) -> None:
    """The course id must be the pack's own, and the welcome file must be readable text of the pack,
    whose links are judged as a lesson's are."""
    course, report = cat.course_file, cat.course_report
    if report is None:  # no course.toml: the course id is the folder's name, as the loader makes it
        course_id: str | None = clean_line(cat.root.name) or "course"
    else:
        course_id = course.id if course else None
    other = known.get(course_id) if course_id else None
    if other is not None and os.path.realpath(other) != os.path.realpath(cat.root):
        where = report or Report(cat.root, cat.findings)
        where.error(f'course id "{course_id}" is already the id of the course in {other}',
                    "courses with one id share the learner's progress, and `tutor reset` erases both: give this "
                    "pack an id of its own in course.toml", at=("id",), line=None if report else 1)
    if course is None or course.welcome is None or report is None:
        return
    path = cat.root / course.welcome
    if not os.path.lexists(path):
        report.error(f'welcome file "{course.welcome}" does not exist',
                     "create it beside course.toml, or remove welcome", at=("welcome",))
        return
    welcome = Report(path, cat.findings)
    text = read_text_file(path, welcome, cat.root)
    if text is not None:
        check_body(text, 1, welcome, lessons, cat.root)


def _check_modules(cat: Catalogue) -> None:
    if cat.listed_modules is None or cat.course_report is None:
        return
    listed = {mid for _i, mid, _title in cat.listed_modules}
    used = set()
    for read in cat.lesson_files:
        if read.module is None:
            continue
        used.add(read.module)
        if read.module not in listed:
            read.report.error(f'module "{read.module}" is not listed in course.toml',
                              f'add a [[modules]] table with id = "{read.module}", or fix the module id',
                              at=("module",))
    for i, mid, _title in cat.listed_modules:
        if mid not in used:
            cat.course_report.warning(f'module "{mid}" has no lessons', "add lessons to it or remove it",
                                      at=("modules", i, "id"))


def _check_quizzes(quizzes: list[QuizFile], lessons: dict[str, LessonFile], root: Path) -> dict[str, QuizFile]:
    quiz_by_id: dict[str, QuizFile] = {}
    quiz_of_lesson: dict[str, QuizFile] = {}
    for read in oldest_first(quizzes):
        report = read.report
        if read.id is None:
            continue
        if read.id in quiz_by_id:
            report.error(f'quiz id "{read.id}" is already used by {quiz_by_id[read.id].path.name}',
                         "every quiz needs its own id: a copy of a quiz needs a new one", at=("id",))
            continue
        quiz_by_id[read.id] = read
        if read.lesson is None:
            continue
        lesson = lessons.get(read.lesson)
        if lesson is None:
            close, listed = _lesson_ids(read.lesson, lessons)
            report.error(f'quiz belongs to lesson "{read.lesson}", which does not exist',
                         (f'did you mean "{close}"? ' if close else "") + f"set lesson = to a lesson's id ({listed})",
                         at=("lesson",))
            continue
        if read.lesson in quiz_of_lesson:
            report.error(f'lesson "{read.lesson}" already has quiz "{quiz_of_lesson[read.lesson].id}"',
                         "a lesson has one quiz; merge the two files", at=("lesson",))
        quiz_of_lesson[read.lesson] = read
        if lesson.lesson is None:
            report.error(f'quiz belongs to lesson "{read.lesson}", which could not be loaded '
                         f"(see {_where(lesson.path, root)})",
                         "fix the errors reported for that lesson first", at=("lesson",))
            continue
        source_ids = {s.id for s in lesson.sources}
        for cited in read.citations:
            if cited.source not in source_ids:
                known = ", ".join(sorted(source_ids)) or "none"
                report.error(f'question "{cited.question}" cites source "{cited.source}", which lesson '
                             f'"{read.lesson}" does not list',
                             f"cite one of the lesson's sources ({known}) or add it to the lesson",
                             at=("questions", cited.position, "source"))
    return quiz_by_id


def _lesson_ids(wrong: str, lessons: dict[str, LessonFile]) -> tuple[str | None, str]:
    """The lesson id closest to a wrong one, and the ids `tutor lessons` lists, for a hint."""
    from tutor.content.fields import closest

    ids = sorted(lessons)
    listed = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "") if ids else "none yet"
    return closest(wrong, ids), listed


def _check_rules(quizzes: dict[str, QuizFile], lessons: dict[str, LessonFile], root: Path) -> None:
    """Questions that share a `rule` are variants of one rule: the readiness check draws at most one
    of them from the module they belong to, so they must all sit in one module; and a rule whose
    mistake can cost the account is that serious in every story that tests it."""
    first: dict[str, tuple[QuizFile, Citation, str | None]] = {}
    for quiz in quizzes.values():
        lesson = lessons.get(quiz.lesson or "")
        module = lesson.module if lesson is not None else None
        for cited in quiz.citations:
            if cited.rule is None:
                continue
            at = ("questions", cited.position, "rule")
            if cited.rule not in first:
                first[cited.rule] = (quiz, cited, module)
                continue
            other, other_cited, other_module = first[cited.rule]
            where = f'question "{other_cited.question}" of {_where(other.path, root)}'
            if module is not None and other_module is not None and module != other_module:
                quiz.report.error(f'rule "{cited.rule}" is tested in module "{module}" here and in module '
                                  f'"{other_module}" by {where}',
                                  "variants of a rule belong to one module: move the question, or give it a rule "
                                  "of its own", at=at)
            elif cited.risk != other_cited.risk:
                quiz.report.warning(f'variants of rule "{cited.rule}" differ in risk: "{cited.risk}" here, '
                                    f'"{other_cited.risk}" in {where}',
                                    "a rule whose mistake can cost the account is high-risk in every story that "
                                    "tests it", at=at)


def _check_lesson_refs(read: LessonFile, lessons: dict[str, LessonFile], quizzes: dict[str, QuizFile],
                       root: Path) -> None:
    report = read.report
    if read.quiz is not None:
        quiz = quizzes.get(read.quiz)
        if quiz is None:
            report.error(f'quiz "{read.quiz}" does not exist', "fix the quiz id, or remove the quiz field",
                         at=("quiz",))
        elif quiz.quiz is None:
            report.error(f'quiz "{read.quiz}" could not be loaded (see {_where(quiz.path, root)})',
                         "fix the errors reported for that quiz first", at=("quiz",))
        elif quiz.lesson != read.id:
            report.error(f'quiz "{read.quiz}" belongs to lesson "{quiz.lesson}", not to this one',
                         "make the lesson's quiz and the quiz's lesson name each other", at=("quiz",))
    for prereq in read.prerequisites:
        target = lessons.get(prereq)
        if prereq == read.id:
            report.error("lesson lists itself as a prerequisite", "remove it", at=("prerequisites",))
        elif target is None:
            report.error(f'prerequisite "{prereq}" is not a lesson in this pack',
                         "use the id of an existing lesson", at=("prerequisites",))
        elif target.lesson is None:
            report.error(f'prerequisite "{prereq}" could not be loaded (see {_where(target.path, root)})',
                         "fix the errors reported for that lesson first", at=("prerequisites",))


def check_sources(sources: tuple[Source, ...], report: Report, max_age_days: int, today: date) -> None:
    try:
        oldest_allowed = today - timedelta(days=max_age_days)
    except OverflowError:  # an age beyond the calendar: nothing is stale
        oldest_allowed = date.min
    for i, source in enumerate(sources):
        if source.checked < oldest_allowed:
            report.warning(f'source "{source.id}" was last checked on {source.checked}, over '
                           f"{max_age_days} days ago",
                           "re-read the source, update the lesson if the rule changed, then update checked",
                           at=("sources", i, "checked"))
        elif source.checked > today:
            report.warning(f'source "{source.id}" has a checked date in the future ({source.checked})',
                           "use the date the source was actually read", at=("sources", i, "checked"))


def check_body(body: str, body_line: int, report: Report, lessons: dict[str, LessonFile] | None,
               root: Path) -> None:
    """Links and nesting in a lesson's Markdown. `lessons` is None for a file outside any pack."""
    lines = body.split("\n")
    for href, first, end in _scan(markdown.parse(body), report, body_line):
        line, col = first, 1
        for number in range(first, min(end, len(lines))):
            if href in lines[number]:
                line, col = number, lines[number].find(href) + 1
                break
        _check_link(href, report, lessons, root, body_line + line, col)


def _check_link(href: str, report: Report, lessons: dict[str, LessonFile] | None, root: Path, line: int,
                col: int) -> None:
    kind = links.link_kind(href)
    if kind == "lesson":
        target = links.lesson_target(href)
        found = lessons.get(target) if lessons is not None else None
        if lessons is not None and found is None:
            report.error(f'link to lesson "{target}", which does not exist',
                         "link with lesson:ID using an existing lesson id", line=line, col=col)
        elif found is not None and found.lesson is None:
            report.error(f'link to lesson "{target}", which could not be loaded (see {_where(found.path, root)})',
                         "fix the errors reported for that lesson first", line=line, col=col)
    elif kind == "unsafe":
        report.error(f'link "{href}" could run code or open a local file; the learner sees its text only',
                     "link to a web page (https://...) or a lesson (lesson:ID)", line=line, col=col)
    elif kind == "mail":
        report.warning(f'link "{href}" is an e-mail address, not a web page; the learner sees its text only',
                       "write the address as text, or link to a web page that gives it", line=line, col=col)
    elif kind == "other":
        report.warning(f'link "{href}" is neither a web address nor a lesson',
                       "use https://... for web pages and lesson:ID for other lessons", line=line, col=col)


def _scan(tokens: list[Token], report: Report, body_line: int) -> Iterator[tuple[str, int, int]]:
    """The links of a body as markdown.iter_links gives them, and, on the same walk, a warning for
    content nested deeper than the document model keeps (once per kind, at its first place)."""
    depth = deepest = 0
    inline_deepest = 0
    deep_at = inline_at = 0
    span = (0, 1)
    for token in tokens:
        if token.map:
            span = (token.map[0], token.map[1])
        delta = _CONTAINERS.get(token.type)
        if delta is not None:
            depth += delta
            if depth > deepest:
                deepest = depth
                if depth == MAX_DEPTH + 1:
                    deep_at = span[0]
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.level > inline_deepest:
                    inline_deepest = child.level
                    if child.level == MAX_DEPTH + 1:
                        inline_at = span[0]
                if child.type == "link_open":
                    yield str(child.attrs.get("href", "")), span[0], span[1]
    if deepest > MAX_DEPTH:
        report.warning(f"content is nested {deepest} levels deep; the reader shows at most {MAX_DEPTH} (nested "
                       f"quotes, lists and footnotes below that are drawn at the {MAX_DEPTH}th level)",
                       "use fewer levels of > quotes or indented lists", line=body_line + deep_at)
    if inline_deepest > MAX_DEPTH:
        report.warning(f"text is nested {inline_deepest} levels deep (emphasis or links); the reader keeps at "
                       f"most {MAX_DEPTH}", "remove the extra * _ ~ or [ ] around the text",
                       line=body_line + inline_at)


def _check_prerequisite_cycles(lessons: dict[str, LessonFile]) -> None:
    """Report each loop of prerequisites once, on the lesson that closes it. Iterative: a chain of
    prerequisites may be as long as the pack."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def next_steps(lid: str) -> Iterator[str]:
        return (p for p in lessons[lid].prerequisites if p in lessons and p != lid)

    for start in lessons:
        if start in state:
            continue
        state[start] = 1
        trail = [start]
        stack = [next_steps(start)]
        while stack:
            for prereq in stack[-1]:
                if state.get(prereq) == 1:
                    cycle = trail[trail.index(prereq):] + [prereq]
                    lessons[trail[-1]].report.error(
                        "prerequisites form a cycle: " + " -> ".join(cycle),
                        "a lesson cannot (indirectly) require itself; remove one prerequisite",
                        at=("prerequisites",))
                elif prereq not in state:
                    state[prereq] = 1
                    trail.append(prereq)
                    stack.append(next_steps(prereq))
                    break
            else:
                state[trail.pop()] = 2
                stack.pop()
