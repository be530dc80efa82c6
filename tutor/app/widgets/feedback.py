"""Draw the core's Feedback (tutor/progress/feedback.py) and an answered option list with the
theme's colours. Every mark is a symbol and a word, so it reads the same under NO_COLOR and to
someone who cannot tell the colours apart.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from tutor.app.widgets.lesson_page import rows
from tutor.progress.feedback import BAD, GOOD, PARTIAL, RISKY, Feedback, OptionMark
from tutor.progress.wording import source_line

VERDICT_MARK = {GOOD: "✓", PARTIAL: "◐", BAD: "✗", RISKY: "⚠"}
THEME_COLOR = {GOOD: "success", PARTIAL: "warning", BAD: "error", RISKY: "warning"}


class Palette:
    """The theme's colours for each tone, with fallbacks for a theme that lacks one."""

    def __init__(self, variables: dict[str, str]) -> None:
        self.variables = variables

    def tone(self, tone: str) -> str | None:
        value = self.variables.get(THEME_COLOR.get(tone, ""), "")
        return value if value.startswith("#") else None


def verdict_text(feedback: Feedback, palette: Palette) -> Text:
    mark = VERDICT_MARK.get(feedback.tone, "•")
    text = Text(f"{mark} {feedback.verdict}", style=Style(bold=True, color=palette.tone(feedback.tone)))
    if feedback.points:
        text.append(f"  ({feedback.points})", style="not bold")
    return text


def feedback_body(feedback: Feedback, palette: Palette, multi: bool) -> RenderableType:
    """Everything under the verdict: the ending, the answers, the good path, why, and the rule."""
    parts: list[RenderableType] = []
    if feedback.ending:
        parts.append(Text(feedback.ending))
    items: list[tuple[Text | str, RenderableType]] = []
    for mark in feedback.marks:
        items.extend(_mark_lines(mark, palette, multi))
    if items:
        parts.append(rows(items))
    if feedback.good_path:
        path = Text("A way to a good ending:", style="bold")
        parts.append(Text(""))
        parts.append(path)
        parts.append(rows((f"{n}.", Text(f"{step.step}\nYou: {step.choice}"))
                          for n, step in enumerate(feedback.good_path, 1)))
    parts.append(Text(""))
    labelled: list[tuple[Text | str, RenderableType]] = [(Text("Why:", style="bold"), Text(feedback.explanation))]
    if feedback.source is not None:
        rule = Group(Text(source_line(feedback.source)),
                     Text(feedback.source.where, style="dim", no_wrap=feedback.source.is_web, overflow="ellipsis"))
        labelled.append((Text("Rule:", style="bold"), rule))
    parts.append(rows(labelled))
    return Group(*parts)


def _mark_lines(mark: OptionMark, palette: Palette, multi: bool) -> list[tuple[Text | str, RenderableType]]:
    color = palette.tone(mark.tone)
    option = mark.option
    if multi:
        symbol = ("✓" if option.correct else "✗") if mark.picked else "○"
        label = Text(option.text, style=Style(bold=True, color=color))
        label.append(f"  ({mark.note})", style="not bold")
        return [(Text(symbol, style=Style(bold=True, color=color)), Group(label, Text(mark.why)))]
    title = "You answered:" if mark.picked else "Right answer:"
    body = Group(Text(option.text), Text(mark.why)) if mark.picked else Text(option.text)
    return [(Text(title, style=Style(bold=True, color=color if not mark.picked else None)), body)]


def answered_prompt(number: int, mark: OptionMark, palette: Palette, ticked: bool | None) -> RenderableType:
    """An option as the list shows it once the question is answered: its text, then a mark and
    words saying what it was ("your answer: wrong", "the right answer")."""
    from tutor.app.widgets.lesson_page import hanging

    lead = f"{number}." if ticked is None else f"[{'x' if ticked else ' '}] {number}."
    text = Text(mark.option.text)
    if mark.note:
        symbol = {GOOD: "✓", BAD: "✗"}.get(mark.tone, "•")
        text.append(f"  {symbol} {mark.note}", style=Style(bold=True, color=palette.tone(mark.tone)))
    return hanging(lead, text)
