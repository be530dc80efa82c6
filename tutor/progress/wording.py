"""How the tutor words what a learner reads in more than one place: a rule's source, a score, a
verdict. One function per thing, used by the app, the command line and the plain mode, so the
same fact never reads two ways. Plain strings: each face adds its own styling."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.content.model import Source


def source_line(source: Source) -> str:
    """'Upwork Help: Circumvention, Penalties (checked 2026-11-24)'; the section is left out when
    the lesson gives none."""
    where = f"{source.title}, {source.section}" if source.section else source.title
    return f"{where} (checked {source.checked.isoformat()})"


def number(value: float) -> str:
    """A count of points as a learner reads it: whole numbers as they are, else one decimal."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def percent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def score_text(score: float, total: float) -> str:
    """'7 of 10 (70%)', '7.8 of 10 (78%)'."""
    share = score / total if total else 0.0
    return f"{number(score)} of {number(total)} ({percent(share)})"
