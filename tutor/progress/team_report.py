"""The team report a trainer reads: one row per learner (lessons read, each quiz's best score, the latest
readiness verdict and its module scores) and the rules the team missed most. As Markdown, one
self-contained HTML file (inline CSS, nothing fetched), CSV for spreadsheets (one row per learner,
formula-safe) or JSON. Learner names come from the LRS and titles from the pack: both are escaped for
the format they go into."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any

from tutor.content.model import Course, CourseTexts
from tutor.content.sanitize import clean_line, spreadsheet_cell
from tutor.progress.report import CSS as READINESS_CSS
from tutor.progress.report import md_text
from tutor.progress.team import LearnerResults, TeamReport
from tutor.progress.wording import percent, verdict_headline, verdict_word

FORMATS = ("md", "html", "csv", "json")
NOTE = ("Built from the statements the learners' tutor sent to the LRS. Scores are self-assessment on what the "
        "course teaches, not legal advice.")
NONE = "—"


def _quiz_title(course: Course, quiz_id: str) -> str:
    quiz = course.quiz(quiz_id)
    return quiz.title if quiz is not None else quiz_id


def _identifier(learner: LearnerResults) -> str:
    return learner.key.removeprefix("mailto:").removeprefix("account:")


def _verdict(learner: LearnerResults, texts: CourseTexts) -> str:
    """The latest verdict with the numbers it rests on, as every face says it, in the pack's words."""
    found = learner.readiness
    if found is None:
        return NONE
    weakest = min(found.module_scores.values()) if found.module_scores else None
    if found.score is not None and found.total:
        return verdict_headline(found.passed, found.score, found.total, weakest, texts)
    return verdict_word(found.passed, texts)


def _best(learner: LearnerResults, quiz_id: str) -> str:
    found = learner.quizzes.get(quiz_id)
    return NONE if found is None else percent(found.best)


def _modules(report: TeamReport, learner: LearnerResults) -> str:
    if learner.readiness is None:
        return NONE
    scores = learner.readiness.module_scores
    return ", ".join(f"{report.modules.get(module_id, module_id)} {percent(score)}"
                     for module_id, score in scores.items())


def report_data(course: Course, report: TeamReport) -> dict[str, Any]:
    return {
        "format": "tutor-team-report",
        "course": {"id": report.course_id, "title": report.title, "lessons": report.lessons_total,
                   "quizzes": [{"id": quiz_id, "title": _quiz_title(course, quiz_id)} for quiz_id in report.quiz_ids],
                   "modules": [{"id": k, "title": v} for k, v in report.modules.items()]},
        "since": report.since,
        "statements": report.statements,
        "learners": [{
            "name": learner.name, "id": learner.key, "lessons_read": list(learner.lessons_read),
            "quizzes": {quiz_id: {"best": found.best, "last": found.last, "attempts": found.attempts}
                        for quiz_id, found in learner.quizzes.items()},
            "readiness": None if learner.readiness is None else {
                "passed": learner.readiness.passed, "verdict": _verdict(learner, course.texts),
                "module_scores": learner.readiness.module_scores, "at": learner.readiness.at,
                "score": learner.readiness.score, "total": learner.readiness.total},
            "answers": learner.answers, "missed": learner.missed, "last_activity": learner.last_activity,
        } for learner in report.learners],
        "missed_rules": [{"rule": item.rule, "quiz": item.quiz_id, "question": item.question_id,
                          "prompt": item.prompt, "lesson": item.lesson_id, "missed": item.missed,
                          "answered": item.answered, "learners": item.learners} for item in report.missed],
        "note": NOTE,
    }


def report_json(course: Course, report: TeamReport) -> str:
    return json.dumps(report_data(course, report), indent=2, ensure_ascii=False) + "\n"


def _header(course: Course, report: TeamReport) -> list[str]:
    return (["Learner", "Identifier", f"Lessons read (of {report.lessons_total})"]
            + [f"Best: {_quiz_title(course, quiz_id)}" for quiz_id in report.quiz_ids]
            + ["Readiness", "Module scores", "Last activity"])


def _cells(course: Course, report: TeamReport, learner: LearnerResults) -> list[str]:
    return ([learner.name, _identifier(learner), str(len(learner.lessons_read))]
            + [_best(learner, quiz_id) for quiz_id in report.quiz_ids]
            + [_verdict(learner, course.texts), _modules(report, learner),
               learner.last_activity[:16].replace("T", " ")])


def report_csv(course: Course, report: TeamReport) -> str:
    """One row per learner. Every cell is one clean line, and one that a spreadsheet would take for a
    formula (a learner named "=HYPERLINK(...)") reads as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_cell(clean_line(cell)) for cell in _header(course, report)])
    for learner in report.learners:
        writer.writerow([spreadsheet_cell(clean_line(cell)) for cell in _cells(course, report, learner)])
    return out.getvalue()


def _missed_line(item: Any) -> str:
    return (f"{item.learners} of the team missed it, {item.missed} times in {item.answered} answers "
            f"(quiz {item.quiz_id}, question {item.question_id})")


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(md_text(cell) for cell in cells) + " |"


def report_markdown(course: Course, report: TeamReport) -> str:
    lines = [f"# Team report: {md_text(report.title)}", "",
             f"- Learners: {len(report.learners)}; statements read: {report.statements}"
             + (f"; since {report.since}" if report.since else ""), "",
             "## Each learner", ""]
    header = _header(course, report)
    lines += [_md_row(header), "|" + " --- |" * len(header)]
    lines += [_md_row(_cells(course, report, learner)) for learner in report.learners]
    if not report.learners:
        lines.append("No learner has sent results for this course yet.")
    lines += ["", "## Rules to teach again (most missed)", ""]
    if not report.missed:
        lines.append("None missed.")
    for n, item in enumerate(report.missed, 1):
        lines += [f"{n}. {md_text(item.prompt)}: {md_text(_missed_line(item))}"]
    lines += ["", "---", "", f"*{NOTE}*", ""]
    return "\n".join(lines)


CSS = READINESS_CSS.replace("max-width: 46rem", "max-width: 72rem") + """
.team td, .team th { border-bottom: 1px solid var(--bar); font-size: .92rem; }
.team td.num { white-space: nowrap; }
.ready { color: var(--good); font-weight: 600; } .notyet { color: var(--bad); font-weight: 600; }
ol.missed-rules li { margin: .4rem 0; } .count { color: var(--muted); }
.team td:first-child, .team td:last-child { white-space: nowrap; }
@page { size: landscape; }
"""


def _cell_class(column: int, verdict_at: int, verdict_class: str) -> str:
    return verdict_class if column == verdict_at else "num" if 2 <= column < verdict_at else ""


def report_html(course: Course, report: TeamReport) -> str:
    e = html.escape
    head = "".join(f"<th>{e(cell)}</th>" for cell in _header(course, report))
    rows = []
    for learner in report.learners:
        cells = _cells(course, report, learner)
        verdict_at = 3 + len(report.quiz_ids)
        verdict_class = "" if learner.readiness is None else "ready" if learner.readiness.passed else "notyet"
        rows.append("<tr>" + "".join(
            f'<td class="{_cell_class(n, verdict_at, verdict_class)}">{e(cell)}</td>' for n, cell in enumerate(cells))
            + "</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(_header(course, report))}">No learner has sent results for ' \
                            "this course yet.</td></tr>"
    missed = "".join(f'<li>{e(item.prompt)} <span class="count">{e(_missed_line(item))}</span></li>'
                     for item in report.missed) or "<li>None missed.</li>"
    since = f" · since {e(report.since)}" if report.since else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Team report: {e(report.title)}</title><style>{CSS}</style></head>
<body>
<h1>Team report</h1>
<p class="meta">{e(report.title)} · {len(report.learners)} learners · {report.statements} statements read{since}</p>
<h2>Each learner</h2>
<table class="team"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<h2>Rules to teach again</h2>
<ol class="missed-rules">{missed}</ol>
<footer>{e(NOTE)}</footer>
</body></html>
"""


def render(fmt: str, course: Course, report: TeamReport) -> str:
    if fmt == "md":
        return report_markdown(course, report)
    if fmt == "html":
        return report_html(course, report)
    if fmt == "csv":
        return report_csv(course, report)
    if fmt == "json":
        return report_json(course, report)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
