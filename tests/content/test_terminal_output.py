"""Every command, run on a pack whose every field (and folder name) is hostile, writes no control
character and no escape sequence to the terminal: only printable text and newlines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.content.packs import write
from tutor.progress import open_store

# An OSC title change and clipboard write, a CSI screen clear, a C1 CSI, a carriage return that
# overwrites the line, a form feed, a bell, a backspace, and markup for Rich and Textual.
NASTY = "\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\r\x0c\x08[bold red]x[/] [@click=app.quit]y[/]"
TOML_NASTY = NASTY.encode("unicode_escape").decode().replace("\\x", "\\u00").replace('"', '\\"')
FOLDER = "pack\x1b]0;pwned\x07\x1b[31m\r\x0c\x9b"

LESSON = f'''+++
id = "intro"
title = "Intro {TOML_NASTY}"
module = "basics"
order = 1
minutes = 5
summary = "Summary {TOML_NASTY}"
quiz = "intro-quiz"

[[sources]]
id = "help"
title = "Help {TOML_NASTY}"
url = "https://example.com/{TOML_NASTY}"
section = "Section {TOML_NASTY}"
checked = 2026-11-01
+++

Body with a carriage&#13;return, a form&#12;feed, &#27;[2J, &#155;31m and raw {NASTY}.

## Page {NASTY} &#13;

> [!WARNING]
> Callout {NASTY}

| a {NASTY} | b |
| --- | --- |
| c&#13; | d |

- item {NASTY}

[link {NASTY}](https://example.com/&#27;x) [js](javascript:alert&#40;1&#41;) and a note[^1][^2].

```&#27;[31m
code {NASTY}
```

[^1]: Note {NASTY}
[^2]: Other&#12;note.
'''

QUIZ = f'''id = "intro-quiz"
lesson = "intro"
title = "Quiz {TOML_NASTY}"

[[questions]]
id = "q1\\u001b[31m"
kind = "single"
prompt = "Prompt {TOML_NASTY}"
explanation = "Because {TOML_NASTY}"
source = "help"
bogus_{"field"} = "x"

[[questions.options]]
id = "a"
text = "Right {TOML_NASTY}"
correct = true
feedback = "Yes {TOML_NASTY}"
'''

COURSE = f'''id = "course\\u001b]0;x\\u0007"
title = "Course {TOML_NASTY}"
description = "About {TOML_NASTY}"

[[modules]]
id = "basics"
title = "Basics {TOML_NASTY}"
'''


def _pack(where: Path, with_course: bool) -> Path:
    root = where / FOLDER
    write(root / "lessons" / "intro.md", LESSON)
    write(root / "quizzes" / "intro-quiz.toml", QUIZ)
    if with_course:
        write(root / "course.toml", COURSE)
    return root


def _record_progress(home: Path, course_ids: list[str]) -> None:
    """Progress as an older tutor may have stored it, with the raw ids of the hostile pack."""
    with open_store(home) as store:
        for course_id in course_ids:
            store.record_lesson_opened(course_id, "intro")
            attempt = store.start_attempt(course_id, "intro-quiz\x1b[31m")
            store.record_answer(course_id, "intro-quiz\x1b[31m", "q1\x1b]0;x\x07", chosen=["a\x9b1m"], correct=True,
                                score=1.0, seconds=1.0, content_hash="h\r")
            store.finish_attempt(attempt, 1.0, 1.0)


def _unsafe(text: str) -> list[str]:
    return sorted({repr(ch) for ch in text if (ord(ch) < 0x20 and ch != "\n") or 0x7f <= ord(ch) <= 0x9f})


COMMANDS = [
    ["check"], ["check", "--json"], ["check", "--strict"],
    ["lessons"], ["lessons", "--json"], ["read", "intro"], ["read"],
    ["progress"], ["progress", "--json"],
    ["export"], ["export", "--format", "csv"],
    ["changes"], ["changes", "--json"], ["report"], ["report", "--format", "json"],
    ["--plain"], ["quiz", "intro", "--plain"], ["readiness", "--plain"],
    ["reset", "--yes"],
]


@pytest.mark.parametrize("with_course", [False, True], ids=["folder-name-title", "course-toml"])
def test_no_command_writes_a_control_character_from_a_hostile_pack(tmp_path, with_course):
    root = _pack(tmp_path, with_course)
    home = tmp_path / "home"
    _record_progress(home, [FOLDER, "pack]0;pwned[31m", "course\x1b]0;x\x07"])
    env = {**os.environ, "TUTOR_HOME": str(home), "TUTOR_CONTENT": str(root)}
    for args in COMMANDS:
        full = args if args[0] != "check" else [*args, str(root)]
        result = subprocess.run([sys.executable, "-m", "tutor", *full], capture_output=True, env=env, timeout=60,
                                input=b"1\n1\nquit\n")  # the plain mode answers, then quits
        out, err = result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
        assert result.returncode in (0, 1, 2), (args, out, err)  # the pack has errors: some refuse, in words
        assert "Traceback" not in err and "internal error" not in err, (args, err)
        assert (out + err).strip(), args
        assert _unsafe(out) == [] and _unsafe(err) == [], (args, _unsafe(out), _unsafe(err), out)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_reset_prompt_shows_the_hostile_title_cleaned(tmp_path):
    import pty
    import termios

    from tutor.content.loader import load_course
    from tutor.progress import open_store

    root = _pack(tmp_path, with_course=False)
    with open_store(tmp_path / "home") as store:  # something to erase: else reset says so and asks nothing
        store.record_lesson_opened(load_course(root)[0].id, "intro")
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST  # no \n -> \r\n translation, so every \r seen came from the program
    attrs[3] &= ~termios.ECHO
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    env = {**os.environ, "TUTOR_HOME": str(tmp_path / "home"), "TUTOR_CONTENT": str(root)}
    process = subprocess.Popen([sys.executable, "-m", "tutor", "reset"], stdin=slave, stdout=slave, stderr=slave,
                               env=env)
    os.close(slave)
    output = b""
    while b"[y/N]" not in output:
        output += os.read(master, 4096)
    os.write(master, b"n\n")
    assert process.wait(timeout=30) == 1
    try:
        while chunk := os.read(master, 4096):
            output += chunk
    except OSError:  # the terminal closes with the program
        pass
    os.close(master)
    text = output.decode("utf-8", "replace")
    assert 'Erase your progress in "pack]0;pwned[31m" (course pack]0;pwned[31m): ' in text
    assert "Nothing was erased." in text
    assert _unsafe(text) == []
