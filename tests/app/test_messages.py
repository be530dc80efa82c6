"""Screens tell the app what happened with messages, and the app decides what to show (issue 16):
the messages posted on the way from the dashboard to a quiz's results, caught with Textual's
message hook, as harlequin's tests do."""

from __future__ import annotations

from collections.abc import Callable

from tutor.app import messages
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.app.screens.results import ResultsScreen

OURS = tuple(value for value in vars(messages).values()
             if isinstance(value, type) and value.__module__ == messages.__name__)


def recorder(seen: list[object]) -> Callable[[object], None]:
    """A message hook that keeps each of our messages once, in the order they were posted."""

    def hook(message: object) -> None:
        # A message arrives at the screen that posts it, then bubbles to the app: count it once.
        if isinstance(message, OURS) and all(message is not known for known in seen):
            seen.append(message)

    return hook


async def test_opening_a_lesson_answering_and_finishing_a_quiz_post_their_messages(make_app):
    seen: list[object] = []
    hook = recorder(seen)
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        opened = [m for m in seen if isinstance(m, messages.OpenLesson)]
        assert [(m.lesson_id, m.keep_trail) for m in opened] == [("stay", False)]
        assert isinstance(app.screen, ReaderScreen)  # the app acted on it

        await pilot.press("q")
        [take] = [m for m in seen if isinstance(m, messages.TakeQuiz)]
        assert (take.lesson_id, take.only) == ("stay", None) and isinstance(app.screen, QuizScreen)

        await pilot.press("1", "enter")  # wrong
        [answer] = [m for m in seen if isinstance(m, messages.AnswerRecorded)]
        assert (answer.quiz_id, answer.question_id, answer.correct) == ("stay", "zoom-link", False)

        await pilot.press("n", "1", "2", "s", "n", "t", "enter", "n", "2", "enter", "1", "enter", "n")
        [finished] = [m for m in seen if isinstance(m, messages.QuizFinished)]
        assert finished.quiz.id == "stay" and finished.run.score == 3 and finished.run.total == 4
        assert isinstance(app.screen, ResultsScreen)
        assert len([m for m in seen if isinstance(m, messages.AnswerRecorded)]) == 4


async def test_a_link_in_a_lesson_is_followed_by_the_app_not_the_reader(make_app):
    seen: list[object] = []
    hook = recorder(seen)
    app = make_app()
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right", "l", "enter")
        [follow] = [m for m in seen if isinstance(m, messages.FollowLink)]
        assert follow.href == "lesson:money"
        assert isinstance(app.screen, ReaderScreen) and app.screen.lesson.id == "money"
