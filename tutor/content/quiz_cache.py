"""Quizzes already parsed, kept between runs: opening a quiz, a review or a readiness check reads
each quiz file (checked to lie inside the pack, as every time) and, when its text has not changed
since it was last parsed, takes the quiz from here instead of parsing and checking the TOML again.

A readiness check on a large pack reads a few quizzes per module (tutor/progress/readiness_draw.py):
parsing 300 of them costs about 150 ms, decoding them 10 (docs/performance.md). An entry is keyed by
a digest of the file's text (kept_entries.py says how entries are kept); it holds the quiz as the
learner gets it, without its path, which is the file's own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from msgspec import structs

from tutor.content.findings import Report
from tutor.content.kept_entries import KeptEntries, text_digest
from tutor.content.model import Quiz
from tutor.content.textfile import read_text_file


class QuizCache(KeptEntries[Quiz]):
    """One folder of entries, one file per quiz text: room for the quizzes of a 2,000-lesson pack."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder, Quiz, ".quiz", max_entries=2000)


def cached_quiz_reader(root: Path, folder: Path) -> Callable[[Path], Quiz | None]:
    """How the course reads a quiz when first used (loader._pack_readers), with the quizzes parsed in
    earlier runs kept in `folder`. Only a quiz that could be read is kept; its errors leave questions
    out as when it is parsed, and its warnings are `tutor check`'s to say."""
    kept = QuizCache(folder)

    def read_quiz(path: Path) -> Quiz | None:
        text = read_text_file(path, Report(path, [], warnings=False), root)
        if text is None:
            return None
        digest = text_digest(text)
        quiz = kept.get(digest)
        if quiz is not None:
            return structs.replace(quiz, path=path)
        from tutor.content.quiz_format import read_quiz_file  # a kept quiz needs no parser

        quiz = read_quiz_file(path, root=root, warnings=False, text=text).quiz
        if quiz is not None:
            kept.put(digest, structs.replace(quiz, path=None))
        return quiz

    return read_quiz
