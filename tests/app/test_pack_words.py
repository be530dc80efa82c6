"""A pack speaks in its own words (issue 26, items 4-6): the readiness check's name, its verdicts, what
high-risk means and the disclaimer come from course.toml's [texts], with neutral words for a new pack;
the plain mode says what the welcome says; a pack declares its language and a lesson in another one is
warned about; a quiz can set its own pass mark, and a pass mark of 0 gets a message that makes sense."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.app.conftest import PACK, text_of
from tests.content.packs import LESSON, make_pack, quiz_text
from tutor.app.screens.readiness import ReadinessScreen
from tutor.app.screens.results import ResultsScreen
from tutor.app.screens.welcome import WelcomeScreen
from tutor.content.loader import check_pack

REPO = Path(__file__).resolve().parents[2]
ALL_WRONG = "1\n3\nf\n1\n"

TEXTS = """
[texts]
readiness_check = "Ready to onboard a client?"
ready = "Ready to onboard"
not_yet = "Keep practising"
high_risk = "a mistake that loses the agency a client"
disclaimer = "Lantern & Pine's own habits. Ask your lead when in doubt."
"""


def tutor(*args: str, data: Path, given: str = "", cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tutor", "--data-dir", str(data), *args], input=given, text=True,
                          capture_output=True, cwd=cwd, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})


def pack_without_texts(tmp_path: Path) -> Path:
    """The fixture pack as a new pack writes it: no [texts], so every text is the neutral default."""
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    course = pack / "course.toml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text[:text.index("\n# The course's own words")] + "\n", encoding="utf-8")  # [texts] is last
    return pack


def with_texts(tmp_path: Path) -> Path:
    pack = pack_without_texts(tmp_path)
    course = pack / "course.toml"
    text = course.read_text(encoding="utf-8")
    course.write_text(text + TEXTS, encoding="utf-8")
    return pack


# -- 4. texts --------------------------------------------------------------------------------

async def test_a_new_pack_shows_neutral_words_not_the_freelance_course_s(make_app, tmp_path):
    app = make_app(pack_without_texts(tmp_path), welcome_seen=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        shown = text_of(app.screen.query_one("Static"))
        assert "Not legal advice" not in shown and "first job" not in shown
        assert "Every lesson lists its sources with the date they were checked" in shown
        await pilot.press("enter")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
        assert app.screen.title == "Am I ready?"
        intro = text_of(app.screen.query_one("#r-intro"))
        assert "a mistake the course marks as high-risk" in intro and "payment outside" not in intro


async def test_a_pack_s_own_words_are_on_the_welcome_the_check_and_the_palette(make_app, tmp_path):
    app = make_app(with_texts(tmp_path), welcome_seen=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        shown = text_of(app.screen.query_one("Static"))
        assert "Lantern & Pine's own habits. Ask your lead when in doubt." in shown
        await pilot.press("enter", "a")
        await pilot.pause()
        assert app.screen.title == "Ready to onboard a client?"
        assert "a mistake that loses the agency a client" in text_of(app.screen.query_one("#r-intro"))
        commands = [command.title for command in app.get_system_commands(app.screen)]
        assert "Ready to onboard a client?" in commands


def test_the_plain_mode_says_the_pack_s_description_welcome_and_words(tmp_path):
    pack = with_texts(tmp_path)
    course = pack / "course.toml"
    course.write_text(course.read_text().replace("checked = 2026-11-01", 'checked = 2026-11-01\ndescription = '
                                                 '"Five habits of a small agency."\nwelcome = "welcome.md"'))
    (pack / "welcome.md").write_text("Welcome to **Lantern & Pine**.\n\n1. Messages live in the project space.\n")
    result = tutor("--plain", "--content", str(pack), data=tmp_path / "data", given="quit\n")
    out = " ".join(result.stdout.split())  # lines are wrapped at 80 columns
    assert result.returncode == 0, result.stderr
    assert "Five habits of a small agency." in out
    assert "Welcome to Lantern & Pine." in out and "1. Messages live in the project space." in out
    assert "Lantern & Pine's own habits. Ask your lead when in doubt." in out
    assert "Readiness check: Ready to onboard a client?" in out
    assert "Not legal advice" not in out and "first job?" not in out


def test_the_verdict_and_the_report_use_the_pack_s_words(tmp_path):
    pack = with_texts(tmp_path)
    data = tmp_path / "data"
    result = tutor("readiness", "--plain", "--seed", "1", "--content", str(pack), data=data, given=ALL_WRONG * 3)
    assert result.returncode == 1, result.stdout + result.stderr
    out = " ".join(result.stdout.split())  # lines are wrapped at 80 columns
    assert "Keep practising" in out and "a mistake that loses the agency a client" in out
    assert "Not yet" not in out
    report = tutor("report", "--format", "json", "--content", str(pack), data=data)
    document = json.loads(report.stdout)
    assert document["verdict"] == "Keep practising"
    assert document["disclaimer"].endswith("Lantern & Pine's own habits. Ask your lead when in doubt.")
    progress = tutor("progress", "--content", str(pack), data=data)
    assert "Keep practising on " in progress.stdout


def test_the_shipped_course_keeps_its_own_words():
    from tutor.content.loader import load_course, shipped_root

    root = shipped_root()
    assert root is not None
    course, _ = load_course(root)
    assert course.texts.readiness_check == "Am I ready for a first job?"
    assert course.texts.ready == "Ready for a first job"
    assert course.texts.disclaimer.startswith("Not legal advice. Platforms change their rules often.")
    assert "payment outside the platform" in course.texts.high_risk
    assert course.language == "en"


def test_a_blank_text_is_an_error_and_an_unknown_one_gets_did_you_mean(tmp_path):
    root = make_pack(tmp_path, course='id = "c"\ntitle = "C"\n\n[texts]\nready = " "\nnot_yte = "x"\n\n[[modules]]\n'
                     'id = "basics"\ntitle = "Basics"\n')
    _course, found = check_pack(root)
    lines = [f.format(root) for f in found]
    assert 'course.toml:5:1: error: texts.ready is blank (hint: leave it out for the default, or write the words)' \
        in lines, lines
    assert any('unknown field "not_yte" in [texts] (hint: did you mean "not_yet"?)' in line for line in lines), lines


# -- 5. language ------------------------------------------------------------------------------

SPANISH = """\
+++
id = "leccion-uno"
title = "Antes del contrato"
module = "basics"
order = 2
minutes = 5
summary = "Por qué la entrevista se queda en la plataforma."

[[sources]]
id = "help"
title = "Ayuda"
url = "https://example.com/ayuda"
section = "Reglas"
checked = 2026-11-01
+++

El cliente te pide que hables por WhatsApp antes de firmar el contrato. No lo hagas: la plataforma
prohíbe compartir datos de contacto antes de un contrato, y tu cuenta puede ser suspendida por ello.
Usa los mensajes de la plataforma para todo lo que sea necesario, y cuando tengas dudas, pregunta al
soporte. La regla es la misma para los pagos: todo pago se hace por la plataforma, con el contrato.
"""


def test_a_lesson_in_another_language_than_the_pack_s_is_warned_about(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": LESSON.format(id="intro", title="Intro", module="basics", order=1,
                                                                  extra="", checked="2026-11-01"),
                                        "02-es.md": SPANISH},
                     course='id = "c"\ntitle = "C"\nlanguage = "en"\n\n[[modules]]\nid = "basics"\ntitle = "B"\n')
    _course, found = check_pack(root)
    lines = [f.format(root) for f in found]
    assert lines == ['lessons/02-es.md:16:1: warning: lesson reads as Spanish (es), but the pack is in English '
                     '(course.toml: language = "en") (hint: a pack is in one language: put a translation in a pack of '
                     'its own (its own course id), or correct language in course.toml)'], lines
    (root / "course.toml").write_text('id = "c"\ntitle = "C"\nlanguage = "es"\n\n[[modules]]\nid = "basics"\n'
                                      'title = "B"\n')
    _course, found = check_pack(root)
    assert not any(f.path.name == "02-es.md" for f in found)  # the short English lesson is too short to tell


def test_an_id_with_accents_says_what_is_allowed_and_suggests_one_without(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": SPANISH.replace('id = "leccion-uno"', 'id = "lección-uno"')},
                     quizzes={})
    _course, found = check_pack(root)
    [line] = [f.format(root) for f in found if "may only contain" in f.message]
    assert 'lesson id "lección-uno" may only contain a-z, A-Z, 0-9, "-" and "_" (no accents or spaces)' in line
    assert 'did you mean "leccion-uno"?' in line


def test_a_language_that_is_not_a_code_is_an_error(tmp_path):
    root = make_pack(tmp_path, course='id = "c"\ntitle = "C"\nlanguage = "Spanish"\n\n[[modules]]\nid = "basics"\n'
                     'title = "B"\n')
    _course, found = check_pack(root)
    assert any('language "Spanish" is not a language code' in f.message for f in found)


# -- 6. pass marks ----------------------------------------------------------------------------

def test_a_quiz_s_own_pass_mark_decides_its_results_the_dashboard_and_progress(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    quiz = pack / "quizzes" / "stay.toml"
    quiz.write_text(quiz.read_text().replace('title = "Stay on the platform"',
                                             'title = "Stay on the platform"\npass_mark = 0.5'))
    data = tmp_path / "data"
    # Right, wrong, right, wrong: 2 of 4, which passes at 50% and would not at the course's 80%.
    result = tutor("quiz", "stay", "--plain", "--content", str(pack), data=data, given="2\n3\nt\n1\n")
    assert "Score: 2 of 4 (50%). Passed: the pass mark is 50%." in result.stdout, result.stdout
    assert result.returncode == 0
    progress = json.loads(tutor("progress", "--json", "--content", str(pack), data=data).stdout)
    [stay] = [lesson for lesson in progress["lessons"] if lesson["id"] == "stay"]
    assert stay["quiz_passed"] is True and stay["quiz_pass_mark"] == 0.5
    assert "(pass mark 80% unless a quiz sets its own)" in tutor("progress", "--content", str(pack), data=data).stdout


async def test_the_app_s_results_say_the_quiz_s_own_pass_mark(make_app, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    quiz = pack / "quizzes" / "stay.toml"
    quiz.write_text(quiz.read_text().replace('shuffle = false', 'shuffle = false\npass_mark = 0.5'))
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.take_quiz("stay")
        await pilot.pause()
        await pilot.press("2", "enter", "n", "3", "s", "n", "1", "enter", "n", "1", "enter", "n")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert "Passed: the pass mark is 50%" in text_of(app.screen.query_one("#score"))


def test_a_pass_mark_of_0_is_refused_in_words_that_make_sense(tmp_path):
    root = make_pack(tmp_path, quizzes={"q.toml": quiz_text().replace('title = "Quiz"', 'title = "Quiz"\npass_mark = 0')},
                     course='id = "c"\ntitle = "C"\npass_mark = 0\n\n[[modules]]\nid = "basics"\ntitle = "B"\n')
    _course, found = check_pack(root)
    lines = [f.format(root) for f in found]
    for where in ("course.toml:3:1", "quizzes/q.toml:4:1"):
        assert f"{where}: error: pass_mark is 0: it must be more than 0 and at most 1 (hint: write the share of the " \
               "score needed to pass as a fraction, e.g. 0.8 for 80%)" in lines, lines
    assert not any("outside 0..1" in line for line in lines)


# -- 12. a source with no web page, as the learner sees it ---------------------------------------

def test_the_learner_sees_a_document_source_as_a_document_and_is_never_offered_to_open_it(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    lesson = pack / "lessons" / "01-stay.md"
    text = lesson.read_text(encoding="utf-8")
    start = text.index("url = ", text.index('id = "interviews"'))
    end = text.index("\n", start)
    lesson.write_text(text[:start] + 'reference = "Lantern & Pine handbook, chapter 2"' + text[end:], encoding="utf-8")
    data = tmp_path / "data"
    read = tutor("read", "stay", "--content", str(pack), data=data)
    assert "internal reference (not online): Lantern & Pine handbook, chapter 2" in read.stdout, read.stdout + read.stderr
    quiz = tutor("quiz", "stay", "--plain", "--content", str(pack), data=data, given="2\n")
    assert "internal reference (not online): Lantern & Pine handbook, chapter 2" in " ".join(quiz.stdout.split())


async def test_the_reader_lists_no_link_for_a_source_without_a_web_page(make_app, tmp_path):
    from tutor.app.screens.reader import ReaderScreen

    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    lesson = pack / "lessons" / "01-stay.md"
    text = lesson.read_text(encoding="utf-8")
    start = text.index("url = ", text.index('id = "interviews"'))
    end = text.index("\n", start)
    lesson.write_text(text[:start] + 'reference = "Handbook, chapter 2"' + text[end:], encoding="utf-8")
    app = make_app(pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert [link for link in app.screen.links if link.text.startswith("Source: ")] == []  # nothing to open
        app.screen.action_follow_source(0)  # a click on it opens nothing
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
