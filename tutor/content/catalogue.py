"""What loading a pack found, file by file: shared by the loader, which fills it, and the checks
across files, which judge it and place their findings with each file's report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tutor.content.course_format import CourseFile
from tutor.content.findings import Finding, Report
from tutor.content.model import Change, GuideEntry, Lesson

if TYPE_CHECKING:  # the formats that parse files: a start whose catalogue is kept loads neither
    from tutor.content.changes_format import ChangesRead
    from tutor.content.lesson_format import LessonFile


class Catalogue:
    """What loading found, with each file's report kept so later checks can place findings."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.course_file: CourseFile | None = None
        self.course_report: Report | None = None  # None when course.toml came from the cache
        self.listed_modules: tuple[tuple[int, str, str], ...] | None = None  # course.toml's, as read
        self.lessons: list[Lesson] = []  # the lessons the learner gets, in file order
        self.lesson_files: list[LessonFile] = []  # every lesson file parsed in this load
        self.quiz_files: list[Path] = []
        self.guide_files: list[Path] = []
        self.known_guides: dict[Path, GuideEntry | None] = {}  # the tops of guide files the cache kept
        self.changes: tuple[Change, ...] = ()
        self.changes_read: ChangesRead | None = None  # None when changes.toml came from the cache
