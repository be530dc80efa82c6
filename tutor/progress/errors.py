"""Exceptions the progress store raises. Their str() is written for the learner, not for a developer,
because the command line and the app print it as it is.

Every one is a ProgressStoreError. `problem` names the kind of trouble for code that wants to react
to it (the app, say, offering to free space); the message already says it in words.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

# What went wrong, for code; the message says it for people.
Problem = Literal[
    "disk-full",  # no space (or no free inodes, or quota) on the disk holding the database
    "read-only",  # the file, its folder or the whole disk may not be written
    "no-access",  # the file or its folder may not be read
    "locked",  # another program held the database longer than the busy timeout
    "not-a-file",  # a folder, FIFO, socket or device where the database should be
    "damaged",  # SQLite found the file damaged in the middle of a session
    "disk-error",  # the disk or the operating system reported an error
    "out-of-memory",
    "newer-schema",  # written by a newer tutor (NewerSchemaError)
    "other",
]


class ProgressStoreError(Exception):
    """The progress store could not do what was asked. str() is a complete, human-readable message."""

    problem: Problem = "other"


class _Explained(ProgressStoreError):
    """A failure explained in words: what was being done, why it failed, and what to do."""

    def __init__(self, path: Path, opening: str, reason: str, advice: str, problem: Problem) -> None:
        self.path = path
        self.reason = reason
        self.advice = advice
        self.problem = problem
        first = f"{opening}: {reason}."
        super().__init__(f"{first} {advice}" if advice else first)


class StoreUnavailableError(_Explained):
    """The database could not be opened or created for a reason other than damage to its contents
    (a folder we may not write to, a full disk, a lock held for too long, a FIFO in its place).
    Nothing was moved or changed."""

    def __init__(self, path: Path, reason: str, advice: str = "", problem: Problem = "other") -> None:
        super().__init__(path, f"Could not open the progress database at {path}", reason, advice, problem)


class StoreWriteError(_Explained):
    """A change could not be saved. The database is exactly as it was before the call: nothing of
    the change was written, and everything saved before is still there. The store stays usable, so
    the same call can be tried again once the cause is gone (space freed, lock released).

    `failed` opens the message and says what was lost: "Your answer could not be saved"."""

    def __init__(self, path: Path, failed: str, reason: str, advice: str = "", problem: Problem = "other") -> None:
        self.failed = failed
        super().__init__(path, failed, reason, advice, problem)


class StoreReadError(_Explained):
    """Progress could not be read. Nothing was changed; the store stays usable."""

    def __init__(self, path: Path, reason: str, advice: str = "", problem: Problem = "other") -> None:
        super().__init__(path, f"Your progress could not be read from {path}", reason, advice, problem)


class NewerSchemaError(ProgressStoreError):
    """The database was written by a newer tutor. It is left exactly as it is: downgrading it would
    throw away whatever the newer version stores."""

    problem: Problem = "newer-schema"

    def __init__(self, path: Path, found: int, known: int) -> None:
        self.path = path
        self.found = found
        self.known = known
        super().__init__(
            f"The progress database at {path} was written by a newer version of tutor "
            f"(schema version {found}; this version understands up to {known}). "
            "It was left untouched. Upgrade tutor to keep using it, "
            "or pass --data-dir DIR to keep progress somewhere else."
        )


class DamagedValueError(_Explained):
    """The database holds a value tutor never writes (text where a time belongs, a list that is not
    JSON): changed by another program, or restored from a damaged copy. It is not moved aside: SQLite
    finds it sound, and the learner may want to mend it. Nothing was changed."""

    def __init__(self, path: Path, found: str) -> None:
        super().__init__(
            path, f"Your progress at {path} could not be read",
            f"it holds a value tutor never writes ({found}), so another program changed it or it was "
            "restored from a damaged copy",
            "The file is kept as it is. Put a backup back with `tutor reset --restore BACKUP`, or move the "
            "file aside to start afresh.", "damaged")


class BackupRefusedError(_Explained):
    """`tutor reset --restore` was given a file that is not a sound progress database; nothing was
    restored and the progress is as it was."""

    def __init__(self, path: Path, reason: str, advice: str = "Your progress is as it was.") -> None:
        super().__init__(path, f"Nothing was restored from {path}", reason, advice, "other")
