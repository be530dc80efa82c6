"""The plain mode's guides: a guide walked line by line (`tutor guide ID --plain`, or the menu's
"Something already went wrong?"): numbered choices as in a scenario, each typed detail on its own
prompt, then the outcome in words and the message printed as it is, line for line, ready to copy.
The walk and the message are the core's (tutor/progress/guides.py); nothing is stored unless the
learner types `keep`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.cli.plain_io import BadAnswer, choice_parser
from tutor.cli.plain_questions import PlainQuestions
from tutor.content.sanitize import clean_text

if TYPE_CHECKING:
    from tutor.content.model import Guide, GuideDetail
    from tutor.progress.guides import Draft
    from tutor.progress.scoring import StepWalk

HELP_CHOICE = ("Type the number of an answer (1, 2, ...), its letter (a, b, ...) or the start of its text. back goes "
               "to the question before; quit stops (nothing you answered is kept).")
HELP_DETAIL = ("Type the detail and press Enter, or press Enter alone to leave it out: the message then shows where "
               "to fill it in. What you type stays on this computer. quit stops.")
HELP_END = ("save FILE writes the message to FILE (a name in this folder, or a path); keep keeps it in your "
            "progress, so that `tutor guide ID --plain` shows it next time (`tutor reset` erases it); Enter "
            "finishes without keeping anything.")
BACK = -1


class PlainGuides(PlainQuestions):
    """Walk a guide, and offer to save or keep its message."""

    def choose_guide(self) -> None:
        """The menu's entry: list the guides and walk the one chosen."""
        guides = list(self.course.guides.values())
        if not guides:
            self.io.say("This course has no guides.")
            return
        self.io.say("Something already went wrong? Choose what happened:")
        for number, guide in enumerate(guides, 1):
            self.io.say(f"  {number}. {guide.title}")
        [index] = self.io.ask("Type a number:", choice_parser(len(guides), [g.title for g in guides], what="guide"),
                              "Type the number of the guide that fits what happened. quit goes back.")
        self.guide(guides[index])

    def guide(self, guide: Guide) -> None:
        from tutor.progress.guides import draft_message, guide_walk
        from tutor.progress.wording import GUIDE_NOTICE

        io = self.io
        io.say("")
        io.say(guide.title)
        io.say(GUIDE_NOTICE)
        if guide.intro:
            io.say(guide.intro)
        self._offer_kept(guide)
        walk = guide_walk(guide)
        self._walk(walk)
        typed = self._ask_details(guide, walk)
        draft = draft_message(guide, walk, typed)
        assert draft is not None
        self._show(guide, draft)
        self._after(guide, walk, draft)

    def _offer_kept(self, guide: Guide) -> None:
        from tutor.cli.plain_io import command_parser

        kept = self.store.kept_draft(self.course.id, guide.id)
        if kept is None:
            return
        self.io.say(f"You kept a message from this guide on {kept.kept_at.astimezone():%-d %B %Y}.")
        while True:
            choice = self.io.ask("Type show to read it, forget to erase it, or press Enter to walk the guide again:",
                                 command_parser(("show", "forget", "")), HELP_END)
            if choice == "show":
                self._verbatim(kept.message)
            elif choice == "forget":
                self.store.forget_draft(self.course.id, guide.id)
                self.io.say("The kept message is erased.")
                return
            else:
                return

    def _walk(self, walk: StepWalk) -> None:
        io = self.io
        while not walk.finished:
            step = walk.step
            assert step is not None
            io.say("")
            io.say(f"Question {len(walk.path) + 1}: {step.text}")
            letters = "abcdefghi"
            for number, option in enumerate(step.options, 1):
                io.say(f"  {number} ({letters[number - 1]}). {option.text}")
            [index] = io.ask("Your answer:", choice_parser(len(step.options), [o.text for o in step.options],
                                                           words={"back": BACK}), HELP_CHOICE)
            if index == BACK:
                if not walk.path:
                    io.say("This is the first question.")
                walk.back()
                continue
            chosen = walk.choose(step.options[index].id)
            io.say(f"You: {chosen.text}")

    def _ask_details(self, guide: Guide, walk: StepWalk) -> dict[str, str]:
        from tutor.progress.guides import details_used, outcome_of

        outcome = outcome_of(guide, walk)
        assert outcome is not None
        details = details_used(guide, outcome)
        if not details:
            return {}
        io = self.io
        io.say("")
        io.say("A few details for the message. Each is optional: press Enter to leave it out. What you type stays "
               "on this computer.")
        typed: dict[str, str] = {}
        for detail in details:
            example = f" (for example: {detail.example})" if detail.example else ""
            typed[detail.id] = io.ask(f"{detail.label}{example}:", _detail_parser(detail), HELP_DETAIL)
        return typed

    def _show(self, guide: Guide, draft: Draft) -> None:
        from tutor.progress.wording import MESSAGE_NOTE, SERIOUSNESS_WORDS, source_line

        io, outcome = self.io, draft.outcome
        io.say("")
        io.say(outcome.title)
        io.say(f"How serious: {SERIOUSNESS_WORDS.get(outcome.seriousness, outcome.seriousness)}. "
               f"{outcome.how_serious}")
        io.say("")
        io.say("What the rules say:")
        for rule in outcome.rules:
            io.say(f"- {rule.text} (Source: {source_line(rule.source)}: {rule.source.url})")
        io.say("")
        io.say("What to do now:")
        for number, step in enumerate(outcome.do_now, 1):
            io.say(f"{number}. {step}")
        io.say("")
        io.say(f"A message to support you can send. {MESSAGE_NOTE}")
        io.say("----- message -----")
        self._verbatim(draft.message)
        io.say("----- end of message -----")
        lessons = [self.course.lessons[i] for i in outcome.lessons if i in self.course.lessons]
        if lessons:
            io.say("Lessons on the rules involved:")
            for lesson in lessons:
                io.say(f"- {lesson.title} (tutor read {lesson.id})")
        others = [self.course.guides[i] for i in outcome.guides if i in self.course.guides]
        if others:
            io.say("Other guides that may fit:")
            for other in others:
                io.say(f"- {other.title} (tutor guide {other.id} --plain)")

    def _verbatim(self, text: str) -> None:
        """The message line for line, not wrapped: what is printed is what gets copied or piped."""
        self.io.out.write(clean_text(text).rstrip("\n") + "\n")
        self.io.out.flush()

    def _after(self, guide: Guide, walk: StepWalk, draft: Draft) -> None:
        from tutor.progress.guides import outcome_of

        io = self.io
        while True:
            answer = io.ask("Type save FILE to save the message, keep to keep it here, or press Enter to finish:",
                            _end_parser, HELP_END)
            if not answer:
                return
            if answer == "keep":
                outcome = outcome_of(guide, walk)
                assert outcome is not None
                self.store.keep_draft(self.course.id, guide.id, outcome.id, walk.path, draft.details, draft.message)
                io.say("Kept. `tutor guide " + guide.id + " --plain` shows it next time; `tutor reset` erases it.")
            else:
                self._save(Path(answer[len("save "):].strip()), draft.message)

    def _save(self, target: Path, message: str) -> None:
        from tutor.cli.plain_io import command_parser
        from tutor.progress.output_file import OutputExists, OutputNotWritten, write_output_file

        try:
            written = write_output_file(target, message + "\n", self.store.path)
        except OutputExists:
            replace = self.io.ask(f"{target} already exists. Replace it? (yes or no):", command_parser(("yes", "no")),
                                  "yes replaces the file with the message; no leaves it as it is.")
            if replace != "yes":
                self.io.say("Nothing was saved.")
                return
            try:
                written = write_output_file(target, message + "\n", self.store.path, replace=True)
            except OutputNotWritten as problem:
                self.io.say(f"Not saved: {problem}")
                return
        except OutputNotWritten as problem:
            self.io.say(f"Not saved: {problem}")
            return
        self.io.say(f"Saved to {written}.")


def _detail_parser(detail: GuideDetail) -> Callable[[str], str]:
    def parse(typed: str) -> str:
        if len(typed) > detail.max_length:
            raise BadAnswer(f"That is {len(typed)} characters; keep it to {detail.max_length}, or press Enter to "
                            "leave it out.")
        return typed

    return parse


def _end_parser(typed: str) -> str:
    lowered = typed.lower()
    if lowered in ("", "keep"):
        return lowered
    if lowered.startswith("save ") and typed[5:].strip():
        return "save " + typed[5:].strip()
    raise BadAnswer("Type save and a file name (save message.txt), keep, or press Enter to finish. help says more.")
