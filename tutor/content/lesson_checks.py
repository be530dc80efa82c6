"""Checks of one lesson that need its pack: that a document its sources name is a file inside the
pack, and that it is written in the pack's language."""

from __future__ import annotations

import os
from pathlib import Path

from tutor.content.lesson_format import LessonFile


def check_documents(read: LessonFile, root: Path) -> None:
    """A source that is a document of the pack must be a file inside it (a link out of the pack is
    refused like any other file, tutor/content/textfile.py)."""
    import stat

    from tutor.content.textfile import inside_pack

    for i, source in enumerate(read.sources):
        if not source.document:
            continue
        path = root / source.document
        at = ("sources", i, "document")
        if not os.path.lexists(path):
            read.report.error(f'document "{source.document}" does not exist', "put the file in the pack at that "
                              "path (from the pack's folder), or fix the path", at=at)
        elif not inside_pack(path, root):
            read.report.error(f'document "{source.document}" points outside the content pack',
                              "copy the file into the pack instead of linking to it", at=at)
        elif not stat.S_ISREG(os.stat(path).st_mode):
            read.report.error(f'document "{source.document}" is not a regular file', "name a file of the pack",
                              at=at)


def check_language(read: LessonFile, declared: str) -> None:
    """A lesson in another language than the pack's: its questions would join the readiness check
    beside the same rules asked in the pack's language."""
    from tutor.content.language import knows, name_of, told_language

    if read.body is None or not knows(declared):
        return
    told = told_language(read.body)
    if told is not None and told != declared.split("-")[0]:
        read.report.warning(f"lesson reads as {name_of(told)} ({told}), but the pack is in {name_of(declared)} "
                            f'(course.toml: language = "{declared}")', "a pack is in one language: put a "
                            "translation in a pack of its own (its own course id), or correct language in "
                            "course.toml", line=read.body_line)
