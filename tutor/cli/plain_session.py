"""The plain mode's session: the menu, lessons page by page, progress, rule changes and the report;
the runs of questions come from plain_runs.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tutor.cli.common import CommandError, Exit
from tutor.cli.plain_guides import PlainGuides
from tutor.cli.plain_io import EndOfInput, Quit, choice_parser, command_parser
from tutor.cli.plain_runs import PlainRuns

if TYPE_CHECKING:
    from tutor.content.model import Lesson


class PlainSession(PlainRuns, PlainGuides):
    """`tutor --plain`: the menu and everything it leads to."""

    # -- the menu ---------------------------------------------------------------------------

    def menu(self) -> int:
        from tutor.progress.rule_changes import open_course

        io = self.io
        io.say(f"{self.course.title}")
        self._welcome()
        io.say("Type help at any prompt, quit to stop; your progress is saved after every answer.")
        news = open_course(self.course, self.store)
        if news.announced:
            since = f" since {news.since.astimezone():%-d %B %Y}" if news.since else ""
            io.say(f"Note: {len(news.announced)} rule{'s' * (len(news.announced) != 1)} you studied changed{since}. "
                   "Choose Rule changes to read what changed.")
        try:
            while True:
                actions = self._menu_actions()
                io.say("")
                io.say("What would you like to do?")
                for number, (label, _action) in enumerate(actions, 1):
                    io.say(f"  {number}. {label}")
                labels = [label for label, _ in actions]
                [index] = io.ask("Type a number:", choice_parser(len(actions), labels, what="choice"),
                                 "Type the number of what you want to do, then Enter. quit stops.")
                actions[index][1]()
        except (EndOfInput, Quit):
            io.say("Your progress is saved. Goodbye.")
        return Exit.OK

    def _welcome(self) -> None:
        """What the app's welcome says, in lines: the pack's description, its welcome file, its
        disclaimer and when it was last reviewed."""
        from tutor.content.document import build_document
        from tutor.content.document_plain import plain_text

        course, io = self.course, self.io
        if course.description:
            io.say(course.description)
        welcome = course.welcome_text()
        if welcome.strip():
            io.say(plain_text(build_document(welcome)))
        checked = course.last_checked()
        io.say(course.texts.disclaimer + (f" Last reviewed against its sources on {checked.isoformat()}."
                                          if checked else ""))

    def _readiness_label(self) -> str:
        """As the dashboard says it: a check left half-way, or what the last verdict rests on."""
        from tutor.progress.course_progress import unfinished
        from tutor.progress.wording import readiness_line, unfinished_line

        left = unfinished(self.store, self.course.id)
        if left is not None:
            return unfinished_line(*left, how="choose this to go on")
        checks = self.store.readiness_attempts(self.course.id)
        last = f" (last: {readiness_line(checks[-1], self.course.texts)})" if checks else ""
        return f"Readiness check: {self.course.texts.readiness_check}{last}"

    def _menu_actions(self) -> list[tuple[str, Callable[[], object]]]:
        from tutor.progress.course_progress import next_step, read_progress
        from tutor.progress.scheduling import review_outlook
        from tutor.progress.wording import reviews_text

        progress = read_progress(self.course, self.store)
        last = self.store.last_position(self.course.id)
        step = next_step(self.course, progress, last.lesson_id if last else None, last.page if last else 0)
        reviews = reviews_text(review_outlook(self.store, self.course.id))
        actions: list[tuple[str, Callable[[], object]]] = []
        if step is not None:
            title = self.course.lessons[step.lesson_id].title
            verb = {"quiz": "Take the quiz of", "continue": "Continue", "start": "Start"}[step.action]
            lesson = self.course.lessons[step.lesson_id]
            if step.action == "quiz":
                actions.append((f"{verb}: {title}", lambda: self.quiz(lesson)))
            else:
                actions.append((f"{verb}: {title}" + (f" (page {step.page + 1})" if step.action == "continue" else ""),
                                lambda: self.read(lesson, step.page)))
        actions += [
            ("Lessons: choose one to read", self.choose_lesson),
            ("Take a quiz", self.choose_quiz),
            (self._readiness_label(), self.readiness),
            (f"Reviews ({reviews[0].lower()}{reviews[1:]})", self.reviews),
            ("Progress", self.progress),
            ("Rule changes", self.changes),
            *([("Something already went wrong? Guides for what to do now", self.choose_guide)]
              if self.course.guide_files else []),
            ("Save the latest readiness report", self.report),
            ("Quit", self._quit),
        ]
        return actions

    @staticmethod
    def _quit() -> None:
        raise Quit

    def lesson(self, lesson_id: str) -> Lesson:
        from tutor.content.lesson_numbers import find_lesson

        lesson = find_lesson(self.course, lesson_id)
        if lesson is None:
            known = ", ".join(item.id for item in self.course.ordered_lessons())
            raise CommandError(f"no lesson {lesson_id!r}; the lessons are: {known}, or their numbers as the "
                               "dashboard shows them (1.1, 2.1, ...)", Exit.USAGE)
        return lesson

    def _pick_lesson(self, prompt: str, with_quiz: bool = False) -> Lesson | None:
        lessons = [item for item in self.course.ordered_lessons() if not with_quiz or self.course.quiz_id_for(item.id)]
        if not lessons:
            self.io.say("There is nothing to choose here.")
            return None
        for number, item in enumerate(lessons, 1):
            self.io.say(f"  {number}. {item.title} ({item.minutes} min)")
        [index] = self.io.ask(prompt, choice_parser(len(lessons), [item.title for item in lessons]),
                              "Type the number of a lesson, then Enter. quit stops.")
        return lessons[index]

    def choose_lesson(self) -> None:
        lesson = self._pick_lesson("Which lesson? Type its number:")
        if lesson is not None:
            self.read(lesson)

    def choose_quiz(self) -> None:
        lesson = self._pick_lesson("Whose quiz? Type the lesson's number:", with_quiz=True)
        if lesson is not None:
            self.quiz(lesson)

    # -- reading ----------------------------------------------------------------------------

    def read(self, lesson: Lesson, page: int | None = None) -> None:
        from tutor.content.document import build_document
        from tutor.content.document_plain import plain_page
        from tutor.progress.wording import source_line

        document = build_document(self.course.lesson_body(lesson))
        total = len(document)
        index = page if page is not None else self.store.lesson_states(self.course.id, [lesson.id])[lesson.id].page
        index = min(max(index, 0), total - 1)
        self.store.record_lesson_opened(self.course.id, lesson.id)
        while True:
            self.store.record_page_seen(self.course.id, lesson.id, index, total)
            self.io.say("")
            self.io.say(f"{lesson.title}: page {index + 1} of {total}")
            self.io.say(plain_page(document.page(index)))
            last = index == total - 1
            if last:
                self.io.say("Sources:")
                for source in lesson.sources:
                    self.io.say(f"- {source_line(source)}: {source.where}")
                self.io.say("That was the last page.")
            options = "Enter: next page, p: previous page, c: contents, q: the quiz, m: the menu"
            if last:
                options = "p: previous page, c: contents, q: the quiz, n: the next lesson, m: the menu"
            allowed = ("p", "c", "q", "n", "m") if last else ("", "p", "c", "q", "m")
            typed = self.io.ask(f"({options})", command_parser(allowed), f"{options}. help shows this, quit stops.")
            if typed == "" and not last:
                index += 1
            elif typed == "p" and index > 0:
                index -= 1
            elif typed == "c":
                for number, title in enumerate(document.toc(), 1):
                    self.io.say(f"  {number}. {title}")
                [index] = self.io.ask("Which page? Type its number:", choice_parser(total, document.toc()),
                                      "Type the number of a page.")
            elif typed == "q":
                if self.course.quiz_id_for(lesson.id):
                    self.quiz(lesson)
                else:
                    self.io.say("This lesson has no quiz.")
                return
            elif typed == "n" and last:
                following = self._next_lesson(lesson)
                if following is None:
                    self.io.say("That was the last lesson of the course.")
                    return
                lesson, document, index = following, build_document(self.course.lesson_body(following)), 0
                total = len(document)
                self.store.record_lesson_opened(self.course.id, lesson.id)
            elif typed == "m":
                return

    def _next_lesson(self, lesson: Lesson) -> Lesson | None:
        order = self.course.ordered_lessons()
        at = next(i for i, item in enumerate(order) if item.id == lesson.id)
        return order[at + 1] if at + 1 < len(order) else None

    def progress(self) -> None:
        from tutor.cli.progress import format_summary
        from tutor.progress.course_progress import read_progress
        from tutor.progress.scheduling import WEAK_SPOT_MISSES, review_outlook

        summary = self.store.summary(self.course)
        self.io.say(format_summary(summary, self.course, read_progress(self.course, self.store),
                                   review_outlook(self.store, self.course.id),
                                   len(self.store.weak_spots(self.course.id, WEAK_SPOT_MISSES))))

    def changes(self) -> None:
        from tutor.progress.rule_changes import timeline, when_text

        found = timeline(self.course)
        if not found:
            self.io.say("This course lists no rule changes.")
        for change in found:
            self.io.say("")
            self.io.say(f"{when_text(change)}, {change.platform}: {change.title}")
            self.io.say(change.summary)
            self.io.say(f"Source: {change.source.title} (checked {change.source.checked.isoformat()}), "
                        f"{change.source.url}")
        self.store.mark_changes_seen(self.course.id, [c.id for c in found])

    def report(self) -> None:
        from tutor.progress.readiness_check import finished_result
        from tutor.progress.report import keep_report

        found = finished_result(self.course, self.store)
        if found is None:
            self.io.say("There is no finished readiness check yet.")
            return
        attempt, result = found
        folder = self.store.path.parent / "reports"
        learner = self.store.learner()
        try:
            target = keep_report(folder, "md", self.course, attempt, result, learner.describe() if learner else None)
        except OSError as exc:
            self.io.say(f"The report could not be saved in {folder}: {exc.strerror or exc}. Nothing was written.")
            return
        self.io.say(f"Report saved: {target} (`tutor report --format html` writes one to print).")
