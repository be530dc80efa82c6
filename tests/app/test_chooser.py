"""With more than one pack installed, `tutor` asks which course to open (issue 26, item 2): the
installed packs by title, the shipped course last, the one chosen last highlighted; a number or Enter
opens one, Esc quits. Pinned as snapshots at 80x24 and 60x18."""

from __future__ import annotations

from pathlib import Path

from tutor.app.chooser import ChooserApp

COURSES = [("agency-onboarding", "Lantern & Pine: onboarding", Path("/packs/agency-onboarding")),
           ("client-care", "Client care [bold]not markup[/bold]", Path("/packs/client-care")),
           ("freelance-tos", "Freelance marketplaces: the rules before your first job (the shipped course)",
            Path("/shipped"))]


async def test_enter_opens_the_highlighted_course_and_the_last_choice_is_highlighted():
    app = ChooserApp(COURSES, last="client-care")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
    assert app.return_value == Path("/shipped")


async def test_a_number_opens_that_course_and_escape_opens_none():
    app = ChooserApp(COURSES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
    assert app.return_value == Path("/packs/agency-onboarding")
    app = ChooserApp(COURSES)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
    assert app.return_value is None


class TestChooser:
    def test_the_chooser_at_80x24(self, snap_compare):
        assert snap_compare(ChooserApp(COURSES, last="client-care"), terminal_size=(80, 24))

    def test_the_chooser_at_60x18(self, snap_compare):
        assert snap_compare(ChooserApp(COURSES), terminal_size=(60, 18))
