"""Question texts are plain text: a prompt, an option, a feedback or an explanation is shown as it is
typed, in the app and in the plain mode, never through a Markdown or markup parser (a pack's text
must never reach one: docs/architecture.md). Markdown written there would reach the learner as
stray asterisks, so `tutor check` says so, with the markup it saw."""

from __future__ import annotations

import re

from tutor.content.findings import KeyPath, Report

_MARKDOWN = (
    (re.compile(r"\[[^\]\n]+\]\((?:lesson:|https?://)[^)\s]*\)"), "a link"),
    (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), "bold"),
    (re.compile(r"(?<![\w*])\*[^*\s][^*\n]*(?<!\s)\*(?![\w*])"), "emphasis"),
    (re.compile(r"`[^`\n]+`"), "code"),
    (re.compile(r"^ {0,3}>\s", re.M), "a quote"),
    (re.compile(r"^ {0,3}#{1,6}\s", re.M), "a heading"),
)


def markdown_in(text: str) -> tuple[str, str] | None:
    """(what kind of Markdown, the text that is) for the first Markdown found in `text`, or None."""
    for pattern, kind in _MARKDOWN:
        found = pattern.search(text)
        if found:
            return kind, found.group().strip()
    return None


def warn_markdown(text: object, report: Report, at: KeyPath, name: str) -> None:
    """Warn when a question's text field holds Markdown, which the learner would see as typed; `at`
    is the field's key path, `name` how the message calls it."""
    if not isinstance(text, str):
        return
    found = markdown_in(text)
    if found is not None:
        kind, snippet = found
        snippet = snippet if len(snippet) <= 40 else snippet[:37] + "..."
        report.warning(f'{name} has Markdown ({kind}: {snippet}), which is not rendered here: the learner sees '
                       "it as typed", "write question texts as plain text (quotes in “ ”, no * or `); links and "
                       "emphasis belong in the lesson", at=at)
