"""The xAPI statements the tutor keeps for an organisation's Learning Record Store, built from what the
store records: pure functions, called inside the transaction that records the event (store_outbox.py).

The vocabulary (docs/teams.md): ADL verbs (answered, completed, passed, failed); activity ids made from
the pack's id and its lesson, quiz and question ids under `urn:tutor:course:`; our extensions under
`urn:tutor:extension:`. Every statement carries its own id and a UTC timestamp ending in Z, fixed when the
event is recorded, so the same bytes can be sent again and an LRS stores them once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

# The statement's own version property (xAPI 1.0.3, sent with X-Experience-API-Version: 1.0.3).
XAPI_VERSION = "1.0.3"
PLATFORM = "tutor"

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERBS: dict[str, dict[str, Any]] = {
    name: {"id": ADL_VERBS + name, "display": {"en-US": name}}
    for name in ("answered", "completed", "passed", "failed")
}

ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
QUESTION_TYPE = ADL_ACTIVITIES + "cmi.interaction"
ASSESSMENT_TYPE = ADL_ACTIVITIES + "assessment"
LESSON_TYPE = ADL_ACTIVITIES + "lesson"
COURSE_TYPE = ADL_ACTIVITIES + "course"

COURSE_PREFIX = "urn:tutor:course:"
EXTENSION_PREFIX = "urn:tutor:extension:"
EXTENSIONS = {name: EXTENSION_PREFIX + name
              for name in ("mode", "hints", "content-hash", "path", "module-scores", "reasons", "evidence",
                           "rule-change")}

# How an answer or an attempt was given: in a quiz over all its questions, a retry of the missed ones,
# the readiness check, a review from the queue, or a review of a question whose rule changed.
MODES = ("quiz", "retry", "readiness", "review", "recheck")


# -- activity ids ---------------------------------------------------------------------------------

def _part(identifier: str) -> str:
    # Pack ids are letters, digits, - and _ (tutor check); anything else is escaped so the IRI holds.
    return quote(identifier, safe="")


@lru_cache(maxsize=256)
def course_iri(course_id: str) -> str:
    return COURSE_PREFIX + _part(course_id)


def lesson_iri(course_id: str, lesson_id: str) -> str:
    return f"{course_iri(course_id)}/lesson/{_part(lesson_id)}"


@lru_cache(maxsize=1024)
def quiz_iri(course_id: str, quiz_id: str) -> str:
    return f"{course_iri(course_id)}/quiz/{_part(quiz_id)}"


@lru_cache(maxsize=8192)
def question_iri(course_id: str, quiz_id: str, question_id: str) -> str:
    return f"{quiz_iri(course_id, quiz_id)}/question/{_part(question_id)}"


def readiness_iri(course_id: str) -> str:
    return f"{course_iri(course_id)}/readiness"


def change_iri(course_id: str, change_id: str) -> str:
    return f"{course_iri(course_id)}/change/{_part(change_id)}"


@lru_cache(maxsize=8192)  # a team's statements name the same few hundred activities again and again
def activity_path(iri: str, course_id: str) -> tuple[str, ...] | None:
    """What an activity id of this course names, as ids: ("lesson", id), ("quiz", id), ("question", quiz,
    question), ("readiness",), ("change", id), () for the course itself; None for another course's or
    someone else's activity."""
    base = course_iri(course_id)
    if iri == base:
        return ()
    if not iri.startswith(base + "/"):
        return None
    parts = [unquote(part) for part in iri[len(base) + 1:].split("/")]
    if len(parts) == 4 and parts[0] == "quiz" and parts[2] == "question":
        return ("question", parts[1], parts[3])
    if len(parts) == 2 and parts[0] in ("lesson", "quiz", "change"):
        return (parts[0], parts[1])
    if parts == ["readiness"]:
        return ("readiness",)
    return None


def _activity(iri: str, kind: str | None = None, **definition: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"objectType": "Activity", "id": iri}
    if kind is not None:
        found["definition"] = {"type": kind, **definition}
    return found


# -- times ----------------------------------------------------------------------------------------

def timestamp(moment: float) -> str:
    """UTC with milliseconds and a Z, the one spelling an LRS compares equal when a statement is resent."""
    return datetime.fromtimestamp(moment, tz=timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(seconds: float) -> str:
    """ISO 8601 duration to the hundredth of a second (xAPI's precision), e.g. PT12.5S."""
    text = f"{max(0.0, seconds):.2f}".rstrip("0").rstrip(".")
    return f"PT{text}S"


# -- the statements -------------------------------------------------------------------------------

def _statement(actor: Mapping[str, Any], statement_id: str, moment: float, verb: str, target: dict[str, Any],
               result: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    return {"id": statement_id, "actor": dict(actor), "verb": VERBS[verb], "object": target, "result": result,
            "context": {"platform": PLATFORM, **context}, "timestamp": timestamp(moment), "version": XAPI_VERSION}


def _context(registration: str | None, parent: Sequence[dict[str, Any]], grouping: Sequence[dict[str, Any]],
             extensions: dict[str, Any], other: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    activities = {key: list(value) for key, value in (("parent", parent), ("grouping", grouping), ("other", other))
                  if value}
    found: dict[str, Any] = {} if registration is None else {"registration": registration}
    found["contextActivities"] = activities
    if extensions:
        found["extensions"] = extensions
    return found


def answer_statement(actor: Mapping[str, Any], statement_id: str, moment: float, *, course_id: str, quiz_id: str,
                     question_id: str, chosen: Sequence[str], path: Sequence[str], correct: bool, score: float,
                     seconds: float, hints: int, content_hash: str, mode: str, registration: str | None = None,
                     change_id: str | None = None) -> dict[str, Any]:
    """"Ana answered question zoom-link of quiz stay: wrong, chose b". A scenario's answer is the way
    walked (its steps' chosen options); `change_id` names the rule change that put the question back
    in the review queue (a re-check)."""
    response = "[,]".join(chosen if not path else path)
    target = _activity(question_iri(course_id, quiz_id, question_id), QUESTION_TYPE,
                       interactionType="other" if path else "choice")
    extensions: dict[str, Any] = {EXTENSIONS["mode"]: mode, EXTENSIONS["hints"]: hints,
                                  EXTENSIONS["content-hash"]: content_hash}
    if path:
        extensions[EXTENSIONS["path"]] = list(path)
    other = []
    if change_id is not None:
        extensions[EXTENSIONS["rule-change"]] = change_id
        other.append(_activity(change_iri(course_id, change_id)))
    grouping = [_activity(course_iri(course_id), COURSE_TYPE)]
    if mode == "readiness":
        grouping.insert(0, _activity(readiness_iri(course_id), ASSESSMENT_TYPE))
    result = {"success": correct, "score": {"scaled": score}, "response": response, "duration": duration(seconds)}
    context = _context(registration, [_activity(quiz_iri(course_id, quiz_id), ASSESSMENT_TYPE)], grouping,
                       extensions, other)
    return _statement(actor, statement_id, moment, "answered", target, result, context)


def _points(score: float, total: float) -> dict[str, float]:
    return {"scaled": score / total, "raw": score, "min": 0, "max": total}


def attempt_statement(actor: Mapping[str, Any], statement_id: str, moment: float, *, course_id: str, quiz_id: str,
                      score: float, total: float, seconds: float, mode: str,
                      registration: str | None) -> dict[str, Any]:
    """"Ana completed quiz stay: 4 of 5". `mode` "quiz" is the quiz's score; "retry" is practice."""
    result = {"completion": True, "score": _points(score, total), "duration": duration(seconds)}
    context = _context(registration, [_activity(course_iri(course_id), COURSE_TYPE)], [],
                       {EXTENSIONS["mode"]: mode})
    return _statement(actor, statement_id, moment, "completed", _activity(quiz_iri(course_id, quiz_id),
                                                                           ASSESSMENT_TYPE), result, context)


def readiness_statement(actor: Mapping[str, Any], statement_id: str, moment: float, *, course_id: str, passed: bool,
                        module_scores: Mapping[str, float], score: float | None, total: float | None,
                        reasons: Sequence[str], seconds: float, registration: str | None,
                        evidence: Sequence[str] = ()) -> dict[str, Any]:
    """"Ana passed (or failed) the readiness check", with the score per module, the reasons for "not yet"
    and the evidence a "ready" rests on, as the learner read them."""
    result: dict[str, Any] = {"success": passed, "completion": True}
    if score is not None and total:
        result["score"] = _points(score, total)
    result["duration"] = duration(seconds)
    result["extensions"] = {EXTENSIONS["module-scores"]: dict(module_scores), EXTENSIONS["reasons"]: list(reasons),
                            EXTENSIONS["evidence"]: list(evidence)}
    context = _context(registration, [_activity(course_iri(course_id), COURSE_TYPE)], [],
                       {EXTENSIONS["mode"]: "readiness"})
    return _statement(actor, statement_id, moment, "passed" if passed else "failed",
                      _activity(readiness_iri(course_id), ASSESSMENT_TYPE), result, context)


def lesson_statement(actor: Mapping[str, Any], statement_id: str, moment: float, *, course_id: str,
                     lesson_id: str) -> dict[str, Any]:
    """"Ana completed lesson 01-stay": every page of it was seen (opening a lesson is not sent)."""
    context = _context(None, [_activity(course_iri(course_id), COURSE_TYPE)], [], {})
    return _statement(actor, statement_id, moment, "completed", _activity(lesson_iri(course_id, lesson_id),
                                                                           LESSON_TYPE), {"completion": True},
                      context)
