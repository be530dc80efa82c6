"""Small content packs written on the fly for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

LESSON = """\
+++
id = "{id}"
title = "{title}"
module = "{module}"
order = {order}
minutes = 5
summary = "A short lesson."
{extra}
[[sources]]
id = "help"
title = "Help page"
url = "https://example.com/help"
section = "Rules"
checked = {checked}
+++

Intro paragraph.

## First page

Some **text** with a [link](https://example.com).

## Second page

More text.
"""

QUIZ = """\
id = "{id}"
lesson = "{lesson}"
title = "Quiz"

[[questions]]
id = "q1"
kind = "single"
prompt = "Pick one."
explanation = "Because."
source = "help"

[[questions.options]]
id = "a"
text = "Right"
correct = true
feedback = "Yes, this follows the rule."

[[questions.options]]
id = "b"
text = "Wrong"
feedback = "No, this breaks the rule."
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
    return path


def lesson_text(id="intro", title="Intro", module="basics", order=1, extra="", checked="2026-11-01") -> str:
    return LESSON.format(id=id, title=title, module=module, order=order, extra=extra, checked=checked)


def quiz_text(id="intro-quiz", lesson="intro") -> str:
    return QUIZ.format(id=id, lesson=lesson)


def make_pack(root: Path, lessons: dict[str, str] | None = None, quizzes: dict[str, str] | None = None,
              course: str | None = None) -> Path:
    lessons = {"intro.md": lesson_text()} if lessons is None else lessons
    quizzes = {"intro-quiz.toml": quiz_text()} if quizzes is None else quizzes
    for name, text in lessons.items():
        write(root / "lessons" / name, text)
    for name, text in quizzes.items():
        write(root / "quizzes" / name, text)
    if course is not None:
        write(root / "course.toml", course)
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    return root
