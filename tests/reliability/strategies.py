"""Hypothesis strategies for pack content: documents built from the formats' own field specs, with
every field present, missing or of a wrong type, and Markdown bodies made of the constructs that
have broken readers before (deep nesting, footnotes, odd links, character references, escapes).

Documents are built with a seeded random.Random that hypothesis draws (one draw per example): the
structures are deep and a draw per field made generation cost ten times the check itself. Examples
are reproducible all the same, since CI derandomizes hypothesis (fuzzing.fuzz_settings)."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st

from tests.content import tomlwrite
from tutor.content import changes_format, course_format, lesson_format, quiz_format
from tutor.content.fields import Field

# A small pool of words, so that references (sources, steps, lessons, kinds) often hit.
WORDS = ["intro", "help", "q1", "q2", "a", "b", "start", "s2", "good", "risky", "bad", "high", "normal",
         "single", "multi", "truefalse", "scenario", "basics", "intro-quiz", "", " ", "a b", "x\n", "é"]
# Characters that have mattered: quotes, brackets, dots, escapes, C0/C1 controls, line ends, non-ASCII.
NASTY = "ab1-_ .#=\"'\\[]{}\n\t\r\x00\x1b\x7f\x9b\u2028é😀"
SCALARS: list[Any] = [2**63, -2**70, 10**30, 0, -1, 3, True, False, 0.5, float("nan"), float("inf"), 1e300,
                      date(2026, 11, 1), date(1, 1, 1), date(9999, 12, 31), datetime(2026, 1, 1, 12)]


def _string(rnd: random.Random) -> str:
    if rnd.random() < 0.7:
        return rnd.choice(WORDS)
    return "".join(rnd.choice(NASTY) for _ in range(rnd.randint(0, 10)))


def _scalar(rnd: random.Random) -> Any:
    return _string(rnd) if rnd.random() < 0.4 else rnd.choice(SCALARS)


def _wrong(rnd: random.Random) -> Any:
    """Any value, usually of another type than the field's (shallow: deep nesting has its own tests)."""
    pick = rnd.randint(0, 5)
    if pick == 0:
        return [_scalar(rnd) for _ in range(rnd.randint(0, 2))]
    if pick == 1:
        return {rnd.choice(WORDS[:6]): _scalar(rnd) for _ in range(rnd.randint(0, 2))}
    if pick == 2:
        return rnd.choice([[{"id": "x"}], [], [[]], {}])
    return _scalar(rnd)


# Values that pass a field's own checks, drawn now and then so that whole, usable entries come out
# too (and what is done with them is fuzzed as well), not only findings.
NAMED: dict[str, list[Any]] = {
    "url": ["https://example.com/help", "http://example.com/", "ftp://example.com", "javascript:alert(1)"],
    "precision": ["day", "month", "year", "week"],
    "questions": [["intro-quiz/q1"], ["intro-quiz/q1", "q1"], []],
    "lessons": [["intro"], ["intro", "missing"]],
    "added": [date(2026, 11, 1), date(2026, 11, 24), date(2027, 1, 1)],
}


def _good(rnd: random.Random, field: Field, name: str = "") -> Any:
    if name in NAMED and rnd.random() < 0.6:
        return rnd.choice(NAMED[name])
    kind = field.kind
    if kind == "str":
        return _string(rnd)
    if kind == "int":
        return rnd.randint(-2, 12) if rnd.random() < 0.95 else rnd.choice([10**12, -(10**12)])
    if kind == "number":
        return rnd.choice([0.8, 0.0, 1.0, 1.5, -0.1, 3, float("nan"), float("inf")])
    if kind == "bool":
        return rnd.random() < 0.5
    if kind == "date":
        return rnd.choice([date(2026, 11, 1), date(2020, 1, 1), date(2099, 1, 1)])
    if kind == "strlist":
        return [_string(rnd) for _ in range(rnd.randint(0, 2))]
    if kind == "table":
        return {rnd.choice(["questions_per_module", "minutes", "pass_mark", "x"]): _scalar(rnd)
                for _ in range(rnd.randint(0, 3))}
    raise ValueError(kind)


Spec = tuple[dict[str, Field], dict[str, Any]]  # a table's fields, and the spec of each field of tables


def table(rnd: random.Random, spec: Spec) -> dict[str, Any]:
    """A table of `spec`: each field usually right, sometimes missing or of another type, now and
    then an unknown field."""
    fields, children = spec
    out: dict[str, Any] = {}
    for name, field in fields.items():
        roll = rnd.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            out[name] = _wrong(rnd)
        elif field.kind == "table" and name in children:  # a sub-table with fields of its own
            out[name] = table(rnd, children[name])
        elif field.kind == "tables":
            child = children.get(name)
            out[name] = [table(rnd, child(rnd) if callable(child) else child)
                         for _ in range(rnd.randint(0, 3))] if child else []
        else:
            out[name] = _good(rnd, field, name)
    if rnd.random() < 0.1:
        out[rnd.choice(["colour", "answers", "Title", "next step"])] = _scalar(rnd)
    return out


_OPTION: Spec = (quiz_format.OPTION_FIELDS, {})
_STEP: Spec = (quiz_format.STEP_FIELDS, {"options": (quiz_format.STEP_OPTION_FIELDS, {})})


def _question(rnd: random.Random) -> Spec:
    kind = rnd.choice(list(quiz_format.KIND_FIELDS))
    return ({**quiz_format.COMMON_QUESTION_FIELDS, **quiz_format.KIND_FIELDS[kind]},
            {"options": _OPTION, "steps": _STEP})


QUIZ: Spec = (quiz_format.QUIZ_FIELDS, {"questions": _question})
FRONT_MATTER: Spec = (lesson_format.LESSON_FIELDS, {"sources": (lesson_format.SOURCE_FIELDS, {})})
COURSE: Spec = (course_format.COURSE_FIELDS, {"modules": (course_format.MODULE_FIELDS, {})})
CHANGES: Spec = (changes_format.CHANGES_FIELDS,
                 {"changes": (changes_format.CHANGE_FIELDS, {"source": (changes_format.SOURCE_FIELDS, {})})})


def toml_documents(spec: Spec) -> st.SearchStrategy[str]:
    """Documents of `spec` written as TOML; a tenth of them cut short or spliced with noise."""

    def make(rnd: random.Random) -> str:
        text = tomlwrite.dumps(table(rnd, spec))
        if rnd.random() < 0.1:
            cut = rnd.randint(0, len(text))
            text = text[:cut] + _string(rnd) + text[cut + rnd.randint(0, 20):]
        return text

    return st.randoms(use_true_random=True).map(make)


FRAGMENTS = ["\n", "\n\n", "> ", "> > > > ", "- ", "  - ", "1. ", "## ", "### ", "```", "~~~", "    ", "\t",
             "[^1]", "[^2]", "[^1]: note", "[^2]: [^1] again", "[x](javascript:alert(1))", "[x](lesson:intro)",
             "[x](lesson:)", "[x](mailto:a@b)", "[x](http://[::1)", "<https://a.example>", "<javascript:x>",
             "[ref]", "[ref]: https://r.example", "![alt](data:x)", "&#13;", "&#12;", "&#27;", "&#0;", "&amp;",
             "**", "*", "_", "~~", "`", "|a|b|\n|-|-|\n", "| c |", "[!WARNING]", "[!note]", "\x1b[31m", "\x9b",
             "\r", "\x00", "[[[", "]]]", "(((", "<b>", "</b>", "text", "word ", "\\"]
bodies = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=NASTY, max_size=6)), max_size=60).map("".join)
