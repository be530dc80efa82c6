"""The progress store is core: using it, or its commands, never loads Textual or Rich."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

USE_THE_STORE_AND_ITS_COMMANDS = """
import argparse, sys, tempfile
from tutor.progress import open_store
from tutor.cli import progress as cli_progress

home = tempfile.mkdtemp()
with open_store(home) as store:
    store.record_lesson_opened("c", "l")
cli_progress.run_export(argparse.Namespace(data_dir=home, content=None, format="csv", output=None,
                                           course=None))
print("UI MODULES:", sorted(m for m in ("textual", "rich") if m in sys.modules), file=sys.stderr)
"""


def test_the_store_and_its_commands_never_import_textual_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", USE_THE_STORE_AND_ITS_COMMANDS], capture_output=True, text=True,
        cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "UI MODULES: []" in result.stderr
