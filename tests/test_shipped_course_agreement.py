"""The shipped course after its third content pass (issue 25): every changeable figure in a lesson carries a
year, every source exists, no two lessons disagree, the topics newcomers ask about are taught, and every
platform whose dated changes the sources give has them in the timeline."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import NamedTuple

import pytest
from test_shipped_course import COURSE, FEE_WORD, MONEY, NON_CIRCUMVENTION, PERIOD, ROOT, RULE_WORD, sentences

LESSONS = COURSE.ordered_lessons()


def flat(text: str) -> str:
    """A lesson's text as a reader hears it: callout markers gone, line breaks and runs of spaces as one space."""
    return " ".join(re.sub(r"(?m)^[ \t]*>[ \t]?", "", text).split())


def body(lesson_id: str) -> str:
    return flat(COURSE.lesson_body(COURSE.lessons[lesson_id]))


def blocks(lesson_id: str) -> list[str]:
    """A lesson's paragraphs, lists and tables, each as one flat string."""
    return [flat(b) for b in re.split(r"\n\s*\n", COURSE.lesson_body(COURSE.lessons[lesson_id])) if b.strip()]


def pack_files() -> list:
    return sorted([*ROOT.glob("lessons/*.md"), *ROOT.glob("quizzes/*.toml"), ROOT / "changes.toml",
                   ROOT / "course.toml"])


# A figure that changes is dated by a year, not by "as of the page" alone: "as of Upwork's help page" told the
# learner nothing about when the page said so. Mediation, answering and a warning being active join the rule
# words of the looser check, and so do the verbs of a deadline a quiz question turns on ("14 days to approve",
# "5 days to accept or decline", "the window"). Lessons and quizzes (feedback, explanations, hints) share it.
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
STRICT_RULE_WORD = re.compile(RULE_WORD.pattern + r"|mediat|respond|answer|active|review|approv|accept|declin"
                              r"|window|clear", re.I)


def figures_without_a_year(text: str) -> list[str]:
    found = []
    parts = sentences(flat(text))
    for i, sentence in enumerate(parts):
        changeable = (MONEY.search(sentence) and FEE_WORD.search(sentence)) or (
            PERIOD.search(sentence) and STRICT_RULE_WORD.search(sentence)) or NON_CIRCUMVENTION.search(sentence)
        if changeable and not YEAR.search(" ".join(parts[max(0, i - 1): i + 1])):
            found.append(sentence)
    return found


def test_every_changeable_figure_in_a_lesson_carries_the_year_of_the_version_read():
    problems = []
    for lesson in LESSONS:
        for part, text in (("body", COURSE.lesson_body(lesson)), ("summary", lesson.summary)):
            problems += [(lesson.id, part, s) for s in figures_without_a_year(text)]
    assert problems == []


def test_the_year_check_fails_on_the_undated_figures_the_third_fact_check_found():
    for old in ("As of Upwork's Fixed-Price Protection help pages (every version we read agrees), the client has "
                "**14 days** after you submit the work to approve it or ask for changes.",
                "An Upwork dispute specialist **mediates**, for up to 30 days, and can then make a recommendation.",
                "You can **appeal the block after six months**.",
                "Fiverr gives warnings for things like sharing contact details. A warning stays **active for 90 days**."):
        assert figures_without_a_year(old), old
    assert not figures_without_a_year("As of the version of the page read in December 2026, you can appeal the "
                                      "block after six months.")


def test_no_source_points_to_a_help_article_that_does_not_exist():
    # Upwork help articles 211068208 and 211062138 are in no stored copy: one-digit slips for 211068218 and
    # 211062158 (the freelancer-facing pages are 211063718 and 211068588).
    missing = re.compile(r"\b(?:211068208|211062138)\b")
    assert [p.name for p in pack_files() if missing.search(p.read_text(encoding="utf-8"))] == []


def test_no_toml_line_continuation_glues_two_words_together():
    # A TOML line-ending backslash trims the newline and the next line's indentation, so "press\" followed by
    # "coverage" reads "presscoverage" in `tutor changes`.
    glued = [(p.name, n) for p in pack_files() if p.suffix == ".toml"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if re.search(r"[^\s\\]\\$", line)]
    assert glued == []


# -- No two lessons disagree -------------------------------------------------------------------------------------

# The pre-contract stage ends when you accept the offer, or on the contract's start date if that comes first
# ("Keeping your contact information safe"). A sentence that names the moment by the contract starting must
# also name the acceptance, so no lesson says "until the contract starts" while another says "until you accept".
STAGE_END = re.compile(
    r"\b(?:until|once|after|when|before|from the moment)\s+(?:a|the|your|its)\s+contract\s+(?:starts|has started|begins)\b"
    r"|\bthe contract starts\b|\bstart date\b", re.I)


def stage_end_sentences_without_acceptance(text: str) -> list[str]:
    return [s for s in sentences(flat(text)) if STAGE_END.search(s) and not re.search(r"\baccept", s, re.I)]


def test_every_lesson_ends_the_pre_contract_stage_at_the_same_moment():
    problems = [(lesson.id, s) for lesson in LESSONS for text in (COURSE.lesson_body(lesson), lesson.summary)
                for s in stage_end_sentences_without_acceptance(text)]
    assert problems == []


def test_the_stage_end_check_fails_on_the_old_wordings():
    for old in ("Keep every conversation in Upwork Messages until a contract starts.",
                "Once the contract has started, you and the client may use any tool to talk.",
                "Keep talking at least until its own line: on Upwork, the contract starts; on Fiverr, an order."):
        assert stage_end_sentences_without_acceptance(old), old
    assert not stage_end_sentences_without_acceptance(
        "It ends when you accept the offer, or on the contract's start date if that comes first.")


def test_the_start_date_is_taught_with_what_you_may_do_before_it():
    # Between accepting an offer and its start date: contact details, and whether you may start or bill work.
    passage = next((b for b in blocks("interview-stays-on-platform") if "start date" in b.lower()
                    and re.search(r"\bbill|\bhours?\b|start work", b, re.I)), None)
    assert passage is not None
    assert re.search(r"does not say|do not say|don't say", passage), "say what the pages leave open"


# Before a contract, no contact details: every block that states the ban names the narrow exceptions too.
CONTACT_BAN = re.compile(r"contact (?:details|information)", re.I)
BAN_WORDS = re.compile(r"\b(?:may not|don't|do not|never|neither|no)\b", re.I)


def test_every_statement_of_the_contact_details_ban_points_to_its_exceptions():
    problems = []
    for lesson in LESSONS:
        for block in blocks(lesson.id):
            for s in sentences(block):
                if CONTACT_BAN.search(s) and BAN_WORDS.search(s) and re.search(r"\bbefore\b", s, re.I) \
                        and not re.search(r"exception", block, re.I):
                    problems.append((lesson.id, s))
    assert problems == []


def test_the_check_handling_note_is_taught_once_with_why_a_new_freelancer_refuses():
    # Upwork staff: clients should never ask you to cash checks; a narrow note says some virtual-assistant roles
    # may handle checks. One lesson says both, and why a new freelancer still says no.
    places = [(lesson.id, b) for lesson in LESSONS for b in blocks(lesson.id) if re.search(r"virtual.assistant", b, re.I)]
    assert [lesson_id for lesson_id, _ in places] == ["scams-and-red-flags"]
    (_, passage), = places
    assert re.search(r"\brefuse|say no|decline", passage, re.I) and "Customer Support" in passage


def test_fiverr_chats_are_taught_one_way():
    # Before an order: the Fiverr inbox only. After an order: an outside tool is allowed, with a summary on the
    # order page; payment and new business never leave Fiverr. One name for where the summary goes.
    text = body("fiverr-and-freelancer")
    assert "order's messages" not in text
    for s in sentences(text):
        if re.search(r"WhatsApp|Discord|outside (?:communication )?tools?|third-party", s) and "Fiverr" in s:
            assert re.search(r"order|business|payment|pay\b", s, re.I), s


def test_support_is_contacted_at_the_same_moments_in_every_lesson():
    # Lessons 04 and 09 send you to support; lesson 12 used to leave it open ("can't tell you which is better").
    assert not re.search(r"can't tell you which is better|cannot tell you which is better", body("already-broke-a-rule"))
    assert re.search(r"write to (?:Upwork )?support|contact (?:Upwork )?(?:Customer )?Support", body("already-broke-a-rule"),
                     re.I)


# -- Facts to fix and topics to teach, each where a learner would look --------------------------------------------


class Finding(NamedTuple):
    lesson: str
    must: str          # a regex the lesson's text must match
    why: str
    must_not: str = r"(?!)"


FINDINGS = [
    Finding("interview-stays-on-platform", r"November 2020", "the community manager's answer dates to about "
            "late 2020", must_not=r"community manager in 2021|2021 community manager"),
    Finding("interview-stays-on-platform", r"still names[^.]*Business",
            "a Trust & Safety policy page of about spring 2022 still names Business"),
    Finding("proposals-and-connects", r"April 2, 2019", "Connects: announced April 2, 2019"),
    Finding("proposals-and-connects", r"\$1 each", "before that, extra Connects cost $1 each"),
    Finding("proposals-and-connects", r"June 7, 2016.*June 21, 2016", "the 2016 fee's two start dates"),
    Finding("proposals-and-connects", r"0 to 15%[^|]*\|[^|]*(?:reported|third-party)[^|]*low confidence",
            "the 0-15% row rests on third-party pages only, with low confidence"),
    Finding("proposals-and-connects", r"message (?:a|the) client (?:first|before you apply)",
            "direct messages to a client before you apply"),
    Finding("payments-and-circumvention", r"2,080", "how the Conversion Fee is worked out, with a dated figure"),
    Finding("one-honest-account", r"separate (?:account for (?:a|another) )?business", "a second account for a "
            "genuinely separate business, only with Upwork's help"),
    Finding("one-honest-account", r"[Ss]pecialized profiles?[^.]*(?:do not|don't|does not) (?:describe|say|mention)"
            r"|(?:do not|don't|does not) (?:describe|say|mention)[^.]*specialized profiles?",
            "specialized profiles: say what the sources leave open"),
    Finding("getting-paid-safely", r"December 5, 2023", "the dated release note on fixed-price disputes"),
    Finding("getting-paid-safely", r"21 days", "mediation: the help-page versions say 30 and 21 days"),
    Finding("getting-paid-safely", r"Mediation Assistance", "a separate service with its own 30 days"),
    Finding("getting-paid-safely", r"3 days", "hourly disputes: the freelancer replies within 3 days"),
    Finding("feedback-and-reputation", r"(?:see|sees|read|reads|visible)[^.]*feedback|feedback[^.]*(?:see|visible)",
            "what each side sees of the other's feedback, and when"),
    Finding("fiverr-and-freelancer", r"same type[^.]*(?:define|defin)|(?:define|defin)[^.]*same type",
            "what counts as the same type of Fiverr warning"),
    Finding("fiverr-and-freelancer", r"90 days[^.]*blog|blog[^.]*90 days", "the 90 days come from Fiverr's blog",
            must_not=r"Warnings help page[^.]*90 days"),
    Finding("taxes-ip-and-ndas", r"November 21, 2025", "the default contract terms of November 2025"),
    Finding("taxes-ip-and-ndas", r"bill of materials", "the list of Background Technology with each delivery"),
    Finding("taxes-ip-and-ndas", r"licen[cs]e[^.]*Background Technology|Background Technology[^.]*licen[cs]e",
            "the client's licence to the Background Technology in the work"),
    Finding("taxes-ip-and-ndas", r"exceptions?[^.]*(?:NDA|confidential)|(?:NDA|confidential)[^.]*exceptions?",
            "the exceptions to an NDA's secrecy"),
]


@pytest.mark.parametrize("finding", FINDINGS, ids=[f"{f.lesson}:{f.why[:40]}" for f in FINDINGS])
def test_each_fact_to_fix_and_topic_to_teach_is_in_its_lesson(finding):
    text = body(finding.lesson)
    assert re.search(finding.must, text), finding.why
    assert not re.search(finding.must_not, text), finding.why


# -- The timeline of rule changes ---------------------------------------------------------------------------------

CHANGES = {c.id: c for c in COURSE.changes}


def changes_for(platform: str) -> str:
    result = subprocess.run([sys.executable, "-m", "tutor", "changes", "--platform", platform],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_tutor_changes_lists_fiverrs_dated_changes_linked_to_the_lesson_that_teaches_them():
    shown = changes_for("fiverr")
    assert "No rule changes" not in shown
    assert "2 June 2025" in shown or "June 2, 2025" in shown or "2025-06-02" in shown, shown
    fiverr = [c for c in CHANGES.values() if c.platform == "Fiverr"]
    assert fiverr and all("fiverr-and-freelancer" in c.lessons for c in fiverr)
    warnings = next(c for c in fiverr if "warning" in c.title.lower())
    assert "2025-06-02" in warnings.source.url and "90 days" in warnings.summary


def test_the_timeline_dates_follow_the_third_fact_check():
    enterprise = CHANGES["upwork-exemption-enterprise-only"]
    assert enterprise.effective.isoformat() == "2022-03-31", "the Enterprise-only wording is in the March 31, 2022 update"
    assert "November 2020" in enterprise.summary and "community manager in 2021" not in enterprise.summary
    assert "still" in enterprise.summary and "Business" in enterprise.summary
    connects = CHANGES["upwork-connects-paid"]
    assert connects.announced.isoformat() == "2019-04-02" and "$1" in connects.summary
    fee = CHANGES["upwork-fee-sliding-2016"]
    assert fee.effective.isoformat() == "2016-06-07" and "June 21" in fee.summary
    assert fee.source.url.endswith("/211062538")


# -- Quizzes say what the lessons say (issue 25, second reader) ----------------------------------------------------

QUESTIONS = [(quiz, q) for quiz in (COURSE.quiz_for(lesson.id) for lesson in LESSONS) if quiz for q in quiz.questions]
def told_texts(question) -> list[str]:
    """What a quiz tells the learner about the rule: the explanation, the hints, every option's feedback and
    every ending (true/false feedback is the feedback of its two options)."""
    options = [*question.options, *(o for step in question.steps for o in step.options)]
    return [t for t in (question.explanation, *question.hints, *(o.feedback for o in options),
                        *(o.ending for o in options)) if t]


def learner_texts(question) -> list[str]:
    """Everything a learner reads in a question: what it tells, and the prompt, steps and options."""
    options = [*question.options, *(o for step in question.steps for o in step.options)]
    return [*told_texts(question), question.prompt, *(s.text for s in question.steps), *(o.text for o in options)]


def test_every_changeable_figure_in_quiz_feedback_explanations_and_hints_carries_a_year():
    problems = [(f"{quiz.id}/{q.id}", s) for quiz, q in QUESTIONS for text in told_texts(q)
                for s in figures_without_a_year(text)]
    assert problems == []


def test_the_quiz_year_check_fails_on_the_undated_figures_the_quizzes_had():
    # Texts the shipped quizzes carried before issue 25: 'as of the help page' with no version date.
    for old in ("As of Upwork's help page you have 7 days to accept or dispute.",
                "As of Upwork's Fixed-Price Protection help pages (every version we read agrees), the client has 14 "
                "days after you submit work on a funded milestone to approve it or request changes.",
                "As of that page, mediation lasts up to 30 days and ends in a recommendation that is not binding.",
                "As of the newest version of the page, Upwork may block new proposals and contracts, with an appeal "
                "possible after six months.",
                "As of Fiverr's Warnings page, a warning stays active for 90 days.",
                "Connects cost $0.15 each, sold in bundles."):
        assert figures_without_a_year(old), old
    assert not figures_without_a_year("As of Upwork's release note of December 5, 2023, the client has 5 "
                                           "days to accept or decline your dispute.")
    assert not figures_without_a_year("Wait 30 days and sign up again.")  # a story's days, not a rule's


def test_every_quiz_and_timeline_entry_ends_the_pre_contract_stage_where_the_lessons_do():
    # Lesson 02: the stage ends when you accept the offer (or on its start date, if that comes first). A quiz
    # or a `tutor changes` entry that says "until a contract starts" teaches the other moment.
    problems = [(f"{quiz.id}/{q.id}", s) for quiz, q in QUESTIONS for text in learner_texts(q)
                for s in stage_end_sentences_without_acceptance(text)]
    problems += [(change.id, s) for change in COURSE.changes for text in (change.title, change.summary)
                 for s in stage_end_sentences_without_acceptance(text)]
    assert problems == []


def test_no_quiz_tells_you_to_wait_for_upwork_to_ask():
    # Lesson 12: once you have stopped, write to Upwork support yourself; answer the same way if it writes first.
    waiting = re.compile(r"\bif (?:Upwork|support) asks\b|\b(?:truth|honest|truthful)\w* if asked\b", re.I)
    problems = [(f"{quiz.id}/{q.id}", s) for quiz, q in QUESTIONS for text in told_texts(q)
                for s in sentences(flat(text)) if waiting.search(s)]
    assert problems == []


class QuizFinding(NamedTuple):
    question: str      # quiz id / question id
    must: str          # a regex some text of the question must match
    why: str
    must_not: str = r"(?!)"


QUIZ_FINDINGS = [
    QuizFinding("getting-paid-safely/disputed-hours", r"respond within 3 days[^.]*|3 days[^.]*respond",
                "lesson 06: after an hourly dispute Upwork asks you to respond within 3 days"),
    QuizFinding("one-honest-account/freelancer-photo", r"(?:differ|disagree|not all alike)[^.]*logo|logo[^.]*(?:differ|disagree)",
                "lesson 04: the pages disagree on logos", must_not=r"Clients may use a company logo, but freelancers"),
    QuizFinding("fiverr-and-freelancer/fiverr-whatsapp-then-call", r"order page",
                "lesson 10: the summary goes on the order page", must_not=r"order's messages"),
    QuizFinding("fiverr-and-freelancer/fiverr-discord-files", r"order page",
                "lesson 10: the summary goes on the order page", must_not=r"order's messages"),
    QuizFinding("fiverr-and-freelancer/who-releases", r"employer may (?:also )?cancel",
                "lesson 10: one regional page lets the employer cancel a pending milestone before the award is "
                "accepted", must_not=r"roles are fixed"),
    QuizFinding("already-broke-a-rule/community-post", r"support yourself",
                "lesson 12: write to Upwork support yourself"),
]


@pytest.mark.parametrize("finding", QUIZ_FINDINGS, ids=[f.question for f in QUIZ_FINDINGS])
def test_each_quiz_text_the_lessons_contradicted_now_says_what_the_lesson_says(finding):
    quiz_id, question_id = finding.question.split("/")
    question = next(q for quiz, q in QUESTIONS if quiz.id == quiz_id and q.id == question_id)
    text = " ".join(flat(t) for t in learner_texts(question))
    assert re.search(finding.must, text), finding.why
    assert not re.search(finding.must_not, text), finding.why


def test_quizzes_cite_the_dated_source_the_lesson_added():
    # The 14-day release has a dated source since lesson 06 added Upwork's release note of December 5, 2023.
    sources = {f"{quiz.id}/{q.id}": q.source for quiz, q in QUESTIONS}
    assert sources["getting-paid-safely/silent-client"] == "upwork-dispute-release-note"
    assert sources["one-honest-account/job-title-name"] == "upwork-profile-name"
    assert sources["one-honest-account/freelancer-photo"] == "upwork-profile-photo"
