"""Benchmark opening a lesson in the reader against Textual's Markdown widget, in the same run.

Budgets (issue 4): a 10 KB lesson readable within 100 ms of opening it; the first page of a 50 KB
lesson within 150 ms and at least 10x faster than `textual.widgets.Markdown` showing the same
document. Both are measured in `run_test` at 100x30, from the moment the screen is pushed to the
moment the app is idle with the text laid out. Run: python bench/bench_reader.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_pack import lesson  # noqa: E402
from textual.app import App  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import Markdown  # noqa: E402

from tutor.app.app import create_app  # noqa: E402
from tutor.app.screens.reader import ReaderScreen  # noqa: E402
from tutor.app.widgets.lesson_page import LessonPage  # noqa: E402
from tutor.content.lesson_format import split_front_matter  # noqa: E402
from tutor.progress import open_store  # noqa: E402

SIZE = (100, 30)


def write_lesson(root: Path, kilobytes: int) -> tuple[str, str]:
    """A lesson of about `kilobytes` KB made of the synthetic pack's sections; returns (id, body)."""
    text = lesson(1)
    front, body, _ = split_front_matter(text)
    sections = body.split("## ")
    intro, parts = sections[0], ["## " + s for s in sections[1:]]
    grown = intro
    n = 0
    while len(grown.encode()) < kilobytes * 1024:
        grown += parts[n % len(parts)].replace("Part ", f"Part {n} ")
        n += 1
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "lessons" / f"big-{kilobytes}.md").write_text(
        "+++\n" + front.replace('id = "lesson-1"', f'id = "big-{kilobytes}"').replace('quiz = "quiz-1"\n', "")
        + "+++\n" + grown, encoding="utf-8")
    return f"big-{kilobytes}", grown


class FirstPaint:
    """Records when the lesson page is first turned into lines for the screen: the moment the
    learner can read it. Instrumentation for this benchmark only."""

    def __init__(self) -> None:
        self.at: float | None = None
        self._original = LessonPage.render_lines

        def render_lines(widget, crop):
            if self.at is None and widget.size.height > 0:
                self.at = time.perf_counter()
            return self._original(widget, crop)

        LessonPage.render_lines = render_lines

    def restore(self) -> None:
        LessonPage.render_lines = self._original


async def time_reader(root: Path, lesson_id: str, data: Path) -> tuple[float, float]:
    """(time to first paint of the page, time until the app is idle) after pushing the reader."""
    with open_store(data) as store:
        app = create_app(root, store)
        store.set_setting(app.welcome_key, True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            paint = FirstPaint()
            try:
                start = time.perf_counter()
                app.push_screen(ReaderScreen(app.course.lessons[lesson_id]))
                await pilot.pause()
                idle = time.perf_counter() - start
            finally:
                paint.restore()
            assert paint.at is not None, "the page was never painted"
            return paint.at - start, idle


class MarkdownScreen(Screen):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self):
        yield Markdown(open_links=False)

    async def on_mount(self) -> None:
        await self.query_one(Markdown).update(self.text)


async def time_markdown_widget(body: str) -> float:
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.push_screen(MarkdownScreen(body))
        await pilot.pause()
        return time.perf_counter() - start


def main() -> None:
    rounds = 5
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pack"
        id10, body10 = write_lesson(root, 10)
        id50, body50 = write_lesson(root, 50)
        data = Path(tmp) / "data"
        asyncio.run(time_reader(root, id10, data))  # warm imports and caches
        runs10 = [asyncio.run(time_reader(root, id10, data)) for _ in range(rounds)]
        runs50 = [asyncio.run(time_reader(root, id50, data)) for _ in range(rounds)]
        paint10, idle10 = (statistics.median(r[i] for r in runs10) for i in (0, 1))
        paint50, idle50 = (statistics.median(r[i] for r in runs50) for i in (0, 1))
        widget10 = statistics.median(asyncio.run(time_markdown_widget(body10)) for _ in range(2))
        widget50 = asyncio.run(time_markdown_widget(body50))
    print("Reader: time from opening the lesson to the first page painted (and to the app idle)")
    print(f"  10 KB lesson: {paint10 * 1000:6.0f} ms  (idle {idle10 * 1000:4.0f} ms)  budget 100 ms")
    print(f"  50 KB lesson: {paint50 * 1000:6.0f} ms  (idle {idle50 * 1000:4.0f} ms)  budget 150 ms")
    print("Textual Markdown widget: update() of the whole document until the app is idle")
    print(f"  10 KB lesson: {widget10 * 1000:6.0f} ms")
    print(f"  50 KB lesson: {widget50 * 1000:6.0f} ms")
    print(f"Ratio widget / reader, 50 KB, first paint: {widget50 / paint50:5.1f}x;  idle to idle: "
          f"{widget50 / idle50:5.1f}x  (budget at least 10x)")


if __name__ == "__main__":
    main()
