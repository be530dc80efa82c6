"""An answer counts only for the version of the question it was given to: when a question's
content hash changes, the learner is asked it again."""

from __future__ import annotations

from msgspec.structs import replace

from tests.progress.fakes import FakeClock
from tutor.content.model import Option, Question
from tutor.progress import ProgressStore


def give(store: ProgressStore, question_id: str, content_hash: str, correct: bool) -> None:
    store.record_answer(
        "demo", "intro-quiz", question_id, chosen=["a" if correct else "b"], correct=correct,
        score=1.0 if correct else 0.0, seconds=3.0, content_hash=content_hash,
    )


def test_an_edited_question_counts_as_unanswered_and_is_asked_again(store: ProgressStore) -> None:
    give(store, "q1", "old-hash", correct=True)
    assert store.question_results("demo", "intro-quiz", {"q1": "old-hash"}) == {"q1": True}
    assert store.question_results("demo", "intro-quiz", {"q1": "new-hash"}) == {"q1": None}


def test_the_latest_answer_to_the_current_version_decides(store: ProgressStore, clock: FakeClock) -> None:
    give(store, "q1", "h", correct=False)
    clock.tick()
    give(store, "q1", "h", correct=True)
    give(store, "q2", "h", correct=True)
    clock.tick()
    give(store, "q2", "h", correct=False)
    results = store.question_results("demo", "intro-quiz", {"q1": "h", "q2": "h", "q3": "h"})
    assert results == {"q1": True, "q2": False, "q3": None}
    assert store.missed_questions("demo", "intro-quiz", {"q1": "h", "q2": "h", "q3": "h"}) == ["q2"]


def test_a_newer_answer_to_an_old_version_does_not_override_the_current_one(
    store: ProgressStore, clock: FakeClock
) -> None:
    give(store, "q1", "current", correct=False)
    clock.tick()
    give(store, "q1", "stale", correct=True)  # e.g. from a second copy of the app on old content
    assert store.question_results("demo", "intro-quiz", {"q1": "current"}) == {"q1": False}
    assert store.missed_questions("demo", "intro-quiz", {"q1": "current"}) == ["q1"]


def test_a_missed_question_that_was_rewritten_is_no_longer_listed_as_missed(store: ProgressStore) -> None:
    give(store, "q1", "before-edit", correct=False)
    assert store.missed_questions("demo", "intro-quiz", {"q1": "after-edit"}) == []


def test_with_real_questions_a_new_prompt_resets_but_a_new_explanation_does_not(
    store: ProgressStore,
) -> None:
    question = Question(
        id="zoom-link", kind="single", prompt="The client sends a Zoom link. What do you do?",
        explanation="Before a contract, talk in Messages.", source="help",
        options=(Option("join", "Join", "No.", correct=False), Option("decline", "Decline", "Yes.", correct=True)),
    )
    give(store, question.id, question.content_hash, correct=True)

    typo_fixed = replace(question, explanation="Before a contract, talk in Upwork Messages.")
    reworded = replace(question, prompt="The client sends his own meeting link. What now?")
    assert store.question_results("demo", "intro-quiz", {question.id: typo_fixed.content_hash}) == {
        question.id: True
    }
    assert store.question_results("demo", "intro-quiz", {question.id: reworded.content_hash}) == {
        question.id: None
    }


def test_reordering_options_asks_no_one_again_but_changing_which_is_right_does(store: ProgressStore) -> None:
    question = Question(
        id="zoom-link", kind="single", prompt="The client sends a Zoom link. What do you do?",
        explanation="Before a contract, talk in Messages.", source="help",
        options=(Option("join", "Join", "No.", correct=False), Option("decline", "Decline", "Yes.", correct=True)),
    )
    reordered = replace(question, options=tuple(reversed(question.options)))
    assert reordered.content_hash == question.content_hash  # options are shuffled anyway
    flipped = replace(question, options=(Option("join", "Join", "No.", correct=True),
                                         Option("decline", "Decline", "Yes.", correct=False)))
    assert flipped.content_hash != question.content_hash
