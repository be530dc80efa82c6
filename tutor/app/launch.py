"""Start the app from the command line: open the store, report what cannot start, run."""

from __future__ import annotations

import sys
from pathlib import Path


def launch(content_root: Path, data_dir: str | None) -> int:
    from tutor.progress import ProgressStoreError, open_store

    try:
        store = open_store(data_dir)
    except ProgressStoreError as exc:
        print(f"tutor: {exc}", file=sys.stderr)
        return 1
    from tutor.app.app import create_app

    with store:
        app = create_app(content_root, store)
        if not app.course.lessons:
            print(f"tutor: no lessons could be loaded from {content_root}; run `tutor check {content_root}`",
                  file=sys.stderr)
            return 1
        app.run()
    return app.return_code or 0
