"""changes.toml, the pack's timeline of rule changes: what a good one gives the course, and every
problem of a broken one reported at once, each at its line."""

from __future__ import annotations

from datetime import date

from tests.content.packs import make_pack, write
from tutor.content.loader import check_pack, load_course

TODAY = date(2026, 12, 1)

GOOD = '''
[[changes]]
id = "precontract"
platform = "Upwork"
title = "Pre-contract interviews stay on the platform"
announced = 2020-05-26
effective = 2020-06-26
added = 2026-11-30
summary = "Before: interviews off the platform were common. After: they stay on it."
lessons = ["intro"]
questions = ["intro-quiz/q1"]

[changes.source]
title = "Announcement"
url = "https://example.com/announcement"
checked = 2026-11-30

[[changes]]
id = "undated"
platform = "Upwork"
title = "A page was rewritten"
noticed = 2026-11-30
added = 2026-11-30
summary = "Before: one thing. After: another."
lessons = ["intro"]
source = { title = "Help page", url = "https://example.com/help", checked = 2026-11-30 }
'''


def test_a_good_changes_file_gives_the_course_its_timeline(tmp_path):
    root = make_pack(tmp_path)
    write(root / "changes.toml", GOOD)
    course, findings = check_pack(root, today=TODAY)
    assert findings == []
    first, second = course.changes
    assert (first.id, first.effective, first.questions, first.source.checked) == (
        "precontract", date(2020, 6, 26), ("intro-quiz/q1",), date(2026, 11, 30))
    assert (second.effective, second.noticed, second.when) == (None, date(2026, 11, 30), date(2026, 11, 30))
    assert load_course(root)[0].changes == course.changes  # the app's catalogue reads it the same


BROKEN = '''
[[changes]]
id = "wrong-order"
platform = "Upwork"
title = "Dates in the wrong order"
announced = 2020-06-26
effective = 2020-05-26
added = 2026-11-30
summary = "Before and after."
lessons = ["intro", "ghost"]
questions = ["intro-quiz/nope", "no-quiz/q1", "missing-slash"]

[changes.source]
title = "Announcement"
url = "https://example.com/announcement"

[[changes]]
id = "wrong-order"
platform = "Upwork"
title = "No date at all"
added = 2026-11-30
summary = "Before and after."
lessons = ["intro"]
precision = "week"
source = { title = "Help", url = "https://example.com", checked = 2026-11-30 }
'''


def test_every_problem_of_a_broken_changes_file_is_reported_at_once_with_its_line(tmp_path):
    root = make_pack(tmp_path)
    write(root / "changes.toml", BROKEN)
    _course, findings = check_pack(root, today=TODAY)
    found = [f.format(root) for f in findings if f.path.name == "changes.toml"]
    expected = [  # the file starts with an empty line: [[changes]] is line 2
        "changes.toml:7:1: error: change took effect (2020-05-26) before it was announced (2020-06-26)",
        "changes.toml:11:1: error: question \"missing-slash\" is not \"quiz-id/question-id\"",
        'changes.toml:10:1: error: change "wrong-order" names lesson "ghost", which does not exist',
        'changes.toml:11:1: error: change "wrong-order" names question "intro-quiz/nope": the quiz has no such',
        'changes.toml:11:1: error: change "wrong-order" names question "no-quiz/q1": the quiz does not exist',
        'changes.toml:13:1: error: change source is missing required field "checked"',
        "changes.toml:17:1: error: change has neither an effective nor a noticed date",
        'changes.toml:18:1: error: change id "wrong-order" is used twice',
        'changes.toml:24:1: error: unknown precision "week"',
    ]
    for message in expected:
        assert any(line.startswith(message) for line in found), (message, found)
    assert len(found) >= len(expected)


def test_lessons_and_questions_a_change_names_must_exist(tmp_path):
    root = make_pack(tmp_path)
    write(root / "changes.toml", GOOD.replace('lessons = ["intro"]\nquestions = ["intro-quiz/q1"]',
                                              'lessons = ["intro", "ghost"]\nquestions = ["intro-quiz/nope", "x/q1"]'))
    _course, findings = check_pack(root, today=TODAY)
    messages = [f.message for f in findings]
    assert 'change "precontract" names lesson "ghost", which does not exist' in messages
    assert 'change "precontract" names question "intro-quiz/nope": the quiz has no such question' in messages
    assert 'change "precontract" names question "x/q1": the quiz does not exist' in messages
    assert all(f.line > 1 for f in findings if f.path.name == "changes.toml")


def test_the_shipped_timeline_passes_and_names_only_what_exists():
    from tutor.content.loader import content_root

    course, findings = check_pack(content_root())
    assert not [f for f in findings if f.path.name == "changes.toml"]
    assert len(course.changes) >= 10
    ids = {f"{quiz}/{q.id}" for quiz in course.quiz_index for q in (course.quiz(quiz).questions)}
    for change in course.changes:
        assert set(change.lessons) <= set(course.lessons)
        assert set(change.questions) <= ids
    precontract = next(c for c in course.changes if c.id == "upwork-precontract-on-platform")
    assert (precontract.announced, precontract.effective) == (date(2020, 5, 26), date(2020, 6, 26))
