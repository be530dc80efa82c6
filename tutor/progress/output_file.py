"""A drafted message the learner saves to a file they name: written through the shared output path
(tutor/progress/output.py: the progress database, its side files and backups are refused, the file is
written whole or not at all), private to the learner (0600) when new, and an existing file replaced
only once the learner agreed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tutor.content.whole_file import whole_text_file
from tutor.progress.output import OutputRefusedError, refuse_progress_files


class OutputNotWritten(Exception):
    """The file was not written; str() says why, in words. Nothing on disk changed."""


class OutputExists(OutputNotWritten):
    """A file of that name exists: ask the learner before replacing it."""


def write_output_file(target: Path, text: str, database: Path | None, replace: bool = False) -> Path:
    """Write `text` (UTF-8) to `target`; returns the path written. Raises OutputExists when the file
    exists and `replace` is False, OutputNotWritten for any other reason (in words)."""
    target = target.expanduser()
    data_dir = database.parent if database is not None and str(database) != ":memory:" else None
    try:
        refuse_progress_files(target, data_dir)
        if target.is_dir():
            raise OutputNotWritten(f"{target} is a folder: add a file name, such as {target / 'message.txt'}")
        mode: int | None = 0o600  # a message to support is the learner's own business
        if os.path.lexists(target):
            info = os.stat(target)
            if not stat.S_ISREG(info.st_mode):
                raise OutputNotWritten(f"{target} is not an ordinary file (a device or a pipe): choose another name")
            if not replace:
                raise OutputExists(f"{target} already exists")
            mode = None  # the file it replaces keeps its permissions
        if not target.parent.is_dir():
            raise OutputNotWritten(f"the folder {target.parent} does not exist")
        with whole_text_file(target, mode=mode, newline="\n") as out:
            out.write(text)
    except OutputRefusedError as exc:
        raise OutputNotWritten(str(exc)) from exc
    except OSError as exc:  # a full disk, a name too long, a folder that cannot be read: said in words
        raise OutputNotWritten(f"{target} could not be written: {exc.strerror or exc} (nothing was changed)") from exc
    return Path(os.path.realpath(target))
