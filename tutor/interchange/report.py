"""What an export loses and what an import could not take: said in words, never silently.

An export's report lists every scenario flattened (and what a learner of the platform will not see),
every question left out, and every way the format's scoring or settings differ from the tutor's. An
import's report lists every question it could not take (its type, name and place in the file), what
was dropped from the ones it took, and the placeholders the author must complete.
"""

from __future__ import annotations

from msgspec import Struct, field


class Note(Struct, frozen=True):
    """One thing to say: `where` is a question ("quiz/question") or a place in a file ("line 12")."""

    where: str
    what: str
    details: tuple[str, ...] = ()


class ExportReport(Struct):
    format: str
    quizzes: int = 0
    questions: int = 0  # questions written to the file (a flattened scenario counts its steps)
    scenarios: int = 0  # scenarios flattened
    flattened: int = 0  # questions written for them
    losses: list[Note] = field(default_factory=list)  # per question
    format_notes: list[Note] = field(default_factory=list)  # per kind of question or setting

    def lose(self, where: str, what: str, *details: str) -> None:
        self.losses.append(Note(where, what, details))

    def note(self, where: str, what: str, *details: str) -> None:
        self.format_notes.append(Note(where, what, details))

    def render(self, output: str) -> str:
        head = (f"Exported {self.questions} question(s) from {self.quizzes} quiz(zes) to {output} ({self.format}); "
                f"{self.scenarios} scenario(s) flattened into {self.flattened} question(s).")
        lines = [head]
        if self.losses:
            lines += ["", "What a learner of the platform will not see, question by question:"]
            lines += _notes(self.losses)
        if self.format_notes:
            lines += ["", f"How {self.format} differs from the tutor:"]
            lines += _notes(self.format_notes)
        if not self.losses and not self.format_notes:
            lines.append("Nothing was lost.")
        return "\n".join(lines) + "\n"


class ImportReport(Struct):
    file: str
    questions: int = 0
    quizzes: int = 0
    skipped: list[Note] = field(default_factory=list)  # questions not taken
    changed: list[Note] = field(default_factory=list)  # taken, with something dropped or changed
    placeholders: list[Note] = field(default_factory=list)  # path:line: what to complete
    written: list[str] = field(default_factory=list)  # files written

    def skip(self, where: str, what: str, *details: str) -> None:
        self.skipped.append(Note(where, what, details))

    def change(self, where: str, what: str, *details: str) -> None:
        self.changed.append(Note(where, what, details))

    def render(self) -> str:
        lines = [f"Read {self.file}: {self.questions} question(s) taken into {self.quizzes} quiz(zes); "
                 f"{len(self.skipped)} left out."]
        if self.written:
            lines += ["", "Written:"] + [f"  {path}" for path in self.written]
        if self.skipped:
            lines += ["", "Left out (the tutor has no such question):"] + _notes(self.skipped)
        if self.changed:
            lines += ["", "Taken, with something dropped or changed:"] + _notes(self.changed)
        if self.placeholders:
            lines += ["", "To complete (`tutor check` reports each one until it is done):"] + _notes(self.placeholders)
        return "\n".join(lines) + "\n"


def _notes(notes: list[Note]) -> list[str]:
    lines = []
    for note in notes:
        lines.append(f"- {note.where}: {note.what}")
        lines += [f"    {detail}" for detail in note.details]
    return lines
