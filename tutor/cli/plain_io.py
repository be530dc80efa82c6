"""Line-by-line input and output for the plain mode (`tutor --plain`): words on lines, wrapped to the
terminal's width (80 when not a terminal), no colour, no cursor movement, no escape sequence, and a
prompt that takes `help` and `quit` whatever it asks. Everything written goes through the one
sanitiser (tutor/content/sanitize.py)."""

from __future__ import annotations

import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import IO, TypeVar

from tutor.content.sanitize import clean_text

T = TypeVar("T")
# A list item, a numbered option ("2 (b). "), a quote or a labelled line: wrapped lines hang under its text.
_MARKER = re.compile(r"^(?:[-•>] |\d+(?: \([a-i]\))?\. |\[\d+\] )")
# A command in backticks, to be copied: never split over two lines.
_COMMAND = re.compile(r"`[^`\n]+`")
_KEEP_TOGETHER = "\u00a0"  # textwrap breaks at ASCII whitespace only


class EndOfInput(Exception):
    """Standard input ended: save and stop cleanly."""


class Quit(Exception):
    """The learner typed quit."""


class BadAnswer(Exception):
    """What was typed does not answer the prompt; str() is the one line that says why."""


class PlainIO:
    def __init__(self, out: IO[str] | None = None, inp: IO[str] | None = None, width: int | None = None) -> None:
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        if width is None:
            width = shutil.get_terminal_size((80, 24)).columns if self.out.isatty() else 80
        self.width = max(40, min(width, 120))

    def say(self, text: str = "", indent: str = "") -> None:
        """Write text, each line wrapped to the width; lines that start with a list marker or a
        quote keep a hanging indent."""
        for line in clean_text(text).split("\n"):
            if not line.strip():
                self.out.write("\n")
                continue
            lead = line[: len(line) - len(line.lstrip())]
            body = _COMMAND.sub(lambda found: found.group(0).replace(" ", _KEEP_TOGETHER), line.lstrip())
            marker = _MARKER.match(body)
            hang = " " * len(marker.group(0)) if marker else ""  # wrapped lines hang under the text
            wrapped = textwrap.wrap(body, self.width - len(indent) - len(lead), break_long_words=False,
                                    break_on_hyphens=False, subsequent_indent=hang)
            for part in wrapped or [""]:
                self.out.write(f"{indent}{lead}{part.replace(_KEEP_TOGETHER, ' ')}\n")
        self.out.flush()

    def ask(self, prompt: str, parse: Callable[[str], T], help_text: str,
            commands: dict[str, Callable[[], None]] | None = None) -> T:
        """Ask until the answer parses. `help` prints `help_text`, `quit` raises Quit, the end of
        input raises EndOfInput, a word in `commands` runs its command (`hint`) and asks again;
        anything else that does not parse gets one line and the prompt again."""
        while True:
            self.out.write(clean_text(prompt).rstrip() + " ")
            self.out.flush()
            line = self.inp.readline()
            if not line:
                self.out.write("\n")
                raise EndOfInput
            typed = line.strip()
            if not self.inp.isatty():  # nothing echoed it: the transcript shows what was answered
                self.out.write(clean_text(typed) + "\n")
            if typed.lower() in ("help", "?"):
                self.say(help_text)
                continue
            if typed.lower() in ("quit", "exit", "q!"):
                raise Quit
            if commands and typed.lower() in commands:
                commands[typed.lower()]()
                continue
            try:
                return parse(typed)
            except BadAnswer as problem:
                self.say(str(problem))


def choice_parser(count: int, texts: Sequence[str], multi: bool = False,
                  words: dict[str, int] | None = None, what: str = "answer") -> Callable[[str], list[int]]:
    """A parser for an answer among `count` numbered options: numbers ("2", "1 3" or "1,3" when
    `multi`), letters ("b"), an option's text (or the start of it, if only one option starts so),
    or a word in `words` (e.g. "true"). Returns 0-based indexes."""
    letters = "abcdefghi"[:count]

    def one(part: str) -> int:
        lowered = part.lower()
        if words and lowered in words:
            return words[lowered]
        if part.isdigit():
            number = int(part)
            if 1 <= number <= count:
                return number - 1
            raise BadAnswer(f"There is no {what} {number}: type a number from 1 to {count}.")
        if len(lowered) == 1 and lowered in letters:
            return letters.index(lowered)
        matches = [i for i, text in enumerate(texts) if text.lower().startswith(lowered)] if len(lowered) >= 3 else []
        if len(matches) == 1:
            return matches[0]
        raise BadAnswer(f"{part!r} is not one of the {what}s: type its number (1 to {count}), its letter "
                        f"(a to {letters[-1]}), or help.")

    def parse(typed: str) -> list[int]:
        if not typed:
            raise BadAnswer(f"Type the number of your {what} (1 to {count}), or help.")
        parts = typed.replace(",", " ").split() if multi else [typed]
        if not multi and len(typed.split()) > 1 and all(p.isdigit() for p in typed.split()):
            raise BadAnswer("Only one answer here: type one number.")
        chosen: list[int] = []
        for part in parts:
            index = one(part)
            if index not in chosen:
                chosen.append(index)
        return chosen

    return parse


def command_parser(allowed: tuple[str, ...]) -> Callable[[str], str]:
    def parse(typed: str) -> str:
        lowered = typed.lower()
        if lowered in allowed:
            return lowered
        shown = ", ".join("Enter" if a == "" else a for a in allowed)
        said = "An empty line" if not typed else repr(typed)
        raise BadAnswer(f"{said} is not one of: {shown}. help says what each does.")

    return parse
