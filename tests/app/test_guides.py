"""The guides in the app, as a worried learner meets them: from the dashboard, the palette, lesson 12 and
a scenario's bad ending; the questions as numbered choices; the outcome with its seriousness, rules,
steps, details and message; copying, editing, saving (never over the progress database) and keeping."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual import events
from textual.widgets import Input, OptionList

from tests.app.conftest import PACK, text_of, toasts
from tests.content.guide_text import GUIDE
from tutor.app.screens.guide import GuideScreen
from tutor.app.screens.guides_list import GuidesScreen
from tutor.content.loader import shipped_root

SEED = ["1", "enter", "1", "enter", "1", "enter", "1", "enter", "3", "enter", "1", "enter", "1", "enter", "1",
        "enter"]  # Upwork, the client's own Zoom link, the client suggested it, didn't know, accepted the offer ...
SHIPPED = shipped_root()


async def open_seed_guide(pilot) -> GuideScreen:
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GuidesScreen)
    await pilot.press("down", "down", "enter")  # the guides in file order: the third is the founding case
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen) and screen.guide.id == "talked-outside-before-contract"
    return screen


def detail_input(screen: GuideScreen, detail_id: str) -> Input:
    return next(field for field in screen.query(".g-detail").results(Input) if field.name == detail_id)


async def type_details(pilot, *values: str) -> None:
    await pilot.press("d")
    for value in values:
        if value:
            await pilot.press(*value)
        await pilot.press("enter")
    await pilot.pause()
    if isinstance(pilot.app.focused, Input):  # details left: Esc leaves the inputs, not the guide
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, GuideScreen)


async def test_the_dashboard_offers_the_guides_and_the_seed_case_ends_in_her_message(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert "Something already went wrong? Press g for what to do now." in text_of(app.screen.query_one("#summary"))
        screen = await open_seed_guide(pilot)
        assert "not legal advice" in text_of(screen.query_one("#g-intro"))
        assert "▸ Which platform is this about?" in text_of(screen.query_one("#g-story"))
        await pilot.press(*SEED)
        await pilot.pause()
        assert screen.walk.finished and screen.sub_title == "your case"
        serious = text_of(screen.query_one("#g-serious"))
        assert "How serious:  Medium" in serious and "no one can promise you a result" in serious
        assert "Source: Upwork Help: On-platform Interviews" in text_of(screen.query_one("#g-rules"))
        assert "1. Stop using the outside channel today" in text_of(screen.query_one("#g-steps"))
        story = text_of(screen.query_one("#g-story"))
        assert "You: A call on the client's own Zoom meeting, through a link the client sent" in story
        await type_details(pilot, "14 March 2026", "dana_k", "Landing page for a bakery", "Amira")
        message = text_of(screen.query_one("#g-message"))
        assert 'client dana_k about the job "Landing page for a bakery"' in " ".join(message.split())
        assert "On 14 March 2026, before any contract existed" in " ".join(message.split())
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == screen.message and screen.message.endswith("Thank you,\nAmira")
        assert any("Message copied" in toast for toast in toasts(app))


async def test_going_back_changes_the_answer_and_the_message_with_it(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed_guide(pilot)
        await pilot.press(*SEED)
        await pilot.pause()
        assert "Upwork has since" not in screen.message
        await pilot.press("b")  # back to the notice question
        await pilot.pause()
        assert not screen.walk.finished
        await pilot.press("2", "enter")  # "Yes, a warning"
        await pilot.pause()
        assert "Upwork has since sent me a warning about this." in screen.message


async def test_typed_details_are_text_bounded_and_never_reach_the_terminal_as_escapes(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed_guide(pilot)
        await pilot.press(*SEED)
        await pilot.press("d")
        await pilot.pause()
        date = detail_input(screen, "date")
        assert date.has_focus and date.max_length == 40
        date.post_message(events.Paste("\x1b]52;c;ZXZpbA==\x07[bold]x[/bold] {name}"))
        await pilot.pause()
        message = screen.message
        assert "\x1b" not in message and "\x07" not in message
        assert "[bold]x[/bold] {name}" in message  # shown as typed: not markup, not a placeholder
        assert "[bold]x[/bold] {name}" in text_of(screen.query_one("#g-message"))


async def test_the_message_can_be_edited_and_the_edit_is_what_is_copied(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed_guide(pilot)
        await pilot.press(*SEED)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+home", *"Dear Upwork support,", "enter")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.message.startswith("Dear Upwork support,\nHello,")
        assert "You edited it" in text_of(screen.query_one("#g-message-head"))
        await pilot.press("c")
        assert app.clipboard.startswith("Dear Upwork support,")
        await pilot.press("escape")  # out of the guide now that nothing has focus in an input
        await pilot.pause()
        assert not isinstance(app.screen, GuideScreen)


async def test_saving_writes_the_file_asks_before_replacing_and_refuses_the_progress_database(make_app, tmp_path):
    app = make_app(SHIPPED)
    target = tmp_path / "to-support.txt"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_seed_guide(pilot)
        await pilot.press(*SEED)

        async def save_as(name: str) -> None:
            await pilot.press("s")
            await pilot.pause()
            field = app.screen.query_one("#save-path", Input)
            field.value = name
            await pilot.press("enter")
            await pilot.pause()

        await save_as(str(target))
        assert target.read_text(encoding="utf-8") == screen.message + "\n"
        target.write_text("my notes", encoding="utf-8")
        await save_as(str(target))
        await pilot.press("n")  # do not replace
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "my notes"
        database = app.store.path
        before = database.read_bytes()
        await save_as(str(database))
        assert database.read_bytes() == before
        assert any("is your progress database" in toast for toast in toasts(app))


async def test_a_kept_message_comes_back_next_time_and_can_be_forgotten(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed_guide(pilot)
        await pilot.press(*SEED)
        await type_details(pilot, "", "dana_k")
        await pilot.press("k")
        await pilot.pause()
        kept = app.store.kept_draft(app.course.id, "talked-outside-before-contract")
        assert kept is not None and kept.details["client"] == "dana_k" and kept.message == screen.message
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_seed_guide(pilot)
        await pilot.pause()
        assert screen.walk.finished and screen.message == kept.message
        assert detail_input(screen, "client").value == "dana_k"
        await pilot.press("f")
        await pilot.pause()
        assert app.store.kept_draft(app.course.id, "talked-outside-before-contract") is None


async def test_lesson_twelve_and_the_palette_lead_to_the_guides(make_app):
    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(__import__("tutor.app.messages", fromlist=["OpenLesson"]).OpenLesson("already-broke-a-rule"))
        await pilot.pause()
        assert app.screen.active_bindings["g"].binding.description == "Went wrong?"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuidesScreen)  # three guides name lesson 12: the learner chooses
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"went wrong")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GuidesScreen)


async def test_a_scenarios_bad_ending_offers_the_guide_that_names_it(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    guide = GUIDE.replace('"intro-quiz/story"', '"stay/whatsapp-story"').replace('"intro"', '"stay"')
    (pack / "guides").mkdir()
    (pack / "guides" / "went-wrong.toml").write_text(guide, encoding="utf-8")
    app = make_app(pack)
    async with app.run_test(size=(80, 34)) as pilot:
        # The fixture quiz: three questions, then the scenario, whose first choice ends badly.
        await pilot.press("enter", "q", "2", "enter", "n", "1", "2", "s", "n", "1", "enter", "n", "1", "enter")
        await pilot.pause()
        feedback = text_of(app.screen.query_one("#q-feedback"))
        assert "Something like this already happened to you? Press g for the guide: I talked with a client" in \
            " ".join(feedback.split())
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen) and app.screen.guide.id == "went-wrong"
        choices = app.screen.query_one("#g-choices", OptionList)
        assert choices.option_count == 2


def test_the_guide_screen_keeps_pack_text_out_of_markup():
    source = Path(__file__).resolve().parents[2] / "tutor" / "app" / "screens" / "guide.py"
    code = source.read_text(encoding="utf-8")
    assert "markup=True" not in code and ".update(self.message)" not in code


async def test_opening_the_app_at_a_guide_or_a_quiz_on_the_very_first_run_does_not_crash(make_app):
    """`tutor guide ID` (or `tutor quiz LESSON`) before the welcome was ever seen: the welcome was pushed,
    then left before it was drawn, and its on_mount failed (found driving the real command in tmux)."""
    for kind, target in (("guide", "talked-outside-before-contract"), ("quiz", "why-the-platform")):
        app = make_app(SHIPPED, welcome_seen=False)
        app.start_at = (kind, target)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == ("GuideScreen" if kind == "guide" else "QuizScreen")
            assert app.return_code is None
        assert not app.store.get_setting(app.welcome_key)  # the welcome still waits for the next start


async def test_the_outcome_is_shown_from_its_top_after_a_long_story(make_app):
    """Freelancer.com, paid outside, a restriction: nine answers above the outcome (found in tmux, where
    the outcome's title sat at the bottom of the screen and its seriousness below it)."""
    from tutor.app.messages import OpenGuide

    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(OpenGuide("talked-outside-before-contract"))
        await pilot.pause()
        for number in "31113113":
            await pilot.press(number, "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen) and screen.walk.finished
        body, outcome = screen.query_one("#g-body"), screen.query_one("#g-outcome")
        assert body.scroll_y == outcome.virtual_region.y > 0
