"""A small guide for tests, written as an author would, with `# @name` markers on the lines that
findings point at."""

from __future__ import annotations

GUIDE = """\
id = "went-wrong"
title = "I talked with a client outside the platform"
summary = "What happened, what the rules say, what to do now."
intro = "Answer a few questions."
lessons = ["intro"]
scenarios = ["intro-quiz/story"]

[[sources]]
id = "help"
title = "Help page"
url = "https://example.com/help"
section = "Rules"
checked = 2026-11-01

[[details]]
id = "date"
label = "When it happened"
blank = "[the date]"
example = "3 March"
max_length = 40

[[details]]
id = "client"
label = "The client's username"
blank = "[the client's username]"

[[steps]]  # @what
id = "what"
text = "What happened?"

[[steps.options]]
id = "call"
text = "A video call through the client's link"
next = "money"
says = { happened = "the client sent me a link to a video call outside the platform, and I joined it" }

[[steps.options]]
id = "chat"
text = "A chat on another app"
next = "money"
says = { happened = "we went on talking on another app" }

[[steps]]  # @money
id = "money"
text = "Did any money change hands outside the platform?"

[[steps.options]]
id = "no"
text = "No"
outcome = "talked"
says = { money = "No money changed hands outside the platform." }

[[steps.options]]
id = "yes"
text = "Yes"
outcome = "paid"
says = { money = "The client paid me outside the platform." }

[[outcomes]]  # @talked
id = "talked"
title = "You talked outside the platform"
seriousness = "medium"
how_serious = "The platform lists warnings up to suspension. What happens is its decision."
do_now = ["Stop using the outside channel.", "Move back to the platform's messages."]
lessons = ["intro"]
message = \"\"\"Hello,

On {date}, {happened}. The client is {client}.
{money}

Thank you.\"\"\"

[[outcomes.rules]]
text = "Talk stays on the platform before a contract."
source = "help"

[[outcomes]]  # @paid
id = "paid"
title = "You were paid outside the platform"
seriousness = "high"
how_serious = "Payments outside the platform are the most serious case."
do_now = ["Take no more payments outside."]
message = \"\"\"Hello,

On {date}, {happened}. {money}\"\"\"

[[outcomes.rules]]
text = "Payments stay on the platform."
source = "help"
"""

SCENARIO_QUIZ = """\
id = "intro-quiz"
lesson = "intro"
title = "Quiz"

[[questions]]
id = "story"
kind = "scenario"
prompt = "A client writes."
explanation = "Stay on the platform."
source = "help"

[[questions.steps]]
id = "start"
text = "He sends a Zoom link."

[[questions.steps.options]]
id = "join"
text = "Join"
feedback = "Off the platform."
outcome = "bad"

[[questions.steps.options]]
id = "decline"
text = "Decline"
feedback = "Right."
outcome = "good"
"""


def numbered(text: str) -> dict[str, int]:
    """Line number of the first line that contains each marker comment `# @name`."""
    return {line.split("# @")[1].strip(): i for i, line in enumerate(text.split("\n"), 1) if "# @" in line}


def line_of(text: str, needle: str, after: int = 0) -> int:
    """The number of the first line after line `after` that contains `needle`."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if i > after and needle in line)
