"""What a course says beyond its lessons: the readiness check's settings and the pack's own words
(course.toml), and the timeline of rule changes (changes.toml). Plain data, like the rest of the model
(tutor/content/model.py, which names these too)."""

from __future__ import annotations

from datetime import date

from msgspec import Struct


class ChangeSource(Struct, frozen=True):
    title: str
    url: str
    checked: date
    section: str = ""


class Change(Struct, frozen=True):
    """A dated change of a platform's rules, and what of the course it affects (changes.toml)."""

    id: str
    platform: str
    title: str
    summary: str  # before / after, in plain words
    added: date  # when the entry was added to the pack: what is new to a learner
    lessons: tuple[str, ...]
    questions: tuple[str, ...]  # "quiz-id/question-id"
    source: ChangeSource
    announced: date | None = None
    effective: date | None = None  # when it took effect
    noticed: date | None = None  # when it was found, for a change the platform did not date
    precision: str = "day"  # "day", "month" or "year": how exactly its dates are known

    @property
    def when(self) -> date:
        """The date the timeline files it under: when it took effect, else when it was noticed."""
        found = self.effective or self.noticed
        assert found is not None  # the format requires one of them
        return found


class Readiness(Struct, frozen=True):
    """The readiness check's settings (course.toml's [readiness] table)."""

    questions_per_module: int = 3
    minutes: int | None = None  # a time limit, or None for none
    pass_mark: float | None = None  # None: the course's pass mark
    # Every module's share must reach it for "Ready": above one half, so that a module where half
    # the questions were missed is never ready (2 of 4 is 50%, 3 of 4 is 75%).
    module_floor: float = 0.6


class CourseTexts(Struct, frozen=True):
    """The pack's own words where the tutor names things (course.toml's [texts]): every face reads
    them from here. The defaults are neutral, for any pack; the shipped course sets its own."""

    readiness_check: str = "Am I ready?"  # the readiness check's name: its screen, the palette, the menus
    ready: str = "Ready"  # the verdict when the check is passed
    not_yet: str = "Not yet"  # the verdict otherwise
    high_risk: str = "a mistake the course marks as high-risk"  # what a high-risk question is, in words
    disclaimer: str = ("Every lesson lists its sources with the date they were checked: read them before you rely "
                       "on a rule.")  # on the welcome, in the plain mode and in the readiness report

    def verdict(self, passed: bool) -> str:
        return self.ready if passed else self.not_yet
