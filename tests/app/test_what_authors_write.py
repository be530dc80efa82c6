"""What an author writes shows where the author expects it (issue 11): a lesson's minutes, its
unread prerequisites (which do not lock it), and the pass mark on the quiz results."""

from __future__ import annotations

import shutil

from tests.app.conftest import PACK, text_of
from tutor.app.screens.reader import ReaderScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.widgets.lesson_list import LessonList


async def test_unread_prerequisites_are_named_below_the_list_and_the_lesson_still_opens(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    money = pack / "lessons" / "02-money.md"
    money.write_text(money.read_text().replace('summary = "', 'prerequisites = ["stay"]\nsummary = "'))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lessons = app.screen.query_one("#lessons", LessonList)
        assert lessons.row_text("money").endswith("  3 min")  # minutes, as the front matter says
        await pilot.press("down")
        assert lessons.highlighted_lesson == "money"
        detail = text_of(app.screen.query_one("#detail"))
        assert "Payments go through the platform." in detail  # the summary
        assert "Read first: Stay on the platform" in detail

        await pilot.press("enter")  # a prerequisite advises, it does not lock
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "money"
        await pilot.press("escape", "up", "enter")
        assert app.screen.lesson.id == "stay"
        await pilot.press("right", "right", "escape")  # every page of the prerequisite read
        await pilot.press("down")
        assert "Read first" not in text_of(app.screen.query_one("#detail"))


async def test_the_results_say_the_pass_mark_course_toml_sets(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    course = pack / "course.toml"
    course.write_text(course.read_text().replace("pass_mark = 0.8", "pass_mark = 0.7"))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.take_quiz("stay")
        await pilot.pause()
        await pilot.press("2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "2", "enter", "1", "enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        score = text_of(app.screen.query_one("#score"))
        assert "Passed: the pass mark is 70%" in score
