"""A team's results from the statements its learners sent to the LRS: per learner, the lessons read,
each quiz's best score, the latest readiness verdict with its module scores; across the team, the rules
most often missed. Statements are folded in one at a time (TeamTally.add), so the memory it takes grows
with the learners and the pack, not with the statements read. Pure: tutor/lrs/team_fetch.py reads the
statements, team_report.py writes the report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from msgspec import Struct

from tutor.content.model import Course, Question
from tutor.progress.learner import actor_key
from tutor.progress.statements import ADL_VERBS, EXTENSIONS, activity_path

_OUR_VERBS = {ADL_VERBS + name: name for name in ("answered", "completed", "passed", "failed")}


class QuizResult(Struct, frozen=True):
    quiz_id: str
    best: float  # 0..1: the best attempt over all the quiz's questions (retries are practice)
    last: float
    attempts: int


class Verdict(Struct, frozen=True):
    passed: bool
    module_scores: dict[str, float]
    at: str  # the statement's timestamp
    score: float | None = None
    total: float | None = None


class LearnerResults(Struct, frozen=True):
    key: str  # "mailto:..." or "account:<home page>#<name>"
    name: str
    lessons_read: tuple[str, ...]  # in course order
    quizzes: dict[str, QuizResult]
    readiness: Verdict | None
    answers: int
    missed: int
    last_activity: str


class MissedRule(Struct, frozen=True):
    """A rule (or a question without one) the team missed: how often, by how many learners."""

    rule: str
    quiz_id: str
    question_id: str  # the question missed most (variants of one rule share the line)
    prompt: str
    lesson_id: str | None
    missed: int
    answered: int
    learners: int


class TeamReport(Struct, frozen=True):
    course_id: str
    title: str
    lessons_total: int
    quiz_ids: tuple[str, ...]  # the quizzes in course order
    modules: dict[str, str]  # module id: title
    learners: tuple[LearnerResults, ...]  # by name
    missed: tuple[MissedRule, ...]  # most learners first
    statements: int  # statements of this course read
    since: str | None = None


@dataclass
class _Learner:
    name: str = ""
    lessons: set[str] = field(default_factory=set)
    quizzes: dict[str, list[Any]] = field(default_factory=dict)  # quiz: [best, last, last_at, attempts]
    readiness: Verdict | None = None
    answers: int = 0
    missed: int = 0
    last_activity: str = ""


@dataclass
class _Question:
    missed: int = 0
    answered: int = 0
    learners: set[str] = field(default_factory=set)


class TeamTally:
    """Statements in, a TeamReport out. Statements of other courses, or not built by the tutor, are
    skipped; `read` counts the ones of this course."""

    def __init__(self, course_id: str) -> None:
        self.course_id = course_id
        self.read = 0
        self._learners: dict[str, _Learner] = {}
        self._questions: dict[tuple[str, str], _Question] = {}

    def add_all(self, statements: Iterable[Mapping[str, Any]]) -> None:
        for statement in statements:
            self.add(statement)

    def add(self, statement: Mapping[str, Any]) -> None:
        try:
            verb = _OUR_VERBS.get(statement["verb"]["id"])
            path = activity_path(statement["object"]["id"], self.course_id)
            key = actor_key(statement["actor"])
            moment = str(statement.get("timestamp", ""))
        except (KeyError, TypeError, AttributeError):
            return
        if verb is None or path is None or key is None:
            return
        self.read += 1
        learner = self._learners.setdefault(key, _Learner())
        name = statement["actor"].get("name")
        if moment >= learner.last_activity:
            learner.last_activity = moment
            learner.name = name if isinstance(name, str) and name else learner.name or key
        result = statement.get("result") or {}
        kind = path[0] if path else "course"
        if kind == "question" and verb == "answered":
            self._answered(key, learner, path[1], path[2], result.get("success") is True)
        elif kind == "lesson" and verb == "completed":
            learner.lessons.add(path[1])
        elif kind == "quiz" and verb == "completed" and _mode(statement) == "quiz":
            self._quiz(learner, path[1], result, moment)
        elif kind == "readiness" and verb in ("passed", "failed"):
            if learner.readiness is None or moment >= learner.readiness.at:
                learner.readiness = _verdict(verb == "passed", result, moment)

    def _answered(self, key: str, learner: _Learner, quiz_id: str, question_id: str, right: bool) -> None:
        learner.answers += 1
        question = self._questions.setdefault((quiz_id, question_id), _Question())
        question.answered += 1
        if not right:
            learner.missed += 1
            question.missed += 1
            question.learners.add(key)

    def _quiz(self, learner: _Learner, quiz_id: str, result: Mapping[str, Any], moment: str) -> None:
        scaled = (result.get("score") or {}).get("scaled")
        if not isinstance(scaled, (int, float)):
            return
        found = learner.quizzes.get(quiz_id)
        if found is None:
            learner.quizzes[quiz_id] = [scaled, scaled, moment, 1]
            return
        found[0] = max(found[0], scaled)
        if moment >= found[2]:
            found[1], found[2] = scaled, moment
        found[3] += 1

    def report(self, course: Course, since: str | None = None, top: int = 10) -> TeamReport:
        """The report, in the course's order and words. `top`: how many missed rules to list."""
        order = {lesson.id: n for n, lesson in enumerate(course.ordered_lessons())}
        quiz_ids = tuple(quiz_id for lesson in course.ordered_lessons()
                         if (quiz_id := course.quiz_id_for(lesson.id)) is not None)
        learners = tuple(sorted(
            (LearnerResults(key=key, name=found.name, lessons_read=tuple(sorted(found.lessons & order.keys(),
                                                                                key=order.__getitem__)),
                            quizzes={quiz_id: QuizResult(quiz_id, best, last, attempts)
                                     for quiz_id, (best, last, _, attempts) in found.quizzes.items()},
                            readiness=found.readiness, answers=found.answers, missed=found.missed,
                            last_activity=found.last_activity)
             for key, found in self._learners.items()),
            key=lambda item: (item.name.casefold(), item.key)))
        return TeamReport(course_id=course.id, title=course.title, lessons_total=len(order), quiz_ids=quiz_ids,
                          modules={module.id: module.title for module in course.modules}, learners=learners,
                          missed=self._missed_rules(course, top), statements=self.read, since=since)

    def _missed_rules(self, course: Course, top: int) -> tuple[MissedRule, ...]:
        # Variants of one rule (a question's `rule`) are one line: the rule is what to teach again.
        rules: dict[str, list[Any]] = {}
        for (quiz_id, question_id), tally in self._questions.items():
            if not tally.missed:
                continue
            question = _question(course, quiz_id, question_id)
            rule = question.rule if question is not None and question.rule else f"{quiz_id}/{question_id}"
            entry = rules.setdefault(rule, [0, 0, set(), None, 0])
            entry[0] += tally.missed
            entry[1] += tally.answered
            entry[2] |= tally.learners
            if tally.missed > entry[4]:
                entry[3], entry[4] = (quiz_id, question_id, question), tally.missed
        found = []
        for rule, (missed, answered, learners, (quiz_id, question_id, question), _) in rules.items():
            quiz = course.quiz(quiz_id)
            found.append(MissedRule(rule=rule, quiz_id=quiz_id, question_id=question_id,
                                    prompt=question.prompt if question is not None else
                                    f"question {question_id} of quiz {quiz_id} (no longer in this pack)",
                                    lesson_id=quiz.lesson if quiz is not None else None,
                                    missed=missed, answered=answered, learners=len(learners)))
        found.sort(key=lambda item: (-item.learners, -item.missed, item.rule))
        return tuple(found[:top])


def _mode(statement: Mapping[str, Any]) -> str | None:
    extensions = (statement.get("context") or {}).get("extensions") or {}
    mode = extensions.get(EXTENSIONS["mode"])
    return mode if isinstance(mode, str) else None


def _verdict(passed: bool, result: Mapping[str, Any], moment: str) -> Verdict:
    extensions = result.get("extensions") or {}
    scores = extensions.get(EXTENSIONS["module-scores"]) or {}
    score = result.get("score") or {}
    return Verdict(passed=passed, at=moment,
                   module_scores={str(k): float(v) for k, v in scores.items() if isinstance(v, (int, float))},
                   score=score.get("raw"), total=score.get("max"))


def _question(course: Course, quiz_id: str, question_id: str) -> Question | None:
    quiz = course.quiz(quiz_id)
    if quiz is None:
        return None
    return next((question for question in quiz.questions if question.id == question_id), None)
