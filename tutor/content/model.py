"""The typed content model: what a loaded pack is, independent of any file format or UI.

Everything here is plain data, and nothing here reads a file: lesson bodies and quizzes are not part
of the catalogue, and the loader hands the course the functions that read them when first needed
(`Course.lesson_body`, `Course.quiz`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct, field, structs

KINDS = ("single", "multi", "truefalse", "scenario")
OUTCOMES = ("good", "risky", "bad")
RISKS = ("normal", "high")  # high: a mistake that can cost the account or the money


class Source(Struct, frozen=True):
    id: str
    title: str
    url: str
    section: str
    checked: date


class Option(Struct, frozen=True):
    """One choice. In a scenario step, `next` or `outcome` says where the choice leads."""

    id: str
    text: str
    feedback: str
    correct: bool = False
    next: str | None = None
    outcome: str | None = None
    ending: str = ""


class Step(Struct, frozen=True):
    """One moment of a scenario: what happens, and the choices the learner has."""

    id: str
    text: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Question(Struct, frozen=True):
    id: str
    kind: str
    prompt: str
    explanation: str
    source: str
    options: tuple[Option, ...] = ()
    steps: tuple[Step, ...] = ()
    hints: tuple[str, ...] = ()
    partial_credit: bool = False
    start: str | None = None
    risk: str = "normal"  # one of RISKS
    shuffle: bool | None = None  # None: as the quiz says
    position: int = 0  # index in the quiz file's [[questions]], to place findings
    rule: str | None = None  # questions with one rule are variants of each other (docs/authoring.md)

    @property
    def start_step(self) -> Step | None:
        wanted = self.start or (self.steps[0].id if self.steps else None)
        return self.step(wanted) if wanted else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    @property
    def content_hash(self) -> str:
        """A hash of what the learner is asked; wording of feedback and explanations is left out,
        so fixing a typo there does not make every learner answer the question again."""
        return _question_hash(self)


def _question_hash(q: Question) -> str:
    # Options and steps by id: their order in the file is not what is asked (options are shuffled),
    # so reordering them, or balancing where the right answers sit, asks no learner again.
    def opt(o: Option) -> list[Any]:
        return [o.id, o.text, o.correct, o.next, o.outcome]

    payload = [
        q.kind,
        q.prompt,
        q.partial_credit,
        q.start_step.id if q.start_step else None,
        [opt(o) for o in sorted(q.options, key=lambda o: o.id)],
        [[s.id, s.text, [opt(o) for o in sorted(s.options, key=lambda o: o.id)]]
         for s in sorted(q.steps, key=lambda s: s.id)],
    ]
    import hashlib  # only answering a question needs it: kept out of start-up

    blob = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


class Quiz(Struct, frozen=True):
    """A quiz as the learner gets it: only questions without errors. `left_out` counts the questions
    of the file that were left out because `tutor check` reports an error in them, so that a face
    can say so."""

    id: str
    lesson: str
    title: str
    questions: tuple[Question, ...]
    shuffle: bool = True  # options in a new order each attempt (a question or the quiz can turn it off)
    path: Path | None = None
    left_out: int = 0

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


class Lesson(Struct):
    id: str
    title: str
    module: str
    order: int
    minutes: int
    summary: str
    sources: tuple[Source, ...]
    path: Path
    quiz: str | None = None
    prerequisites: tuple[str, ...] = ()
    body_line: int = 1  # 1-based line of the file where the Markdown body starts

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)


class Module(Struct, frozen=True):
    id: str
    title: str
    lessons: tuple[str, ...]  # lesson ids, in course order


class ChangeSource(Struct, frozen=True):
    title: str
    url: str
    checked: date
    section: str = ""


class Change(Struct, frozen=True):
    """A dated change of a platform's rules, and what of the course it affects (changes.toml)."""

    id: str
    platform: str
    title: str
    summary: str  # before / after, in plain words
    added: date  # when the entry was added to the pack: what is new to a learner
    lessons: tuple[str, ...]
    questions: tuple[str, ...]  # "quiz-id/question-id"
    source: ChangeSource
    announced: date | None = None
    effective: date | None = None  # when it took effect
    noticed: date | None = None  # when it was found, for a change the platform did not date
    precision: str = "day"  # "day", "month" or "year": how exactly its dates are known

    @property
    def when(self) -> date:
        """The date the timeline files it under: when it took effect, else when it was noticed."""
        found = self.effective or self.noticed
        assert found is not None  # the format requires one of them
        return found


class Readiness(Struct, frozen=True):
    """The readiness check's settings (course.toml's [readiness] table)."""

    questions_per_module: int = 3
    minutes: int | None = None  # a time limit, or None for none
    pass_mark: float | None = None  # None: the course's pass mark


class Course(Struct):
    """A loaded pack. Quiz files are indexed when first needed and parsed when first asked for
    (`quiz()`); lessons' bodies are read when shown."""

    id: str
    title: str
    root: Path
    modules: tuple[Module, ...]
    lessons: dict[str, Lesson]
    pass_mark: float = 0.8
    checked: date | None = None
    description: str = ""
    welcome: Path | None = None  # a Markdown file of the pack shown on the welcome screen
    readiness: Readiness = Readiness()
    changes: tuple[Change, ...] = ()  # the pack's timeline of rule changes (changes.toml)
    # Set by the loader, which knows the formats: {quiz id: (path, lesson id)}, built once on first
    # use; a quiz file read into a Quiz (None if unusable); a lesson file's cleaned Markdown body.
    quiz_scanner: Callable[[], dict[str, tuple[Path, str]]] | None = None
    quiz_reader: Callable[[Path], Quiz | None] | None = None
    body_reader: Callable[[Path], str] | None = None
    welcome_reader: Callable[[Path], str] | None = None
    _quiz_index: dict[str, tuple[Path, str]] | None = None
    _quizzes: dict[str, Quiz] = field(default_factory=dict)
    _bodies: dict[str, str] = field(default_factory=dict)

    @property
    def quiz_index(self) -> dict[str, tuple[Path, str]]:
        if self._quiz_index is None:
            self._quiz_index = self.quiz_scanner() if self.quiz_scanner else {}
        return self._quiz_index

    @property
    def modules_by_id(self) -> dict[str, Module]:
        return {module.id: module for module in self.modules}

    def ordered_lessons(self) -> list[Lesson]:
        return [self.lessons[lid] for m in self.modules for lid in m.lessons]

    def lesson_numbers(self) -> dict[str, str]:
        """Each lesson's number as the dashboard shows it, module then lesson ("2.1"), to its id."""
        return {f"{m}.{n}": lesson_id for m, module in enumerate(self.modules, 1)
                for n, lesson_id in enumerate(module.lessons, 1) if lesson_id in self.lessons}

    def find_lesson(self, name: str) -> Lesson | None:
        """The lesson called `name`: its id, or its number as the dashboard shows it ("2.1")."""
        found = self.lessons.get(name)
        if found is None and (lesson_id := self.lesson_numbers().get(name.strip())) is not None:
            found = self.lessons[lesson_id]
        return found

    def quiz_id_for(self, lesson_id: str) -> str | None:
        """The lesson's quiz: the one its front matter names, else the quiz that names the lesson."""
        lesson = self.lessons.get(lesson_id)
        if lesson is None:
            return None
        if lesson.quiz:
            entry = self.quiz_index.get(lesson.quiz)
            # A quiz that names another lesson is not this lesson's (`tutor check` says so).
            return lesson.quiz if entry is not None and entry[1] in ("", lesson_id) else None
        return next((qid for qid, (_path, lid) in self.quiz_index.items() if lid == lesson_id), None)

    def quiz_for(self, lesson_id: str) -> Quiz | None:
        quiz_id = self.quiz_id_for(lesson_id)
        return self.quiz(quiz_id) if quiz_id else None

    def quiz(self, quiz_id: str) -> Quiz | None:
        """The quiz, parsed the first time it is asked for; None if it does not exist or cannot be used."""
        if quiz_id not in self._quizzes:
            entry = self.quiz_index.get(quiz_id)
            if entry is None or self.quiz_reader is None:
                return None
            quiz = self.quiz_reader(entry[0])
            if quiz is None or quiz.id != quiz_id:
                return None
            self._quizzes[quiz_id] = self._with_known_sources(quiz)
        return self._quizzes[quiz_id]

    def _with_known_sources(self, quiz: Quiz) -> Quiz:
        """The quiz without the questions that cite a source their lesson does not list (an error
        `tutor check` reports across files, so the quiz file alone could not leave them out)."""
        lesson = self.lessons.get(quiz.lesson)
        if lesson is None:
            return quiz
        known = {source.id for source in lesson.sources}
        kept = tuple(q for q in quiz.questions if q.source in known)
        if len(kept) == len(quiz.questions):
            return quiz
        return structs.replace(quiz, questions=kept, left_out=quiz.left_out + len(quiz.questions) - len(kept))

    @property
    def parsed_quizzes(self) -> tuple[str, ...]:
        """The ids of the quizzes parsed so far (the catalogue parses none)."""
        return tuple(self._quizzes)

    def lesson_body(self, lesson: Lesson) -> str:
        """The lesson's Markdown body, read (and cleaned of control characters) on first use."""
        body = self._bodies.get(lesson.id)
        if body is None:
            body = self.body_reader(lesson.path) if self.body_reader else ""
            self._bodies[lesson.id] = body
        return body

    def welcome_text(self) -> str:
        """The Markdown of the pack's welcome file (course.toml's `welcome`), cleaned of control
        characters; "" when there is none or it cannot be read (outside the pack, not a regular
        file, not UTF-8: `tutor check` says which)."""
        if self.welcome is None or self.welcome_reader is None:
            return ""
        return self.welcome_reader(self.welcome)

    def last_checked(self) -> date | None:
        """When the course was last reviewed: course.toml's `checked`, else the newest source date."""
        if self.checked:
            return self.checked
        dates = [s.checked for lesson in self.lessons.values() for s in lesson.sources]
        return max(dates) if dates else None
