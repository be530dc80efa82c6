"""The wheel's build hook: the shipped course's catalogue, parsed once when the wheel is built, goes into
the wheel beside the course (tutor/_course/.catalogue.json), so that a learner's first start reads it
instead of parsing TOML (tutor/content/catalogue_cache.py, docs/performance.md). An editable install
runs the checkout's course, which is parsed as any pack is, and gets none."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueSeed(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)  # this tree's tutor, whatever else the build environment holds
        try:
            from tutor.content.catalogue_cache import SEED
            from tutor.content.catalogue_seed import write_seed
        finally:
            sys.path.remove(self.root)
        self._folder = tempfile.mkdtemp(prefix="tutor-seed-")
        target = Path(self._folder) / SEED
        write_seed(Path(self.root), target)
        build_data["force_include"][str(target)] = f"tutor/_course/{SEED}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
