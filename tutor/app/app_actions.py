"""The App's own commands: the palette's system commands, help, saving the readiness report, reset,
a screenshot, and telling the learner when the pack has problems (the same check `tutor check` runs)."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from tutor.app import messages
from tutor.app.navigation import Navigation
from tutor.content.findings import ERROR
from tutor.progress import ProgressStoreError


def saved_notice(what: str, path: Path) -> str:
    """"Report saved: NAME" and, on a line of its own, the folder: a notice is narrow, and a path
    folded in the middle of a name reads wrong (issue 24). The home folder is written ~."""
    folder = path.parent
    with suppress(ValueError):
        folder = Path("~") / folder.relative_to(Path.home())
    return f"{what}: {path.name}\nin {folder}"


class AppActions(Navigation):
    def action_help(self) -> None:
        """Show the keys and what each screen does."""
        from tutor.app.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def toggle_high_contrast(self) -> None:
        """The high-contrast colours on, or back to the default ones: remembered, like any theme."""
        from tutor.app.themes import HIGH_CONTRAST

        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    def action_reset_progress(self) -> None:
        """Erase this course's progress after confirmation (a backup copy is kept)."""
        from tutor.app.screens.dialogs import ConfirmScreen

        def reset(confirmed: bool | None) -> None:
            if confirmed:
                try:
                    backup = self.store.reset(self.course.id)
                except ProgressStoreError as exc:
                    self.store_failed(exc, always=True)
                    return
                self.go_to_dashboard()
                self.dashboard.refresh_progress()
                self.notify("Progress reset. " + saved_notice("A copy of the old progress is kept", backup)
                            + "\n(`tutor reset --list` lists the copies and how to put one back)",
                            timeout=12, markup=False)

        self.push_screen(ConfirmScreen("Erase all your progress in this course? A backup copy is kept.",
                                       confirm="Reset"), reset)

    def action_screenshot(self, *_ignored: object) -> None:
        """Save an SVG picture of the screen in the progress folder, and say where. (Textual's own
        takes a file name and folder; nothing from outside chooses ours.) Written whole, like every
        file tutor keeps (tutor/progress/output.py)."""
        from datetime import datetime

        from tutor.progress.output import write_output

        folder = self.store.path.parent / "screenshots"
        saved = folder / f"tutor-{datetime.now():%Y%m%d-%H%M%S-%f}.svg"
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_output(saved, self.export_screenshot())
        except OSError as exc:
            self.notify(f"The screenshot could not be saved in {folder}: {exc.strerror or exc}",
                        severity="error", markup=False)
            return
        self.notify(saved_notice("Screenshot saved", Path(saved)), timeout=10, markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own list, less "Keys" (our Help shows every key) and with our screenshot.
        yield SystemCommand("Help", "Show the keys and what each screen does", self.action_help)
        yield SystemCommand("High contrast", "White on black, the clearest colours (choose it again to go back)",
                            self.toggle_high_contrast)
        yield SystemCommand(self.course.texts.readiness_check, "Take the readiness check: questions from every module",
                            lambda: self.post_message(messages.StartReadiness()))
        yield SystemCommand("Reviews", "Answer the questions that are due again",
                            lambda: self.post_message(messages.StartReviews()))
        yield SystemCommand("Rule changes", "The timeline of the platforms' rule changes this course follows",
                            lambda: self.post_message(messages.ShowChanges()))
        if self.course.guide_files:
            yield SystemCommand("Something already went wrong?", "Guides: what happened, how serious it is, what to "
                                "do now, and a message to support", lambda: self.post_message(messages.OpenGuide()))
        yield SystemCommand("Save readiness report", "Save your latest readiness result as a report to keep",
                            self.save_report)
        yield SystemCommand("Theme", "Change the colours (your choice is remembered)", self.action_change_theme)
        yield SystemCommand("Reset progress", "Erase your progress in this course (a backup is kept)",
                            self.action_reset_progress)
        yield SystemCommand("Screenshot", "Save a picture of this screen in your progress folder",
                            lambda: self.set_timer(0.1, self.action_screenshot))
        yield SystemCommand("Quit", "Quit the tutor (your progress is saved)", self.action_quit)

    def on_save_report(self, _message: messages.SaveReport) -> None:
        self.save_report()

    def save_report(self) -> None:
        """Write the latest readiness result as an HTML report in the progress folder; say where."""
        from tutor.progress.readiness_check import finished_result
        from tutor.progress.report import keep_report

        try:
            found = finished_result(self.course, self.store)
        except ProgressStoreError as exc:
            self.store_failed(exc, always=True)
            return
        if found is None:
            self.notify("There is no finished readiness check to report yet.", severity="warning")
            return
        attempt, result = found
        folder = self.store.path.parent / "reports"
        try:
            learner = self.store.learner()
            target = keep_report(folder, "html", self.course, attempt, result,
                                 learner.describe() if learner else None)
        except OSError as exc:
            self.notify(f"The report could not be saved in {folder}: {exc.strerror or exc}. Nothing was written.",
                        severity="error", markup=False)
            return
        self.notify(saved_notice("Report saved", target) + "\nOpen it in a browser to read or print it; "
                    "`tutor report` writes it as Markdown or JSON too.", timeout=15, markup=False)

    def _count_problems(self) -> None:
        from tutor.content.loader import PACKAGED

        # The wheel's own course was checked before it was released (CI runs `tutor check --strict` on
        # it) and is not the learner's to edit: a first start does not check it again (a second of CPU
        # and 5 MiB at the peak, docs/performance.md). A checkout's course, or any pack, is checked.
        if self.course.root == PACKAGED:
            return
        self.run_worker(self._check_pack, thread=True, exit_on_error=False, group="check")

    def _check_pack(self) -> None:
        import zlib
        from datetime import date

        from tutor.content.check_cache import checked_errors

        root = self.course.root

        def check() -> int:
            from tutor.content.loader import check_pack

            _course, findings = check_pack(root)
            return sum(f.severity == ERROR for f in findings)

        # Counted again only when a file of the pack changed (tutor/content/check_cache.py).
        record = self.store.path.parent / "cache" / f"check-{zlib.crc32(str(root).encode()):08x}.json"
        errors = checked_errors(record, root, date.today(), check)
        if errors:
            self.call_from_thread(self._tell_problems, errors)

    def _tell_problems(self, errors: int) -> None:
        self.notify(f"{errors} problem{'s' * (errors != 1)} in this course's files: what they affect is left out. "
                    f"Run {self.check_command()} for the list.", severity="warning", timeout=12, markup=False)
