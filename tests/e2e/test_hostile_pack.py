"""A pack from a stranger whose every field, in every format, carries escape sequences and markup,
opened in the installed `tutor` in a pseudo-terminal and walked through every screen the learner
can reach, the palette included. Checked on the raw bytes the app writes: no sequence of the
pack's reaches the terminal (no title change, no clipboard write, no hyperlink, no C1 control),
and the markup is shown as the text it is, never run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.content.packs import write
from tests.content.test_terminal_output import NASTY, TOML_NASTY
from tests.e2e.pty_terminal import PtyApp
from tests.e2e.test_tmux import PACK, TUTOR

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")

CHANGES = f'''[[changes]]
id = "change-one"
platform = "Platform {TOML_NASTY}"
title = "Change {TOML_NASTY}"
effective = 2026-11-01
added = 2026-11-02
summary = "Before {TOML_NASTY}"
lessons = ["stay"]

[changes.source]
title = "Source {TOML_NASTY}"
url = "https://example.com/changes"
checked = 2026-11-02
'''

WELCOME = f"# Welcome {NASTY}\n\nRead {NASTY} first.\n"

BODY = f"""

## Page {NASTY} &#13;

A carriage&#13;return, a form&#12;feed, &#27;[2J, &#155;31m and raw {NASTY}.

> [!WARNING]
> Callout {NASTY}

> A quote {NASTY}

| a {NASTY} | b |
| --- | --- |
| c&#13; | d {NASTY} |

- item {NASTY}
  - nested {NASTY}

`code {NASTY}` and [a link {NASTY}](https://example.com/hostile) and a note[^n].

```&#27;[31m
code {NASTY}
```

[^n]: Note {NASTY}
"""

# What the pack's text would do if it reached the terminal as it is: change the window title,
# write the clipboard, open a hyperlink to its address, or a C1 control (colour, here).
SEQUENCES = [b"\x1b]0;pwned", b"\x1b]52;", b"\x1b]8;", "\x9b".encode(), b"\x1b[2J\x9b"]

# Every field of the formats that is text the learner reads: the hostile text is added to it.
TEXT_FIELDS = ("title", "text", "prompt", "explanation", "feedback", "feedback_true", "feedback_false",
               "ending", "summary", "section", "description")


def hostile_pack(where):
    """The fixture pack with every text field, heading and paragraph carrying NASTY, and a welcome
    file and rule changes of the same kind: valid otherwise (ids and addresses as they must be),
    so that every screen shows it rather than a finding."""
    import re
    import shutil

    root = where / "pack"
    shutil.copytree(PACK, root)
    field = re.compile(rf'^((?:{"|".join(TEXT_FIELDS)}) = )"(.*)"$', re.M)
    for path in [*root.glob("quizzes/*.toml"), *root.glob("lessons/*.md"), root / "course.toml"]:
        text = field.sub(lambda m: f'{m[1]}"{m[2]} {TOML_NASTY}"', path.read_text())
        text = re.sub(r'^hints = \["(.*)"\]$', lambda m: f'hints = ["{m[1]} {TOML_NASTY}"]', text, flags=re.M)
        if path.suffix == ".md":
            text += BODY
        path.write_text(text)
    course = root / "course.toml"
    text = course.read_text().replace("[[modules]]", f'description = "About {TOML_NASTY}"\nwelcome = "welcome.md"\n'
                                      "\n[[modules]]", 1)
    course.write_text(text)
    write(root / "welcome.md", WELCOME)
    write(root / "changes.toml", CHANGES)
    return root


PRESSES = 12  # keys at most to get through one question or check: a stuck screen fails, not hangs


def walk(app: PtyApp, home: Path) -> dict[str, str]:
    """Every screen the learner can reach on this pack, by the keys a learner presses: name -> screen."""
    seen: dict[str, str] = {}

    def at(name: str, marker: str) -> None:
        seen[name] = app.wait_for(marker)

    at("welcome", "Not legal advice")
    app.keys("Enter")
    at("dashboard", "lessons done")
    app.keys("C-p")
    at("palette", "Search for commands")
    app.keys(*"Intro")
    at("palette, searching", "Go to lesson")
    app.keys("Escape")
    app.wait_for("lessons done")
    app.keys("?")
    at("help", "Esc, q or ? closes")  # the keys of the screen below come first
    app.keys("Escape")
    app.wait_for("lessons done")
    app.keys("Enter")
    at("reader", "page 1 of")
    app.keys("t")
    at("contents", "2.")
    app.keys("Escape")
    for page in range(2, 5):  # to the page the hostile body is on
        app.keys("Right")
        at(f"reader, page {page}", f"page {page} of 4")
    app.keys("l")
    at("links", "Links on this page")
    app.keys("Enter")
    at("open link", "Copy")
    app.keys("Escape")  # the list made way for the dialog: back to the page
    app.wait_for("page 4 of 4")
    app.keys("u")
    at("rule changes", "newest first")
    app.keys("Backspace")
    app.wait_for("page 4 of 4")
    app.keys("q")
    at("quiz", "Question 1 of")
    for number in range(1, 5):  # a question of each kind, each answered with its first option
        app.wait_for(f"Question {number} of 4")
        for _press in range(PRESSES):
            shown = app.shown()
            if "Next question" in shown or "See results" in shown:
                break
            app.keys("1", "s" if "Select all that apply" in shown else "Enter")
            app.settle()
        else:
            raise AssertionError(f"question {number} never answered; the screen shows:\n{app.shown()}")
        seen[f"feedback {number}"] = app.shown()
        app.keys("n")
    at("results", "Your score")
    app.keys("Escape")
    app.wait_for("lessons done")
    app.keys("a")
    at("readiness", "The readiness check")
    app.keys("Enter")
    at("readiness question", "Question 1 of")
    for _press in range(PRESSES):  # no feedback until the end: one key after another
        if "Readiness check: result" in app.shown():
            break
        app.keys("1", "s" if "Select all that apply" in app.shown() else "Enter")
        app.settle()
    at("readiness result", "Readiness check: result")
    an_hour_passes(home)
    app.keys("Escape")
    app.wait_for("review")
    app.wait_for("due now")
    app.keys("r")
    at("reviews", "Review 1 of")
    for _press in range(PRESSES):
        if "✓ Right" in app.shown() or "✗ Not quite" in app.shown() or "ending" in app.shown():
            break
        app.keys("1", "s" if "Select all that apply" in app.shown() else "Enter")
        app.settle()
    seen["review feedback"] = app.shown()
    app.keys("Escape")
    app.wait_for("lessons done")
    return seen


def an_hour_passes(home) -> None:
    """The questions missed in the walk come back after ten minutes: move their due times an hour
    back, as if the learner came back later, so that `r` opens the reviews."""
    import sqlite3

    conn = sqlite3.connect(home / "progress.db")
    with conn:
        conn.execute("UPDATE review_queue SET due_at = due_at - 3600")
    conn.close()


def test_no_sequence_of_a_hostile_pack_reaches_the_terminal_on_any_screen(tmp_path):
    pack = hostile_pack(tmp_path)
    env = {**os.environ, "TERM": "xterm-256color", "TUTOR_HOME": str(tmp_path / "home"), "TEXTUAL_ANIMATIONS": "none"}
    env.pop("TUTOR_CONTENT", None)
    app = PtyApp([str(TUTOR), "--content", str(pack)], env)
    try:
        seen = walk(app, tmp_path / "home")
    finally:
        app.close()
    assert app.proc.returncode == 0, app.shown()
    written = bytes(app.written)
    found = [s for s in SEQUENCES if s in written]
    assert found == [], f"the pack's sequences reached the terminal: {found}"
        # The markup is text: shown as typed where the pack's titles are, and nothing of it ran
    # ([@click=app.quit] would have ended the app at the first click or key).
    for name in ("welcome", "dashboard", "reader", "reader, page 4", "links", "quiz", "feedback 1", "feedback 4",
                 "results",
                 "rule changes", "palette, searching", "readiness result", "reviews", "review feedback"):
        assert "[bold red]x[/]" in seen[name], f"{name}:\n{seen[name]}"
    assert "Traceback" not in "\n".join(seen.values())
