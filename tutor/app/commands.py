"""Command palette entries: go to a lesson, retake a quiz."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class LessonCommands(Provider):
    """"Go to lesson ..." and "Retake quiz ..." for every lesson of the course."""

    def _entries(self):
        app = self.app
        for lesson in app.course.ordered_lessons():
            yield f"Go to lesson: {lesson.title}", partial(app.open_lesson, lesson.id), lesson.summary
            if app.course.quiz_id_for(lesson.id):
                yield f"Retake quiz: {lesson.title}", partial(app.take_quiz, lesson.id), "Answer its questions again"

    async def discover(self) -> Hits:
        for name, command, help_text in self._entries():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, command, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
