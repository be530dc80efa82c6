"""Small packs written as real files for the readiness check's tests: three modules of two lessons,
each lesson with a quiz of three single-choice questions and one high-risk scenario. Two questions of
the first module are variants of one rule. With `tell=True` the right option is clearly the longest,
as in the shipped course before issue 21, so that a guesser who picks the longest passes."""

from __future__ import annotations

from pathlib import Path

from tests.content.packs import lesson_text, write

MODULES = (("platform", "Staying on the platform"), ("money", "Money"), ("safety", "Staying safe"))


def _single(qid: str, n: str, tell: bool, rule: str | None, place: int) -> str:
    right = f"Answer {n}: do it the platform's way, in the platform's messages, with the record kept" if tell \
        else f"Answer {n}: keep it on the platform"
    wrongs = [f"Answer {n}: go outside", f"Answer {n}: skip a step"] if tell \
        else [f"Answer {n}: move the talk outside now", f"Answer {n}: skip one of the safe steps"]
    options = [f'[[questions.options]]\nid = "wrong-{i}"\ntext = "{text}"\nfeedback = "No."\n'
               for i, text in enumerate(wrongs)]
    options.insert(place % 3, f'[[questions.options]]\nid = "right"\ntext = "{right}"\ncorrect = true\n'
                              'feedback = "Yes."\n')
    rule_line = f'rule = "{rule}"\n' if rule else ""
    return f"""
[[questions]]
id = "{qid}"
kind = "single"
{rule_line}prompt = "Question {n}: what do you do?"
explanation = "Explanation {n}."
source = "help"

""" + "\n".join(options)


def _scenario(qid: str, n: str, tell: bool) -> str:
    long = ", and say so in the platform's messages so there is a record" if tell else ""
    return f"""
[[questions]]
id = "{qid}"
kind = "scenario"
risk = "high"
prompt = "Story {n}: a client asks for money."
explanation = "Never send a client money."
source = "help"

[[questions.steps]]
id = "ask"
text = "The client asks you to buy $500 of Bitcoin for him."

[[questions.steps.options]]
id = "refuse"
text = "Refuse to buy anything for him{long}"
feedback = "Good."
next = "push"

[[questions.steps.options]]
id = "agree"
text = "Agree to buy the $500 of Bitcoin"
feedback = "That is the scam."
next = "after"

[[questions.steps.options]]
id = "pay-now"
text = "Pay him the $500 right away"
feedback = "Gone."
outcome = "bad"

[[questions.steps]]
id = "push"
text = "He insists."

[[questions.steps.options]]
id = "report"
text = "Report him to the platform{long}"
feedback = "Right."
outcome = "good"

[[questions.steps.options]]
id = "give-in"
text = "Give in and buy it after all"
feedback = "Gone."
outcome = "bad"

[[questions.steps]]
id = "after"
text = "You bought it. He stops answering."

[[questions.steps.options]]
id = "tell-support"
text = "Tell support what happened"
feedback = "Late, but right."
outcome = "risky"

[[questions.steps.options]]
id = "buy-more"
text = "Buy more when he asks again"
feedback = "More gone."
outcome = "bad"
"""


def write_readiness_pack(root: Path, tell: bool = False, per_module: int = 4, variants: bool = True) -> Path:
    course = f'id = "verdict-demo"\ntitle = "Verdict demo"\nchecked = 2026-12-01\n\n[readiness]\n' \
             f"questions_per_module = {per_module}\n"
    for module_id, title in MODULES:
        course += f'\n[[modules]]\nid = "{module_id}"\ntitle = "{title}"\n'
    # A freelance pack, in the shipped course's words (course.toml's [texts]; a pack without them is neutral).
    course += ('\n[texts]\nready = "Ready for a first job"\nhigh_risk = "a mistake that can cost you the account or the '
               'money"\n')
    write(root / "course.toml", course)
    for m, (module_id, _title) in enumerate(MODULES):
        for lesson in (1, 2):
            lesson_id = f"{module_id}-{lesson}"
            write(root / "lessons" / f"{lesson_id}.md",
                  lesson_text(id=lesson_id, title=f"Lesson {lesson_id}", module=module_id, order=lesson,
                              checked="2026-12-01"))
            body = f'id = "{lesson_id}-quiz"\nlesson = "{lesson_id}"\ntitle = "Quiz {lesson_id}"\n'
            for q in (1, 2, 3):
                rule = "shared-rule" if variants and m == 0 and q == 1 else None
                body += _single(f"q{q}", f"{lesson_id}.{q}", tell, rule, q)
            body += _scenario("story", f"{lesson_id}.s", tell)
            write(root / "quizzes" / f"{lesson_id}-quiz.toml", body)
    return root
