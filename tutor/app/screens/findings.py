"""The panel of problems `tutor check` finds while an author edits a pack with `--watch`.

It opens at the foot of whatever screen is shown, which stays in sight above it with the last good
version of the file, and closes by itself once a save leaves no error (warnings alone are told in a
notice instead, each once: tutor/app/watch.py). The findings quote the pack's content, so
they reach the screen as Text, never as markup, each part cleaned to one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tutor.app.base import TutorModal
from tutor.content.findings import ERROR, Finding
from tutor.content.sanitize import one_line


def findings_view(findings: Sequence[Finding], root: Path) -> Group:
    """The findings grouped by file, in the check's order: place, severity, then the message with
    its hint below it, wrapped under the message rather than under the place."""
    parts: list[RenderableType] = []
    for path, group in groupby(findings, key=lambda finding: finding.path):
        try:
            where = path.relative_to(root)
        except ValueError:
            where = path
        if parts:
            parts.append(Text(""))
        parts.append(Text(one_line(str(where)), style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for finding in group:
            said = Text(one_line(finding.message))
            if finding.hint:
                said.append(f"\nhint: {one_line(finding.hint)}", style="dim")
            severity = Text(finding.severity, style="bold" if finding.severity == ERROR else "italic")
            grid.add_row(Text(f"{finding.line}:{finding.col}"), severity, said)
        parts.append(grid)
    return Group(*parts)


def summary(findings: Sequence[Finding]) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    warnings = len(findings) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return " and ".join(parts)


class FindingsScreen(TutorModal[bool]):
    """What `tutor check` says about the pack now. It closes by itself once nothing is left (False),
    or when the author hides it with Esc (True) until the next save."""

    # The page stays in sight above the panel (no dimmed backdrop, at most 40% of the height): the
    # last good version is what the author compares her fix with.
    DEFAULT_CSS = """
    FindingsScreen { align: center bottom; }
    FindingsScreen > Vertical {
        width: 100%; height: auto; max-height: 40%;
        padding: 0 1; border: thick $error; background: $surface;
    }
    FindingsScreen VerticalScroll { height: auto; max-height: 1fr; }
    FindingsScreen #findings-end { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [*TutorModal.BINDINGS, Binding("escape", "hide", "Hide", tooltip="hide until the next save")]

    def __init__(self, findings: Sequence[Finding], root: Path) -> None:
        super().__init__()
        self.findings = list(findings)
        self.root = root

    def compose(self) -> ComposeResult:
        with Vertical(id="findings-box") as box:
            box.border_title = self._title()
            with VerticalScroll():
                yield Static(findings_view(self.findings, self.root), id="findings-list")
            yield Static(Text("Fix the file and save it: the app shows it as soon as it has no error, and this "
                              "panel closes when nothing is left. Esc hides it until the next save."),
                         id="findings-end")

    def on_mount(self) -> None:
        # See-through, so the page stays in sight: inline, since the app's `Screen` rule (app.tcss)
        # outranks a screen's DEFAULT_CSS.
        self.styles.background = Color(0, 0, 0, 0)

    def _title(self) -> Text:
        return Text(f" tutor check: {summary(self.findings)} ", style="bold")

    def show(self, findings: Sequence[Finding]) -> None:
        """Show these findings instead of the ones shown; with none left, close (at once, or when a
        screen opened over this one closes)."""
        self.findings = list(findings)
        if not self.findings:
            if self.is_current:
                self.dismiss(False)
            return
        if not self.query("#findings-list"):
            return  # not composed yet: compose shows these
        self.query_one("#findings-box", Vertical).border_title = self._title()
        self.query_one("#findings-list", Static).update(findings_view(self.findings, self.root))

    def on_screen_resume(self) -> None:
        if not self.findings:
            self.dismiss(False)

    def action_hide(self) -> None:
        """Hide the problems until the next save."""
        self.dismiss(True)
