"""The command palette's fuzzy matching, bounded: every key is answered at once whatever the pack's
titles and whatever the learner types (issue 22, fault 2).

Textual's own `Matcher` tries every way the query's letters can be picked out of a candidate, which
grows exponentially with repeated letters: `Matcher("ssssss").match("se " * 70)` takes minutes, and a
205-character lesson title froze the app for 23 s. `BoundedMatcher` scores with the same heuristic
(more letters at the start of words, fewer separate groups) but looks at a bounded number of
alignments: the query as a substring if it is one, else, from at most MAX_STARTS places where its
first letter stands, one greedy alignment that takes the nearest next letter and one that prefers
the start of a word. Its work is at most 4 * MAX_STARTS * len(query) searches of the candidate
(`work` counts them; tests/reliability/test_palette_bounded.py), each a scan in C.

Every provider of the app's palette uses it (`BoundedMatching`): the lessons and quizzes
(tutor/app/commands.py) and the system commands. What the palette shows of a long title or help text
is cut to DISPLAY_CHARS, so drawing a hit is bounded too; the whole title is still matched.
"""

from __future__ import annotations

import functools
import itertools
import re

from textual.command import Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.style import Style
from textual.system_commands import SystemCommandsProvider

MAX_STARTS = 8
DISPLAY_CHARS = 160  # a palette line is at most a terminal wide; a title's first 160 characters say which


@functools.lru_cache(maxsize=256)
def _word_start(letter: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(letter))


def _is_word_start(text: str, offset: int) -> bool:
    char = text[offset]
    return (char.isalnum() or char == "_") and (offset == 0 or not (text[offset - 1].isalnum() or
                                                                     text[offset - 1] == "_"))


def score(text: str, offsets: tuple[int, ...]) -> float:
    """Textual's heuristic: each letter counts, a letter at the start of a word counts twice, and
    the fewer separate groups the letters make, the more it is worth (up to twice)."""
    count = len(offsets)
    firsts = sum(_is_word_start(text, offset) for offset in offsets)
    groups = 1 + sum(later != earlier + 1 for earlier, later in itertools.pairwise(offsets))
    normalized = (count - (groups - 1)) / count
    return (count + firsts) * (1 + normalized * normalized)


class BoundedMatcher(Matcher):
    """A Matcher (the palette's interface: match, highlight, query) whose work is bounded."""

    def __init__(self, query: str, *, match_style: Style | None = None, case_sensitive: bool = False) -> None:
        super().__init__(query, match_style=match_style, case_sensitive=case_sensitive)
        self._folded = query if case_sensitive else query.lower()
        self._found: dict[str, tuple[float, tuple[int, ...]]] = {}
        self.work = 0  # searches of a candidate made so far

    def match(self, candidate: str) -> float:
        return self.search(candidate)[0]

    def highlight(self, candidate: str) -> Content:
        """The candidate as plain text (never markup: it may come from a pack), its first
        DISPLAY_CHARS characters, with the matched letters styled."""
        _score, offsets = self.search(candidate)
        return highlighted(candidate, offsets, self.match_style)

    def search(self, candidate: str) -> tuple[float, tuple[int, ...]]:
        """The score (0 for no match) and the offsets of the letters matched."""
        found = self._found.get(candidate)
        if found is None:
            found = self._found[candidate] = self._search(candidate if self.case_sensitive else candidate.lower())
        return found

    def _search(self, text: str) -> tuple[float, tuple[int, ...]]:
        query = self._folded
        if not query:
            return 0.0, ()
        self.work += 1
        at = text.find(query)
        if at != -1:  # the query as it is: the best there is, as Textual scores it
            offsets = tuple(range(at, at + len(query)))
            return score(text, offsets) * (2.0 if text == query else 1.5), offsets
        first = text.find(query[0])
        if first == -1 or self._align(text, first, False) is None:
            return 0.0, ()  # the nearest letters from the earliest start do not fit: nothing does
        best: tuple[float, tuple[int, ...]] = (0.0, ())
        for start in self._starts(text, first):
            for prefer_words in (False, True):
                aligned = self._align(text, start, prefer_words)
                if aligned is not None and (scored := score(text, aligned)) > best[0]:
                    best = (scored, aligned)
        return best

    def _starts(self, text: str, first: int) -> list[int]:
        """Where to start: the first letter's earliest place, then up to MAX_STARTS places in all,
        half of them at the start of words, the rest the next places it stands."""
        letter = self._folded[0]
        self.work += 1
        starts = [first]
        for found in _word_start(letter).finditer(text, first):
            if len(starts) > MAX_STARTS // 2:
                break
            if found.start() not in starts:
                starts.append(found.start())
        position = text.find(letter, first + 1)
        while position != -1 and len(starts) < MAX_STARTS:
            self.work += 1
            if position not in starts:
                starts.append(position)
            position = text.find(letter, position + 1)
        return starts

    def _align(self, text: str, start: int, prefer_words: bool) -> tuple[int, ...] | None:
        offsets = [start]
        position = start
        for letter in self._folded[1:]:
            following = position + 1
            if following < len(text) and text[following] == letter:
                position = following
            else:
                self.work += 1
                nearest = text.find(letter, following)
                if nearest == -1:
                    return None
                position = nearest
                if prefer_words:
                    self.work += 1
                    word = _word_start(letter).search(text, following)
                    position = word.start() if word is not None else nearest
            offsets.append(position)
        return tuple(offsets)


def highlighted(candidate: str, offsets: tuple[int, ...], style: Style) -> Content:
    """`candidate` as plain Content, cut to DISPLAY_CHARS, with the letters at `offsets` styled."""
    content = Content(shown(candidate))
    for offset in offsets:
        if offset < DISPLAY_CHARS and not candidate[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


def shown(text: str) -> str:
    """What the palette shows of a title or help text: at most DISPLAY_CHARS characters."""
    return text if len(text) <= DISPLAY_CHARS else text[: DISPLAY_CHARS - 1] + "…"


class BoundedMatching(Provider):
    """A palette provider whose searches use BoundedMatcher."""

    def matcher(self, user_input: str, case_sensitive: bool = False) -> Matcher:
        return BoundedMatcher(user_input, match_style=self.match_style, case_sensitive=case_sensitive)


class SystemCommands(BoundedMatching, SystemCommandsProvider):
    """Textual's system commands (the App's get_system_commands), matched by BoundedMatcher."""
