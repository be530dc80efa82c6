"""The loader: course order, laziness, where the shipped course is found, and import hygiene."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.content.packs import lesson_text, make_pack
from tutor.content.loader import content_root, load_course

REPO = Path(__file__).resolve().parents[2]


def test_without_course_toml_lessons_are_ordered_by_module_then_order_then_file(tmp_path):
    root = make_pack(tmp_path, lessons={
        "b.md": lesson_text(id="b", module="zeta", order=1),
        "c.md": lesson_text(id="c", module="alpha", order=2),
        "a.md": lesson_text(id="a", module="alpha", order=2),
        "d.md": lesson_text(id="d", module="alpha", order=1),
    }, quizzes={})
    course, findings = load_course(root)
    assert findings == []
    assert [l.id for l in course.ordered_lessons()] == ["d", "a", "c", "b"]
    assert [(m.id, m.title) for m in course.modules] == [("alpha", "Alpha"), ("zeta", "Zeta")]
    assert course.id == root.name


def test_course_toml_sets_module_order_titles_and_pass_mark(tmp_path):
    course_toml = ('id = "pack"\ntitle = "My pack"\npass_mark = 0.7\n\n[[modules]]\nid = "zeta"\ntitle = "Last first"'
                   '\n\n[[modules]]\nid = "alpha"\ntitle = "Then this"\n')
    root = make_pack(tmp_path, lessons={"b.md": lesson_text(id="b", module="zeta"),
                                        "a.md": lesson_text(id="a", module="alpha")}, quizzes={}, course=course_toml)
    course, _ = load_course(root)
    assert (course.id, course.title, course.pass_mark) == ("pack", "My pack", 0.7)
    assert [(m.title, m.lessons) for m in course.modules] == [("Last first", ("b",)), ("Then this", ("a",))]


def test_a_lesson_gets_the_quiz_that_names_it(tmp_path):
    course, _ = load_course(make_pack(tmp_path))
    assert course.lessons["intro"].quiz is None and course.quiz_id_for("intro") == "intro-quiz"
    assert course.quiz_for("intro").questions[0].id == "q1"


def test_catalogue_does_not_read_bodies_until_a_lesson_is_shown(tmp_path):
    root = make_pack(tmp_path)
    course, _ = load_course(root)
    path = root / "lessons" / "intro.md"
    path.write_text(path.read_text().replace("More text.", "Edited after loading."))
    assert "Edited after loading." in course.lesson_body(course.lessons["intro"])


def test_catalogue_loading_parses_no_markdown_and_no_quiz(tmp_path):
    root = make_pack(tmp_path)
    code = ("import sys; from tutor.content.loader import load_course; from pathlib import Path; "
            f"c, f = load_course(Path({str(root)!r})); assert not f and not c.parsed_quizzes; "
            "print(sorted(m for m in ('markdown_it', 'mdit_py_plugins') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_content_root_prefers_the_argument_then_the_environment(tmp_path, monkeypatch):
    a, b = make_pack(tmp_path / "a"), make_pack(tmp_path / "b")
    monkeypatch.setenv("TUTOR_CONTENT", str(b))
    assert content_root(a) == a.resolve()
    assert content_root() == b.resolve()
    monkeypatch.delenv("TUTOR_CONTENT")
    assert (content_root() / "lessons").is_dir()


def _imported_after(code: str) -> set[str]:
    probe = ("import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n"
             + "".join(f"    {line}\n" for line in code.split("\n"))
             + "import sys\nprint(' '.join(m for m in ('textual', 'rich') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO,
                            env={**os.environ, "TUTOR_HOME": os.environ["TUTOR_HOME"]})
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_the_core_never_imports_the_ui():
    assert _imported_after("import tutor.content.loader, tutor.content.checks, tutor.content.document, tutor.content.document_plain, "
                           "tutor.progress, tutor.cli") == set()


def test_version_help_and_check_do_not_import_textual(tmp_path):
    root = make_pack(tmp_path)
    for args in (["--version"], ["--help"], ["check", str(root)], ["check"], ["read", "intro", "--content", str(root)]):
        code = f"from tutor.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
        assert _imported_after(code) == set(), args
