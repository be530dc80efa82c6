"""Anki (issue 29, the optional part): the questions a learner missed, as a deck to review on a phone.
Only the misses go in, each with its right answer, why, and the rule's source; text is escaped (Anki's
fields are HTML); a new deck updates the cards of the last one (same note ids)."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

from tests.interchange.conftest import REPO, tutor
from tutor.content.loader import load_course
from tutor.progress import open_store

PACK = REPO / "tests" / "fixtures" / "pack"


def _answer(home: Path, question_id: str, correct: bool) -> None:
    course = load_course(PACK)[0]
    quiz = course.quiz("stay")
    question = quiz.question(question_id)
    with open_store(home) as store:
        attempt = store.start_attempt(course.id, quiz.id)
        store.record_answer(course.id, quiz.id, question.id, chosen=[question.options[0].id], correct=correct,
                            score=float(correct), seconds=3.0, content_hash=question.content_hash,
                            attempt_id=attempt)


def _notes(deck: Path) -> list[tuple[str, list[str]]]:
    with zipfile.ZipFile(io.BytesIO(deck.read_bytes())) as archive:
        collection = deck.with_suffix(".anki2")
        collection.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(collection) as db:
        return [(guid, fields.split("\x1f")) for guid, fields in db.execute("select guid, flds from notes")]


def test_the_deck_holds_the_missed_questions_only_with_the_right_answer_and_the_rule(tmp_path):
    home = tmp_path / "home"
    _answer(home, "zoom-link", correct=False)
    _answer(home, "contact-details", correct=True)
    result = tutor("lms", "export", "--content", str(PACK), "--format", "anki", "-o", "missed.apkg", cwd=tmp_path,
                   home=home)
    assert result.returncode == 0, result.stderr
    assert "Wrote the 1 question(s) you missed, from 1 quiz(zes), to missed.apkg as Anki cards" in result.stdout
    notes = _notes(tmp_path / "missed.apkg")
    assert len(notes) == 1
    question = load_course(PACK)[0].quiz("stay").question("zoom-link")
    front, back, rule = notes[0][1]
    assert question.prompt.replace("'", "&#x27;") in front
    right = next(o for o in question.options if o.correct)
    assert f"Right: <b>{right.text}</b>" in back.replace("&#x27;", "'") and "Rule: " in rule and "(checked " in rule
    again = tutor("lms", "export", "--content", str(PACK), "--format", "anki", "-o", "again.apkg", cwd=tmp_path,
                  home=home)
    assert again.returncode == 0 and _notes(tmp_path / "again.apkg")[0][0] == notes[0][0]  # the same note: updated


def test_no_deck_when_nothing_was_missed(tmp_path):
    result = tutor("lms", "export", "--content", str(PACK), "--format", "anki", "-o", "missed.apkg", cwd=tmp_path,
                   home=tmp_path / "home")
    assert result.returncode == 1 and "you have missed no question" in result.stderr
    assert not (tmp_path / "missed.apkg").exists() and not (tmp_path / "home" / "progress.db").exists()


def test_pack_text_is_escaped_for_ankis_html_fields():
    from tutor.content.model import Option, Question
    from tutor.interchange.anki import _back, _front

    question = Question("q", "single", "<script>alert(1)</script> & {{Answer}}", "<b>why</b>", "s",
                        options=(Option("a", "<img src=x onerror=y>", "f", True), Option("b", "b", "f")))
    assert "<script>" not in _front(question) and "&lt;script&gt;" in _front(question)
    assert "<img" not in _front(question) + _back(question) and "&lt;b&gt;why" in _back(question)
