"""Exceptions the progress store raises. Their str() is written for the learner, not for a developer,
because the command line and the app print it as it is."""

from __future__ import annotations

from pathlib import Path


class ProgressStoreError(Exception):
    """The progress store could not do what was asked. str() is a complete, human-readable message."""


class StoreUnavailableError(ProgressStoreError):
    """The database could not be opened or created for a reason other than damage to its contents
    (a folder we may not write to, a full disk, a lock held for too long)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"Could not open the progress database at {path}: {reason}.")


class NewerSchemaError(ProgressStoreError):
    """The database was written by a newer tutor. It is left exactly as it is: downgrading it would
    throw away whatever the newer version stores."""

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
