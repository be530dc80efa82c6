"""What every command shares: the exit codes, one way to find the content and the progress store,
and one way to turn an expected failure into a single line on stderr.

Plain text only: nothing here imports Textual or Rich, so the commands stay fast and scriptable.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tutor.exit_codes import Exit

__all__ = ["CommandError", "Exit", "content_root_for", "fail", "load_course_for", "open_store_for", "plural",
           "reading_store_for", "reports_errors"]

if TYPE_CHECKING:
    import argparse

    from tutor.content.installed import InstalledPack
    from tutor.content.model import Course
    from tutor.progress import ProgressStore

Handler = Callable[["argparse.Namespace"], int]


class CommandError(Exception):
    """A problem to report on one line of stderr, with the exit code to return."""

    def __init__(self, message: str, exit_code: int = Exit.FAILED) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def reports_errors(command: str) -> Callable[[Handler], Handler]:
    """Turn the failures a command can meet (a missing content folder, an unusable progress
    database, a file that cannot be written or must not be: tutor/progress/output.py) into one line
    on stderr and an exit code."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def run(args: argparse.Namespace) -> int:
            import sqlite3

            from tutor.progress import ProgressStoreError
            from tutor.progress.output import OutputRefusedError

            try:
                return handler(args)
            except CommandError as exc:
                return fail(command, str(exc), exc.exit_code)
            except (ProgressStoreError, OutputRefusedError) as exc:
                return fail(command, str(exc))
            except sqlite3.Error as exc:
                return fail(command, f"the progress database could not be used: {exc}")
            except BrokenPipeError:
                raise  # `tutor export | head`: the main entry point handles this quietly
            except OSError as exc:
                where = f" ({exc.filename})" if exc.filename else ""
                return fail(command, f"{exc.strerror or exc}{where}")

        return run

    return decorate


def fail(command: str, message: str, exit_code: int = Exit.FAILED) -> int:
    from tutor.content.sanitize import one_line

    prefix = f"tutor {command}" if command else "tutor"
    # Messages quote paths and names from the pack (or the store): one clean line.
    print(f"{prefix}: {one_line(message)}", file=sys.stderr)
    return exit_code


def show(text: str) -> None:
    """Print text that comes from a pack or the progress store: through the one sanitiser, so no
    escape sequence reaches the terminal (tutor/content/sanitize.py)."""
    from tutor.content.sanitize import clean_text

    print(clean_text(text))


def show_json(value: object) -> None:
    """Print JSON for scripts; non-ASCII text stays readable, control characters are escaped."""
    import json

    from tutor.content.sanitize import escape_c1_in_json

    print(escape_c1_in_json(json.dumps(value, indent=2, ensure_ascii=False)))


def packs_dir_for(args: Any) -> Path:
    """Where installed packs live: `packs/` in the progress folder (--data-dir, $TUTOR_HOME, or the
    user's data folder)."""
    from tutor.progress.location import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None)) / "packs"


def shipped_pack() -> InstalledPack | None:
    """The shipped course, as `tutor pack list` and --pack name it."""
    from tutor.content.course_format import load_course_file
    from tutor.content.installed import InstalledPack
    from tutor.content.loader import shipped_root

    root = shipped_root()
    if root is None:
        return None
    course, _report = load_course_file(root / "course.toml", [], root)
    return None if course is None else InstalledPack(course.id, course.title, root, course.language)


def content_root_for(args: Any) -> Path:
    """The content folder the command is about: --content, else --pack (an installed pack or the
    shipped course, by id), else $TUTOR_CONTENT, else the installed pack (the one chosen last when
    there are several), else the shipped course. The one place a missing or wrong folder or pack
    becomes a usage error."""
    import os

    from tutor.content.loader import ContentRootError, content_root

    chosen = getattr(args, "content", None)
    try:
        if chosen or getattr(args, "pack", None) is None and os.environ.get("TUTOR_CONTENT"):
            return content_root(chosen)
        return installed_root(args) or content_root()
    except ContentRootError as exc:
        raise CommandError(str(exc), Exit.USAGE) from None


def installed_root(args: Any) -> Path | None:
    """The folder of the pack --pack names, else of the installed pack to use without one; None for
    the shipped course."""
    from tutor.content.installed import chosen_pack, find_installed, installed_packs

    packs_dir = packs_dir_for(args)
    wanted = getattr(args, "pack", None)
    if wanted:
        pack = find_installed(packs_dir, wanted)
        if pack is not None:
            return pack.root
        shipped = shipped_pack()
        if shipped is not None and shipped.id == wanted:
            return shipped.root
        raise CommandError(f'no pack "{wanted}" is installed; `tutor pack list` lists them', Exit.USAGE)
    packs = installed_packs(packs_dir)
    if len(packs) == 1:
        return packs[0].root
    last = chosen_pack(packs_dir)
    if last is not None:
        return packs_dir / last
    if packs:
        names = ", ".join(pack.id for pack in packs)
        raise CommandError(f"several packs are installed ({names}): say which with --pack ID", Exit.USAGE)
    return None


def courses_to_choose(args: Any) -> list[tuple[str, str, Path]] | None:
    """(id, title, folder) of the courses to choose from at start, when more than one pack is
    installed and nothing says which (--content, --pack, $TUTOR_CONTENT); the shipped course last.
    None when there is nothing to choose."""
    import os

    from tutor.content.installed import installed_packs

    if getattr(args, "content", None) or getattr(args, "pack", None) or os.environ.get("TUTOR_CONTENT"):
        return None
    packs = installed_packs(packs_dir_for(args))
    if len(packs) < 2:
        return None
    shipped = shipped_pack()
    return [(pack.id, pack.title, pack.root) for pack in packs] + \
        ([(shipped.id, f"{shipped.title} (the shipped course)", shipped.root)] if shipped else [])


def load_course_for(args: Any) -> Course:
    """The course the command is about, from its catalogue (lesson bodies and quizzes are read
    when used). Says on stderr when the content has problems, since figures may look odd."""
    from tutor.content.loader import has_errors, load_course

    root = content_root_for(args)
    course, findings = load_course(root)
    if has_errors(findings):
        # Progress is keyed by ids, so it still makes sense; say why figures may look odd.
        from tutor.content.sanitize import clean_line

        where = clean_line(str(root))  # a folder's name is the pack's choice too
        print(f"note: the content in {where} has problems; `tutor check {where}` lists them.", file=sys.stderr)
    return course


def open_store_for(args: Any, command: str) -> ProgressStore:
    """The learner's progress store (--data-dir, else $TUTOR_HOME, else the user data folder);
    a damaged file that was moved aside is reported on stderr before the command goes on."""
    from tutor.progress import open_store

    store = open_store(getattr(args, "data_dir", None))
    if store.notice:
        print(f"tutor {command}: {store.notice}", file=sys.stderr)
    return store


def database_exists(args: Any) -> bool:
    from tutor.progress import DB_FILENAME, resolve_data_dir

    return (resolve_data_dir(getattr(args, "data_dir", None)) / DB_FILENAME).exists()


def reading_store_for(args: Any, command: str) -> ProgressStore:
    """The learner's store for a command that only reads: when no database exists yet, an empty one
    in memory, so that looking creates no file."""
    from tutor.progress import memory_store

    return open_store_for(args, command) if database_exists(args) else memory_store()


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 record", "2 records"; `many` for irregular plurals ("quiz", "quizzes")."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
