"""The statements the tutor builds keep the xAPI 1.0.3 rules for any ids, scores, times and answers the
store can hold; and our own check refuses what the rules forbid even where an LRS (Ralph) would store it."""

from __future__ import annotations

import copy
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from tutor.content.fields import ID_PATTERN
from tutor.progress import statements
from tutor.progress.learner import Learner
from tutor.progress.xapi_rules import statement_problems

ids = st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda text: len(text) < 60)
fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
moments = st.floats(min_value=0, max_value=4_102_444_800, allow_nan=False)  # 1970 to 2100
learners = st.one_of(
    st.builds(lambda name, user: Learner(name, email=f"{user}@agency.org"),
              st.text(min_size=1, max_size=40).filter(lambda n: n.strip() and n.isprintable()),
              st.from_regex(r"[a-z][a-z0-9._-]{0,20}[a-z0-9]", fullmatch=True).filter(lambda u: ".." not in u)),
    st.builds(lambda name, account: Learner(name, account_name=account, home_page="https://lms.agency.org"),
              st.just("Bo"), ids))


def new_id() -> str:
    return str(uuid.uuid4())


@settings(max_examples=150, deadline=None)
@given(learner=learners, course=ids, quiz=ids, question=ids, chosen=st.lists(ids, max_size=4),
       path=st.lists(ids, max_size=4), correct=st.booleans(), score=fractions,
       seconds=st.floats(min_value=0, max_value=1e6, allow_nan=False), hints=st.integers(0, 5), moment=moments,
       mode=st.sampled_from(statements.MODES), change=st.none() | ids)
def test_every_answer_statement_keeps_the_rules(learner, course, quiz, question, chosen, path, correct, score, seconds,
                                                 hints, moment, mode, change) -> None:
    statement = statements.answer_statement(
        learner.actor(), new_id(), moment, course_id=course, quiz_id=quiz, question_id=question, chosen=chosen,
        path=path, correct=correct, score=score, seconds=seconds, hints=hints, content_hash="abc", mode=mode,
        registration=new_id() if mode != "review" else None, change_id=change)
    assert statement_problems(statement) == []
    assert statements.activity_path(statement["object"]["id"], course) == ("question", quiz, question)


@settings(max_examples=100, deadline=None)
@given(learner=learners, course=ids, quiz=ids, lesson=ids, moment=moments, total=st.integers(1, 50),
       share=fractions, passed=st.booleans(), modules=st.dictionaries(ids, fractions, max_size=4),
       reasons=st.lists(st.text(max_size=80), max_size=3))
def test_every_attempt_readiness_and_lesson_statement_keeps_the_rules(learner, course, quiz, lesson, moment, total,
                                                                      share, passed, modules, reasons) -> None:
    actor = learner.actor()
    built = [
        statements.attempt_statement(actor, new_id(), moment, course_id=course, quiz_id=quiz, score=share * total,
                                     total=total, seconds=30, mode="quiz", registration=new_id()),
        statements.readiness_statement(actor, new_id(), moment, course_id=course, passed=passed,
                                       module_scores=modules, score=share * total, total=total, reasons=reasons,
                                       seconds=90, registration=new_id()),
        statements.readiness_statement(actor, new_id(), moment, course_id=course, passed=passed,
                                       module_scores=modules, score=None, total=None, reasons=[], seconds=0,
                                       registration=None),
        statements.lesson_statement(actor, new_id(), moment, course_id=course, lesson_id=lesson),
    ]
    for statement in built:
        assert statement_problems(statement) == [], statement


def a_statement() -> dict:
    return statements.answer_statement(
        {"objectType": "Agent", "name": "Ana", "mbox": "mailto:ana@agency.org"}, new_id(), 1.8e9, course_id="c",
        quiz_id="q", question_id="x", chosen=["a"], path=[], correct=True, score=1.0, seconds=1, hints=0,
        content_hash="h", mode="quiz", registration=new_id())


def broken(change) -> list[str]:
    statement = copy.deepcopy(a_statement())
    change(statement)
    return statement_problems(statement)


def test_what_ralph_stores_but_the_rules_forbid_is_refused_with_the_place_and_why() -> None:
    assert broken(lambda s: s["verb"].update(id="answered")) == ["verb.id: 'answered' is not an IRI"]
    assert broken(lambda s: s["object"].update(id="a question")) == ["object.id: 'a question' is not an IRI"]
    assert broken(lambda s: s["result"]["score"].update(scaled=5)) == \
        ["result.score.scaled: 5 is not between -1 and 1"]
    assert broken(lambda s: s.update(timestamp="yesterday")) == \
        ["timestamp: 'yesterday' is not an ISO 8601 time with its zone"]
    assert broken(lambda s: s.update(timestamp="2026-02-30T10:00:00Z")) == \
        ["timestamp: '2026-02-30T10:00:00Z' is not a real date and time"]
    assert broken(lambda s: s.update(timestamp="2026-12-01T10:00:00")) == \
        ["timestamp: '2026-12-01T10:00:00' is not an ISO 8601 time with its zone"]
    assert broken(lambda s: s.update(colour="red")) == ["colour: not an xAPI property"]
    assert broken(lambda s: s["result"].update(duration="12 seconds")) == \
        ["result.duration: '12 seconds' is not an ISO 8601 duration"]
    assert broken(lambda s: s["context"].update(registration="42")) == ["context.registration: '42' is not a UUID"]
    assert broken(lambda s: s.update(id="1")) == ["id: '1' is not a UUID"]
    assert broken(lambda s: s["result"].update(success="yes")) == ["result.success: must be true or false"]
    assert broken(lambda s: s["result"]["extensions"].update({"hints": 1}) if "extensions" in s["result"]
                  else s["result"].update(extensions={"hints": 1})) == ["result.extensions key: 'hints' is not an IRI"]


def test_an_actor_needs_exactly_one_identifier_and_an_mbox_an_address() -> None:
    # Ralph answers 500 and drops the connection for an mbox without mailto: (lrs-notes.md).
    assert broken(lambda s: s["actor"].update(mbox="ana@agency.org"))[0].startswith("actor.mbox: 'ana@agency.org' must")
    assert broken(lambda s: s["actor"].update(account={"homePage": "https://x.org", "name": "a"})) == \
        ["actor: needs exactly one identifier (mbox, mbox_sha1sum, openid or account), has 2"]
    assert "reserved for tests" in broken(lambda s: s["actor"].update(mbox="mailto:ana@agency.test"))[0]
    # A problem found once is found again: the parts checked once are remembered with their place.
    assert broken(lambda s: s["actor"].update(mbox="mailto:ana@agency.test")) == \
        broken(lambda s: s["actor"].update(mbox="mailto:ana@agency.test"))
    assert broken(lambda s: s["context"]["contextActivities"]["parent"][0].update(id="not an iri")) == \
        ["context.contextActivities.parent[0].id: 'not an iri' is not an IRI"]


def test_a_score_keeps_raw_between_min_and_max() -> None:
    assert broken(lambda s: s["result"].update(score={"raw": 5, "min": 0, "max": 4})) == \
        ["result.score.raw: 5 is outside min and max"]
    assert broken(lambda s: s["result"].update(score={"min": 4, "max": 4})) == ["result.score: min must be less than max"]


def test_timestamps_are_utc_with_a_z_and_durations_hundredths() -> None:
    assert statements.timestamp(1_800_000_000.1234) == "2027-01-15T08:00:00.123Z"
    assert statements.duration(12.345) == "PT12.35S" and statements.duration(60) == "PT60S"
    assert statements.duration(0) == "PT0S"
