"""The learner's app, second pass (issue 9): each finding as the learner met it, on screen."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static

from tests.app.conftest import PACK, plain, text_of, toasts
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.dialogs import ConfirmScreen, OpenLinkScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.screens.welcome import WelcomeScreen
from tutor.app.widgets.key_bar import KeyBar
from tutor.app.widgets.lesson_list import LessonList
from tutor.content.loader import content_root

SHIPPED = content_root()


def copy_pack(tmp_path: Path, name: str = "pack") -> Path:
    pack = tmp_path / name
    shutil.copytree(PACK, pack)
    return pack


def options_text(screen) -> str:
    """What the question's option list shows, line by line, as plain text."""
    option_list = screen.query_one("#q-options", OptionList)
    console = Console(width=option_list.size.width or 80, record=True, color_system=None, file=open("/dev/null", "w"))
    for index in range(option_list.option_count):
        console.print(option_list.get_option_at_index(index).prompt)
    return console.export_text()


# -- broken or wrong ----------------------------------------------------------------------------


async def test_a_long_scenario_ending_is_brought_into_view_and_scrolls_with_the_keyboard(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.take_quiz("interview-stays-on-platform")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        while quiz.question.kind != "scenario" or len(quiz.question.steps) < 2:  # a multi-step story
            await pilot.press("1", "s", "enter")
            await pilot.pause()
            await pilot.press("n")
        while not quiz.answered:  # walk the story to an ending
            await pilot.press("1", "enter")
            await pilot.pause()
        body = quiz.query_one("#q-body", VerticalScroll)
        feedback = quiz.query_one("#q-feedback", Static)
        top = feedback.virtual_region.y
        assert body.scroll_y <= top < body.scroll_y + body.scrollable_content_region.height, "the verdict is in view"
        assert quiz.focused is quiz.query_one("#next")
        before = body.scroll_y
        await pilot.press("pageup")
        assert body.scroll_y < before, "PgUp scrolls the question while Next has the focus"
        await pilot.press("down")
        assert body.scroll_y > 0


async def test_select_all_answers_wrap_instead_of_being_cut_off(make_app, tmp_path):
    pack = copy_pack(tmp_path)
    quiz_file = pack / "quizzes" / "stay.toml"
    long = "Your phone number, written out in full, including the country code and any extension you use"
    quiz_file.write_text(quiz_file.read_text().replace('text = "Your phone number"', f'text = "{long}"'))
    app = make_app(pack)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "q", "1", "enter", "n")
        shown = options_text(app.screen)
        assert "…" not in shown
        assert "including the country code and any extension you use" in " ".join(shown.split())


async def test_sources_join_the_links_and_a_web_link_can_be_copied(make_app, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "l")  # page 1 has no links of its own: the lesson's source is there
        links = app.screen.query_one(OptionList)
        assert [plain(o.prompt) for o in links.options] == [
            "1. Source: Help: On-platform interviews https://example.com/interviews"]
        await pilot.press("enter")
        dialog = app.screen
        assert isinstance(dialog, OpenLinkScreen)
        said = text_of(dialog.query_one(Static))
        assert "no desktop here" in said and "Copy the link" in said  # no browser can open here
        assert not dialog.query("#open")
        await pilot.press("c")
        assert app.clipboard == "https://example.com/interviews"


async def test_a_long_source_address_is_never_broken_across_lines(make_app, tmp_path):
    pack = copy_pack(tmp_path)
    lesson = pack / "lessons" / "01-stay.md"
    url = "https://community.example.com/t5/Announcements/Frequently-Asked-Questions-on-TOS-changes/td-p/756278"
    lesson.write_text(lesson.read_text().replace('url = "https://example.com/interviews"', f'url = "{url}"'))
    app = make_app(pack)
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "right")
        sources = app.screen.query_one("#sources", Static)
        console = Console(width=sources.content_region.width, record=True, color_system=None,
                          file=open("/dev/null", "w"))
        console.print(sources.content)
        lines = console.export_text().splitlines()
        [first] = [line for line in lines if "https://" in line]
        assert first.strip().endswith("…"), "cut with an ellipsis rather than wrapped"
        assert not any(line.strip().startswith(("Frequently", "Questions", "td-p")) for line in lines)


async def test_jumping_to_the_last_page_is_not_reading_and_done_needs_the_quiz(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "t", "end", "enter", "escape")  # jump to the last page from the contents
        row = app.screen.query_one(LessonList).row_text("stay")
        assert "page 3/3" in row
        await pilot.press("enter", "left", "escape")  # now every page has been seen
        row = app.screen.query_one(LessonList).row_text("stay")
        assert "read · quiz next" in row and "●" not in row
        assert "Take the quiz: Stay on the platform" in text_of(app.screen.query_one("#continue"))
        await pilot.press("c")  # continue = the quiz of the lesson just read
        assert isinstance(app.screen, QuizScreen)
        await pilot.press("2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "2", "enter", "1", "enter", "n")
        await pilot.press("escape")
        row = app.screen.query_one(LessonList).row_text("stay")
        assert "●" in row and "passed 100%" in row
        assert "Course finished" not in text_of(app.screen.query_one("#continue"))  # "money" is not read yet
        await pilot.press("c")  # start the next lesson, which has no quiz, and read it to the end
        reader = app.screen
        assert isinstance(reader, ReaderScreen) and reader.lesson.id == "money"
        for _ in range(reader.last_page):
            await pilot.press("right")
        await pilot.press("escape")
        assert "Course finished: every lesson read and every quiz passed" in text_of(app.screen.query_one("#continue"))


async def test_each_pack_has_its_own_welcome_and_leaving_by_the_palette_counts_as_seen(make_app, tmp_path):
    pack = copy_pack(tmp_path, "agency-pack")
    course = pack / "course.toml"
    course.write_text(course.read_text().replace('id = "test-pack"', 'id = "agency"\ndescription = "Our agency\'s '
                                                 'rules for talking to clients."\nwelcome = "welcome.md"'))
    (pack / "welcome.md").write_text("Read **this** before your first call.\n")
    first = make_app(welcome_seen=False)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(first.screen, WelcomeScreen)
        await pilot.press("enter")
    app = make_app(pack, welcome_seen=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen), "seen for the first pack is not seen for this one"
        shown = "\n".join(text_of(words) for words in app.screen.query_one("#words").query(Static))
        assert "Our agency's rules for talking to clients." in shown and "Read this before your first call." in shown
        assert "freelance marketplaces (Upwork" not in shown
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"money")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
    again = make_app(pack, welcome_seen=False)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, DashboardScreen)


async def test_the_problem_count_is_the_checks_count_with_the_exact_command(make_app, tmp_path):
    from tutor.content.loader import check_pack

    pack = copy_pack(tmp_path, "broken pack")
    quiz_file = pack / "quizzes" / "stay.toml"
    quiz_file.write_text(quiz_file.read_text().replace('kind = "single"', 'kind = "single"\nrisk = "extreme"', 1)
                         .replace('next = ', 'next = "nowhere"\n# ', 1))
    errors = sum(f.severity == "error" for f in check_pack(pack)[1])
    assert errors >= 2
    app = make_app(pack)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(100):  # the check starts once the first frame is on screen, then runs in a thread
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if any("problem" in n for n in toasts(app)):
                break
        [notice] = [n for n in toasts(app) if "problem" in n]
        assert notice.startswith(f"{errors} problems in this course's files")
        assert f"tutor check '{pack}'" in " ".join(notice.split())


async def test_the_wheels_own_course_is_not_checked_again_on_the_learners_machine(make_app, tmp_path, monkeypatch,
                                                                                  data_dir):
    """The course inside the installed wheel was checked before release; a pack, even a copy of it, is
    checked (above). Here a broken copy stands where the wheel keeps its course."""
    import tutor.content.loader as loader

    pack = copy_pack(tmp_path, "packaged")
    quiz_file = pack / "quizzes" / "stay.toml"
    quiz_file.write_text(quiz_file.read_text().replace('next = ', 'next = "nowhere"\n# ', 1))
    monkeypatch.setattr(loader, "PACKAGED", pack.resolve())
    app = make_app(pack.resolve())
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(10):
            await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        assert not [n for n in toasts(app) if "problem" in n]
        assert not list((data_dir / "cache").glob("check-*.json"))


async def test_the_palette_takes_or_retakes_quizzes_as_fits_and_saves_screenshots_where_it_says(
        make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Keys" not in titles and "Help" in titles  # Textual's Keys said what Help says
        from tutor.app.commands import LessonCommands

        provider = LessonCommands(app.screen)
        entries = [name for name, _command, _help in provider.entries()]
        assert "Take quiz: Stay on the platform" in entries and not any("Retake" in e for e in entries)
        app.action_screenshot()
        await pilot.pause()
        shots = list((data_dir / "screenshots").glob("*.svg"))
        assert len(shots) == 1
        # The file's name on a line, its folder on the next: a narrow notice never folds a name.
        assert any(shots[0].name in n.splitlines()[0] and "screenshots" in n for n in toasts(app))


# -- flow and layout ----------------------------------------------------------------------------


async def test_back_works_like_a_browser_and_esc_closes_the_contents_first(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "l", "enter")  # follow the link to the next lesson
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "money"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "stay"
        assert app.screen.sub_title == "page 2 of 3", "back at the page the link was followed from"
        await pilot.press("t")
        assert app.screen.toc_open
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen) and not app.screen.toc_open
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("down", "enter", "escape")  # read a little of the second lesson
        assert app.screen.query_one(LessonList).highlighted_lesson == "money"


async def test_results_show_the_pass_mark_the_best_before_and_the_way_on(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        right = ["2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "2", "enter", "1", "enter", "n"]
        await pilot.press("q", "1", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "2", "enter", "1", "enter",
                          "n")
        score = text_of(app.screen.query_one("#score"))
        assert "3 of 4 (75%)" in score and "Not passed yet: the pass mark is 80%" in score
        await pilot.press("escape", "q", *right)
        results = app.screen
        assert isinstance(results, ResultsScreen)
        score = text_of(results.query_one("#score"))
        assert "✓ Passed" in score and "Your best before this was 75%." in score
        assert not results.query("#retry"), "nothing was missed: no retry"
        assert "x Next lesson" in text_of(results.query_one(KeyBar))
        await pilot.press("x")
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "money"


async def test_the_end_of_a_lesson_offers_its_quiz_and_the_next_lesson(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "right")
        end = app.screen.query_one("#page-end")
        assert end.display and app.screen.query_one("#take-quiz").display and app.screen.query_one("#next-lesson").display
        await pilot.click("#next-lesson")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "money"


async def test_answered_options_say_in_words_which_was_yours_and_which_was_right(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "1", "enter")
        shown = options_text(app.screen)
        assert "Join the call on the link he sent  ✗ your answer: wrong" in shown
        assert "Offer a call started from Messages  ✓ the right answer" in shown
        await pilot.press("n", "1", "3", "s")
        shown = options_text(app.screen)
        assert "[x] 1. Your email address  ✓ you ticked it: right" in shown
        assert "[ ] 2. Your phone number  ✗ a right answer you did not tick" in shown
        assert "[x] 3. Your first name  ✗ you ticked it: wrong" in shown


async def test_a_scenario_that_ends_badly_shows_a_way_to_a_good_ending(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "1", "enter", "n", "1", "s", "n", "1", "enter", "n", "1", "enter")
        feedback = text_of(app.screen.query_one("#q-feedback"))
        assert "Bad ending" in feedback and "A way to a good ending:" in feedback
        assert "You: Say you will keep talking in Messages" in feedback


async def test_partial_credit_shows_its_points_and_results_use_two_decimals_at_most(make_app, tmp_path):
    pack = copy_pack(tmp_path)
    quiz_file = pack / "quizzes" / "stay.toml"
    quiz_file.write_text(quiz_file.read_text().replace('kind = "multi"', 'kind = "multi"\npartial_credit = true', 1))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "2", "enter", "n", "1", "s")  # email ticked, phone missed: 2 of 3 judged right
        feedback = text_of(app.screen.query_one("#q-feedback"))
        assert "◐ Partly right  (0.67 of 1 point: 2 of 3 options judged right)" in feedback
        await pilot.press("n", "1", "enter", "n", "2", "enter", "1", "enter", "n")
        assert "3.67 of 4 (92%)" in text_of(app.screen.query_one("#score"))


async def test_reading_keeps_a_measure_pages_like_less_and_draws_bars_whole(make_app, tmp_path):
    pack = copy_pack(tmp_path)
    lesson = pack / "lessons" / "01-stay.md"
    long_quote = "> " + "A quoted rule that goes on for a while. " * 12 + "\n"
    lesson.write_text(lesson.read_text().replace("## The rule\n", "## The rule\n\n" + long_quote + "\n"))
    app = make_app(pack)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "space")  # space at the end of a short page turns it
        reader = app.screen
        assert reader.sub_title == "page 2 of 3"
        page = reader.query_one("#page")
        assert page.size.width <= 84, "about 80 columns of text on a wide terminal"
        console = Console(width=page.content_region.width, record=True, color_system=None, file=open("/dev/null", "w"))
        console.print(page.content)
        quote = [line for line in console.export_text().splitlines() if "quoted rule" in line]
        assert len(quote) >= 3 and all(line.lstrip().startswith("▌") for line in quote)
        await pilot.press("b")  # at the top: back a page
        assert reader.sub_title == "page 1 of 3"


async def test_confirmations_take_y_and_n_and_true_false_takes_t_and_f(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_reset_progress()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.focused.id == "cancel"  # the safe answer first
        await pilot.press("left")
        assert app.screen.focused.id == "confirm"
        await pilot.press("right")
        assert app.screen.focused.id == "cancel"
        await pilot.press("n")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("q", "2", "enter", "n", "1", "2", "s", "n", "f", "enter")
        assert "Not quite" in text_of(app.screen.query_one("#q-feedback"))  # false was wrong: it is true
        await pilot.press("escape")
        await pilot.pause()
        app.action_reset_progress()
        await pilot.pause()
        await pilot.press("y")  # y confirms: the progress is erased
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not app.store.quiz_scores(app.course.id) and not app.store.open_attempt(app.course.id, "stay")


async def test_j_and_k_scroll_a_long_page_a_line_at_a_time(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_lesson("why-the-platform", page=1)
        await pilot.pause()
        scroll = app.screen.query_one("#page-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 2, "the page must be longer than the screen for this test"
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert scroll.scroll_y == 2


async def test_a_third_hint_press_says_there_are_no_more(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("q", "h", "h")
        await pilot.pause()
        assert any("no more hints" in " ".join(n.split()) for n in toasts(app))


async def test_the_dashboard_shows_minutes_and_summary_and_hides_take_quiz_without_a_quiz(make_app):
    app = make_app()  # "stay" has a quiz, "money" has none
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dashboard = app.screen
        assert dashboard.query_one(LessonList).row_text("stay").endswith("  4 min")
        assert "Why the interview stays on the platform." in text_of(dashboard.query_one("#detail"))
        assert "Quiz" in text_of(dashboard.query_one(KeyBar))
        await pilot.press("down")
        assert "Quiz" not in text_of(dashboard.query_one(KeyBar))
        await pilot.press("q")
        assert isinstance(app.screen, DashboardScreen)


async def test_a_module_of_one_lesson_of_the_same_title_has_no_heading_of_its_own(make_app, tmp_path):
    pack = copy_pack(tmp_path)
    course = pack / "course.toml"
    course.write_text(course.read_text().replace('title = "Basics"', 'title = "Stay on the platform"'))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = [row[0].plain for row in app.screen.query_one(LessonList).rows]
        assert sum("Stay on the platform" in row for row in rows) == 1


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_at_80x24_and_the_smallest_size_the_header_keeps_the_page_and_keys_are_whole(make_app, size):
    app = make_app(SHIPPED)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        bar = reader.query_one("TitleBar")
        console = Console(width=size[0], record=True, color_system=None, file=open("/dev/null", "w"))
        console.print(bar.render())
        header = console.export_text().rstrip()
        assert re.search(r"page 1 of \d+$", header), header
        keys = text_of(reader.query_one(KeyBar)).rstrip()
        assert "…" not in keys and len(keys) <= size[0]
        assert keys.split()[-1] in ("Next", "Prev", "Contents", "Links", "Quiz", "Back", "Quit", "Help")


async def test_entering_a_quiz_and_leaving_at_once_records_no_attempt(make_app, data_dir):
    from tutor.progress import open_store

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q", "escape", "q", "escape")
        assert isinstance(app.screen, DashboardScreen)
    with open_store(data_dir) as store:
        assert [r for r in store.export_rows("test-pack") if r.kind == "quiz-attempt"] == []
