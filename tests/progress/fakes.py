"""Stand-ins for the store's tests: a clock that moves only when told, and a course built directly
from the model's dataclasses, so no content files are needed."""

from __future__ import annotations

from pathlib import Path

from tutor.content.model import Course, Lesson, Module

COURSE_ID = "demo"


class FakeClock:
    """A clock that only moves when told to, so timestamps and their order are exact."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:  # 2027-01-15, UTC
        self.now = now

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 1.0) -> float:
        self.now += seconds
        return self.now


def make_course(course_id: str = COURSE_ID) -> Course:
    """Two modules: "basics" (intro + rules, each with a quiz named in its front matter) and
    "money" (payments without a quiz; fees, whose quiz names the lesson instead)."""
    root = Path("/nonexistent/demo-pack")  # never read: the store only uses ids

    def lesson(lesson_id: str, module: str, order: int, quiz: str | None) -> Lesson:
        return Lesson(
            id=lesson_id, title=lesson_id.title(), module=module, order=order, minutes=5,
            summary="", sources=(), path=root / "lessons" / f"{lesson_id}.md", quiz=quiz,
        )

    lessons = [
        lesson("intro", "basics", 1, "intro-quiz"),
        lesson("rules", "basics", 2, "rules-quiz"),
        lesson("payments", "money", 1, None),
        lesson("fees", "money", 2, None),
    ]
    quiz_index = {
        "intro-quiz": (root / "quizzes" / "intro-quiz.toml", "intro"),
        "rules-quiz": (root / "quizzes" / "rules-quiz.toml", "rules"),
        "fees-quiz": (root / "quizzes" / "fees-quiz.toml", "fees"),
    }
    return Course(
        id=course_id,
        title="Demo course",
        root=root,
        modules=(
            Module("basics", "The basics", ("intro", "rules")),
            Module("money", "Money", ("payments", "fees")),
        ),
        lessons={item.id: item for item in lessons},
        quiz_scanner=lambda: dict(quiz_index),
    )
