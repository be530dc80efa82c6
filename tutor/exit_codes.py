"""Every exit status a `tutor` command can end with: one table for the command line and the app
(README, "Commands", lists them)."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0  # done; `check` found no errors; a quiz or readiness check was passed
    FAILED = 1  # `check` found errors; not passed; refused (e.g. reset without confirmation); unusable data
    USAGE = 2  # wrong arguments; a content folder that is missing or not a folder; no terminal for the app
    INTERNAL = 70  # a bug in tutor (sysexits' EX_SOFTWARE); the details are saved to a file
    INTERRUPTED = 130  # ctrl+c
