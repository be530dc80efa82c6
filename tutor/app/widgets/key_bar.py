"""The key bar at the bottom of every screen: the bindings that apply now, each clickable.

One line drawn from the screen's active bindings, instead of Textual's Footer, which mounts a
widget per key and recomposes them after the first frame: on the dashboard that recompose held
back the first frame's output by about 100 ms (docs/performance.md). When the line is too narrow,
the least important keys are left out whole, a word is never cut: the app's own (Quit), then
"↓ More", then the screen's keys from the last (each screen lists its keys most important first).
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widgets import Static

KEEP = ("question_mark",)  # keys the bar shows as long as any fits
DROP_BEFORE_OWN = ("down",)  # "↓ More": left out before any of the screen's own keys

# Keys are named one way everywhere: the bar, the help, the welcome and README.
KEY_NAMES = {
    "question_mark": "?", "escape": "Esc", "enter": "Enter", "space": "Space", "backspace": "Backspace",
    "tab": "Tab", "up": "↑", "down": "↓", "left": "←", "right": "→", "pageup": "PgUp", "pagedown": "PgDn",
    "home": "Home", "end": "End", "delete": "Del",
}


def key_label(key: str) -> str:
    """"?", "Esc", "PgDn", "Ctrl+Q", "F1", "→", "q"."""
    *modifiers, name = key.split("+")
    shown = KEY_NAMES.get(name) or (name.upper() if len(name) > 1 and name[0] == "f" and name[1:].isdigit()
                                    else name.capitalize() if modifiers else name)
    return "+".join([*(m.capitalize() for m in modifiers), shown])


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        link-style: none;
        link-color: $footer-foreground;
        link-style-hover: reverse;
    }
    """

    _items: tuple[tuple[str, str, str, bool], ...] = ()  # (key, shown key, description, enabled)
    _key_color: str | None = None
    _drawn: Text | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._theme_changed()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._collect()

    def _theme_changed(self, _theme: object = None) -> None:
        variables = self.app.get_css_variables()  # about a millisecond: once per theme, not per draw
        self._key_color = next((c for c in (variables.get("footer-key-foreground", ""), variables.get("accent", ""))
                                if c.startswith("#")), None)
        self._collect(force=True)

    def _collect(self, force: bool = False) -> None:
        items: list[tuple[str, str, str, bool]] = []
        shown: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        app_items: list[tuple[str, str, str, bool]] = []
        more: list[tuple[str, str, str, bool]] = []
        for key, (node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if binding.show and binding.action not in shown and key != palette:
                shown.add(binding.action)
                item = (key, self.app.get_key_display(binding), binding.description, enabled)
                (app_items if node is self.app else more if key in DROP_BEFORE_OWN else items).append(item)
        items += more + app_items
        if self.app.ENABLE_COMMAND_PALETTE and palette in self.screen.active_bindings:
            items.append((palette, key_label(palette), "Palette", True))
        if force or tuple(items) != self._items:  # bindings change often (every focus move), keys rarely
            self._items = tuple(items)
            self._draw()

    def on_resize(self, _event: events.Resize) -> None:
        self._draw()

    @property
    def keys(self) -> list[str]:
        """The descriptions of the keys on the bar now, in order (for tests and the help)."""
        return [description for _key, _shown, description, _enabled in self._items]

    def _draw(self) -> None:
        # Before its first layout the bar has no width yet: it spans the screen's (a dashboard built
        # after start-up, under the welcome, would otherwise show one frame of keys cut at the edge).
        line = self._line(self.size.width or self.app.size.width or 10_000)
        if line != self._drawn:
            self._drawn = line
            self.update(line, layout=False)  # always one line high: no new layout needed

    def _line(self, width: int) -> Text:
        items = list(self._items)
        while items and sum(len(f" {shown} {description} ") for _k, shown, description, _e in items) > width:
            # The least important key goes first, whole: the last of the screen's own, the palette
            # first of all; the help, which lists every key, goes last.
            droppable = [i for i, item in enumerate(items) if item[0] not in KEEP]
            items.pop(droppable[-1] if droppable else -1)
        line = Text(no_wrap=True)
        for key, shown, description, enabled in items:
            # The click action names one of our own bindings' keys: nothing from content gets here.
            # It sits on the description only: Textual gives clickable text the link colour.
            meta = {"@click": f"app.simulate_key({key!r})"} if enabled else {}
            line.append(f" {shown} ", Style(bold=True, color=self._key_color if enabled else None, dim=not enabled))
            line.append(f"{description} ", Style(dim=not enabled, meta=meta))
        return line
