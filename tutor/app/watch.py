"""Live content for authors: `tutor --content DIR --watch` and `tutor preview PATH [--watch]`.

A Textual worker waits on `watchfiles.awatch` (a Rust-backed watcher: no polling loop of our own)
for saves of the pack's own files and posts ContentChanged; the app hands it back here. A reload
reads the catalogue again (the catalogue cache parses only the files that changed), swaps it in,
and calls down into the screens that show the pack: the reader keeps its page, the quiz its
question, the dashboard its highlight. Then `tutor check` runs in a thread, and its findings are
shown in a panel (screens/findings.py) until they are fixed: every error of the pack, and the
warnings of the files saved since the start. A file with an error never reaches the screen: the
last good version stays there under the panel.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, cast

from msgspec import Struct

from tutor.app.context import TutorContext
from tutor.app.messages import ContentChanged, OpenLesson
from tutor.content.findings import ERROR, Finding
from tutor.content.sanitize import one_line

if TYPE_CHECKING:
    from textual.app import App

    from tutor.app.screens.findings import FindingsScreen
    from tutor.content.model import Course, Lesson, Quiz


class LiveOptions(Struct, frozen=True):
    """What the command line asked for: watch the pack, open one file of it at start."""

    watch: bool = False
    preview: Path | None = None  # a lessons/*.md or quizzes/*.toml of the pack, resolved
    step_ms: int = 50  # a save counts once the folder has been quiet this long (editors write in steps)
    debounce_ms: int = 400  # a burst of changes is never gathered longer than this


class LiveContent:
    """The app's live side: the watcher, what a save reloads, and the findings panel."""

    def __init__(self, app: App[int], options: LiveOptions) -> None:
        self.app = app
        self.tutor = cast(TutorContext, app)
        self.options = options
        self.root = self.tutor.course.root
        self._stop = threading.Event()  # watchfiles checks it between steps, from its thread
        self._saved: set[Path] = set()  # files saved since the start: their warnings are shown too
        self._generation = 0  # one per reload; a check's result is shown only for the latest
        self._hidden_at = -1  # the generation at which the author hid the panel
        self._told: set[tuple[Path, str, str]] = set()  # warnings told already: never told again
        self.panel: FindingsScreen | None = None
        self.waiting_for_preview = options.preview is not None

    def start(self) -> None:
        if self.options.watch:
            self.app.run_worker(self._watch(), group="live-watch", exit_on_error=False)
            self._check()  # what is wrong already is shown at once
        if self.waiting_for_preview:
            self.open_preview()

    def stop(self) -> None:
        """Let the watcher's thread return: the app waits for it as it exits."""
        self._stop.set()

    # -- watching ----------------------------------------------------------------------------

    def folders(self) -> list[Path]:
        """The folders whose files the pack reads, watched one level deep only: a pack may sit in a
        big folder (a checkout with a virtualenv) whose every subfolder would cost a watch."""
        wanted = [self.root, self.root / "lessons", self.root / "quizzes"]
        welcome = self.tutor.course.welcome
        if welcome is not None:
            wanted.append(welcome.parent)
        return list(dict.fromkeys(folder for folder in wanted if folder.is_dir()))

    def matters(self, _change: object, name: str) -> bool:
        """Whether a changed path is a file the pack reads (not an editor's swap or backup file)."""
        path = Path(name)
        if path.name.startswith("."):
            return False
        if path.parent == self.root / "lessons":
            return path.suffix == ".md"
        if path.parent == self.root / "quizzes":
            return path.suffix == ".toml"
        return path in (self.root / "course.toml", self.root / "changes.toml") or path == self.tutor.course.welcome

    async def _watch(self) -> None:
        from watchfiles import awatch

        async for changes in awatch(*self.folders(), watch_filter=self.matters, recursive=False,
                                    step=self.options.step_ms, debounce=self.options.debounce_ms,
                                    stop_event=self._stop):
            self.app.post_message(ContentChanged(frozenset(Path(name) for _change, name in changes)))

    # -- reloading -----------------------------------------------------------------------------

    def reload(self, paths: frozenset[Path]) -> None:
        """Show the pack as its files read now, and check it again."""
        from tutor.content.catalogue_cache import cache_file
        from tutor.content.loader import load_course

        self._generation += 1
        self._saved |= paths
        from tutor.app.screens.dashboard import DashboardScreen

        app, tutor = self.app, self.tutor
        course, findings = load_course(self.root, cache=cache_file(tutor.store.path.parent / "cache", self.root))
        course_file = self.root / "course.toml"
        # A broken course.toml would make the folder's name the course id (other progress) and
        # lose the module order: keep the course as it was until the file is fixed.
        if not any(f.path == course_file and f.severity == ERROR for f in findings):
            tutor.course = course
            app.title = course.title
        self._reload_screens(tutor.course, paths)
        dashboard = app.screen_stack[0]
        if isinstance(dashboard, DashboardScreen):
            dashboard.refresh_progress()
        if self.waiting_for_preview:
            self.open_preview()
        self._check()

    def _reload_screens(self, course: Course, paths: frozenset[Path]) -> None:
        from tutor.app.screens.quiz import QuizScreen
        from tutor.app.screens.reader import ReaderScreen
        from tutor.content.quiz_format import read_quiz_file

        for screen in self.app.screen_stack:
            if isinstance(screen, ReaderScreen):
                # Every reader: a quiz or another lesson saved may change its buttons and links.
                lesson = lesson_at(course, screen.lesson.path)
                if lesson is not None:
                    screen.reload(lesson)
            elif isinstance(screen, QuizScreen) and screen.quiz.path in paths:
                # A quiz whose own fields broke keeps its last good version on screen; one whose
                # questions broke keeps theirs (QuizScreen.reload), so the author keeps her place.
                quiz = quiz_at(course, screen.quiz.path)
                if quiz is not None:
                    screen.reload(quiz, read_quiz_file(screen.quiz.path).question_ids)

    def open_preview(self) -> None:
        """Open the file `tutor preview` names: the reader for a lesson, the quiz for a quiz. Until
        it can be shown (it has an error), the app waits on the dashboard with the findings."""
        from tutor.app.screens.quiz import QuizScreen

        app, target = self.app, self.options.preview
        assert target is not None
        lesson = lesson_at(self.tutor.course, target)
        quiz = quiz_at(self.tutor.course, target) if lesson is None else None
        if lesson is not None:
            app.post_message(OpenLesson(lesson.id))
        elif quiz is not None and quiz.questions:
            while len(app.screen_stack) > 1:
                app.pop_screen()
            app.push_screen(QuizScreen(quiz, seed=self.tutor.seed))
        else:
            if not self.options.watch:
                app.notify(f"{target.name} cannot be shown: run `tutor check {target}` for its problems.",
                           severity="error", timeout=15, markup=False)
            return
        self.waiting_for_preview = False

    # -- checking ------------------------------------------------------------------------------

    def _check(self) -> None:
        generation = self._generation
        self.app.run_worker(lambda: self._run_check(generation), thread=True, group="live-check",
                            exit_on_error=False)

    def _run_check(self, generation: int) -> None:
        from tutor.content.loader import check_pack

        _course, findings = check_pack(self.root)
        self.app.call_from_thread(self.show_findings, generation, findings)

    def show_findings(self, generation: int, findings: list[Finding]) -> None:
        """Show what the check of this generation found, unless a newer save is being checked: the
        errors (and the warnings of the files saved) in the panel, which never hides the page; warnings
        alone in a notice, each one once."""
        from tutor.app.screens.findings import FindingsScreen

        if generation != self._generation:
            return
        errors = [f for f in findings if f.severity == ERROR]
        warnings = [f for f in findings if f.severity != ERROR and f.path in self._saved]
        new = [f for f in warnings if (f.path, f.message, f.hint) not in self._told]
        self._told |= {(f.path, f.message, f.hint) for f in warnings}
        shown = [f for f in findings if f in errors or f in warnings] if errors else []
        panel = self.panel if self.panel is not None and self.panel in self.app.screen_stack else None
        if panel is not None:
            panel.show(shown)  # it closes itself when no error is left
        elif shown and self._hidden_at != generation:
            self.panel = FindingsScreen(shown, self.root)
            self.app.push_screen(self.panel, self._closed)
        if not shown:
            self.panel = None
            if new:
                self._tell(new)

    def _tell(self, warnings: list[Finding]) -> None:
        """New warnings, when there is no error: a notice in the corner, the page in full view."""
        first = warnings[0]
        try:
            where = first.path.relative_to(self.root)
        except ValueError:
            where = first.path
        more = f" (and {len(warnings) - 1} more: `tutor check` lists them)" if len(warnings) > 1 else ""
        self.app.notify(one_line(f"{where}:{first.line}: {first.message}{more}"), title="tutor check: a warning",
                        severity="warning", timeout=12, markup=False)

    def _closed(self, hidden: bool | None) -> None:
        if hidden:  # the author hid it: shown again after the next save
            self._hidden_at = self._generation
            self.panel = None


def lesson_at(course: Course, path: Path) -> Lesson | None:
    """The course's lesson read from this file (a lesson is followed by its file: its id may change)."""
    return next((lesson for lesson in course.lessons.values() if lesson.path == path), None)


def quiz_at(course: Course, path: Path) -> Quiz | None:
    quiz_id = next((qid for qid, (where, _lesson) in course.quiz_index.items() if where == path), None)
    return course.quiz(quiz_id) if quiz_id is not None else None
