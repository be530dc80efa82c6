"""Mutations of the shipped course's own files (bytes flipped, lines deleted or doubled, tables
doubled, values swapped, the file cut short): every one gives findings, never an exception."""

from __future__ import annotations

import random
import re

from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.fuzzing import REPO, fuzz_settings, load_course_toml, load_lesson, load_quiz

LESSONS = sorted((REPO / "lessons").glob("*.md"))
QUIZZES = sorted((REPO / "quizzes").glob("*.toml"))
_VALUE_LINE = re.compile(rb"^[A-Za-z_]+ = ")


def mutate(data: bytes, rnd: random.Random) -> bytes:
    """One to three mutations of the kinds an editor, a merge or a bad disk make."""
    for _ in range(rnd.randint(1, 3)):
        lines = data.split(b"\n")
        kind = rnd.randrange(7)
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        if kind == 0 and data:  # a byte flipped
            at = rnd.randrange(len(data))
            data = data[:at] + bytes([rnd.randrange(256)]) + data[at + 1:]
            continue
        if kind == 1:  # a line deleted
            del lines[i]
        elif kind == 2:  # a line doubled
            lines.insert(i, lines[i])
        elif kind == 3:  # a table doubled: from a [header] to the next one
            headers = [n for n, line in enumerate(lines) if line.startswith(b"[")]
            if headers:
                start = rnd.choice(headers)
                end = next((n for n in headers if n > start), len(lines))
                lines[end:end] = lines[start:end]
        elif kind == 4:  # two values swapped
            keyed = [n for n, line in enumerate(lines) if _VALUE_LINE.match(line)]
            if len(keyed) > 1:
                a, b = rnd.sample(keyed, 2)
                key_a, value_a = lines[a].split(b" = ", 1)
                key_b, value_b = lines[b].split(b" = ", 1)
                lines[a], lines[b] = key_a + b" = " + value_b, key_b + b" = " + value_a
        elif kind == 5:  # cut short
            return data[: rnd.randrange(len(data) + 1)]
        else:  # a line moved
            lines.insert(j, lines.pop(i))
        data = b"\n".join(lines)
    return data


mutations = st.randoms(use_true_random=True)


@fuzz_settings(1000)
@given(rnd=mutations, index=st.integers(0, len(QUIZZES) - 1))
def test_mutated_shipped_quizzes_give_findings_never_an_exception(tmp_path, rnd, index):
    load_quiz(tmp_path / "quizzes" / QUIZZES[index].name, mutate(QUIZZES[index].read_bytes(), rnd))


@fuzz_settings(600)
@given(rnd=mutations, index=st.integers(0, len(LESSONS) - 1))
def test_mutated_shipped_lessons_give_findings_never_an_exception(tmp_path, rnd, index):
    load_lesson(tmp_path / "lessons" / LESSONS[index].name, mutate(LESSONS[index].read_bytes(), rnd))


@fuzz_settings(1000)
@given(rnd=mutations)
def test_mutated_shipped_course_toml_gives_findings_never_an_exception(tmp_path, rnd):
    load_course_toml(tmp_path / "course.toml", mutate((REPO / "course.toml").read_bytes(), rnd))


def test_the_mutations_change_the_files():
    rnd = random.Random(1)
    original = QUIZZES[0].read_bytes()
    assert sum(mutate(original, rnd) != original for _ in range(50)) >= 45
