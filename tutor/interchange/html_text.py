"""HTML from a question bank as the plain text a pack holds: paragraphs and line breaks kept, tags
dropped, character references decoded, and every image or embedded file named so the report can say
it was left behind. No HTML parser runs on it: tags are only removed, never interpreted."""

from __future__ import annotations

import html
import re

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|tr|table|ul|ol|blockquote|pre)\s*>", re.IGNORECASE)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*("([^"]*)"|'([^']*)')""", re.IGNORECASE)
_MEDIA = re.compile(r"<(audio|video|iframe|object|embed|math|svg)\b", re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_MANY_LINES = re.compile(r"\n{3,}")


def html_to_text(text: str) -> tuple[str, list[str]]:
    """The plain text of an HTML fragment, and what was dropped from it ("an image", ...)."""
    dropped: list[str] = []
    for found in _IMAGE.finditer(text):
        alt = _ALT.search(found.group())
        described = (alt.group(2) or alt.group(3) or "").strip() if alt else ""
        dropped.append(f'an image ("{described}")' if described else "an image")
    dropped += [f"a <{m.group(1).lower()}> element" for m in _MEDIA.finditer(text)]
    if "@@PLUGINFILE@@" in text and not dropped:
        dropped.append("a link to a file embedded in the bank")
    text = _BREAK.sub("\n", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = _ITEM.sub("\n- ", text)
    text = _IMAGE.sub(lambda m: _image_words(m.group()), text)
    text = _TAG.sub("", text.replace("\r\n", "\n"))
    text = html.unescape(text).replace("\xa0", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_LINES.sub("\n\n", "\n".join(lines)).strip(), dropped


def _image_words(tag: str) -> str:
    alt = _ALT.search(tag)
    described = (alt.group(2) or alt.group(3) or "").strip() if alt else ""
    return f"[image: {described}]" if described else "[image]"
