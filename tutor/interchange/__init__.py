"""Interchange with learning platforms: a pack's quizzes out as Moodle XML, GIFT or a QTI 2.1 package,
and Moodle XML or GIFT question banks in as a pack's quizzes (docs/lms.md).

At the edge, beside the core: these modules read and write the model (tutor/content/model.py) through
a question bank (bank.py), and the core never imports them (import-linter contract). One module per
format; flatten.py turns scenarios into questions, report.py says what was lost or left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from tutor.content.model import Course
from tutor.interchange.bank import Bank
from tutor.interchange.report import ExportReport, ImportReport
from tutor.interchange.safe_xml import UnsafeFile, read_bounded

__all__ = ["EXPORT_FORMATS", "ExportReport", "ImportReport", "UnsafeFile", "export_quizzes", "import_bank",
           "read_bank"]


class Format(Struct, frozen=True):
    name: str
    suffix: str


EXPORT_FORMATS = {
    "moodle-xml": Format("Moodle XML", ".xml"),
    "gift": Format("GIFT", ".gift"),
    "qti21": Format("QTI 2.1 content package", ".zip"),
    "anki": Format("Anki deck", ".apkg"),  # of the questions the learner missed: tutor/interchange/anki.py
}


def course_quiz_ids(course: Course) -> list[str]:
    """Every quiz of the pack: the lessons' quizzes in course order, then any other, by id."""
    ordered = [qid for lesson in course.ordered_lessons() if (qid := course.quiz_id_for(lesson.id))]
    return ordered + sorted(set(course.quiz_index) - set(ordered))


def export_quizzes(course: Course, quiz_ids: Sequence[str], fmt: str) -> tuple[bytes, ExportReport]:
    """The quizzes in `fmt` (moodle-xml, gift or qti21), and what the format loses of them."""
    from tutor.interchange.flatten import course_bank

    report = ExportReport(EXPORT_FORMATS[fmt].name)
    bank = course_bank(course, quiz_ids, report)
    if fmt == "moodle-xml":
        from tutor.interchange import moodle_xml

        return moodle_xml.write(bank, report), report
    if fmt == "gift":
        from tutor.interchange import gift

        return gift.write(bank, report), report
    if fmt == "qti21":
        from tutor.interchange import qti21

        qti21.describe(bank, report)
        return qti21.write(bank, course.id), report
    raise ValueError(f"{fmt} is written from the learner's progress (tutor/interchange/anki.py), not by export_quizzes")


def read_bank(path: Path) -> tuple[Bank, ImportReport]:
    """The questions of a Moodle XML or GIFT file (told apart by their first character), read whole
    before anything is written; UnsafeFile when the file is refused."""
    data = read_bounded(path)
    report = ImportReport(str(path))
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        from tutor.interchange import moodle_xml

        return moodle_xml.read(data, path.name, report), report
    from tutor.interchange import gift

    return gift.read(data, path.name, report), report


def import_bank(path: Path, root: Path) -> ImportReport:
    """Read `path` whole, then write its questions into the pack at `root` (created if needed):
    all the files or none."""
    from tutor.interchange import pack_writer

    bank, report = read_bank(path)
    planned = pack_writer.plan(bank, root, report, path.name)
    if planned.files:
        pack_writer.write(planned, root, report)
    return report
