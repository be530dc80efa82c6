"""What a readiness check asks: questions from every module, new ones first.

A retake that asked what the learner met last time (and whose right answers the result then showed)
would test memory, not the rules. So each module's questions are ranked for this learner: never met
in a check first, then met and missed, then met and answered right, and the previous check's own
questions last of all; at most one question per rule (`Question.rule`: a question without one is a
rule of its own), the variant ranked first. Within a rank, the module's quizzes take turns, so a
check spreads over its lessons. A quiz is parsed only when the draw reaches it: a learner meeting the
course for the first time costs a few quizzes per module, not the whole pack.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

from msgspec import Struct

from tutor.content.model import Course, Question, Quiz
from tutor.progress.records import ReadinessHistory

NEW, MISSED, RIGHT, LAST_MISSED, LAST_RIGHT = range(5)  # ranks, best first


class Item(Struct, frozen=True):
    """One drawn question, with where it comes from."""

    quiz: Quiz
    question: Question
    module_id: str

    @property
    def key(self) -> str:
        return f"{self.quiz.id}/{self.question.id}"


def rank(history: ReadinessHistory, key: str) -> int:
    right = history.met.get(key)
    if key in history.last_draw:
        return LAST_RIGHT if right else LAST_MISSED
    return NEW if right is None else RIGHT if right else MISSED


def rule_of(item: Item) -> str:
    return item.question.rule or item.key  # a rule id has no "/": never a question key


def draw(course: Course, rng: random.Random, history: ReadinessHistory | None = None) -> list[Item]:
    """Up to `questions_per_module` questions from each module (best rank first, the module's
    quizzes taking turns), then all of them in a random order."""
    history = history or ReadinessHistory()
    per_module = course.readiness.questions_per_module
    met_per_quiz = Counter(key.partition("/")[0] for key in (*history.met, *history.last_draw))
    taken_rules: set[str] = set()
    items: list[Item] = []
    for module in course.modules:
        quiz_ids = list(dict.fromkeys(q for q in (course.quiz_id_for(lid) for lid in module.lessons) if q))
        rng.shuffle(quiz_ids)
        quiz_ids.sort(key=lambda quiz_id: met_per_quiz[quiz_id])  # quizzes with more not met first
        pools = _Pools(course, module.id, quiz_ids, history, rng)
        picked = 0
        for wanted in range(LAST_RIGHT + 1):
            while picked < per_module:
                took = False
                for item in pools.one_round(wanted, taken_rules):
                    items.append(item)
                    taken_rules.add(rule_of(item))
                    picked += 1
                    took = True
                    if picked >= per_module:
                        break
                if not took:
                    break
    rng.shuffle(items)
    return items


class _Pools:
    """Each quiz's questions of one module, ranked for this learner; a quiz is parsed when first reached."""

    def __init__(self, course: Course, module_id: str, quiz_ids: list[str], history: ReadinessHistory,
                 rng: random.Random) -> None:
        self.course, self.module_id, self.quiz_ids = course, module_id, quiz_ids
        self.history, self.rng = history, rng
        self.pools: dict[str, list[tuple[int, Item]]] = {}

    def _pool(self, quiz_id: str) -> list[tuple[int, Item]]:
        pool = self.pools.get(quiz_id)
        if pool is None:
            quiz = self.course.quiz(quiz_id)
            items = [Item(quiz, question, self.module_id) for question in quiz.questions] if quiz else []
            self.rng.shuffle(items)
            # Worst rank first and popped from the end: the best of each quiz is taken first.
            pool = sorted(((rank(self.history, item.key), item) for item in items), key=lambda p: -p[0])
            self.pools[quiz_id] = pool
        return pool

    def one_round(self, wanted: int, taken_rules: set[str]) -> Iterator[Item]:
        """One question of rank `wanted` from each quiz that still has one, quiz by quiz."""
        for quiz_id in self.quiz_ids:
            pool = self._pool(quiz_id)
            while pool and (pool[-1][0] < wanted or rule_of(pool[-1][1]) in taken_rules):
                pool.pop()  # a rule already asked, or a rank the earlier rounds passed over
            if pool and pool[-1][0] == wanted:
                yield pool.pop()[1]
