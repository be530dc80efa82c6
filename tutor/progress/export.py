"""Every quiz attempt, answer and readiness check, written out for `tutor export` as JSON or CSV.

Rows are streamed from one read transaction (a consistent snapshot) straight to the output: nothing
holds every row, so 10 million answers take the memory of a few (docs/performance.md, "Export").
The CSV is made for spreadsheets (docs/progress.md): each answer has its question's text and the
options chosen in words beside their ids, and no text cell starts as a formula does (`=`, `+`, `-`,
`@`, a tab or a carriage return, and their full-width forms): such a cell gets a leading `'`, which
spreadsheets show as text and never run.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import IO, TYPE_CHECKING, Any

import msgspec

from tutor.content.sanitize import clean_text, escape_c1_in_json
from tutor.progress import readiness
from tutor.progress.records import EXPORT_COLUMNS, ExportRow, to_iso
from tutor.progress.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from tutor.content.model import Course, Question

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MEMO_LIMIT = 100_000  # distinct values remembered per column kind: ids and option lists repeat
_ANSWERS_SQL = (
    "SELECT id, course_id, quiz_id, question_id, attempt_id, answered_at, score, correct, chosen, path,"
    " seconds, content_hash, readiness_id, hints FROM answers {where} ORDER BY id"
)


def spreadsheet_text(text: str) -> str:
    """Text for a CSV cell: without control characters, and never read as a formula."""
    text = clean_text(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


class AnswerTexts:
    """A question's text and the options chosen, in words, for the answers of one course (the course
    the command was given); other courses' answers get empty cells. Each quiz is read once."""

    def __init__(self, course: Course | None) -> None:
        self._course = course
        self._questions: dict[tuple[str, str], Question | None] = {}
        self._chosen: dict[tuple[str, str, str, str], str] = {}

    def _question(self, course_id: str, quiz_id: str, question_id: str) -> Question | None:
        key = (quiz_id, question_id)
        if key not in self._questions:
            found = None
            if self._course is not None and course_id == self._course.id:
                quiz = self._course.quiz(quiz_id)
                found = next((q for q in quiz.questions if q.id == question_id), None) if quiz else None
            self._questions[key] = found
        return self._questions[key] if self._course is not None and course_id == self._course.id else None

    def prompt(self, course_id: str, quiz_id: str, question_id: str) -> str:
        question = self._question(course_id, quiz_id, question_id)
        return "" if question is None else question.prompt

    def chosen(self, course_id: str, quiz_id: str, question_id: str, chosen: str, path: str) -> str:
        """The options chosen, in words, joined by "; " (an id no longer in the quiz stays an id)."""
        key = (quiz_id, question_id, chosen, path)
        found = self._chosen.get(key)
        if found is None:
            question = self._question(course_id, quiz_id, question_id)
            found = "" if question is None else _chosen_words(question, json.loads(chosen), json.loads(path))
            if len(self._chosen) < _MEMO_LIMIT:
                self._chosen[key] = found
        return found


def _chosen_words(question: Question, chosen: list[Any], path: list[Any]) -> str:
    if question.steps and path:  # a scenario: "step/option" pairs in the order walked
        options = {(step.id, option.id): option.text for step in question.steps for option in step.options}
        pairs = [str(pair).partition("/") for pair in path]
        return "; ".join(options.get((step, option), option) for step, _slash, option in pairs)
    texts = {option.id: option.text for option in question.options}
    return "; ".join(texts.get(str(option_id), str(option_id)) for option_id in chosen)


# -- the records ------------------------------------------------------------------------------


def _where(course_id: str | None) -> tuple[str, tuple[str, ...]]:
    return ("WHERE course_id = ?", (course_id,)) if course_id is not None else ("", ())


def export_rows(conn: sqlite3.Connection, course_id: str | None, course: Course | None = None) -> Iterator[ExportRow]:
    """Quiz attempts, then answers, then readiness checks; each kind oldest first (by id). A
    generator: call it inside one read transaction and consume it there."""
    yield from _quiz_attempt_rows(conn, course_id)
    yield from _answer_rows(conn, course_id, AnswerTexts(course))
    yield from _readiness_rows(conn, course_id)


def _quiz_attempt_rows(conn: sqlite3.Connection, course_id: str | None) -> Iterator[ExportRow]:
    where, params = _where(course_id)
    for attempt_id, course_of, quiz_id, started_at, finished_at, score, total, kind in conn.execute(
        "SELECT id, course_id, quiz_id, started_at, finished_at, score, total, kind"
        f" FROM quiz_attempts {where} ORDER BY id", params):
        yield ExportRow(kind="quiz-attempt", id=attempt_id, course_id=course_of, quiz_id=quiz_id,
                        started_at=to_iso(started_at), finished_at=to_iso(finished_at), score=score, total=total,
                        attempt_kind=kind)


def _answer_rows(conn: sqlite3.Connection, course_id: str | None, texts: AnswerTexts) -> Iterator[ExportRow]:
    where, params = _where(course_id)
    for row in conn.execute(_ANSWERS_SQL.format(where=where), params):
        (answer_id, course_of, quiz_id, question_id, attempt_id, answered_at, score, correct, chosen, path,
         seconds, content_hash, readiness_id, hints) = row
        yield ExportRow(kind="answer", id=answer_id, course_id=course_of, quiz_id=quiz_id, question_id=question_id,
                        attempt_id=attempt_id, answered_at=to_iso(answered_at), score=score, correct=bool(correct),
                        chosen=json.loads(chosen), path=json.loads(path), seconds=seconds, content_hash=content_hash,
                        readiness_id=readiness_id, hints=hints,
                        question_text=texts.prompt(course_of, quiz_id, question_id) or None,
                        chosen_text=texts.chosen(course_of, quiz_id, question_id, chosen, path) or None)


def _readiness_rows(conn: sqlite3.Connection, course_id: str | None) -> Iterator[ExportRow]:
    for attempt in sorted(readiness.attempts(conn, course_id), key=lambda a: a.id):
        yield ExportRow(kind="readiness", id=attempt.id, course_id=attempt.course_id,
                        started_at=attempt.taken_at.isoformat(timespec="milliseconds"),
                        finished_at=(attempt.finished_at or attempt.taken_at).isoformat(timespec="milliseconds"),
                        passed=attempt.passed, module_scores=dict(attempt.module_scores), score=attempt.score,
                        total=attempt.total)


# -- JSON -------------------------------------------------------------------------------------


FORMATS = ("json", "csv")


def write_export(conn: sqlite3.Connection, out: IO[str], fmt: str, course_id: str | None,
                 course: Course | None = None) -> int:
    """Write the export in `fmt` ("json" or "csv"); returns how many records."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return (write_csv if fmt == "csv" else write_json)(conn, out, course_id, course)


def write_json(conn: sqlite3.Connection, out: IO[str], course_id: str | None, course: Course | None = None) -> int:
    """`{"format", "schema_version", "exported_at", "records": [...]}`, one record a line; returns
    how many records. Every value is kept exactly; DEL and C1 characters are escaped, so no
    terminal obeys them."""
    exported_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    out.write(f'{{\n  "format": "tutor-progress-export",\n  "schema_version": {SCHEMA_VERSION},\n'
              f'  "exported_at": "{exported_at}",\n  "records": [')
    encode = msgspec.json.Encoder().encode
    lines = _Lines(out, first="\n    ", between=",\n    ")
    for row in _quiz_attempt_rows(conn, course_id):
        lines.add(escape_c1_in_json(encode(row).decode("utf-8")))
    _answer_lines(conn, course_id, AnswerTexts(course), lines, _JSON_ANSWER, _json_text, _json_list, "null")
    for row in _readiness_rows(conn, course_id):
        lines.add(escape_c1_in_json(encode(row).decode("utf-8")))
    lines.flush()
    out.write("\n  ]\n}\n" if lines.count else "]\n}\n")
    return lines.count


def write_csv(conn: sqlite3.Connection, out: IO[str], course_id: str | None, course: Course | None = None) -> int:
    """One row per record, with the columns of EXPORT_COLUMNS; lists and dicts as JSON, booleans as
    true/false, nothing as an empty cell. Rows end in \\n (csv's default \\r\\n would put carriage
    returns on a terminal; every spreadsheet reads either). Returns how many records."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for row in _quiz_attempt_rows(conn, course_id):
        writer.writerow([_csv_cell(getattr(row, column)) for column in EXPORT_COLUMNS])
        count += 1
    lines = _Lines(out, first="", between="")
    _answer_lines(conn, course_id, AnswerTexts(course), lines, _CSV_ANSWER, _csv_text, _csv_list, "")
    lines.flush()
    for row in _readiness_rows(conn, course_id):
        writer.writerow([_csv_cell(getattr(row, column)) for column in EXPORT_COLUMNS])
        count += 1
    return count + lines.count


# -- answers, the bulk of any export ------------------------------------------------------------
#
# An answer's line is made straight from its row, without a record, a datetime or a csv.writer call
# per row: the text values repeat (ids, hashes, option lists) and are encoded once each. This is what
# makes 200,000 answers a second (docs/performance.md); tests/progress/test_export_formats.py proves
# the lines are the records' own, value for value.

_CSV_ANSWER = "answer,%s,%s,%s,%s,%s,,,%s,%s,,%s,%s,%s,%s,%s,,,,%s,%s,%s,%s\n"
_JSON_ANSWER = ('{"kind":"answer","id":%s,"course_id":%s,"quiz_id":%s,"question_id":%s,"attempt_id":%s,'
                '"started_at":null,"finished_at":null,"answered_at":"%s","score":%s,"total":null,"correct":%s,'
                '"chosen":%s,"path":%s,"seconds":%s,"content_hash":%s,"passed":null,"module_scores":null,'
                '"attempt_kind":null,"readiness_id":%s,"hints":%s,"question_text":%s,"chosen_text":%s}')


class _Lines:
    """Lines gathered and written a few thousand at a time (one write call per line costs more
    than making the line)."""

    def __init__(self, out: IO[str], first: str, between: str) -> None:
        self._out, self._first, self._between = out, first, between
        self._pending: list[str] = []
        self.count = 0

    def add(self, line: str) -> None:
        pending = self._pending
        pending.append((self._between if self.count else self._first) + line)
        self.count += 1
        if len(pending) >= 2048:
            self.flush()

    def flush(self) -> None:
        self._out.write("".join(self._pending))
        self._pending.clear()


class _Memo(dict[str, str]):
    """Values already encoded, by value: ids, hashes and option lists repeat on most rows."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> str:
        made = self._make(key)
        if len(self) < _MEMO_LIMIT:
            self[key] = made
        return made


def _answer_lines(conn: sqlite3.Connection, course_id: str | None, texts: AnswerTexts, lines: _Lines, template: str,
                  encode_text: Callable[[str], str], encode_list: Callable[[str], str], nothing: str) -> None:
    text, lists = _Memo(encode_text), _Memo(encode_list)
    words: dict[tuple[str, str, str, str, str], tuple[str, str]] = {}
    where, params = _where(course_id)
    add = lines.add
    for (answer_id, course_of, quiz_id, question_id, attempt_id, answered_at, score, correct, chosen, path,
         seconds, content_hash, readiness_id, hints) in conn.execute(_ANSWERS_SQL.format(where=where), params):
        key = (course_of, quiz_id, question_id, chosen, path)
        found = words.get(key)
        if found is None:
            prompt = texts.prompt(course_of, quiz_id, question_id)
            said = texts.chosen(course_of, quiz_id, question_id, chosen, path)
            found = (text[prompt] if prompt else nothing, text[said] if said else nothing)
            if len(words) < _MEMO_LIMIT:
                words[key] = found
        add(template % (
            int(answer_id), text[course_of], text[quiz_id], text[question_id],
            nothing if attempt_id is None else int(attempt_id), _iso_ms(answered_at),
            repr(score) if type(score) is float and score - score == 0 else _number(score),
            "true" if correct else "false", lists[chosen], lists[path],
            repr(seconds) if type(seconds) is float and seconds - seconds == 0 else _number(seconds),
            text[content_hash], nothing if readiness_id is None else int(readiness_id), int(hints), found[0],
            found[1]))


def _number(value: float) -> str:
    number = float(value)  # a value that is not a number is damage: TypeError or ValueError here
    if number - number != 0:  # infinite: no JSON number, and tutor never writes one
        raise ValueError(f"{value!r} is not a finite number")
    return repr(value) if isinstance(value, float) else str(int(value))


_MINUTES: dict[int, str] = {}
_LATEST = 253402300800  # 10000-01-01


def _iso_ms(timestamp: float) -> str:
    """to_iso(timestamp), worked out without a datetime per row: the same rounding (to the
    microsecond, half to even, as datetime.fromtimestamp), then cut to the millisecond."""
    if not 0 <= timestamp < _LATEST:
        return str(to_iso(timestamp))  # raises for what no datetime can be
    second = int(timestamp)
    micro = round((timestamp - second) * 1e6)  # the fraction is exact: math.modf's
    if micro >= 1_000_000:
        micro, second = micro - 1_000_000, second + 1
    minute = second // 60
    prefix = _MINUTES.get(minute)
    if prefix is None:
        prefix = datetime.fromtimestamp(minute * 60, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:")
        if len(_MINUTES) >= 1024:  # answers come in time order: the minutes of late are the ones met again
            _MINUTES.clear()
        _MINUTES[minute] = prefix
    return f"{prefix}{second - minute * 60:02d}.{micro // 1000:03d}+00:00"


def _csv_field(text: str) -> str:
    """A CSV field as csv.writer (QUOTE_MINIMAL) writes it."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_text(value: str) -> str:
    return _csv_field(spreadsheet_text(value))


def _csv_list(stored: str) -> str:
    # The stored list as JSON with non-ASCII readable (it was written with \\u escapes).
    return _csv_field(spreadsheet_text(json.dumps(_stored_list(stored), ensure_ascii=False)))


def _json_text(value: str) -> str:
    return escape_c1_in_json(json.dumps(value, ensure_ascii=False))


def _json_list(stored: str) -> str:
    return escape_c1_in_json(json.dumps(_stored_list(stored), ensure_ascii=False, separators=(",", ":")))


def _stored_list(stored: str) -> list[Any]:
    value = json.loads(stored)
    if not isinstance(value, list):
        raise ValueError(f"{stored!r} is not a list")  # damage: tutor writes lists here
    return value


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return spreadsheet_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return spreadsheet_text(value)
    return value
