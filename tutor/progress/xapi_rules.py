"""The xAPI 1.0.3 rules a statement must keep (Data, part two of the specification, section 2.4), checked
on our side before anything is sent: some LRSs check little (Ralph stores a verb id that is not an IRI,
a scaled score of 5, a timestamp of "yesterday"), and one that checks more would refuse the statement
later, where the learner can no longer fix it. Pure functions; problems are returned as words with the
property's path, e.g. "result.score.scaled: 5 is not between -1 and 1"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

import msgspec

from tutor.progress.learner import email_problem

# The same ids, addresses and keys come back in every statement of a learner: each is checked once.
_email_problem = lru_cache(maxsize=1024)(email_problem)

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
# An absolute IRI (RFC 3987): a scheme, a colon, then no spaces, controls or the characters IRIs exclude.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f-\x9f]+\Z")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_VERSION = re.compile(r"1\.0(?:\.\d+)?\Z")
_DURATION = re.compile(r"P(?!\Z)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
                       r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?\Z")
_TIMESTAMP = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|([+-])(\d{2}):(\d{2}))\Z")
_INTERACTION_TYPES = ("true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
                      "likert", "numeric", "other")
_STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
                   "version", "attachments"}
_AGENT_KEYS = {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"}
_IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
_DEFINITION_KEYS = {"name", "description", "type", "moreInfo", "extensions", "interactionType",
                    "correctResponsesPattern", "choices", "scale", "source", "target", "steps"}
_RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
_CONTEXT_KEYS = {"registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                 "statement", "extensions"}


def statement_problems(statement: object) -> list[str]:
    """Every way `statement` breaks the xAPI 1.0.3 rules for a statement a client sends (empty when none)."""
    problems: list[str] = []
    if not isinstance(statement, dict):
        return ["a statement is a JSON object"]
    _unknown(problems, "", statement, _STATEMENT_KEYS)
    if "id" in statement and not _is_uuid(statement["id"]):
        problems.append(f"id: {statement['id']!r} is not a UUID")
    for required in ("actor", "verb", "object"):
        if required not in statement:
            problems.append(f"{required}: missing")
    if "actor" in statement:
        _remembered(problems, "actor", statement["actor"])
    if "verb" in statement:
        _remembered(problems, "verb", statement["verb"])
    if "object" in statement:
        _remembered(problems, "object", statement["object"])
    if "result" in statement:
        _result(problems, statement["result"])
    if "context" in statement:
        _context(problems, statement["context"])
    if "timestamp" in statement:
        _timestamp(problems, "timestamp", statement["timestamp"])
    if "version" in statement and not (isinstance(statement["version"], str) and _VERSION.match(statement["version"])):
        problems.append(f"version: {statement['version']!r} is not an xAPI 1.0 version")
    return problems


def _remembered(problems: list[str], where: str, value: object) -> None:
    """A part that repeats from statement to statement (the learner, the verb, the quiz and the course):
    checked once per distinct value, which makes checking a batch several times faster."""
    try:
        key = msgspec.json.encode(value)
    except (TypeError, msgspec.EncodeError):
        key = None
    problems.extend(_part_problems(where, key) if key is not None else _check_part(where, value))


@lru_cache(maxsize=2048)
def _part_problems(where: str, key: bytes) -> tuple[str, ...]:
    return _check_part(where, msgspec.json.decode(key))


def _check_part(where: str, value: object) -> tuple[str, ...]:
    found: list[str] = []
    if where == "actor":
        _agent(found, where, value)
    elif where == "verb":
        _verb(found, value)
    elif where == "object" or where.startswith("context.contextActivities"):
        _activity(found, where, value)
    return tuple(found)


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def is_iri(value: object) -> bool:
    return isinstance(value, str) and _known_iri(value)


@lru_cache(maxsize=4096)
def _known_iri(value: str) -> bool:
    return bool(_IRI.match(value))


def _unknown(problems: list[str], where: str, value: Mapping[str, Any], allowed: set[str]) -> None:
    for key in value:
        if key not in allowed:
            problems.append(f"{where}{'.' if where else ''}{key}: not an xAPI property")


def _object(problems: list[str], where: str, value: object) -> Mapping[str, Any] | None:
    if isinstance(value, dict):
        return value
    problems.append(f"{where}: must be a JSON object")
    return None


def _iri(problems: list[str], where: str, value: object) -> None:
    if not is_iri(value):
        problems.append(f"{where}: {value!r} is not an IRI")


def _language_map(problems: list[str], where: str, value: object) -> None:
    found = _object(problems, where, value)
    for tag, text in (found or {}).items():
        if not _LANGUAGE_TAG.match(tag) or not isinstance(text, str):
            problems.append(f"{where}: {tag!r} must be a language tag with a string")


def _extensions(problems: list[str], where: str, value: object) -> None:
    for key in _object(problems, where, value) or {}:
        _iri(problems, f"{where} key", key)


def _agent(problems: list[str], where: str, value: object) -> None:
    agent = _object(problems, where, value)
    if agent is None:
        return
    _unknown(problems, where, agent, _AGENT_KEYS)
    if agent.get("objectType", "Agent") != "Agent":
        problems.append(f"{where}.objectType: only an Agent is sent, not {agent.get('objectType')!r}")
    identifiers = [key for key in _IFIS if key in agent]
    if len(identifiers) != 1:
        problems.append(f"{where}: needs exactly one identifier (mbox, mbox_sha1sum, openid or account), "
                        f"has {len(identifiers)}")
    if "name" in agent and not isinstance(agent["name"], str):
        problems.append(f"{where}.name: must be a string")
    mbox = agent.get("mbox")
    if "mbox" in agent:
        if not (isinstance(mbox, str) and mbox.startswith("mailto:")):
            problems.append(f"{where}.mbox: {mbox!r} must be mailto: and an address")
        else:
            problem = _email_problem(mbox[len("mailto:"):])
            if problem:
                problems.append(f"{where}.mbox: {problem}")
    if "mbox_sha1sum" in agent and not re.fullmatch(r"[0-9a-fA-F]{40}", str(agent["mbox_sha1sum"])):
        problems.append(f"{where}.mbox_sha1sum: must be 40 hexadecimal digits")
    if "openid" in agent:
        _iri(problems, f"{where}.openid", agent["openid"])
    if "account" in agent:
        account = _object(problems, f"{where}.account", agent["account"]) or {}
        _unknown(problems, f"{where}.account", account, {"homePage", "name"})
        _iri(problems, f"{where}.account.homePage", account.get("homePage"))
        if not isinstance(account.get("name"), str) or not account.get("name"):
            problems.append(f"{where}.account.name: must be a non-empty string")


def _verb(problems: list[str], value: object) -> None:
    verb = _object(problems, "verb", value)
    if verb is None:
        return
    _unknown(problems, "verb", verb, {"id", "display"})
    _iri(problems, "verb.id", verb.get("id"))
    if "display" in verb:
        _language_map(problems, "verb.display", verb["display"])


def _activity(problems: list[str], where: str, value: object) -> None:
    activity = _object(problems, where, value)
    if activity is None:
        return
    _unknown(problems, where, activity, {"objectType", "id", "definition"})
    if activity.get("objectType", "Activity") != "Activity":
        problems.append(f"{where}.objectType: only Activities are sent, not {activity.get('objectType')!r}")
    _iri(problems, f"{where}.id", activity.get("id"))
    if "definition" not in activity:
        return
    definition = _object(problems, f"{where}.definition", activity["definition"]) or {}
    _unknown(problems, f"{where}.definition", definition, _DEFINITION_KEYS)
    for key in ("name", "description"):
        if key in definition:
            _language_map(problems, f"{where}.definition.{key}", definition[key])
    for key in ("type", "moreInfo"):
        if key in definition:
            _iri(problems, f"{where}.definition.{key}", definition[key])
    if "interactionType" in definition and definition["interactionType"] not in _INTERACTION_TYPES:
        problems.append(f"{where}.definition.interactionType: {definition['interactionType']!r} is not one of "
                        "the xAPI interaction types")
    if "extensions" in definition:
        _extensions(problems, f"{where}.definition.extensions", definition["extensions"])


def _result(problems: list[str], value: object) -> None:
    result = _object(problems, "result", value)
    if result is None:
        return
    _unknown(problems, "result", result, _RESULT_KEYS)
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            problems.append(f"result.{key}: must be true or false")
    if "response" in result and not isinstance(result["response"], str):
        problems.append("result.response: must be a string")
    if "duration" in result and not (isinstance(result["duration"], str) and _DURATION.match(result["duration"])):
        problems.append(f"result.duration: {result['duration']!r} is not an ISO 8601 duration")
    if "extensions" in result:
        _extensions(problems, "result.extensions", result["extensions"])
    if "score" in result:
        _score(problems, result["score"])


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _score(problems: list[str], value: object) -> None:
    score = _object(problems, "result.score", value)
    if score is None:
        return
    _unknown(problems, "result.score", score, {"scaled", "raw", "min", "max"})
    for key in score:
        if key in ("scaled", "raw", "min", "max") and not _number(score[key]):
            problems.append(f"result.score.{key}: must be a number")
    if not all(_number(score.get(key, 0)) for key in ("scaled", "raw", "min", "max")):
        return
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        problems.append(f"result.score.scaled: {score['scaled']!r} is not between -1 and 1")
    low, high = score.get("min"), score.get("max")
    if low is not None and high is not None and not low < high:
        problems.append("result.score: min must be less than max")
    raw = score.get("raw")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        problems.append(f"result.score.raw: {raw!r} is outside min and max")


def _context(problems: list[str], value: object) -> None:
    context = _object(problems, "context", value)
    if context is None:
        return
    _unknown(problems, "context", context, _CONTEXT_KEYS)
    if "registration" in context and not _is_uuid(context["registration"]):
        problems.append(f"context.registration: {context['registration']!r} is not a UUID")
    if "instructor" in context:
        _agent(problems, "context.instructor", context["instructor"])
    for key in ("revision", "platform"):
        if key in context and not isinstance(context[key], str):
            problems.append(f"context.{key}: must be a string")
    language = context.get("language", "en")
    if not (isinstance(language, str) and _LANGUAGE_TAG.match(language)):
        problems.append(f"context.language: {context['language']!r} is not a language tag")
    if "extensions" in context:
        _extensions(problems, "context.extensions", context["extensions"])
    activities = _object(problems, "context.contextActivities", context.get("contextActivities", {})) or {}
    for key, found in activities.items():
        where = f"context.contextActivities.{key}"
        if key not in ("parent", "grouping", "category", "other"):
            problems.append(f"{where}: not an xAPI property")
            continue
        for n, activity in enumerate(found if isinstance(found, list) else [found]):
            _remembered(problems, f"{where}[{n}]", activity)


def _timestamp(problems: list[str], where: str, value: object) -> None:
    found = _TIMESTAMP.match(value) if isinstance(value, str) else None
    if found is None:
        problems.append(f"{where}: {value!r} is not an ISO 8601 time with its zone")
        return
    year, month, day, hour, minute, second, sign, zone_hours, zone_minutes = found.groups()
    try:  # datetime checks the ranges (a 30 February, an hour 25); the fraction's digits need no check
        zone = timezone.utc if sign is None else timezone(timedelta(hours=int(zone_hours), minutes=int(zone_minutes)))
        datetime(int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=zone)
    except ValueError:
        problems.append(f"{where}: {value!r} is not a real date and time")
