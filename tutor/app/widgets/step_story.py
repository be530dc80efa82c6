"""A story told in steps, as far as the learner has walked it: each step, the choice taken there and
(outside an exam) what it led to, then the step now. The same lines for a scenario question
(QuestionPanel) and a guide (GuideScreen): one shape, drawn once. Pack text is Text, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from tutor.app.widgets.lesson_page import hanging
from tutor.content.model import Option, Step


def story_text(walked: Sequence[tuple[Step, Option]], current: str | None = None,
               consequences: bool = True) -> Text:
    """The steps walked, with "You: ..." under each, and the current step's text in bold."""
    text = Text()
    for step, option in walked:
        text.append(f"▸ {step.text}\n")
        text.append(f"  You: {option.text}\n", style="bold")
        if consequences and option.feedback:
            text.append(f"  → {option.feedback}\n", style="italic")
        text.append("\n")
    if current:
        text.append(f"▸ {current}", style="bold")
    return text


def choice_prompt(number: int, option: Option) -> RenderableType:
    """One numbered choice, its wrapped lines hanging under its text."""
    return hanging(f"{number}.", Text(option.text))
