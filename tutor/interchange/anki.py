"""Anki: the rules a learner missed as a deck (.apkg, written with genanki), for review on a phone.

One note per missed question: the front asks it (a scenario: its opening and first step), the back
gives the right answer (a scenario: one way to a good ending), the explanation and the rule's source
with its checked date. Anki's fields are HTML, so every text is escaped first: pack text never reaches
a markup parser. Ids come from the pack's, so importing a new deck updates the cards already there.
"""

from __future__ import annotations

import hashlib
import html
import io
from collections.abc import Sequence

from tutor.content.model import Course, Question, Quiz
from tutor.interchange.flatten import good_path
from tutor.interchange.report import ExportReport

FIELDS = ("Question", "Answer", "Rule")
CARD_CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .rule { font-size: 14px; }"


class AnkiMissing(Exception):
    """genanki is an optional dependency (`pip install 'tutor[anki]'`)."""


def _number(*parts: str) -> int:
    """A stable id for Anki (it wants a 31-bit positive integer), from the pack's ids."""
    digest = hashlib.sha256("/".join(parts).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _front(question: Question) -> str:
    if question.kind == "scenario":
        start = question.start_step
        return _html(question.prompt) + (f"<br><br>{_html(start.text)}" if start else "")
    lines = [_html(question.prompt)]
    if question.kind != "truefalse":
        lines.append("<ul>" + "".join(f"<li>{_html(o.text)}</li>" for o in question.options) + "</ul>")
    return "<br>".join(lines)


def _back(question: Question) -> str:
    if question.kind == "scenario":
        path = good_path(question) or []
        way = "".join(f"<li>{_html(step.text)} &rarr; <b>{_html(option.text)}</b></li>" for step, option in path)
        answer = f"One way to a good ending:<ol>{way}</ol>"
    else:
        right = [o for o in question.options if o.correct]
        answer = "Right: " + "; ".join(f"<b>{_html(o.text)}</b>" for o in right)
    return f"{answer}<br><br>{_html(question.explanation)}"


def _rule(course: Course, quiz: Quiz, question: Question) -> str:
    lesson = course.lessons.get(quiz.lesson)
    source = lesson.source(question.source) if lesson else None
    if source is None:
        return ""
    where = f"{source.title}, {source.section}" if source.section else source.title
    return f"Rule: {_html(where)} (checked {source.checked.isoformat()})<br>{_html(source.url)}"


def write(course: Course, missed: Sequence[tuple[Quiz, Question]], report: ExportReport) -> bytes:
    try:
        import genanki  # type: ignore[import-untyped]
    except ImportError:
        raise AnkiMissing("an Anki deck needs genanki: pip install 'tutor[anki]'") from None
    model = genanki.Model(
        _number("tutor-model", "missed-rule"), "tutor: a missed rule", fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Card", "qfmt": "{{Question}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}<div class="rule">{{Rule}}</div>'}],
        css=CARD_CSS)
    deck = genanki.Deck(_number("tutor-deck", course.id), f"{course.title}: rules to review")
    for quiz, question in missed:
        deck.add_note(genanki.Note(model=model, fields=[_front(question), _back(question),
                                                        _rule(course, quiz, question)],
                                   guid=genanki.guid_for(course.id, quiz.id, question.id),
                                   tags=[f"tutor::{quiz.id}"]))
    report.quizzes = len({quiz.id for quiz, _question in missed})
    report.questions = len(missed)
    buffer = io.BytesIO()
    genanki.Package(deck).write_to_file(buffer, timestamp=0)
    return buffer.getvalue()
