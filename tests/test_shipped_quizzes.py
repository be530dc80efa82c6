"""The shipped quizzes give nothing away by their shape (issue 21), and say what the sources say (issue 25).

A learner who knows no rule must not pass by picking the longest option, the one that echoes the
prompt, the one that gives a reason, or by ticking all but the shortest option. Each measure below is
what such a learner exploits; the thresholds are the issue's. `python tests/test_shipped_quizzes.py`
prints the figures.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest

from tutor.content.loader import check_pack, content_root
from tutor.content.model import Option, Question, Step

ROOT = content_root()
COURSE, FINDINGS = check_pack(ROOT)
QUIZZES = [quiz for quiz in (COURSE.quiz_for(lesson.id) for lesson in COURSE.ordered_lessons()) if quiz]
QUESTIONS = [(quiz, q) for quiz in QUIZZES for q in quiz.questions]
MODULE_OF_QUIZ = {quiz.id: COURSE.lessons[quiz.lesson].module for quiz in QUIZZES}


# --- Single-answer choices: a single question, or a scenario step with exactly one right choice ---------

def leads_to_good(question: Question, option: Option, seen: tuple[str, ...] = ()) -> bool:
    if option.outcome:
        return option.outcome == "good"
    step = question.step(option.next or "")
    return step is not None and step.id not in seen and any(
        leads_to_good(question, o, (*seen, step.id)) for o in step.options)


class Choice:
    """One moment where the learner picks one option and exactly one is right."""

    def __init__(self, where: str, prompt: str, right: Option, wrong: list[Option]) -> None:
        self.where, self.prompt, self.right, self.wrong = where, prompt, right, wrong

    @property
    def options(self) -> list[Option]:
        return [self.right, *self.wrong]


def step_choices(question: Question, step: Step, right_of) -> Iterator[Choice]:
    right = [o for o in step.options if right_of(question, o)]
    if len(step.options) >= 2 and len(right) == 1:
        wrong = [o for o in step.options if o is not right[0]]
        yield Choice(f"{question.id}/{step.id}", f"{question.prompt} {step.text}", right[0], wrong)


def good_ending(_question: Question, option: Option) -> bool:
    return option.outcome == "good"


def single_choices() -> list[Choice]:
    return [Choice(q.id, q.prompt, next(o for o in q.options if o.correct), [o for o in q.options if not o.correct])
            for _quiz, q in QUESTIONS if q.kind == "single"]


def scenario_choices(right_of=leads_to_good) -> list[Choice]:
    """Steps whose one right choice leads to a good ending (`right_of=good_ending`: the steps with
    exactly one `outcome = "good"`, the narrower count the issue started from)."""
    return [c for _quiz, q in QUESTIONS if q.kind == "scenario" for s in q.steps for c in step_choices(q, s, right_of)]


def right_is_longest(choice: Choice) -> bool:
    return len(choice.right.text) > max(len(o.text) for o in choice.wrong)


def right_is_shortest(choice: Choice) -> bool:
    return len(choice.right.text) < min(len(o.text) for o in choice.wrong)


def clearly_longer(choice: Choice) -> bool:
    """The definition `tutor check` uses too: at least 1.25 times the longest wrong option's length
    and at least 15 characters more."""
    right, longest_wrong = len(choice.right.text), max(len(o.text) for o in choice.wrong)
    return right >= 1.25 * longest_wrong and right >= longest_wrong + 15


def share(choices: list[Choice], test) -> float:
    return sum(map(test, choices)) / len(choices)


# --- Other tells ---------------------------------------------------------------------------------------

STOP = set("""a an the and or but if of to in on at by for with from as is are was were be been it its this that
these those you your yours he him his she her they them their we our us i me my not no do does did have has had
can could will would shall should may might must so than then there here what which who whom how when where why
into onto about over under after before again just also only very all any some each every more most other such
own same too up down out off once yes ok""".split())


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower()) if len(w) >= 4 and w not in STOP}


def shared_with_prompt(choice: Choice, option: Option) -> int:
    return len(content_words(option.text) & content_words(choice.prompt))


def right_shares_most_prompt_words(choice: Choice) -> bool:
    return shared_with_prompt(choice, choice.right) > max(shared_with_prompt(choice, o) for o in choice.wrong)


def right_alone_repeats_the_prompt(choice: Choice) -> bool:
    return shared_with_prompt(choice, choice.right) > 0 and all(shared_with_prompt(choice, o) == 0 for o in choice.wrong)


REASON = re.compile(r"\bbecause\b|\bso that\b|\w:\s", re.I)
ABSOLUTE = re.compile(r"\b(?:always|never|only|all)\b", re.I)


def right_alone_gives_a_reason(choice: Choice) -> bool:
    return bool(REASON.search(choice.right.text)) and not any(REASON.search(o.text) for o in choice.wrong)


def absolutes_only_in_wrong(choice: Choice) -> bool:
    return not ABSOLUTE.search(choice.right.text) and any(ABSOLUTE.search(o.text) for o in choice.wrong)


def absolutes_only_in_right(choice: Choice) -> bool:
    return bool(ABSOLUTE.search(choice.right.text)) and not any(ABSOLUTE.search(o.text) for o in choice.wrong)


# --- Select-all and true/false ----------------------------------------------------------------------

def multi_questions() -> list[Question]:
    return [q for _quiz, q in QUESTIONS if q.kind == "multi"]


def all_but_the_shortest_score(question: Question) -> float:
    """What ticking every option but the shortest earns, scored as the app scores it."""
    shortest = min(question.options, key=lambda o: len(o.text))
    picked = {o.id for o in question.options if o is not shortest}
    if question.partial_credit:
        return sum((o.id in picked) == o.correct for o in question.options) / len(question.options)
    return float(picked == {o.id for o in question.options if o.correct})


def truefalse_answers() -> Counter:
    return Counter(next(o.id for o in q.options if o.correct) for _quiz, q in QUESTIONS if q.kind == "truefalse")


# --- The tests ------------------------------------------------------------------------------------------

def test_the_right_option_is_the_longest_in_at_most_35_percent_of_single_answer_choices():
    for right_of in (leads_to_good, good_ending):
        choices = single_choices() + scenario_choices(right_of)
        assert share(choices, right_is_longest) <= 0.35, report_line("longest", choices, right_is_longest)
    assert share(single_choices(), right_is_longest) <= 0.40


def test_no_right_option_is_clearly_longer_than_every_wrong_one():
    choices = single_choices() + scenario_choices(leads_to_good) + scenario_choices(good_ending)
    assert [c.where for c in choices if clearly_longer(c)] == []


def cue_guesser_success(choices: list[Choice], cue) -> float:
    """The expected score of a learner who picks, at every choice, among the options the cue rates
    highest (at random among ties)."""
    scores = []
    for choice in choices:
        rated = [(cue(choice, o), o) for o in choice.options]
        best = [o for rating, o in rated if rating == max(r for r, _o in rated)]
        scores.append(1 / len(best) if choice.right in best else 0.0)
    return statistics.mean(scores)


def chance(choices: list[Choice]) -> float:
    return statistics.mean(1 / len(c.options) for c in choices)


CUES = {
    "longest": lambda c, o: len(o.text),
    "shortest": lambda c, o: -len(o.text),
    "most words shared with the prompt": shared_with_prompt,
    "gives a reason": lambda c, o: bool(REASON.search(o.text)),
    "gives no reason": lambda c, o: not REASON.search(o.text),
    "says always, never, only or all": lambda c, o: bool(ABSOLUTE.search(o.text)),
    "avoids always, never, only and all": lambda c, o: not ABSOLUTE.search(o.text),
}


@pytest.mark.parametrize("cue", CUES)
def test_a_learner_who_follows_a_surface_cue_does_no_better_than_chance(cue):
    choices = single_choices() + scenario_choices()
    assert cue_guesser_success(choices, CUES[cue]) <= chance(choices) + 0.05, (
        f"{cue}: {cue_guesser_success(choices, CUES[cue]):.0%} against {chance(choices):.0%} by chance")


def test_the_right_option_is_rarely_the_only_one_that_echoes_the_prompt_or_gives_a_reason():
    choices = single_choices() + scenario_choices()
    assert share(choices, right_alone_repeats_the_prompt) <= 0.10, [
        c.where for c in choices if right_alone_repeats_the_prompt(c)]
    assert share(choices, right_alone_gives_a_reason) <= 0.10, [c.where for c in choices if right_alone_gives_a_reason(c)]


def test_select_all_right_sets_vary_in_size():
    kinds = Counter()
    for q in multi_questions():
        right, count = sum(o.correct for o in q.options), len(q.options)
        kinds["one" if right == 1 else "all but one" if right == count - 1 else "all" if right == count
              else "between"] += 1
    assert kinds["one"] >= 1 and kinds["all but one"] >= 1 and kinds["between"] >= 1, dict(kinds)
    assert kinds["all"] == 0 and max(kinds.values()) <= 0.6 * sum(kinds.values()), dict(kinds)


def test_ticking_every_option_but_the_shortest_does_not_do_well():
    scores = {q.id: all_but_the_shortest_score(q) for q in multi_questions()}
    assert statistics.mean(scores.values()) < 0.35, scores
    assert [qid for qid, score in scores.items() if score >= 0.75] == []


def test_true_false_answers_split_both_ways():
    answers = truefalse_answers()
    assert 0.4 <= answers["true"] / sum(answers.values()) <= 0.6, dict(answers)


def test_the_tell_measures_can_fail():
    a, b = Option("a", "Short wrong option.", "f"), Option("b", "x" * 60, "f", correct=True)
    choice = Choice("q", "What do you do?", b, [a])
    assert right_is_longest(choice) and clearly_longer(choice) and not right_is_shortest(choice)
    near = Choice("q", "p", Option("b", "x" * 40, "f"), [Option("a", "x" * 30, "f")])
    assert right_is_longest(near) and not clearly_longer(near)  # 1.33 times, but only 10 characters more
    echo = Choice("q", "The client sends a Zoom link.", Option("r", "Decline the Zoom link.", "f"),
                  [Option("w", "Join the call.", "f")])
    assert right_alone_repeats_the_prompt(echo) and right_shares_most_prompt_words(echo)
    reason = Choice("q", "p", Option("r", "Decline because it breaks the rule.", "f"), [Option("w", "Agree.", "f")])
    assert right_alone_gives_a_reason(reason)
    assert absolutes_only_in_wrong(Choice("q", "p", Option("r", "Decline.", "f"), [Option("w", "Always agree.", "f")]))
    # The course as it was: the right option the longest at every choice, so "longest" wins every time.
    told = [Choice(str(n), "p", Option("r", "x" * 90, "f"), [Option("w", "x" * 50, "f"), Option("v", "x" * 60, "f")])
            for n in range(10)]
    assert cue_guesser_success(told, CUES["longest"]) == 1.0 > chance(told) + 0.05


# --- Variants and hints ---------------------------------------------------------------------------------

def test_every_high_risk_question_has_a_variant_in_its_module():
    by_rule: dict[str, list[tuple[str, Question]]] = defaultdict(list)
    for quiz, q in QUESTIONS:
        by_rule[q.rule or f"{quiz.id}/{q.id}"].append((quiz.id, q))
    alone = []
    for quiz, q in QUESTIONS:
        if q.risk != "high":
            continue
        variants = [(z, v) for z, v in by_rule[q.rule or f"{quiz.id}/{q.id}"] if v is not q]
        if not any(MODULE_OF_QUIZ[z] == MODULE_OF_QUIZ[quiz.id] and v.risk == "high" for z, v in variants):
            alone.append(f"{quiz.id}/{q.id}")
    assert alone == []
    for rule, members in by_rule.items():
        assert len({MODULE_OF_QUIZ[z] for z, _q in members}) == 1, rule
        assert len({q.prompt for _z, q in members}) == len(members), f"{rule}: a variant tells another story"


def test_every_scenario_and_high_risk_question_has_at_least_two_hints():
    thin = [f"{quiz.id}/{q.id}" for quiz, q in QUESTIONS
            if (q.kind == "scenario" or q.risk == "high") and len(q.hints) < 2]
    assert thin == []


def test_hints_lead_toward_the_rule_without_naming_the_answer():
    # A hint that quotes the right option's text (six words or more in a row) gives the answer away.
    def runs(text: str) -> set[str]:
        words = re.findall(r"[a-z0-9']+", text.lower())
        return {" ".join(words[i:i + 6]) for i in range(len(words) - 5)}

    leaks = []
    for quiz, q in QUESTIONS:
        right = [o for o in q.options if o.correct] + [o for s in q.steps for o in s.options if o.outcome == "good"]
        for hint in q.hints:
            if any(runs(hint) & runs(o.text) for o in right):
                leaks.append((f"{quiz.id}/{q.id}", hint))
    assert leaks == []


# --- Issue 25: what the quizzes say about the facts -------------------------------------------------------

def quiz_text(quiz_id: str) -> str:
    return (ROOT / "quizzes" / f"{quiz_id}.toml").read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", text)


def learner_texts(question: Question) -> list[tuple[str, str]]:
    """(text, context) for everything a learner reads in a question; an option is read under the
    prompt, a step's options under the step."""
    texts = [(question.prompt, ""), (question.explanation, ""), *((h, "") for h in question.hints)]
    for option in question.options:
        texts += [(option.text, question.prompt), (option.feedback, ""), (option.ending, "")]
    for step in question.steps:
        texts.append((step.text, question.prompt))
        for option in step.options:
            texts += [(option.text, f"{question.prompt} {step.text}"), (option.feedback, ""), (option.ending, "")]
    return [(text, context) for text, context in texts if text]


# The figures issue 25 names: the 14-day automatic release, the 7-day refund window, the client's
# 5 days to answer a dispute, mediation's days, Fiverr's 90 days, the appeal after six months.
ISSUE_25_FIGURE = re.compile(r"\b(?:14|7|5|2|21|30|90)[- ](?:business[- ])?days?\b|\bsix months\b", re.I)
ISSUE_25_RULE = re.compile(r"releas|refund|disput|mediat|warning|appeal|block|respon|answer|accept|declin|approv|window"
                           r"|active", re.I)
YEAR = re.compile(r"\b20\d\d\b")


def undated_issue_25_figures(text: str, context: str = "") -> list[str]:
    """Sentences with one of these figures and no year in them, the sentence before, or the context.
    'As of the help page' is not enough: the learner is told which version, by its date."""
    parts = sentences(text)
    return [sentence for i, sentence in enumerate(parts) if ISSUE_25_FIGURE.search(sentence)
            and ISSUE_25_RULE.search(sentence) and not YEAR.search(" ".join([context, *parts[max(0, i - 1): i + 1]]))]


def test_the_figures_issue_25_names_carry_the_date_of_the_version_read():
    problems = [(f"{quiz.id}/{q.id}", sentence) for quiz, q in QUESTIONS for text, context in learner_texts(q)
                for sentence in undated_issue_25_figures(text, context)]
    assert problems == []


def test_the_dated_figure_check_can_fail():
    assert undated_issue_25_figures("As of Upwork's help pages, the money is released after 14 days.")
    assert undated_issue_25_figures("Mediation lasts up to 30 days and is not binding.")
    assert undated_issue_25_figures("You can appeal the block after six months.")
    assert not undated_issue_25_figures("As of the release note of December 5, 2023, it is released after 14 days.")
    assert not undated_issue_25_figures("Read on December 5, 2026. You have 7 days to dispute.")
    assert not undated_issue_25_figures("Wait 30 days and sign up again.")  # a story's days, not a rule's


def test_mediation_is_told_as_each_source_says_it_with_its_date():
    text = quiz_text("getting-paid-safely")
    assert "up to 30 days" not in text  # the undated figure the issue found
    mediation = [s for _q, q in [(z, q) for z, q in QUESTIONS if z.id == "getting-paid-safely"]
                 for t, _c in learner_texts(q) for s in sentences(t) if re.search(r"mediat", s, re.I)]
    assert any("December 5, 2023" in s and "2 days" in s for s in mediation), mediation
    assert any("not exceed 30 days" in s and "2026" in s for s in mediation), mediation
    # Upwork's informal 'Mediation Assistance' has its own 30 days after a payment; the dispute's
    # mediation must not borrow them.
    assert not any("Mediation Assistance" in s and "dispute" in s.lower() for s in mediation)


def test_background_technology_is_left_out_of_the_transfer_and_the_2025_licence_is_hedged():
    text = quiz_text("taxes-ip-and-ndas")
    assert "identified up front" not in text and "listed stays yours" not in text
    tech = [s for _z, q in [(z, q) for z, q in QUESTIONS if z.id == "taxes-ip-and-ndas"]
            for t, _c in learner_texts(q) for s in sentences(t) if "Background Technology" in s]
    assert any("left out" in s or "leaves" in s for s in tech), tech
    licence = [s for s in tech if "licence" in s]
    assert licence and all("November 21, 2025" in s and "secondary" in s for s in licence), licence


def test_fiverrs_90_days_come_from_its_blog_of_june_2_2025():
    ninety = [(s, c) for _z, q in QUESTIONS for t, c in learner_texts(q) for s in sentences(t) if "90 days" in s]
    assert ninety and all("June 2, 2025" in s + c for s, c in ninety), ninety
    # The Warnings help page sets the thresholds with no time window: the 90 days are never its.
    assert not [s for s, _c in ninety if re.search(r"Warnings (?:help )?page[^.;]*90 days", s)]


def report_line(name: str, choices: list[Choice], test) -> str:
    return f"{name}: {sum(map(test, choices))} of {len(choices)} ({share(choices, test):.0%})"


def report() -> None:
    singles, steps, narrow = single_choices(), scenario_choices(), scenario_choices(good_ending)
    for label, choices in (("single questions", singles), ("scenario steps", steps),
                           ("together", singles + steps), ("steps, one outcome=good", narrow),
                           ("together (narrow)", singles + narrow)):
        print(f"{label:26} {report_line('longest right', choices, right_is_longest)}; "
              f"{report_line('clearly longer', choices, clearly_longer)}; "
              f"{report_line('shortest', choices, right_is_shortest)}")
    together = singles + steps
    for name, test in (("echoes prompt most", right_shares_most_prompt_words),
                       ("alone echoes prompt", right_alone_repeats_the_prompt),
                       ("alone gives reason", right_alone_gives_a_reason),
                       ("absolutes only in wrong", absolutes_only_in_wrong),
                       ("absolutes only in right", absolutes_only_in_right)):
        print(report_line(name, together, test))
    print("multi right-set sizes:", sorted((sum(o.correct for o in q.options), len(q.options)) for q in multi_questions()))
    print("all-but-shortest mean score:", round(statistics.mean(map(all_but_the_shortest_score, multi_questions())), 2))
    print("true/false:", dict(truefalse_answers()))
    print("high risk:", sum(q.risk == "high" for _z, q in QUESTIONS), "questions;",
          "rules with variants:", sum(1 for n in Counter(q.rule for _z, q in QUESTIONS if q.rule).values() if n > 1))


if __name__ == "__main__":
    report()
