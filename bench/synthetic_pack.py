"""Write a synthetic content pack: N lessons of about 5 KB, each with a quiz of mixed question kinds."""

from __future__ import annotations

import sys
from pathlib import Path

PARAGRAPH = (
    "Before a contract starts, every conversation with a client stays on the platform. This covers "
    "messages, files, voice and video calls. **Sharing contact details** early is the most common "
    "mistake new freelancers make, and it is easy to avoid once you know the rule. See "
    "[the interview lesson](lesson:lesson-{prev}) and [the help page](https://example.com/help).\n\n"
)

SECTION = """## Part {n}

{paras}
> [!WARNING]
> Do not accept a meeting link from the client's own account before the contract starts.

| Situation | What to do |
| --- | --- |
| Client sends a Zoom link | Offer a call from Messages |
| Client asks for your email | Keep talking on the platform |

- Keep the interview on the platform.
- Wait for the offer.
- Report pressure to move off the platform.[^{n}]

[^{n}]: Footnote number {n}.

"""

QUESTION = """
[[questions]]
id = "q{n}"
kind = "single"{rule}
prompt = "The client sends a meeting link from his own account before any contract. What do you do?"
explanation = "Before a contract, calls start from the platform's own messages."
source = "help"
hints = ["Has a contract started?"]
{options}"""

JOIN = """
[[questions.options]]
id = "join"
text = "Join the call on his own meeting link."
feedback = "Joining a call on the client's own account before a contract breaks the rule."
"""

PLATFORM = """
[[questions.options]]
id = "platform"
text = "Offer a call started from Messages."
correct = true
feedback = "A call started from Messages keeps the interview on the platform."
"""

SCENARIO = """
[[questions]]
id = "s{n}"
kind = "scenario"
prompt = "A client writes to you."
explanation = "Stay on the platform until a contract starts."
source = "help"

[[questions.steps]]
id = "start"
text = "He asks for your phone number."

[[questions.steps.options]]
id = "give"
text = "Give it, since he asked politely."
feedback = "Sharing contact details before a contract breaks the rule."
outcome = "bad"

[[questions.steps.options]]
id = "stay"
text = "Keep talking in Messages."
feedback = "You stay on the platform, and he sends an offer."
next = "offer"

[[questions.steps]]
id = "offer"
text = "He sends an offer."

[[questions.steps.options]]
id = "accept"
text = "Accept it on the platform."
feedback = "The contract starts on the platform: you are protected."
outcome = "good"
"""


def lesson(i: int) -> str:
    front = (
        f'+++\nid = "lesson-{i}"\ntitle = "Lesson {i}"\nmodule = "module-{i // 10}"\norder = {i % 10}\n'
        f'minutes = 6\nsummary = "Synthetic lesson {i}."\nquiz = "quiz-{i}"\n\n'
        '[[sources]]\nid = "help"\ntitle = "Help page"\nurl = "https://example.com/help"\n'
        'section = "Rules"\nchecked = 2026-11-01\n+++\n\nOpening paragraph.\n\n'
    )
    paras = PARAGRAPH.format(prev=max(i - 1, 0)) * 3
    return front + "".join(SECTION.format(n=n, paras=paras) for n in range(1, 4))


def quiz(i: int, variants: bool = False) -> str:
    head = f'id = "quiz-{i}"\nlesson = "lesson-{i}"\ntitle = "Quiz {i}"\n'

    def rule(n: int) -> str:
        # With variants, each question is one story of a rule that the next lesson of the module
        # tells again (lessons 0 and 1 share three rules, 2 and 3 theirs...).
        return f'\nrule = "rule-{i // 2}-{n}"' if variants else ""

    # The right option moves between positions, as `tutor check` asks of a quiz (issue 10).
    questions = (QUESTION.format(n=n, rule=rule(n), options=JOIN + PLATFORM if n % 2 else PLATFORM + JOIN)
                 for n in range(3))
    return head + "".join(questions) + SCENARIO.format(n=0)


def write_pack(root: Path, count: int, variants: bool = False) -> Path:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "quizzes").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / "lessons" / f"lesson-{i:05d}.md").write_text(lesson(i), encoding="utf-8")
        (root / "quizzes" / f"quiz-{i:05d}.toml").write_text(quiz(i, variants), encoding="utf-8")
    return root


if __name__ == "__main__":
    write_pack(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
