"""Run as a child process (as the learner): open the store in DATA_DIR, then try each ACTION
("write", "read"), printing one JSON line per step with what the learner would be told.

python -m tests.reliability.store_child DATA_DIR [ACTION...]
"""

from __future__ import annotations

import json
import sys

from tutor.progress import ProgressStoreError, open_store


def report(step: str, **fields: object) -> None:
    print(json.dumps({"step": step, **fields}), flush=True)


def failure(step: str, exc: ProgressStoreError) -> None:
    report(step, ok=False, error=type(exc).__name__, problem=exc.problem, message=str(exc))


def main(data_dir: str, actions: list[str]) -> None:
    try:
        store = open_store(data_dir)
    except ProgressStoreError as exc:
        failure("open", exc)
        return
    report("open", ok=True, notice=store.notice)
    with store:
        for action in actions:
            try:
                if action == "write":
                    store.record_answer("test-pack", "stay", "zoom-link", chosen=["join"], correct=False,
                                        score=0.0, seconds=3.0, content_hash="h" * 16)
                    report(action, ok=True)
                elif action == "read":
                    report(action, ok=True, rows=len(store.export_rows()))
                else:
                    raise SystemExit(f"unknown action {action!r}")
            except ProgressStoreError as exc:
                failure(action, exc)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
