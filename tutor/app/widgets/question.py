"""One question on screen, as the quiz, the reviews and the readiness check show it: the prompt, a
scenario's story so far, and the options (a tick box each in select-all questions). It judges the
answer with the core and posts `Answered`; what follows (feedback now, or at the end of an exam) is
the screen's business.

One way to answer, whatever the kind: a number key or the arrows move to an answer, and Enter
answers. In a select-all question a number key or Space ticks an answer and Enter submits the ticks.
Nothing is highlighted when a question or a scenario's next step appears, so the Enter that went on
from the last answer can never answer this one (issue 24).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option as ListOption

from tutor.app.widgets.feedback import Palette, answered_prompt
from tutor.app.widgets.lesson_page import hanging
from tutor.app.widgets.step_story import choice_prompt, story_text
from tutor.content.model import Option, Question, Step
from tutor.progress.feedback import option_marks
from tutor.progress.scoring import Judgement, ScenarioWalk, judge_choice

# The options of the question, or of a scenario's step, in the order they are shown.
OptionsFor = Callable[[Question, Step | None], list[Option]]


class AnswerList(OptionList):
    """The options: Enter answers (submits the ticks, in a select-all question), Space ticks, a click
    chooses (ticks). Enter with nothing chosen says what to do instead of doing nothing."""

    BINDINGS = [
        Binding("enter", "answer", "Answer", tooltip="answer with the highlighted option (submit the ticked ones)"),
        Binding("space", "tick", "Tick", tooltip="tick or untick the highlighted answer (select-all questions)"),
    ]

    class Chose(Message):
        """Enter or a click on an option (`click`: ticks it, in a select-all question)."""

        def __init__(self, answer_list: AnswerList, option_id: str | None, click: bool) -> None:
            super().__init__()
            self.answer_list, self.option_id, self.click = answer_list, option_id, click

        @property
        def control(self) -> AnswerList:
            return self.answer_list

    multi = False  # a select-all question: Space ticks, Enter submits

    def _highlighted_id(self) -> str | None:
        return self.get_option_at_index(self.highlighted).id if self.highlighted is not None else None

    def action_answer(self) -> None:
        """Answer with the highlighted option (submit the ticked ones)."""
        self.post_message(self.Chose(self, self._highlighted_id(), click=False))

    def action_tick(self) -> None:
        """Tick or untick the highlighted option."""
        option_id = self._highlighted_id()
        if option_id is not None:
            self.post_message(self.Chose(self, option_id, click=True))

    def action_select(self) -> None:  # a click (OptionList's own Enter is replaced by action_answer)
        self.post_message(self.Chose(self, self._highlighted_id(), click=True))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "tick":
            return self.multi and not self.disabled
        if action == "answer":
            return not self.disabled
        return super().check_action(action, parameters)


class QuestionPanel(Vertical):
    DEFAULT_CSS = """
    QuestionPanel { height: auto; }
    QuestionPanel #q-prompt { padding: 1 0; text-style: bold; max-width: 84; }
    QuestionPanel #q-story { display: none; height: auto; margin: 0 0 1 0; max-width: 84; }
    QuestionPanel.-scenario #q-story { display: block; }
    QuestionPanel #q-options { height: auto; margin: 0 0 1 0; max-width: 90; }
    QuestionPanel.-ended #q-options { display: none; }
    """

    class Answered(Message):
        """The learner answered: the judgement, and the option that ended a scenario (if one)."""

        def __init__(self, panel: QuestionPanel, judgement: Judgement, ending: Option | None) -> None:
            super().__init__()
            self.panel = panel
            self.judgement = judgement
            self.ending = ending

        @property
        def control(self) -> QuestionPanel:
            return self.panel

    def __init__(self, *, exam: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.exam = exam  # no consequence is told in a scenario's story until the end
        self.question: Question | None = None
        self.options_for: OptionsFor = lambda question, step: list(step.options if step else question.options)
        self.walk: ScenarioWalk | None = None
        self.ticked: set[str] = set()
        self.answered = False

    def compose(self) -> ComposeResult:
        yield Static(id="q-prompt")
        yield Static(id="q-story")
        yield AnswerList(id="q-options")

    def show(self, question: Question, options_for: OptionsFor) -> None:
        self.question, self.options_for = question, options_for
        self.ticked, self.answered = set(), False
        self.walk = ScenarioWalk(question) if question.kind == "scenario" else None
        self.set_class(question.kind == "scenario", "-scenario")
        self.remove_class("-ended")
        self.query_one("#q-prompt", Static).update(Text(question.prompt))
        self.query_one("#q-story", Static).update(self._story(current=self.walk.step.text if self.walk and
                                                                 self.walk.step else None))
        self._fill()

    def progress(self) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
        """Where the learner is in this question: a scenario's choices so far, a select-all's ticks."""
        return (tuple(self.walk.path) if self.walk is not None else ()), frozenset(self.ticked)

    def replay(self, path: tuple[tuple[str, str], ...], ticked: frozenset[str]) -> None:
        """Go back to where the learner was (the same question, its text edited: `--watch`): walk the
        scenario's choices again and tick the same boxes, without answering anything."""
        walk = self.walk
        if walk is not None and path:
            for step_id, option_id in path:
                if walk.finished or walk.step is None or walk.step.id != step_id or walk.step.option(option_id) is None:
                    break
                walk.choose(option_id)
            if walk.finished:
                self.query_one("#q-story", Static).update(self._story())
                self.add_class("-ended")
            else:
                self.query_one("#q-story", Static).update(self._story(current=walk.step.text if walk.step else None))
                self._fill()
        for option_id in ticked:
            if self.question is not None and self.question.option(option_id) is not None:
                self.toggle(option_id)

    @property
    def ending(self) -> Option | None:
        """The option that ended a scenario, once it has ended."""
        return self.walk.ending if self.walk is not None else None

    @property
    def shown(self) -> list[Option]:
        """The options on screen now, in their order."""
        assert self.question is not None
        return self.options_for(self.question, self.walk.step if self.walk is not None else None)

    def _fill(self) -> None:
        option_list = self.query_one("#q-options", AnswerList)
        option_list.disabled = False
        option_list.multi = self.question is not None and self.question.kind == "multi"
        option_list.clear_options()
        option_list.add_options([ListOption(self._prompt(n, option), id=option.id)
                                 for n, option in enumerate(self.shown, 1)])
        option_list.highlighted = None  # a deliberate choice first: see the module's docstring
        option_list.focus(scroll_visible=False)  # the question keeps its top in view: the place and how to answer
        if self.walk is not None:
            self.call_after_refresh(option_list.scroll_visible, animate=False)

    def _prompt(self, number: int, option: Option) -> RenderableType:
        assert self.question is not None
        if self.question.kind == "multi":  # the tick box reads differently ticked and unticked, in plain text too
            return hanging(f"[{'x' if option.id in self.ticked else ' '}] {number}.", Text(option.text))
        return choice_prompt(number, option)

    def _story(self, current: str | None = None) -> RenderableType:
        """The scenario so far: each step and the learner's choice (and, outside an exam, its consequence)."""
        if self.walk is None:
            return Text()
        return story_text(self.walk.walked(), current, consequences=not self.exam)

    # -- answering ----------------------------------------------------------------------------

    class Stepped(Message):
        """A scenario went on to its next step."""

        def __init__(self, panel: QuestionPanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> QuestionPanel:
            return self.panel

    def step_place(self) -> str:
        """A scenario's step, "Step 2 of 3"; "" for other questions."""
        return self.walk.place() if self.walk is not None else ""

    class Unanswerable(Stepped):
        """Enter with nothing to answer with: `why` says what to do instead."""

        def __init__(self, panel: QuestionPanel, why: str) -> None:
            super().__init__(panel)
            self.why = why

    @property
    def how_to_choose(self) -> str:
        """What to do before Enter can answer."""
        if self.question is not None and self.question.kind == "multi":
            return "Tick at least one answer first: its number, or Space on the highlighted one."
        if self.question is not None and self.question.kind == "truefalse":
            return "Choose first: t for True or f for False (or ↑ ↓), then Enter."
        return "Choose an answer first: its number, or ↑ ↓ to move to it, then Enter."

    @on(AnswerList.Chose, "#q-options")
    def _option_chosen(self, event: AnswerList.Chose) -> None:
        event.stop()
        if self.answered or self.question is None:
            return
        if self.question.kind == "multi":
            if event.click and event.option_id is not None:
                self.toggle(event.option_id)
            elif not self.submit():
                self.post_message(self.Unanswerable(self, self.how_to_choose))
        elif event.option_id is None:
            self.post_message(self.Unanswerable(self, self.how_to_choose))
        elif self.walk is not None:
            self._scenario_choice(event.option_id)
        else:
            self._answer(judge_choice(self.question, [event.option_id]))

    def toggle(self, option_id: str) -> None:
        self.ticked ^= {option_id}
        option_list = self.query_one("#q-options", OptionList)
        for number, option in enumerate(self.shown, 1):
            if option.id == option_id:
                option_list.replace_option_prompt(option.id, self._prompt(number, option))

    def _scenario_choice(self, option_id: str) -> None:
        assert self.walk is not None
        self.walk.choose(option_id)
        if self.walk.finished:
            self.query_one("#q-story", Static).update(self._story())
            self.add_class("-ended")  # the story above shows the path taken
            self._answer(self.walk.judgement())
        else:
            self.query_one("#q-story", Static).update(self._story(current=self.walk.step.text
                                                                  if self.walk.step else None))
            self._fill()
            self.post_message(self.Stepped(self))

    def submit(self) -> bool:
        """Submit the ticked answers of a select-all question; False when nothing is ticked."""
        if self.answered or self.question is None or self.question.kind != "multi":
            return True
        if not self.ticked:
            return False
        self._answer(judge_choice(self.question, sorted(self.ticked)))
        return True

    def pick(self, number: int) -> None:
        """Highlight answer N (tick or untick it, in select-all questions)."""
        if self.answered or self.question is None:
            return
        options = self.query_one("#q-options", OptionList)
        if number <= options.option_count:
            options.highlighted = number - 1
            options.focus()
            option_id = options.get_option_at_index(number - 1).id
            if self.question.kind == "multi" and option_id is not None:
                self.toggle(option_id)

    def pick_id(self, option_id: str) -> None:
        """Highlight the option with this id (t and f in true/false questions)."""
        for index, option in enumerate(self.shown):
            if option.id == option_id:
                self.pick(index + 1)

    def _answer(self, judgement: Judgement) -> None:
        self.answered = True  # until the screen says otherwise (an answer that could not be saved)
        self.post_message(self.Answered(self, judgement, self.walk.ending if self.walk is not None else None))

    def mark(self, judgement: Judgement, shown: list[Option], palette: Palette) -> None:
        """Show the options answered: the learner's choice and the right one(s), in words."""
        assert self.question is not None
        self.answered = True
        option_list = self.query_one("#q-options", OptionList)
        for number, mark in enumerate(option_marks(self.question, judgement, shown), 1):
            ticked = mark.picked if self.question.kind == "multi" else None
            option_list.replace_option_prompt(mark.option.id, answered_prompt(number, mark, palette, ticked))
        option_list.disabled = True

    def close_answer(self) -> None:
        """The answer is given (exam mode): no more choices, nothing told."""
        self.answered = True
        self.query_one("#q-options", OptionList).disabled = True
