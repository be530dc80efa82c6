"""What a link in a lesson leads to, judged by its scheme: shared by the document model (which keeps
only web and lesson links clickable), `tutor check` (which reports the rest) and source urls.

Kept apart from markdown.py so that loading the catalogue, which judges source urls, never imports
markdown-it.
"""

from __future__ import annotations

import re

# Schemes that run code or reach the learner's own files: never a link, always reported as an error.
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "file", "data"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def link_kind(href: str) -> str:
    """What a link leads to: "web" (http, https), "lesson", "mail" (mailto), "unsafe" (a scheme that
    runs code or opens a local file) or "other" (any other scheme, or a relative address)."""
    match = _SCHEME.match(href)
    scheme = match.group(1).lower() if match else ""
    if scheme in ("http", "https"):
        return "web"
    if scheme == "lesson":
        return "lesson"
    if scheme == "mailto":
        return "mail"
    return "unsafe" if scheme in UNSAFE_SCHEMES else "other"


def lesson_target(href: str) -> str:
    """The lesson id of a `lesson:ID#part` link."""
    return href.split(":", 1)[1].split("#", 1)[0]
