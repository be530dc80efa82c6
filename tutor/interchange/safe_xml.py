"""Reading an XML file from a stranger: bounded in size and depth, with no DTD, no entity, no network.

A question bank never needs a DTD, so a file that declares one (the only way to define the entities of
a "billion laughs" or an external entity, XXE) is refused before parsing. The parser is also set never
to load a DTD, resolve an entity or reach the network, and the tree is walked as it is built, so a
file nested deeper than any question bank is refused without building it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from lxml import etree

MAX_BYTES = 32 * 1024 * 1024  # a bank of thousands of questions is a few MB; images inline are the bulk
MAX_DEPTH = 32  # Moodle XML is 6 deep (quiz/question/answer/feedback/text, a <file>)
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_START_TAG = re.compile(rb"<[A-Za-z_]")


class UnsafeFile(Exception):
    """The file was refused or could not be read; the message says why, in words."""


def read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, refusing anything over `limit` before reading it (and while reading it, for
    a file whose size the file system does not know)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnsafeFile(f"{path} is {size / 1_048_576:.0f} MB; a question bank over "
                             f"{limit // 1_048_576} MB is refused")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise UnsafeFile(f"{path} cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UnsafeFile(f"{path} is over {limit // 1_048_576} MB; a question bank that large is refused")
    return data


def _too_deep(name: str, line: int, max_depth: int) -> str:
    return f"{name}:{line}: elements nested more than {max_depth} deep; no question bank is, so the file is refused"


def line_of(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0


def all_text(element: etree._Element) -> str:
    """The element's character data, its children's included."""
    return "".join(str(part) for part in element.itertext())


def parse(data: bytes, name: str, max_depth: int = MAX_DEPTH) -> etree._Element:
    """The root element of `data`, parsed safely; UnsafeFile says what is wrong and where."""
    # Only the prolog can declare a DTD: the text of questions may well mention "<!DOCTYPE html>".
    first = _START_TAG.search(data)
    found = _DOCTYPE.search(data, 0, first.start() if first else len(data))
    if found is not None:
        line = data.count(b"\n", 0, found.start()) + 1
        raise UnsafeFile(f"{name}:{line}: the file declares a DTD or entities (<!{found.group(1).decode()}>); "
                         "a question bank needs none, and they are how XML files attack the reader: refused")
    events = etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, dtd_validation=False, huge_tree=False, remove_pis=True)
    depth = 0
    root: etree._Element | None = None
    try:
        for event, element in events:
            if event == "start":
                depth += 1
                root = element if root is None else root
                if depth > max_depth:
                    raise UnsafeFile(_too_deep(name, line_of(element), max_depth))
            else:
                depth -= 1
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        if "depth" in str(exc.msg).lower():  # libxml2's own limit (256, huge_tree off) met within a chunk
            raise UnsafeFile(_too_deep(name, line, max_depth)) from None
        raise UnsafeFile(f"{name}:{line}: not well-formed XML ({exc.msg})") from None
    if root is None:
        raise UnsafeFile(f"{name}: the file is empty")
    doctype: str = getattr(root.getroottree().docinfo, "doctype", "")
    if doctype:  # a prolog the quick look above misread: refused all the same
        raise UnsafeFile(f"{name}: the file declares a DTD; a question bank needs none: refused")
    return root
