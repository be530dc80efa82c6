"""A newcomer's second walk (issue 24): nothing cut off at 80x24 or 60x18, and words that read as a
person wrote them, each on the screen and at the size where it was met."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList

from tests.app.conftest import PACK, plain, text_of, toasts
from tests.app.test_newcomer_keys import SHIPPED, answer_a_readiness_check, bounded, key_bar
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.readiness import ReadinessResultScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.screens.review import ReviewScreen
from tutor.app.widgets.lesson_list import LessonList
from tutor.progress.answering import save_answer
from tutor.progress.scoring import judge_choice


def screen_lines(app) -> list[str]:
    """The screen as the terminal shows it, line by line (what a snapshot holds, as text)."""
    import re

    svg = app.export_screenshot()
    rows = re.findall(r'<text class="[^"]*" x="[^"]*" y="([^"]*)"[^>]*>([^<]*)</text>', svg)
    by_y: dict[float, str] = {}
    for y, chunk in rows:
        by_y[float(y)] = by_y.get(float(y), "") + chunk
    import html

    return [html.unescape(by_y[y]).replace("\xa0", " ").rstrip("\n") for y in sorted(by_y)]


# -- 5. a wrapped option is shown whole in the reviews, as in the quiz ------------------------------


async def test_a_review_shows_a_wrapped_option_whole_at_80x24(make_app):
    app = make_app(SHIPPED)
    quiz = app.course.quiz("payments-and-circumvention")
    question = quiz.question("what-counts")
    save_answer(app.store, app.course.id, quiz.id, question, judge_choice(question, ["bonus"]), seconds=1,
                scheduler=app.scheduler)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen(app.store.due_reviews(app.course.id, now=app.store.now() + timedelta(hours=1))))
        await pilot.pause(0.3)
        options = app.screen.query_one("#q-options", OptionList)
        assert options.max_scroll_y == 0, "the list shows every option whole, with no scroll bar of its own"
        asking = next(o for o in question.options if o.correct).text  # "... even if he says no"
        shown = "".join(line.replace(" ", "") for line in screen_lines(app))
        assert asking.replace(" ", "") in shown.replace("▎▊", ""), "its last words are the point of the answer"


# -- 11. the dashboard at 80x24 and 60x18 ----------------------------------------------------------


async def test_the_dashboard_at_80x24_shows_each_state_whole_and_a_dozen_rows(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *["right"] * 5, "escape")  # 1.1 read to its last page
        app.take_quiz("why-the-platform")
        await pilot.pause()
        quiz = app.screen
        for _ in bounded(lambda: isinstance(app.screen, QuizScreen)):
            await pilot.press("1", "enter")
            for _ in bounded(lambda: not quiz.answered):
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        lessons = app.screen.query_one(LessonList)
        assert lessons.size.height >= 12, "the list keeps most of the screen"
        row = next(line for line in screen_lines(app) if "1.1 " in line)
        assert row.rstrip().endswith("not passed") and "quiz " in row, row  # the state, whole, at the edge
        assert app.screen.query_one("#continue").size.height == 1
        detail = text_of(app.screen.query_one("#detail"))
        assert detail.rstrip().endswith((".", "…")), "the description ends at a sentence, or says it goes on"


async def test_the_dashboard_at_60x18_keeps_rows_keys_and_words_whole(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(LessonList).size.height >= 6
        assert {"Continue", "Changes", "Help"} <= set(key_bar(app)), key_bar(app)
        shown = screen_lines(app)
        assert any("(press a)" in line for line in shown), "never broken over two lines"
        assert all(len(line.rstrip()) <= 60 for line in shown)
        rows = [line for line in shown if " 1." in line and "min" in line]
        assert rows and all(line.rstrip(" ▁▂▃▄▅▆▇█").endswith("min") for line in rows)  # a scroll bar beside


async def test_results_buttons_fit_at_60x18(make_app):
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await pilot.press("q", "1", "enter", "n", "1", "enter", "n", "f", "enter", "n", "1", "enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        for button in app.screen.query("Button"):
            assert button.region.right <= 60 and button.region.height == 1, button.label
        assert "Dashboard" in key_bar(app)


async def test_the_welcome_at_60x18_shows_the_keys_and_start(make_app):
    app = make_app(welcome_seen=False)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Three keys matter" in shown and "Start (Enter)" in shown


async def test_the_contents_take_the_width_at_60x18(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "t")
        await pilot.pause()
        toc = app.screen.query_one("#toc")
        assert toc.size.width >= 50 and not app.screen.query_one("#page-scroll").display
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#page-scroll").size.width >= 50


# -- 12. wrapping ----------------------------------------------------------------------------------


async def test_the_links_dialog_never_breaks_an_address_and_says_its_keys(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "right", "l")
        await pilot.pause()
        shown = screen_lines(app)
        assert any("Enter opens it" in line and "Esc closes" in line for line in shown)
        addresses = [line for line in shown if "https://" in line]
        assert addresses and all(line.split("https://")[1].split()[0].endswith(("…", "/")) or "…" in line
                                 or len(line.split("https://")[1].split()[0]) < 40 for line in addresses)
        assert not any(line.strip().startswith(("/", "-of-")) for line in shown), "no address continued"


async def test_a_saved_file_is_named_whole_on_its_own_line(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_screenshot()
        await pilot.pause()
        [shot] = list((data_dir / "screenshots").glob("*.svg"))
        [toast] = toasts(app)
        name_line, folder_line = toast.splitlines()[:2]
        assert shot.name in name_line and "/" not in name_line, toast  # a notice folds a long path mid-name
        assert folder_line.startswith("in ") and folder_line.rstrip().endswith("screenshots")


async def test_a_wrapped_verdict_reason_hangs_under_its_words(make_app):
    app = make_app(SHIPPED)
    app.seed = 3
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.pause()
        await answer_a_readiness_check(pilot)
        assert isinstance(app.screen, ReadinessResultScreen)
        verdict = text_of(app.screen.query_one("#verdict"))
        lines = [line for line in plain_lines(app.screen.query_one("#verdict"), 56) if line.strip()]
        bullets = [i for i, line in enumerate(lines) if line.startswith("•")]
        assert bullets and "reason" not in verdict
        for i in bullets:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            assert not following or following.startswith(("•", "  ")), following


def plain_lines(widget, width: int) -> list[str]:
    import io

    from rich.console import Console

    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.export_text().splitlines()


async def test_the_welcome_at_120x40_has_no_scroll_bar(make_app):
    app = make_app(SHIPPED, welcome_seen=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        words = app.screen.query_one("#words")
        assert words.max_scroll_y == 0 and not words.show_vertical_scrollbar


async def test_no_gap_above_a_good_ending(make_app):
    app = make_app()
    async with app.run_test(size=(80, 34)) as pilot:
        await pilot.pause()
        await pilot.press("q", "2", "enter", "n", "1", "2", "enter", "n", "t", "enter", "n", "2", "enter", "1",
                          "enter")
        await pilot.pause()
        shown = screen_lines(app)
        ending = next(i for i, line in enumerate(shown) if "Good ending" in line)
        story_end = max(i for i, line in enumerate(shown) if "you are protected" in line)
        assert ending - story_end <= 3, "\n".join(shown[story_end:ending + 1])


# -- 15. a failed quiz is not "done" ---------------------------------------------------------------


async def test_a_lesson_read_with_a_failed_quiz_is_not_marked_done(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "right", "escape")  # read to the end
        await pilot.press("q", "1", "enter", "n", "1", "enter", "n", "f", "enter", "n", "1", "enter", "n", "escape")
        await pilot.pause()
        row = app.screen.query_one(LessonList).row_text("stay")
        assert "●" not in row and "◐" in row and "not passed" in row
        assert "0 of 2 lessons done" in text_of(app.screen.query_one("#summary"))
        assert "Try the quiz again: Stay on the platform" in text_of(app.screen.query_one("#continue"))


# -- 16. words ---------------------------------------------------------------------------------------


async def test_the_readiness_introduction_ends_in_a_sentence(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        intro = text_of(app.screen.query_one("#r-intro")).strip()
        assert not intro.endswith(f"{app.course.title}."), intro[-80:]
        assert intro.endswith("with its source.")


async def test_the_welcome_says_what_the_course_is_once(make_app):
    app = make_app(SHIPPED, welcome_seen=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        words = " ".join(screen_lines(app)).lower()
        assert words.count("short lessons") + words.count("scenario quizzes") <= 2  # the pack's own sentence


async def test_a_true_or_false_question_does_not_say_so_twice(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.take_quiz("payments-and-circumvention")
        await pilot.pause()
        quiz = app.screen
        for _ in bounded(lambda: quiz.question.kind != "truefalse"):
            await pilot.press("1", "enter")
            for _ in bounded(lambda: not quiz.answered):
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        shown = text_of(quiz.query_one("#q-progress")) + text_of(quiz.query_one("#q-prompt"))
        assert shown.lower().count("true or false") <= 1, shown


async def test_a_missed_right_option_is_not_called_correct(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        found = None
        for lesson in app.course.ordered_lessons():
            quiz = app.course.quiz_for(lesson.id)
            for question in quiz.questions if quiz else ():
                right = [o for o in question.options if o.correct]
                if question.kind == "multi" and len(right) > 1 and \
                        right[1].feedback.startswith(("Correct", "Right", "Yes")):
                    found = (lesson.id, question.id)
                    break
            if found:
                break
        assert found, "the shipped course has a select-all question whose right option's feedback says so"
        app.take_quiz(found[0])
        await pilot.pause()
        quiz = app.screen
        for _ in bounded(lambda: quiz.question.id != found[1]):
            await pilot.press("1", "enter")
            for _ in bounded(lambda: not quiz.answered):
                await pilot.press("1", "enter")
            await pilot.press("n")
            await pilot.pause()
        shown = quiz.panel.shown
        first_right = next(n for n, o in enumerate(shown, 1) if o.correct)
        await pilot.press(str(first_right), "enter")  # one right answer ticked, the other missed
        await pilot.pause()
        feedback = text_of(quiz.query_one("#q-feedback"))
        missed = feedback.split("a right answer you did not tick)")[1].strip()
        assert not missed.startswith(("Correct", "Right", "Yes")), missed[:60]


async def test_a_retry_says_it_is_one_and_offers_the_whole_quiz(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q", "1", "enter", "n", "1", "enter", "n", "f", "enter", "n", "1", "enter", "n", "r")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        assert "retry" in text_of(app.screen.query_one("#q-progress")).lower()
        await pilot.press("2", "enter", "n", "1", "2", "enter", "n", "t", "enter", "n", "2", "enter", "1", "enter",
                          "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and "Whole quiz" in key_bar(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.run.kind == "full"


async def test_plain_words_for_feedback_reach_the_app_too(make_app):
    """The option list, once answered, says its marks in words (a check that the words above are
    the ones on screen, not only in the core)."""
    app = make_app(PACK)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q", "2", "enter", "n", "1", "enter")
        await pilot.pause()
        listed = app.screen.query_one("#q-options", OptionList)
        words = [plain(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert "[ ] 2. Your phone number ✗ a right answer you did not tick" in words
