"""The app on a disk that fills up while the learner works: every screen goes on, the learner is told
in the store's words (once, not once per page), the answer that could not be saved is not shown as
answered, and once space is freed the same app saves again. A real full disk: a small tmpfs
(root and mount(8); skipped otherwise), as in test_full_disk.py."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import PACK, text_of, toasts
from tests.reliability.harness import fill_disk
from tutor.app.app import create_app
from tutor.app.screens.dashboard import DashboardScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.screens.reader import ReaderScreen
from tutor.progress import open_store


def answered_in(disk: Path) -> int:
    with open_store(disk) as store:
        return sum(1 for row in store.export_rows() if row.kind == "answer")


async def test_a_disk_that_fills_while_reading_and_answering(small_disk) -> None:
    disk = small_disk("3m")
    store = open_store(disk)
    app = create_app(PACK, store)
    store.set_setting(app.welcome_key, True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:  # the toasts, as shown
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        filler = fill_disk(disk)
        for turn in range(200):  # the WAL may have room left in its last page: turn until it is used up
            await pilot.press("right" if turn % 2 == 0 else "left")
            await pilot.pause()
            if toasts(app):
                break
        [notice] = toasts(app)
        assert "Not saved" in notice and "Your progress could not be saved" in notice and "is full" in notice
        for key in ("left", "right", "right"):  # the reader goes on, and says it once, not per page
            await pilot.press(key)
            await pilot.pause()
        assert app.screen is reader and reader.page_index == 2
        assert len(toasts(app)) == 1

        await pilot.press("backspace")  # the dashboard reads what was saved: reads work on a full disk
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("q")
        await pilot.pause()
        quiz = app.screen
        assert isinstance(quiz, QuizScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert not quiz.answered, "an answer that was not saved is not shown as answered"
        assert any("Your answer could not be saved" in t and "is full" in t for t in toasts(app))
        assert text_of(quiz.query_one("#q-feedback")).strip() == ""

        filler.unlink()  # space again: the same answer, the same app, saved
        await pilot.press("1", "enter")
        await pilot.pause()
        assert quiz.answered and "Not quite" in text_of(quiz.query_one("#q-feedback"))
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)
    store.close()
    assert answered_in(disk) == 1


def test_the_plain_mode_on_a_disk_that_fills_says_so_in_words(small_disk) -> None:
    import subprocess
    import sys

    from tests.reliability.harness import REPO, child_env

    disk = small_disk("3m")
    child = subprocess.Popen([sys.executable, "-m", "tutor", "--content", str(PACK), "--data-dir", str(disk),
                              "quiz", "stay", "--plain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=REPO, env=child_env(TUTOR_HOME=str(disk)))
    assert child.stdout is not None and child.stdin is not None
    shown = ""
    while "Question 1 of" not in shown:  # the store is open and the first question asked
        line = child.stdout.readline()
        assert line, "the quiz ended before its first question"
        shown += line
    filler = fill_disk(disk)
    out, err = child.communicate("1\n" * 10, timeout=60)
    assert "Traceback" not in out + err
    assert child.returncode == 1
    assert err.startswith("tutor quiz: Your answer could not be saved: the disk holding"), err
    assert "is full" in err and len(err.splitlines()) == 1
    assert "Right" not in out and "Not quite" not in out  # no feedback for an answer not saved
    filler.unlink()
    assert answered_in(disk) == 0
