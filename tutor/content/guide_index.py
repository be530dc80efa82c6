"""The guides of a pack, as the course finds them: an index read from the top of each guide file
(enough to list and offer them, without parsing a whole guide), and a reader that parses a guide
when it is opened. Used by the loader (loader.py) when it builds a course."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tutor.content.findings import Report
from tutor.content.model import Guide, GuideEntry
from tutor.content.textfile import read_text_file


def guide_entry(path: Path, root: Path) -> GuideEntry | None:
    """A guide's id, title, summary and what offers it, from its top-level keys alone: those come before
    the first table of a TOML file, so parsing that part is enough (a fraction of the file). A file
    whose top cannot be parsed alone is read whole; one with an error there is not listed."""
    from tutor.content.fields import ID_PATTERN
    from tutor.content.sanitize import clean_value
    from tutor.content.tomlpos import light_toml_library

    toml = light_toml_library()

    text = read_text_file(path, Report(path, []), root)
    if text is None:
        return None
    try:
        top = clean_value(toml.loads(text.split("\n[", 1)[0]))
    except toml.TOMLDecodeError:  # a table header inside a string, say: the whole file decides
        from tutor.content.guide_format import read_guide_file

        read = read_guide_file(path, root=root)
        if read.guide is None:
            return None
        top = {"id": read.guide.id, "title": read.guide.title, "summary": read.guide.summary,
               "lessons": [value for at, value in read.lessons if at == ("lessons",)],
               "scenarios": [value for _at, value in read.scenarios]}

    def strings(name: str) -> tuple[str, ...]:
        value = top.get(name, [])
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    guide_id, title, summary = top.get("id"), top.get("title"), top.get("summary")
    if not (isinstance(guide_id, str) and ID_PATTERN.fullmatch(guide_id) and isinstance(title, str)
            and isinstance(summary, str)):
        return None
    return GuideEntry(guide_id, title, summary, path, strings("lessons"), strings("scenarios"))


def guide_scanner(paths: list[Path], root: Path, known: dict[Path, GuideEntry | None] | None = None,
                  remember: Callable[[dict[Path, GuideEntry | None]], None] | None = None,
                  ) -> Callable[[], dict[str, GuideEntry]]:
    """The index, on first use: the top of each file as `known` (the catalogue cache kept it) or
    parsed now and handed to `remember` (which keeps it: a later start parses none of them)."""

    def scan() -> dict[str, GuideEntry]:
        index: dict[str, GuideEntry] = {}
        parsed: dict[Path, GuideEntry | None] = {}
        for path in paths:
            if known is not None and path in known:
                entry = known[path]
            else:
                entry = parsed[path] = guide_entry(path, root)
            if entry is not None:
                index.setdefault(entry.id, entry)
        if parsed and remember is not None:
            remember(parsed)
        return index

    return scan


def pack_guide_reader(root: Path) -> Callable[[Path], Guide | None]:
    def read(path: Path) -> Guide | None:
        from tutor.content.guide_format import load_guide_file

        return load_guide_file(path, root)

    return read
