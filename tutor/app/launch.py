"""Start the app from the command line: open the store, report what cannot start, run."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.exit_codes import Exit

if TYPE_CHECKING:
    from tutor.app.watch import LiveOptions
    from tutor.progress import ProgressStore

NO_TERMINAL = ("tutor: the tutor's app needs a terminal (its input and output are not one here). Without a "
               "terminal, use `tutor read LESSON` to read a lesson, `tutor progress` for your progress, or "
               "`tutor --plain` for the whole course line by line.")


def launch(content_root: Path, data_dir: str | None, live: LiveOptions | None = None,
           start: tuple[str, str] | None = None) -> int:
    """Run the app; `start` opens it at ("quiz", lesson id) or ("readiness", "") instead of the dashboard;
    `live` watches the pack (for authors).

    Python's cycle collector is off until the first frame is drawn (the app turns it back on,
    TutorApp._after_first_frame): start-up builds hundreds of thousands of objects that live as
    long as the app and a thousand or so that are garbage, and a full collection among them cost a
    new learner's first frame 40 to 50 ms (docs/performance.md)."""
    gc.disable()
    try:
        return _launch(content_root, data_dir, live, start)
    finally:
        gc.enable()  # however the app ended, or never started


def _launch(content_root: Path, data_dir: str | None, live: LiveOptions | None,
            start: tuple[str, str] | None) -> int:
    from tutor.progress import DB_FILENAME, ProgressStoreError, open_store, resolve_data_dir

    terminal = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        if terminal and not _store_exists(resolve_data_dir(data_dir) / DB_FILENAME):
            store = _create_beside_import(data_dir)
        else:
            # A store that exists opens in 3 ms: a thread would cost more memory (its own
            # allocator arena) than it saves time.
            store = open_store(data_dir)
    except ProgressStoreError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return Exit.FAILED
    if not terminal:
        # The app draws a full-screen interface: into a file or a pipe it would write escape
        # codes and wait forever for keys. Say what works without a terminal instead.
        store.close()
        print(NO_TERMINAL, file=sys.stderr)
        return Exit.USAGE
    from tutor.app.app import create_app  # already imported if the store was created beside it

    with store:
        try:  # what the app reads and records before its first frame (the rule changes met)
            app = create_app(content_root, store, live=live)
        except ProgressStoreError as exc:
            print(f"tutor: {exc}", file=sys.stderr)
            return Exit.FAILED
        app.start_at = start
        if not app.course.lessons and not (live and live.watch):  # a watched pack may be fixed while it runs
            print(f"tutor: no lessons could be loaded from {content_root}; run `tutor check {content_root}`",
                  file=sys.stderr)
            return Exit.FAILED
        app.run()
    return app.return_code or 0


def _store_exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a folder it may not look in: opening the store says so, in words
        return True


def _create_beside_import(data_dir: str | None) -> ProgressStore:
    """A first start creates the store (its migrations, 10 to 20 ms of SQLite) while Textual is
    imported: SQLite works without Python's lock, so on two cores the two overlap instead of adding up."""
    from concurrent.futures import ThreadPoolExecutor

    from tutor.progress import open_store

    with ThreadPoolExecutor(max_workers=1) as pool:
        opening = pool.submit(open_store, data_dir)
        import tutor.app.app  # noqa: F401  (the App and Textual, while the store is created)

        return opening.result()
