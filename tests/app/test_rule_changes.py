"""Rule changes as a learner meets them: a pack gains a change between two runs; the dashboard says
so once, the lesson is marked and carries a note, the question answered right comes back for
review with the change shown first, and a third run announces nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app.conftest import PACK, text_of
from tests.progress.fakes import FakeClock
from tutor.app.screens.changes import RuleChangesScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.widgets.lesson_list import LessonList

CHANGE = '''
[[changes]]
id = "meeting-links"
platform = "Upwork"
title = "A meeting link from the client's own account is now refused outright"
announced = 2026-11-20
effective = 2026-11-28
added = 2026-11-30
summary = "Before: the rule said to stay in Messages. After: the platform blocks pasted meeting links."
lessons = ["stay"]
questions = ["stay/zoom-link"]

[changes.source]
title = "Help: On-platform interviews"
url = "https://example.com/interviews"
checked = 2026-11-30
'''

NOON = 1_800_000_000.0 - 1_800_000_000.0 % 86400 + 12 * 3600


async def test_a_change_added_between_two_runs_is_told_once_and_requeues_what_was_learned(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    clock = FakeClock(NOON)
    first = make_app(pack, clock=clock)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "escape", "q", "2", "enter", "escape")  # read a page; answer q1 right
        assert "rule" not in text_of(first.screen.query_one("#summary")).lower().split("reviews")[0]

    (pack / "changes.toml").write_text(CHANGE, encoding="utf-8")
    clock.tick(86400 * 3)
    second = make_app(pack, clock=clock)
    async with second.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = text_of(second.screen.query_one("#summary"))
        assert "⚠ 1 rule you studied has changed since" in summary and "(press u)" in summary
        assert "1 review due now" in summary
        assert "⚠ rule changed" in second.screen.query_one(LessonList).row_text("stay")
        assert "rule changed" not in second.screen.query_one(LessonList).row_text("money")
        await pilot.press("enter")
        reader = second.screen
        assert isinstance(reader, ReaderScreen)
        note = text_of(reader.query_one("#changed"))
        assert "⚠ Changed 28 November 2026: A meeting link from the client's own account" in note
        await pilot.press("u")
        timeline = second.screen
        assert isinstance(timeline, RuleChangesScreen)
        detail = text_of(timeline.query_one("#change"))
        assert "Before: the rule said to stay in Messages." in detail and "(checked 2026-11-30)" in detail
        await pilot.press("escape", "escape", "r")
        review = second.screen
        assert isinstance(review, ReviewScreen)
        reason = text_of(review.query_one("#q-reason"))
        assert "A rule this question tests has changed (28 November 2026)" in reason
        assert "his own Zoom room" in text_of(review.query_one("#q-prompt"))

    clock.tick(86400)
    third = make_app(pack, clock=clock)
    async with third.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        summary = text_of(third.screen.query_one("#summary"))
        assert "changed since" not in summary, "told once, not again"
        assert "rule changed" not in third.screen.query_one(LessonList).row_text("stay"), "its note was seen"


async def test_a_change_to_a_lesson_not_studied_yet_is_not_news(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "changes.toml").write_text(CHANGE, encoding="utf-8")
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "changed since" not in text_of(app.screen.query_one("#summary"))
        await pilot.press("enter")
        assert not app.screen.query_one("#changed").display


def test_the_timeline_screen(snap_compare, make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "changes.toml").write_text(CHANGE + CHANGE.replace('"meeting-links"', '"older"').replace(
        "2026-11-28", "2020-06-26").replace("2026-11-20", "2020-05-26").replace(
        "A meeting link from the client's own account is now refused outright",
        "Pre-contract interviews stay on the platform"), encoding="utf-8")
    assert snap_compare(make_app(pack), press=["u"], terminal_size=(80, 24))


def test_reset_forgets_which_changes_were_told(tmp_path):
    from tutor.content.loader import load_course
    from tutor.progress import open_store
    from tutor.progress.rule_changes import open_course

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "changes.toml").write_text(CHANGE, encoding="utf-8")
    course, _ = load_course(pack)
    with open_store(tmp_path / "data") as store:
        store.record_lesson_opened(course.id, "stay")
        assert [c.id for c in open_course(course, store).announced] == ["meeting-links"]
        assert open_course(course, store).announced == ()
        store.reset(course.id)
        store.record_lesson_opened(course.id, "stay")
        assert [c.id for c in open_course(course, store).announced] == ["meeting-links"]
    assert Path(pack / "changes.toml").exists()


async def test_the_palette_leads_to_the_rule_changes_the_readiness_check_and_the_reviews(make_app):
    """The learner's own commands in the palette (issues 10 and 14) each open their screen."""
    from tutor.app.screens.dashboard import DashboardScreen
    from tutor.app.screens.readiness import ReadinessScreen

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for typed, screen in (("rule changes", RuleChangesScreen), ("ready for a first", ReadinessScreen),
                              ("reviews", ReviewScreen)):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*typed)
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen), typed
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen), typed
