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

# What course.toml and changes.toml say beyond the lessons (course_settings.py), named here too.
from tutor.content.course_settings import Change as Change
from tutor.content.course_settings import ChangeSource as ChangeSource
from tutor.content.course_settings import CourseTexts as CourseTexts
from tutor.content.course_settings import Readiness as Readiness

KINDS = ("single", "multi", "truefalse", "scenario")
OUTCOMES = ("good", "risky", "bad")
RISKS = ("normal", "high")  # high: a mistake that can cost the account or the money
SERIOUSNESS = ("low", "medium", "high")  # a guide's outcome: how serious the learner's case is


class Source(Struct, frozen=True):
    """Where a rule is written, dated: a web page (`url`), a file of the pack (`document`) or an internal
    reference with no page to open (`reference`); exactly one of the three is set."""

    id: str
    title: str
    url: str
    section: str
    checked: date
    document: str = ""
    reference: str = ""

    @property
    def is_web(self) -> bool:  # the app offers to open a source only then
        return bool(self.url)

    @property
    def where(self) -> str:
        """Where the learner finds the source, in words: the address of a web page, else what it is."""
        if self.document:
            return f"a document of this course: {self.document}"
        return self.url or f"internal reference (not online): {self.reference}"


class Option(Struct, frozen=True):
    """One choice. In a scenario's or a guide's step, `next` or `outcome` (a guide's: an outcome id)
    says where it leads; in a guide, `says` are (name, text) facts it puts into the drafted message."""

    id: str
    text: str
    feedback: str
    correct: bool = False
    next: str | None = None
    outcome: str | None = None
    ending: str = ""
    says: tuple[tuple[str, str], ...] = ()


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
    def structure(self) -> tuple[Any, ...]:
        """The question's shape without its words (kind, steps and options by id, which are right, where
        each leads): an edit that keeps it keeps a learner's place in it (`--watch`)."""
        def shape(options: tuple[Option, ...]) -> tuple[Any, ...]:
            return tuple((o.id, o.correct, o.next, o.outcome) for o in options)
        return self.kind, self.start, shape(self.options), tuple((s.id, shape(s.options)) for s in self.steps)

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


class GuideDetail(Struct, frozen=True):
    """Something the learner may type for the drafted message (a date, a username): never required."""

    id: str
    label: str
    blank: str  # what the message says where the learner typed nothing, e.g. "[the date]"
    example: str = ""
    max_length: int = 80


class GuideRule(Struct, frozen=True):
    """What a rule says, in the guide's words, and the source it comes from."""

    text: str
    source: Source


class GuideOutcome(Struct, frozen=True):
    """Where a guide's choices end: seriousness, rules, steps, and a message with {placeholders}."""

    id: str
    title: str
    seriousness: str  # one of SERIOUSNESS
    how_serious: str
    rules: tuple[GuideRule, ...]
    do_now: tuple[str, ...]
    message: str
    lessons: tuple[str, ...] = ()
    guides: tuple[str, ...] = ()  # other guides that may fit, e.g. for a notice already received


class Guide(Struct, frozen=True):
    """"Something already went wrong": steps with choices, as in a scenario, ending in an outcome."""

    id: str
    title: str
    summary: str
    steps: tuple[Step, ...]
    outcomes: tuple[GuideOutcome, ...]
    sources: tuple[Source, ...]
    details: tuple[GuideDetail, ...] = ()
    intro: str = ""
    start: str | None = None
    path: Path | None = None

    @property
    def start_step(self) -> Step | None:
        wanted = self.start or (self.steps[0].id if self.steps else None)
        return self.step(wanted) if wanted else None

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def outcome(self, outcome_id: str) -> GuideOutcome | None:
        return next((o for o in self.outcomes if o.id == outcome_id), None)


class GuideEntry(Struct, frozen=True):
    """A guide as the catalogue knows it, from the top of its file: enough to list and offer it."""

    id: str
    title: str
    summary: str
    path: Path
    lessons: tuple[str, ...] = ()  # lessons whose reader offers the guide
    scenarios: tuple[str, ...] = ()  # "quiz-id/question-id": a bad ending of these offers it


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
    pass_mark: float | None = None  # None: the course's

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
    texts: CourseTexts = CourseTexts()
    language: str = "en"  # the language the pack is written in (course.toml); the tutor's own words stay English
    # Set by the loader, which knows the formats: {quiz id: (path, lesson id)}, built once on first
    # use; a quiz file read into a Quiz (None if unusable); a lesson file's cleaned Markdown body.
    quiz_scanner: Callable[[], dict[str, tuple[Path, str]]] | None = None
    quiz_reader: Callable[[Path], Quiz | None] | None = None
    body_reader: Callable[[Path], str] | None = None
    welcome_reader: Callable[[Path], str] | None = None
    guide_files: tuple[Path, ...] = ()  # guides/*.toml, listed with the catalogue
    guide_scanner: Callable[[], dict[str, GuideEntry]] | None = None  # the top of each file, on first use
    guide_reader: Callable[[Path], Guide | None] | None = None  # a whole file, when its guide is opened
    _guide_index: dict[str, GuideEntry] | None = None
    _guides: dict[str, Guide | None] = field(default_factory=dict)
    _quiz_index: dict[str, tuple[Path, str]] | None = None
    # Quizzes' own pass marks, found with their ids by the quiz scanner (or the check): no quiz parsed.
    quiz_marks: dict[str, float] = field(default_factory=dict)
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

    def pass_mark_for(self, quiz_id: str | None) -> float:
        """The pass mark of this quiz: its own `pass_mark`, else the course's."""
        parsed = self._quizzes.get(quiz_id or "")
        if parsed is not None and parsed.pass_mark is not None:
            return parsed.pass_mark
        self.quiz_index  # noqa: B018 - indexing the quizzes fills quiz_marks
        return self.quiz_marks.get(quiz_id or "", self.pass_mark)

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

    @property
    def guide_index(self) -> dict[str, GuideEntry]:
        """The pack's guides by id, in file order, from the top of each file (read on first use)."""
        if self._guide_index is None:
            self._guide_index = self.guide_scanner() if self.guide_scanner and self.guide_files else {}
        return self._guide_index

    def guide(self, guide_id: str) -> Guide | None:
        """The guide, read whole when first asked for; None if missing or with an error (`tutor check`)."""
        if guide_id not in self._guides:
            entry = self.guide_index.get(guide_id)
            guide = self.guide_reader(entry.path) if entry is not None and self.guide_reader else None
            self._guides[guide_id] = guide if guide is not None and guide.id == guide_id else None
        return self._guides[guide_id]

    @property
    def guides(self) -> dict[str, Guide]:
        """Every guide that can be used, by id in file order (each file read whole)."""
        return {i: guide for i in self.guide_index if (guide := self.guide(i)) is not None}

    def guides_for_lesson(self, lesson_id: str) -> list[GuideEntry]:
        """The guides a lesson's reader offers (those whose `lessons` name it)."""
        return [entry for entry in self.guide_index.values() if lesson_id in entry.lessons]

    def guide_for_scenario(self, quiz_id: str, question_id: str) -> GuideEntry | None:
        """The guide that a bad ending of this scenario question offers, if one names it."""
        return next((e for e in self.guide_index.values() if f"{quiz_id}/{question_id}" in e.scenarios), None)

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
