"""Checks that need the whole pack: unique ids, references between files, links, stale sources."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from tutor.content import markdown
from tutor.content.findings import Report
from tutor.content.model import Course, Lesson, Quiz

WEB_SCHEMES = ("http", "https", "mailto")


def check_catalogue(cat, quizzes: list[tuple[Quiz, Report]], course: Course, max_age_days: int,
                    today: date) -> None:
    lessons = cat.lessons
    by_id: dict[str, tuple[Lesson, Report]] = {}
    for lesson, _body, report in lessons:
        if lesson.id in by_id:
            first = by_id[lesson.id][0]
            report.error(f'lesson id "{lesson.id}" is already used by {first.path.name}',
                         "every lesson needs its own id", at=("id",))
        else:
            by_id[lesson.id] = (lesson, report)
    _check_modules(cat, lessons)
    quiz_by_id = _check_quizzes(quizzes, by_id)
    for lesson, body, report in lessons:
        if by_id.get(lesson.id, (None,))[0] is not lesson:
            continue
        _check_lesson_refs(lesson, report, by_id, quiz_by_id)
        _check_sources(lesson, report, max_age_days, today)
        if body is not None:
            _check_body(lesson, body, report, by_id)
    _check_prerequisite_cycles(by_id)


def check_lone_lesson(lesson: Lesson, body: str | None, report: Report, max_age_days: int,
                      today: date) -> None:
    """The checks that make sense for a lesson file outside any pack (links to lessons are not judged)."""
    _check_sources(lesson, report, max_age_days, today)
    if body is not None:
        _check_body(lesson, body, report, None)


def _check_modules(cat, lessons) -> None:
    if cat.course_file is None:
        return
    listed = {mid for mid, _ in cat.course_file.modules}
    used = set()
    for lesson, _body, report in lessons:
        used.add(lesson.module)
        if lesson.module not in listed:
            report.error(f'module "{lesson.module}" is not listed in course.toml',
                         f'add a [[modules]] table with id = "{lesson.module}", or fix the module id',
                         at=("module",))
    for i, (mid, _title) in enumerate(cat.course_file.modules):
        if mid not in used:
            cat.course_report.warning(f'module "{mid}" has no lessons', "add lessons to it or remove it",
                                      at=("modules", i, "id"))


def _check_quizzes(quizzes, lessons_by_id) -> dict[str, Quiz]:
    quiz_by_id: dict[str, Quiz] = {}
    quiz_of_lesson: dict[str, Quiz] = {}
    for quiz, report in quizzes:
        if quiz.id in quiz_by_id:
            report.error(f'quiz id "{quiz.id}" is already used by {quiz_by_id[quiz.id].path.name}',
                         "every quiz needs its own id", at=("id",))
            continue
        quiz_by_id[quiz.id] = quiz
        entry = lessons_by_id.get(quiz.lesson)
        if entry is None:
            report.error(f'quiz belongs to lesson "{quiz.lesson}", which does not exist',
                         "set lesson = to the id of an existing lesson", at=("lesson",))
            continue
        lesson = entry[0]
        if quiz.lesson in quiz_of_lesson:
            report.error(f'lesson "{quiz.lesson}" already has quiz "{quiz_of_lesson[quiz.lesson].id}"',
                         "a lesson has one quiz; merge the two files", at=("lesson",))
        quiz_of_lesson[quiz.lesson] = quiz
        source_ids = {s.id for s in lesson.sources}
        for question in quiz.questions:
            if question.source not in source_ids:
                known = ", ".join(sorted(source_ids)) or "none"
                report.error(f'question "{question.id}" cites source "{question.source}", which lesson '
                             f'"{lesson.id}" does not list',
                             f"cite one of the lesson's sources ({known}) or add it to the lesson",
                             at=("questions", question.position, "source"))
    return quiz_by_id


def _check_lesson_refs(lesson: Lesson, report: Report, by_id, quiz_by_id) -> None:
    if lesson.quiz is not None:
        quiz = quiz_by_id.get(lesson.quiz)
        if quiz is None:
            report.error(f'quiz "{lesson.quiz}" does not exist', "fix the quiz id, or remove the quiz field",
                         at=("quiz",))
        elif quiz.lesson != lesson.id:
            report.error(f'quiz "{quiz.id}" belongs to lesson "{quiz.lesson}", not to this one',
                         "make the lesson's quiz and the quiz's lesson name each other", at=("quiz",))
    for prereq in lesson.prerequisites:
        if prereq == lesson.id:
            report.error("lesson lists itself as a prerequisite", "remove it", at=("prerequisites",))
        elif prereq not in by_id:
            report.error(f'prerequisite "{prereq}" is not a lesson in this pack',
                         "use the id of an existing lesson", at=("prerequisites",))


def _check_sources(lesson: Lesson, report: Report, max_age_days: int, today: date) -> None:
    oldest_allowed = today - timedelta(days=max_age_days)
    for i, source in enumerate(lesson.sources):
        if source.checked < oldest_allowed:
            report.warning(f'source "{source.id}" was last checked on {source.checked}, over '
                           f"{max_age_days} days ago",
                           "re-read the source, update the lesson if the rule changed, then update checked",
                           at=("sources", i, "checked"))
        elif source.checked > today:
            report.warning(f'source "{source.id}" has a checked date in the future ({source.checked})',
                           "use the date the source was actually read", at=("sources", i, "checked"))


def _check_body(lesson: Lesson, body: str, report: Report, by_id) -> None:
    lines = body.split("\n")
    for href, first, end in markdown.iter_links(markdown.parse(body)):
        line, col = first, 1
        for number in range(first, min(end, len(lines))):
            if href in lines[number]:
                line, col = number, lines[number].find(href) + 1
                break
        where = dict(line=lesson.body_line + line, col=col)
        scheme = urlsplit(href).scheme.lower()
        if scheme == "lesson":
            target = href[len("lesson:"):].split("#", 1)[0]
            if by_id is not None and target not in by_id:
                report.error(f'link to lesson "{target}", which does not exist',
                             "link with lesson:ID using an existing lesson id", **where)
        elif scheme not in WEB_SCHEMES:
            report.warning(f'link "{href}" is neither a web address nor a lesson',
                           "use https://... for web pages and lesson:ID for other lessons", **where)


def _check_prerequisite_cycles(by_id) -> None:
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(lid: str, trail: list[str]) -> None:
        state[lid] = 1
        lesson, report = by_id[lid]
        for prereq in lesson.prerequisites:
            if prereq not in by_id or prereq == lid:
                continue
            if state.get(prereq) == 1:
                cycle = trail[trail.index(prereq):] + [lid, prereq] if prereq in trail else [lid, prereq]
                report.error("prerequisites form a cycle: " + " -> ".join(cycle),
                             "a lesson cannot (indirectly) require itself; remove one prerequisite",
                             at=("prerequisites",))
            elif prereq not in state:
                visit(prereq, trail + [lid])
        state[lid] = 2

    for lid in by_id:
        if lid not in state:
            visit(lid, [])
