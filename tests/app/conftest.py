"""App tests run against a small fixed pack and a progress store in a temporary folder."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from tutor.app.app import create_app
from tutor.progress import open_store

PACK = Path(__file__).resolve().parent.parent / "fixtures" / "pack"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "progress"


@pytest.fixture
def make_app(data_dir):
    """Build the app the way the CLI does; every app shares the test's progress folder."""
    stores = []

    def build(pack: Path = PACK, welcome_seen: bool = True, clock=None):
        store = open_store(data_dir, clock=clock) if clock is not None else open_store(data_dir)
        stores.append(store)
        app = create_app(pack, store)
        if welcome_seen:
            store.set_setting(app.welcome_key, True)
        return app

    yield build
    for store in stores:
        store.close()


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    console = Console(width=400, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.export_text()


def plain(renderable, width: int = 200) -> str:
    """A renderable (an option's prompt, say) as plain text, its lines joined by single spaces."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return " ".join(console.export_text().split())


def toasts(app) -> list[str]:
    """The notices on screen, as the learner reads them (the app run with notifications=True)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
