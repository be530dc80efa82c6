"""What a link in a lesson leads to, judged by its scheme: shared by the document model (which keeps
only web and lesson links clickable), `tutor check` (which reports the rest) and source urls.

Kept apart from markdown.py so that loading the catalogue, which judges source urls, never imports
markdown-it.
"""

from __future__ import annotations

import functools
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


# What a web address is made of once written out: letters, digits and the punctuation RFC 3986 allows,
# and non-ASCII letters (an IRI), but no white space, control or format character, quote, angle
# bracket, backslash or backtick, which would end it (or start markup) wherever it is written.
# Compiled at its first use (a tenth of a MiB): a start that reads the catalogue from its cache never
# judges an address.
_ADDRESS = r"https?://[^\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\"'<>\\`]+"


@functools.cache
def _address() -> re.Pattern[str]:
    return re.compile(_ADDRESS, re.IGNORECASE)


# What `tutor check` says of a source url that is not a plain web address (a warning: --strict refuses it).
UNWRITABLE_ADDRESS = ("has characters a web address cannot hold (white space, a quote, an angle bracket, a "
                      "backslash, a backtick or a control character)")
ADDRESS_HINT = ("percent-encode them as the browser's address bar shows them: %20 for a space, %22 for a quote, "
                "%3C and %3E for angle brackets")


def plain_web_address(url: str) -> bool:
    """Whether `url` is an http(s) address that can be written out as it is: as a link in a report,
    on a terminal, in a browser's address bar. `tutor check --strict` refuses source urls that are
    not (a space, a quote, an angle bracket, a control character); the Markdown report writes them
    as text, never as links."""
    return _address().fullmatch(url) is not None


def lesson_target(href: str) -> str:
    """The lesson id of a `lesson:ID#part` link."""
    return href.split(":", 1)[1].split("#", 1)[0]
