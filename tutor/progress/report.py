"""The readiness report a learner keeps: the latest check's verdict and why, the score per module,
and every missed rule with its source and the date it was checked. As Markdown, JSON or one
self-contained HTML file (inline CSS, nothing fetched) that reads on screen and prints on A4 and
Letter. Every piece of pack text is escaped for the format it goes into: in Markdown it is never read
as markup, even by a viewer with HTML on, and only a plain http(s) address becomes a link.
"""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from tutor.content.links import plain_web_address
from tutor.content.model import Course
from tutor.progress.readiness_check import ReadinessResult
from tutor.progress.records import ReadinessAttempt
from tutor.progress.wording import number, percent, source_line

FORMATS = ("md", "html", "json")
def disclaimer(course: Course) -> str:
    """The report's last word: what it is, and the pack's own disclaimer (course.toml's [texts])."""
    return f"This report is a self-assessment of what the course teaches. {course.texts.disclaimer}"


def report_data(course: Course, attempt: ReadinessAttempt, result: ReadinessResult,
                learner: str | None = None) -> dict[str, Any]:
    reviewed = course.last_checked()
    return {
        "format": "tutor-readiness-report",
        "course": {"id": course.id, "title": course.title, "reviewed": reviewed.isoformat() if reviewed else None},
        "learner": learner,
        "taken_at": attempt.taken_at.isoformat(timespec="seconds"),
        "verdict": result.verdict,
        "headline": result.headline,
        "passed": result.passed,
        "reasons": list(result.reasons),
        "evidence": list(result.evidence),
        "score": result.score,
        "total": result.total,
        "pass_mark": result.pass_mark,
        "module_floor": result.module_floor,
        "lessons_read": attempt.lessons_read,
        "lessons_total": attempt.lessons_total,
        "modules": [{"id": m.module_id, "title": m.title, "score": m.score, "total": m.total, "share": m.share}
                    for m in result.modules],
        "missed": [{"quiz": m.quiz_id, "question": m.question_id, "lesson": m.lesson_id, "prompt": m.prompt,
                    "your_answer": m.your_answer, "right_answer": m.right_answer, "why": m.explanation,
                    "high_risk": m.high_risk, "mistake": m.mistake,
                    "source": None if m.source is None else {"title": m.source.title, "section": m.source.section,
                                                             "url": m.source.url or None,
                                                             "document": m.source.document or None,
                                                             "reference": m.source.reference or None,
                                                             "checked": m.source.checked.isoformat()}}
                   for m in result.missed],
        "disclaimer": disclaimer(course),
    }


def report_json(course: Course, attempt: ReadinessAttempt, result: ReadinessResult, learner: str | None = None) -> str:
    return json.dumps(report_data(course, attempt, result, learner), indent=2, ensure_ascii=False) + "\n"


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# Every character that can start or end Markdown or HTML inline (emphasis, code, links and images,
# autolinks, raw HTML, entities, tables, strikethrough): each is written with a backslash, which
# CommonMark allows before any ASCII punctuation. ( ) and ! matter only after or before a bracket,
# which is escaped. Line breaks and other controls become spaces, so pack text never starts a block
# (a heading, a list, a rule) of its own.
_MARKUP = frozenset("\\`*_[]<>&#|~")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def md_text(text: str) -> str:
    """Pack text inside Markdown: shown as written, never read as markup."""
    return "".join("\\" + char if char in _MARKUP else char for char in _LINE_BREAKS.sub(" ", text))


def _md_link(url: str) -> str:
    """A source's address: a link when it is a plain http(s) address (tutor/content/links.py), else
    text, so an address with a quote or an angle bracket in it stays text."""
    return f"<{url}>" if plain_web_address(url) else md_text(url)



def report_markdown(course: Course, attempt: ReadinessAttempt, result: ReadinessResult,
                    learner: str | None = None) -> str:
    reviewed = course.last_checked()
    lines = [f"# Readiness report: {md_text(course.title)}", ""]
    lines += [f"- Learner: {md_text(learner)}"] if learner else []
    lines += [f"- Taken: {_when(attempt.taken_at)}",
             f"- Course last reviewed against its sources: {reviewed.isoformat() if reviewed else 'not stated'}",
             f"- Score: {number(result.score)} of {result.total} ({percent(result.share)}); "
             f"pass mark {percent(result.pass_mark)}, module floor {percent(result.module_floor)}", "",
             f"## Verdict: {md_text(result.headline)}", "",
             "What it rests on:" if result.passed else "Why not yet:", ""]
    lines += [f"- {md_text(line)}" for line in result.explanation]
    lines += ["", "## Score per module (weakest first)", "", "| Module | Score |", "| --- | --- |"]
    lines += [f"| {md_text(m.title)} | {number(m.score)} of {m.total} ({percent(m.share)}) |" for m in result.modules]
    lines += ["", "## Rules to study again", ""]
    if not result.missed:
        lines += ["None: every question was answered right.", ""]  # the blank line: `---` below is no heading
    for n, missed in enumerate(result.missed, 1):
        risk = " (high risk)" if missed.high_risk else ""
        lines += [f"### {n}. {md_text(missed.prompt)}{risk}", "",
                  f"- Your answer: {md_text(missed.your_answer)}",
                  f"- Right answer: {md_text(missed.right_answer)}",
                  f"- Why: {md_text(missed.explanation)}"]
        if missed.source is not None:
            where = _md_link(missed.source.url) if missed.source.is_web else md_text(missed.source.where)
            lines.append(f"- Rule: {md_text(source_line(missed.source))}, {where}")
        lines.append("")
    lines += ["---", "", f"*{md_text(disclaimer(course))}*", ""]
    return "\n".join(lines)


CSS = """
:root { --ink: #1d2430; --muted: #5a6372; --good: #1f7a3a; --bad: #b3261e; --bar: #d9dee6; --fill: #3d5a80; }
* { box-sizing: border-box; }
body { font: 16px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h3 { font-size: 1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { font-size: 1.4rem; font-weight: 700; padding: .6rem .9rem; border-left: .4rem solid; }
.verdict.ready { color: var(--good); border-color: var(--good); }
.verdict.notyet { color: var(--bad); border-color: var(--bad); }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: .3rem .4rem; vertical-align: middle; }
th { border-bottom: 1px solid var(--bar); }
.bar { width: 12rem; height: .7rem; background: var(--bar); border-radius: .35rem; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--fill); }
.missed { border: 1px solid var(--bar); border-radius: .4rem; padding: .7rem .9rem; margin: .6rem 0; }
.missed dl { margin: 0; display: grid; grid-template-columns: 8.5rem 1fr; gap: .2rem .6rem; }
.missed dt { font-weight: 600; } .missed dd { margin: 0; overflow-wrap: anywhere; }
.risk { color: var(--bad); font-weight: 600; }
footer { margin-top: 2rem; color: var(--muted); font-size: .9rem; border-top: 1px solid var(--bar);
         padding-top: .6rem; }
@page { margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .missed, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def report_html(course: Course, attempt: ReadinessAttempt, result: ReadinessResult, learner: str | None = None) -> str:
    e = html.escape
    reviewed = course.last_checked()
    verdict_class = "ready" if result.passed else "notyet"
    why = "".join(f"<li>{e(line)}</li>" for line in result.explanation)
    modules = "".join(
        f'<tr><td>{e(m.title)}</td><td><div class="bar" aria-hidden="true"><span style="width:{m.share * 100:.0f}%">'
        f"</span></div></td><td>{number(m.score)} of {m.total} ({percent(m.share)})</td></tr>"
        for m in result.modules)
    missed = []
    for n, m in enumerate(result.missed, 1):
        risk = ' <span class="risk">high risk</span>' if m.high_risk else ""
        rule = ""
        if m.source is not None:
            rule = (f"<dt>Rule</dt><dd>{e(source_line(m.source))}<br>{e(m.source.where)}</dd>")
        missed.append(f'<section class="missed"><h3>{n}. {e(m.prompt)}{risk}</h3><dl>'
                      f"<dt>Your answer</dt><dd>{e(m.your_answer)}</dd>"
                      f"<dt>Right answer</dt><dd>{e(m.right_answer)}</dd>"
                      f"<dt>Why</dt><dd>{e(m.explanation)}</dd>{rule}</dl></section>")
    missed_html = "".join(missed) or "<p>None: every question was answered right.</p>"
    who = f"{e(learner)} · " if learner else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Readiness report: {e(course.title)}</title><style>{CSS}</style></head>
<body>
<h1>Readiness report</h1>
<p class="meta">{who}{e(course.title)} · taken {e(_when(attempt.taken_at))} · course last reviewed against its sources
{e(reviewed.isoformat() if reviewed else "(not stated)")}</p>
<p class="verdict {verdict_class}">{e(result.headline)}</p>
<p>Score {number(result.score)} of {result.total} ({percent(result.share)}); the pass mark is
{percent(result.pass_mark)}, and every module must reach {percent(result.module_floor)}.</p>
<h2>{"What it rests on" if result.passed else "Why not yet"}</h2><ul>{why}</ul>
<h2>Score per module, weakest first</h2>
<table><thead><tr><th>Module</th><th></th><th>Score</th></tr></thead><tbody>{modules}</tbody></table>
<h2>Rules to study again</h2>
{missed_html}
<footer>{e(disclaimer(course))}</footer>
</body></html>
"""


def render(fmt: str, course: Course, attempt: ReadinessAttempt, result: ReadinessResult,
           learner: str | None = None) -> str:
    """The report in `fmt`; `learner` names who took it (their `tutor learner` identity), when known."""
    if fmt == "md":
        return report_markdown(course, attempt, result, learner)
    if fmt == "html":
        return report_html(course, attempt, result, learner)
    if fmt == "json":
        return report_json(course, attempt, result, learner)
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def keep_report(folder: Path, fmt: str, course: Course, attempt: ReadinessAttempt, result: ReadinessResult,
                learner: str | None = None) -> Path:
    """Save the report in `folder` (the progress folder's reports/, made 0700) as
    readiness-<course>-<when>.<fmt>, written whole (tutor/progress/output.py); return its path.
    Raises OSError when it cannot be written (nothing half-written is left)."""
    from tutor.progress.output import write_output

    target = folder / f"readiness-{course.id}-{attempt.taken_at.astimezone():%Y%m%d-%H%M}.{fmt}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_output(target, render(fmt, course, attempt, result, learner))
    return target
