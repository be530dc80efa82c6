"""A story told in steps, as far as the learner has walked it: each step, the choice taken there and
(outside an exam) what it led to, then the step now. The same lines for a scenario question
(QuestionPanel) and a guide (GuideScreen): one shape, drawn once. Pack text is Text, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from tutor.app.widgets.lesson_page import hanging
from tutor.content.model import Option, Step


def story_text(walked: Sequence[tuple[Step, Option]], current: str | None = None,
               consequences: bool = True) -> RenderableType:
    """The steps walked, with "You: ..." under each, and the current step's text in bold; each
    wrapped under its own words (a hanging indent), one blank line between steps and none after the
    last, so an ending's feedback follows at once (issue 24: four or five empty lines sat there)."""
    lines: list[RenderableType] = []
    for step, option in walked:
        if lines:
            lines.append(Text(""))
        lines.append(hanging("▸", Text(step.text)))
        lines.append(hanging("  You:", Text(option.text, style="bold")))
        if consequences and option.feedback:
            lines.append(hanging("  →", Text(option.feedback, style="italic")))
    if current:
        if lines:
            lines.append(Text(""))
        lines.append(hanging("▸", Text(current, style="bold")))
    return Group(*lines)


def choice_prompt(number: int, option: Option) -> RenderableType:
    """One numbered choice, its wrapped lines hanging under its text."""
    return hanging(f"{number}.", Text(option.text))
