"""One module per screen, each with its styles in a .tcss file beside it."""

from __future__ import annotations

from pathlib import Path


def styles(module_file: str) -> str:
    """The .tcss file beside a screen's module, for the screen's DEFAULT_CSS.

    Textual adds a widget's DEFAULT_CSS to the stylesheet when the widget is first mounted and
    parses only that new text. A screen's own CSS_PATH instead makes it re-parse every stylesheet
    of the app, the first time the screen is shown (docs/performance.md). Each file nests its rules
    under the screen's type, so they apply to that screen only.
    """
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
