"""Guides walked in the core, exhaustively: every way through each shipped guide ends in an outcome
with steps and rules, and drafts a message that holds the learner's own details and every fact their
choices said, that changes when an answer changes, and that no typed text can break."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tutor.content.guide_format import PLACEHOLDER
from tutor.content.loader import check_pack, load_course, shipped_root
from tutor.content.model import Guide
from tutor.progress.guides import clean_detail, details_used, draft_message, facts_of, fill, guide_walk
from tutor.progress.scoring import StepWalk, replay

COURSE, _ = load_course(shipped_root())
GUIDES = list(COURSE.guides.values())
TYPED = {"date": "14 March 2026", "client": "dana_k", "job": "Landing page for a bakery", "name": "Amira Haddad",
         "method": "PayPal", "since": "2024", "ref": "Case 88412", "own": "I joined one call and shared no email."}


def every_way(guide: Guide) -> Iterator[list[str]]:
    """Every sequence of option ids from the start to an outcome (depth first)."""
    todo: list[list[str]] = [[]]
    while todo:
        path = todo.pop()
        walk = StepWalk(guide)
        for option in path:
            walk.choose(option)
        if walk.finished:
            yield path
            continue
        assert walk.step is not None, f"{guide.id}: {path} leads nowhere"
        todo.extend(path + [option.id] for option in walk.step.options)


def test_the_course_ships_the_three_guides_and_the_check_finds_nothing_in_them():
    assert set(COURSE.guides) == {"talked-outside-before-contract", "paid-outside-platform",
                                  "account-warning-hold-suspension"}
    _course, findings = check_pack(shipped_root())
    assert [f.format() for f in findings if "guides" in str(f.path)] == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.id)
def test_every_way_through_a_guide_drafts_a_true_message_with_the_learners_details(guide):
    ways = list(every_way(guide))
    reached: set[str] = set()
    by_outcome: dict[str, dict[tuple[str, ...], str]] = {}
    for way in ways:
        walk = guide_walk(guide)
        for option in way:
            walk.choose(option)
        draft = draft_message(guide, walk, TYPED)
        assert draft is not None
        outcome = draft.outcome
        reached.add(outcome.id)
        assert outcome.do_now and outcome.rules and outcome.how_serious, outcome.id
        assert all(rule.source.url.startswith("https://") for rule in outcome.rules)
        message = draft.message
        assert not PLACEHOLDER.search(message), (way, message)
        assert "[" not in message, (way, message)  # every detail the message asks for was typed
        used = set(PLACEHOLDER.findall(outcome.message))
        for detail in details_used(guide, outcome):
            assert TYPED[detail.id] in message, (way, detail.id)
        facts = facts_of(walk)
        for name in used & set(facts):
            assert facts[name] in message, (way, name)
        said = tuple(facts.get(name, "") for name in sorted(used & set(facts)))
        by_outcome.setdefault(outcome.id, {})[said] = message
    assert reached == {outcome.id for outcome in guide.outcomes}  # and no outcome is dead content
    # The message changes with the answers: as many different messages as different facts said.
    for outcome_id, messages in by_outcome.items():
        assert len(set(messages.values())) == len(messages), outcome_id
    assert len(ways) >= len(guide.outcomes)


def test_the_seed_case_drafts_the_message_she_did_not_know_how_to_write():
    guide = COURSE.guides["talked-outside-before-contract"]
    walk = guide_walk(guide)
    for option in ["upwork", "zoom-link", "client", "no", "accepted", "none", "no", "no"]:
        walk.choose(option)
    draft = draft_message(guide, walk, {"date": "14 March 2026", "client": "dana_k",
                                        "job": "Landing page for a bakery", "name": "Amira"})
    assert draft is not None and draft.outcome.id == "upwork-talked" and draft.outcome.seriousness == "medium"
    message = draft.message
    assert "On 14 March 2026, before any contract existed, the client sent me a link to a meeting on their own " \
           "Zoom account, and I joined the call." in message
    assert "I accepted it, and I have been working on that contract since." in message
    assert "No payment was made or suggested outside Upwork." in message
    assert message.endswith("Thank you,\nAmira")
    # What she did not choose is not in it: no payment, no warning, no scam.
    assert "warning" not in message and "paid me" not in message


def test_changing_one_answer_changes_the_message_and_never_admits_more_than_was_chosen():
    guide = COURSE.guides["talked-outside-before-contract"]

    def message(*options: str) -> str:
        walk = guide_walk(guide)
        for option in options:
            walk.choose(option)
        draft = draft_message(guide, walk, {})
        assert draft is not None
        return draft.message

    knew = message("upwork", "zoom-link", "client", "no", "accepted", "none", "no", "no")
    unsure = message("upwork", "zoom-link", "client", "unsure", "accepted", "none", "no", "no")
    assert "I did not know then" in knew and "I did not know" not in unsure
    assert "I should have kept our communication on Upwork" in unsure
    me = message("upwork", "zoom-link", "me", "no", "accepted", "none", "no", "no")
    assert "I suggested it myself." in me and "The client suggested it" not in me
    warned = message("upwork", "zoom-link", "client", "no", "accepted", "none", "no", "warning")
    assert "Upwork has since sent me a warning about this." in warned
    # Details left empty stay visible as what to fill in, never as a guess.
    assert "[the date]" in knew and "[your name]" in knew


def test_typed_details_are_cleaned_bounded_and_never_filled_twice():
    guide = COURSE.guides["talked-outside-before-contract"]
    walk = guide_walk(guide)
    for option in ["upwork", "chat", "client", "no", "none-stopped", "none", "no", "no"]:
        walk.choose(option)
    hostile = {"client": "\x1b]52;c;ZXZpbA==\x07evil\x1b[2J{name}\r\nnext line",
               "job": "[bold red]x[/] " + "y" * 500, "name": "{client}", "date": "\x9b31m today \t\t"}
    draft = draft_message(guide, walk, hostile)
    assert draft is not None
    message = draft.message
    assert not any(ord(ch) < 32 and ch != "\n" or 0x7f <= ord(ch) <= 0x9f for ch in message)
    assert "{name}" in message and "{client}" in message  # typed text is never read as a placeholder
    assert "evil" in message and "next line" in message  # shown as text, on the same line
    job = next(d for d in guide.details if d.id == "job")
    assert len(draft.details["job"]) <= job.max_length and "[bold red]x[/]" in draft.details["job"]
    assert draft.details["date"] == "31m today"


def test_clean_detail_keeps_one_line_of_plain_text():
    detail = COURSE.guides["paid-outside-platform"].details[0]
    assert clean_detail("  12\nMarch\t2026  ", detail) == "12 March 2026"
    assert clean_detail("x" * 999, detail) == "x" * detail.max_length


def test_fill_drops_lines_that_only_empty_values_filled_and_keeps_the_rest():
    template = "Hello,\n\nOn {date} it happened.\n{notice}\nReference: {ref}\n\n\nThanks"
    assert fill(template, {"date": "today", "notice": "", "ref": ""}) == "Hello,\n\nOn today it happened.\n\nThanks"
    # A line is left out only when every placeholder in it came out empty (an author's blank = "").
    assert fill(template, {"date": "", "notice": "A warning.", "ref": "7"}) == \
        "Hello,\n\nA warning.\nReference: 7\n\nThanks"
    assert fill("{a} and {b}.", {"a": "", "b": "x"}) == " and x."


def test_a_walk_goes_back_a_step_and_a_kept_path_is_replayed_or_refused():
    guide = COURSE.guides["paid-outside-platform"]
    walk = guide_walk(guide)
    walk.choose("upwork")
    walk.choose("on-upwork")
    walk.back()
    assert walk.step is not None and walk.step.id == "upwork-met" and walk.path == [("platform", "upwork")]
    kept = [("platform", "upwork"), ("upwork-met", "before")]
    again = guide_walk(guide)
    assert replay(again, kept) and again.finished and again.ending is not None
    stale = guide_walk(guide)
    assert not replay(stale, [("platform", "upwork"), ("upwork-met", "gone")])
    assert stale.path == [] and stale.step is not None and stale.step.id == "platform"
