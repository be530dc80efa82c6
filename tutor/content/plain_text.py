"""Question texts are plain text: a prompt, an option, a feedback or an explanation is shown as it is
typed, in the app and in the plain mode, never through a Markdown or markup parser (a pack's text
must never reach one: docs/architecture.md). Markdown written there would reach the learner as
stray asterisks, so `tutor check` says so, with the markup it saw."""

from __future__ import annotations

import re

from tutor.content.findings import KeyPath, Report

_KINDS = (
    (r"\[[^\]\n]+\]\((?:lesson:|https?://)[^)\s]*\)", "a link"),
    (r"\*\*[^*\n]+\*\*|__[^_\n]+__", "bold"),
    (r"(?<![\w*])\*[^*\s][^*\n]*(?<!\s)\*(?![\w*])", "emphasis"),
    (r"`[^`\n]+`", "code"),
    (r"^ {0,3}>\s", "a quote"),
    (r"^ {0,3}#{1,6}\s", "a heading"),
)
# One pattern, one scan of each text (a pack has thousands of them): the group that matched names
# the kind.
_MARKDOWN = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (pattern, _kind) in enumerate(_KINDS)), re.M)


def markdown_in(text: str) -> tuple[str, str] | None:
    """(what kind of Markdown, the text that is) for the first Markdown found in `text`, or None."""
    if not any(mark in text for mark in "[*_`>#"):  # most texts: one scan in C per mark, no regex
        return None
    found = _MARKDOWN.search(text)
    if found is None or found.lastgroup is None:
        return None
    return _KINDS[int(found.lastgroup[1:])][1], found.group().strip()


def warn_markdown(text: object, report: Report, at: KeyPath, name: str) -> None:
    """Warn when a question's text field holds Markdown, which the learner would see as typed; `at`
    is the field's key path, `name` how the message calls it."""
    if not isinstance(text, str) or not report.warnings:
        return
    found = markdown_in(text)
    if found is not None:
        kind, snippet = found
        snippet = snippet if len(snippet) <= 40 else snippet[:37] + "..."
        report.warning(f'{name} has Markdown ({kind}: {snippet}), which is not rendered here: the learner sees '
                       "it as typed", "write question texts as plain text (quotes in “ ”, no * or `); links and "
                       "emphasis belong in the lesson", at=at)
