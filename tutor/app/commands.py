"""Command palette entries: go to a lesson, take or retake its quiz.

Lesson titles and summaries come from the pack, so they are handed to the palette as Content,
never as strings: the palette parses strings as markup, where `[@click=...]` would run an action
and `[link=...]` would send a terminal hyperlink (docs/architecture.md, safety boundaries). They are
matched by the bounded matcher and cut for display (tutor/app/palette_match.py): a pack's titles
can be of any length.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import cast

from textual.command import DiscoveryHit, Hit, Hits
from textual.content import Content

from tutor.app.context import TutorContext
from tutor.app.messages import OpenLesson, TakeQuiz
from tutor.app.palette_match import BoundedMatching, shown


class LessonCommands(BoundedMatching):
    """"Go to lesson ...", and "Take quiz ..." or "Retake quiz ..." for every lesson of the course."""

    def entries(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app, tutor = self.app, cast(TutorContext, self.app)
        course = tutor.course
        taken = {}
        with tutor.keep_going():
            taken = tutor.store.quiz_scores(course.id)
        for lesson in course.ordered_lessons():
            opened = OpenLesson(lesson.id, keep_trail=True, glance=False)  # chosen: Continue follows it
            # One line each, no description under it: a dozen lessons fit in the palette, not five.
            yield (f"Go to lesson: {lesson.title}", partial(app.post_message, opened), "")
            quiz_id = course.quiz_id_for(lesson.id)
            if quiz_id:
                verb = "Retake quiz" if quiz_id in taken else "Take quiz"
                yield (f"{verb}: {lesson.title}", partial(app.post_message, TakeQuiz(lesson.id)), "")

    async def discover(self) -> Hits:
        for name, command, help_text in self.entries():
            yield DiscoveryHit(Content(shown(name)), command, text=name,
                               help=Content(shown(help_text)) if help_text else None)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self.entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, text=name,
                          help=Content(shown(help_text)) if help_text else None)  # type: ignore[arg-type]
