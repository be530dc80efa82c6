"""The Markdown report a learner keeps holds nothing a pack can turn into markup (issue 22, fault 7).

A source url that passed `tutor check --strict` (`https://x/"><script>...`, `</style>...`, a newline)
became script and img elements and new Markdown blocks when report.md was rendered with HTML on, as
many viewers do; "None: every question was answered right." followed by `---` became a heading. The
report is rendered here with markdown-it, HTML enabled, and the elements it makes are counted.
"""

from __future__ import annotations

import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import msgspec
import pytest
from markdown_it import MarkdownIt

from tests.reliability.harness import PACK, child_env, run
from tests.reliability.progress_made import readiness_taken
from tutor.content.loader import check_pack, load_course
from tutor.progress import open_store
from tutor.progress.readiness_check import finished_result
from tutor.progress.report import report_markdown

HOSTILE_URLS = [
    'https://example.com/"><script>alert(1)</script>',
    "https://example.com/</style><img src=x onerror=alert(2)>",
    "https://example.com/a\n\n## Injected heading\n\n<iframe src=//evil>",
    "https://example.com/a b",
    "https://example.com/<b>bold</b>",
    "https://example.com/`code`",
]
HOSTILE_PROMPT = ("Client says <script>alert(3)</script> &lt;b&gt; [click](javascript:alert(4)) ![x](http://t/x.png) "
                  "<https://auto.link> **bold** `code` | a | table | \\")


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def shown_text(markdown: str) -> str:
    elements = Elements()
    elements.feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))
    return elements.text


def rendered(markdown: str) -> list[tuple[str, dict[str, str | None]]]:
    elements = Elements()
    elements.feed(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))
    return elements.tags


def hostile_pack(where: Path, url: str) -> Path:
    pack = where / "pack"
    shutil.copytree(PACK, pack)
    lesson = pack / "lessons" / "01-stay.md"
    toml_url = url.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    lesson.write_text(lesson.read_text().replace('url = "https://example.com/interviews"', f'url = "{toml_url}"'))
    quiz = pack / "quizzes" / "stay.toml"
    toml_prompt = HOSTILE_PROMPT.replace("\\", "\\\\").replace('"', '\\"')
    quiz.write_text(quiz.read_text().replace(
        'prompt = "The client sends a link to his own Zoom room before any contract. What do you do?"',
        f'prompt = "{toml_prompt}"'))
    return pack


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=["script", "style-img", "newlines", "space", "tags", "backticks"])
def test_nothing_a_pack_wrote_becomes_markup_in_the_markdown_report(tmp_path: Path, url: str) -> None:
    pack = hostile_pack(tmp_path, url)
    home = tmp_path / "home"
    readiness_taken(home, load_course(pack)[0])

    done = run([sys.executable, "-m", "tutor", "--content", str(pack), "report"], env=child_env(TUTOR_HOME=str(home)))

    assert done.returncode == 0, done.stderr
    tags = rendered(done.stdout)
    names = [tag for tag, _attrs in tags]
    assert not {"script", "img", "iframe", "style", "b", "code"} & set(names), names
    assert all(attrs.get("href", "").startswith("https://") for tag, attrs in tags if tag == "a"), tags
    assert names.count("h1") == 1 and names.count("h2") == 3  # the verdict, the modules, the rules: no more
    assert "Client says <script>alert(3)</script> &lt;b&gt; [click](javascript:alert(4))" in shown_text(done.stdout)


def test_a_report_with_nothing_missed_keeps_its_closing_rule_a_rule(tmp_path: Path) -> None:
    home = tmp_path / "home"
    course = load_course(PACK)[0]
    readiness_taken(home, course)
    with open_store(home) as store:
        found = finished_result(course, store)
    assert found is not None
    attempt, result = found
    markdown = report_markdown(course, attempt, msgspec.structs.replace(result, missed=()))
    tags = rendered(markdown)
    assert ("hr", {}) in tags
    headings = [tag for tag, _attrs in tags if tag.startswith("h")]
    assert headings == ["h1", "h2", "h2", "h2", "hr"], headings


@pytest.mark.parametrize("url", [*HOSTILE_URLS, "https://example.com/tab\there", "https://example.com/'quote'"])
def test_strict_check_refuses_a_source_url_a_web_address_cannot_hold(tmp_path: Path, url: str) -> None:
    pack = hostile_pack(tmp_path, url)
    findings = [f for f in check_pack(pack)[1] if "url" in f.message]
    assert findings and all(f.path.name == "01-stay.md" for f in findings), findings
    done = run([sys.executable, "-m", "tutor", "check", "--strict", str(pack)], env=child_env())
    assert done.returncode == 1 and "characters a web address" in done.stdout + done.stderr, done.stdout
