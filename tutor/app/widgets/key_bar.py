"""The key bar at the bottom of every screen: the bindings that apply now, each clickable.

One Static drawn from the screen's active bindings, instead of Textual's Footer, which mounts a
widget per key and recomposes them after the first frame: on the dashboard that recompose held
back the first frame's output by about 100 ms (docs/performance.md).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $footer-background;
        color: $footer-foreground;
        link-style: none;
        link-color: $footer-foreground;
        link-style-hover: reverse;
    }
    """

    _drawn: Text | None = None
    _key_color: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._theme_changed()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.draw()

    def _theme_changed(self, _theme: object = None) -> None:
        # Working out the theme's variables takes about a millisecond: once per theme, not per draw.
        variables = self.app.get_css_variables()
        self._key_color = next((c for c in (variables.get("footer-key-foreground", ""), variables.get("accent", ""))
                                if c.startswith("#")), None)
        self.draw()

    def draw(self) -> None:
        key_color = self._key_color
        line = Text(no_wrap=True, overflow="ellipsis")
        shown: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if binding.show and binding.action not in shown and key != palette:
                shown.add(binding.action)
                self._add(line, key, self.app.get_key_display(binding), binding.description, enabled, key_color)
        if self.app.ENABLE_COMMAND_PALETTE and palette in self.screen.active_bindings:
            self._add(line, palette, "^p", "palette", True, key_color)
        if line != self._drawn:  # bindings change often (every focus move) but keys rarely do
            self._drawn = line
            self.update(line, layout=False)  # always one line high: no new layout needed

    @staticmethod
    def _add(line: Text, key: str, display: str, description: str, enabled: bool, key_color: str | None) -> None:
        # The click action names one of our own bindings' keys: nothing from content gets here. It
        # sits on the description only: Textual gives clickable text the link colour, and the key
        # keeps its own.
        meta = {"@click": f"app.simulate_key({key!r})"} if enabled else {}
        line.append(f" {display} ", Style(bold=True, color=key_color if enabled else None, dim=not enabled))
        line.append(f"{description} ", Style(dim=not enabled, meta=meta))
