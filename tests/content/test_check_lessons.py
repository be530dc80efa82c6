"""`tutor check` on lessons: every rule reports its message at the right line."""

from __future__ import annotations

from datetime import date

from tests.content.packs import lesson_text, make_pack, write
from tutor.content.loader import check_pack

TODAY = date(2026, 11, 24)


def findings(root, **kw):
    _course, found = check_pack(root, today=TODAY, **kw)
    return [f.format(root) for f in found]


def test_a_clean_pack_has_no_findings(tmp_path):
    assert findings(make_pack(tmp_path)) == []


def test_front_matter_syntax_error_points_at_the_files_own_line(tmp_path):
    text = lesson_text().replace('title = "Intro"', 'title = "Intro')
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    [line] = findings(root)
    assert line.startswith("lessons/intro.md:3:")
    assert "error: front matter is not valid TOML" in line
    assert "hint: check quotes" in line


def test_a_lesson_without_front_matter_is_reported_at_line_1(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": "# Just markdown\n"}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:1:1: error: lesson has no front matter (hint: start the file with a line "+++", '
        'the TOML fields (id, title, ...), then another "+++" line)'
    ]


def test_missing_required_field(tmp_path):
    text = lesson_text().replace('summary = "A short lesson."\n', "")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:1:1: error: lesson front matter is missing required field "summary" '
        '(hint: add summary = "...")'
    ]


def test_wrong_field_type_points_at_the_field(tmp_path):
    text = lesson_text().replace("order = 1", 'order = "first"')
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:5:1: error: "order" must be an integer, not a string (hint: write it as order = 1)'
    ]


def test_unknown_field_is_a_warning_with_a_suggestion(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra='minuts = 4')}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:8:1: warning: unknown field "minuts" in lesson front matter (hint: did you mean "minutes"?)'
    ]


def test_checked_must_be_a_date_not_a_string(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(checked='"2026-11-01"')}, quizzes={})
    [line] = findings(root)
    assert line.startswith("lessons/intro.md:14:1: error:")
    assert '"checked" must be a date (YYYY-MM-DD, without quotes), not a string' in line


def test_duplicate_lesson_ids_across_files(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": lesson_text(), "b.md": lesson_text()}, quizzes={})
    assert findings(root) == [
        'lessons/b.md:2:1: error: lesson id "intro" is already used by a.md (hint: every lesson needs its own id: a copy of a lesson needs a new one)'
    ]


def test_missing_and_cyclic_prerequisites(tmp_path):
    a = lesson_text(id="a", extra='prerequisites = ["b", "ghost"]')
    b = lesson_text(id="b", extra='prerequisites = ["a"]')
    root = make_pack(tmp_path, lessons={"a.md": a, "b.md": b}, quizzes={})
    found = findings(root)
    assert 'lessons/a.md:8:1: error: prerequisite "ghost" is not a lesson in this pack ' \
           "(hint: use the id of an existing lesson)" in found
    assert any("error: prerequisites form a cycle: a -> b -> a" in f for f in found)


def test_link_to_a_missing_lesson_reports_line_and_column(tmp_path):
    text = lesson_text().replace("More text.", "See [that](lesson:nowhere) and [this](lesson:intro).")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:25:12: error: link to lesson "nowhere", which does not exist '
        "(hint: link with lesson:ID using an existing lesson id)"
    ]


def test_links_that_are_not_web_or_lesson_links_are_warned_about(tmp_path):
    # markdown-it itself refuses javascript:, vbscript:, file: and data: links; the check sees them anyway.
    text = lesson_text().replace("More text.", "Fetch [me](ftp://example.com/x) or [me](javascript:alert(1)).")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:25:12: warning: link "ftp://example.com/x" is neither a web address nor a lesson '
        "(hint: use https://... for web pages and lesson:ID for other lessons)",
        'lessons/intro.md:25:41: error: link "javascript:alert(1)" could run code or open a local file; the '
        "learner sees its text only (hint: link to a web page (https://...) or a lesson (lesson:ID))",
    ]


def test_links_markdown_it_refuses_and_mail_links_are_reported_at_their_place(tmp_path):
    links = ["[a](vbscript:msgbox)", "[b](file:///etc/passwd)", "[c](data:text/html;base64,PHNjcmlwdD4=)",
             "<javascript:alert(2)>"]
    body = "More text.\n\n" + "\n\n".join(links) + "\n\nWrite to [us](mailto:help@example.com).\n"
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text().replace("More text.\n", body)}, quizzes={})
    found = findings(root)
    for line, href in zip((27, 29, 31, 33), ("vbscript:msgbox", "file:///etc/passwd",
                                             "data:text/html;base64,PHNjcmlwdD4=", "javascript:alert(2)")):
        assert any(f.startswith(f'lessons/intro.md:{line}:') and f'error: link "{href}" could run code' in f
                   for f in found), (href, found)
    assert 'lessons/intro.md:35:15: warning: link "mailto:help@example.com" is an e-mail address, not a web page; ' \
           "the learner sees its text only (hint: write the address as text, or link to a web page that " \
           "gives it)" in found
    assert len(found) == 5


def test_content_nested_deeper_than_the_reader_shows_is_reported(tmp_path):
    quotes = "".join("> " * level + f"level {level}\n" + "> " * level + "\n" for level in range(1, 12))
    text = lesson_text().replace("More text.\n", "More text.\n\n" + quotes)
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == [
        "lessons/intro.md:43:1: warning: content is nested 11 levels deep; the reader shows at most 8 "
        "(nested quotes, lists and footnotes below that are drawn at the 8th level) "
        "(hint: use fewer levels of > quotes or indented lists)"
    ]


def test_nested_emphasis_and_brackets_deeper_than_the_limit_are_reported_once_per_block(tmp_path):
    text = lesson_text().replace("More text.", "*a " * 12 + "b" + "*" * 12 + " and " + "**x " * 10 + "y" + "**" * 10)
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    [line] = findings(root)
    assert line.startswith("lessons/intro.md:25:1: warning: text is nested 12 levels deep (emphasis or links); "
                           "the reader keeps at most 8")


def test_stale_source_is_a_warning_and_the_age_is_configurable(tmp_path):
    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(checked="2024-01-01")}, quizzes={})
    assert findings(root) == [
        'lessons/intro.md:14:1: warning: source "help" was last checked on 2024-01-01, over 365 days ago '
        "(hint: re-read the source, update the lesson if the rule changed, then update checked)"
    ]
    assert findings(root, max_age_days=2000) == []


def test_source_url_must_be_a_web_address(tmp_path):
    text = lesson_text().replace("https://example.com/help", "example.com/help")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    [line] = findings(root)
    assert line.startswith('lessons/intro.md:12:1: error: source url "example.com/help" is not a web address')


def test_lesson_module_must_be_listed_in_course_toml(tmp_path):
    course = 'id = "c"\ntitle = "C"\n\n[[modules]]\nid = "other"\ntitle = "Other"\n'
    root = make_pack(tmp_path, quizzes={}, course=course)
    found = findings(root)
    assert 'lessons/intro.md:4:1: error: module "basics" is not listed in course.toml (hint: add a [[modules]] ' \
           'table with id = "basics", or fix the module id)' in found
    assert 'course.toml:5:1: warning: module "other" has no lessons (hint: add lessons to it or remove it)' in found


def test_files_that_are_not_utf8_report_the_byte_offset(tmp_path):
    root = make_pack(tmp_path, quizzes={})
    path = root / "lessons" / "intro.md"
    path.write_bytes(path.read_bytes().replace(b"Intro paragraph.", b"Intro \xff paragraph."))
    [line] = findings(root)
    offset = path.read_bytes().index(b"\xff")
    assert line.startswith("lessons/intro.md:17:7: error: file is not valid UTF-8 (byte offset ")
    assert f"byte offset {offset}: 0xff" in line


def test_empty_and_oversized_files(tmp_path):
    root = make_pack(tmp_path, lessons={"empty.md": "\n\n"}, quizzes={})
    big = root / "lessons" / "big.md"
    big.write_text(lesson_text(id="big") + "x" * (2 * 1024 * 1024 + 1))
    assert findings(root) == [
        "lessons/big.md:1:1: error: file is 2.0 MB, over the 2 MB limit (hint: split it into several lessons or quizzes)",
        "lessons/empty.md:1:1: error: file is empty (hint: write the front matter and body, or delete the file)",
    ]


def test_a_file_that_links_outside_the_pack_is_refused(tmp_path):
    outside = write(tmp_path / "secret.md", lesson_text(id="secret"))
    root = make_pack(tmp_path / "pack", quizzes={})
    (root / "lessons" / "sneaky.md").symlink_to(outside)
    course, found = check_pack(root, today=TODAY)
    assert "secret" not in course.lessons
    assert [f.format(root) for f in found] == [
        "lessons/sneaky.md:1:1: error: file points outside the content pack "
        "(hint: copy the file into the pack instead of linking to it)"
    ]


def test_one_broken_lesson_does_not_stop_the_rest_loading(tmp_path):
    root = make_pack(tmp_path, lessons={"a.md": "+++\nid = \n+++\n", "b.md": lesson_text(id="b")}, quizzes={})
    course, found = check_pack(root, today=TODAY)
    assert list(course.lessons) == ["b"]
    assert len(found) == 1 and found[0].path.name == "a.md"


def test_control_characters_are_removed_when_content_is_loaded(tmp_path):
    # TOML itself rejects raw control characters, but its escapes (\u001b) produce them.
    evil = lesson_text(title="Intro\\u001b]52;c;ZXZpbA==\\u0007 \\u009b31m").replace(
        "More text.", "More \x1b[2J text.\ttab")
    root = make_pack(tmp_path, lessons={"intro.md": evil}, quizzes={})
    course, _ = check_pack(root, today=TODAY)
    lesson = course.lessons["intro"]
    assert lesson.title == "Intro]52;c;ZXZpbA== 31m"
    body = course.lesson_body(lesson)
    assert "\x1b" not in body and "More [2J text.\ttab" in body


def test_escape_sequences_in_ids_never_reach_the_checkers_output(tmp_path):
    text = lesson_text().replace('module = "basics"', 'module = "ba\\u001b[2Jsics"').replace(
        'title = "Intro"', 'title = "Intro"\nquiz = "q\\u001b]0;pwned\\u0007"')
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    found = findings(root)
    assert found and all("\x1b" not in line and "\x07" not in line for line in found)
    assert any('module id "ba[2Jsics" may only contain a-z' in line for line in found)


def test_what_refers_to_a_lesson_that_could_not_be_loaded_names_it_instead_of_saying_it_does_not_exist(tmp_path):
    from tests.content.packs import quiz_text

    broken = lesson_text(id="money").replace('summary = "A short lesson."\n', "")
    other = lesson_text(id="other", extra='prerequisites = ["money"]').replace("More text.", "See [money](lesson:money).")
    root = make_pack(tmp_path, lessons={"money.md": broken, "other.md": other},
                     quizzes={"money-quiz.toml": quiz_text(id="money-quiz", lesson="money")})
    found = findings(root)
    assert 'lessons/money.md:1:1: error: lesson front matter is missing required field "summary" ' \
           '(hint: add summary = "...")' in found
    assert 'quizzes/money-quiz.toml:2:1: error: quiz belongs to lesson "money", which could not be loaded ' \
           "(see lessons/money.md) (hint: fix the errors reported for that lesson first)" in found
    assert 'lessons/other.md:8:1: error: prerequisite "money" could not be loaded (see lessons/money.md) ' \
           "(hint: fix the errors reported for that lesson first)" in found
    assert 'lessons/other.md:25:13: error: link to lesson "money", which could not be loaded (see lessons/money.md) ' \
           "(hint: fix the errors reported for that lesson first)" in found
    assert not any("does not exist" in f or "not a lesson in this pack" in f for f in found)


def test_a_lesson_whose_front_matter_cannot_be_parsed_is_still_named_by_its_id(tmp_path):
    from tests.content.packs import quiz_text

    broken = lesson_text(id="money").replace('title = "Intro"', 'title = "Intro')
    root = make_pack(tmp_path, lessons={"money.md": broken},
                     quizzes={"money-quiz.toml": quiz_text(id="money-quiz", lesson="money")})
    assert any('quiz belongs to lesson "money", which could not be loaded (see lessons/money.md)' in f
               for f in findings(root))


def test_a_lesson_naming_a_quiz_that_could_not_be_loaded_says_so(tmp_path):
    from tests.content.packs import quiz_text

    root = make_pack(tmp_path, lessons={"intro.md": lesson_text(extra='quiz = "intro-quiz"')},
                     quizzes={"intro-quiz.toml": quiz_text().replace('title = "Quiz"\n', "")})
    assert 'lessons/intro.md:8:1: error: quiz "intro-quiz" could not be loaded (see quizzes/intro-quiz.toml) ' \
           "(hint: fix the errors reported for that quiz first)" in findings(root)


def test_a_lesson_with_an_error_is_not_given_to_the_learner(tmp_path):
    from tutor.content.loader import load_course

    root = make_pack(tmp_path, lessons={"a.md": lesson_text(id="a", order=-1), "b.md": lesson_text(id="b")},
                     quizzes={})
    course, found = load_course(root)
    assert list(course.lessons) == ["b"]
    assert [f.message for f in found] == ['"order" must not be negative']


def test_suggested_dates_in_hints_are_today(tmp_path):
    text = lesson_text().replace("checked = 2026-11-01\n", "")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    [line] = findings(root)
    assert line.endswith(f'source is missing required field "checked" (hint: add checked = {date.today()})')
    wrong = make_pack(tmp_path / "wrong", lessons={"intro.md": lesson_text(checked='"soon"')}, quizzes={})
    assert findings(wrong)[0].endswith(f"(hint: write it as checked = {date.today()})")


def test_a_chain_of_1500_prerequisites_is_checked_without_running_out_of_stack(tmp_path):
    lessons = {f"l{n:04}.md": lesson_text(id=f"l{n}", order=n, extra=f'prerequisites = ["l{n + 1}"]' if n < 1499 else "")
               for n in range(1500)}
    lessons["l1499.md"] = lesson_text(id="l1499", order=1499, extra='prerequisites = ["l0"]')
    root = make_pack(tmp_path, lessons=lessons, quizzes={})
    [line] = findings(root)
    assert line.startswith("lessons/l1499.md:8:1: error: prerequisites form a cycle: l0 -> l1 -> l2 -> ")
    assert line.split(" (hint")[0].endswith("-> l1498 -> l1499 -> l0")


def test_a_multi_line_lesson_id_is_refused_and_reported_on_one_line(tmp_path):
    text = lesson_text().replace('id = "intro"', 'id = "intro\\n"\n', 1)
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    [line] = findings(root)
    assert line.startswith('lessons/intro.md:2:1: error: lesson id "intro\\n" may only contain a-z')
    assert "\n" not in line


def test_addresses_python_cannot_split_are_judged_without_an_internal_error(tmp_path):
    # urllib.parse.urlsplit raises ValueError on "http://[::1"; the scheme is all the check needs.
    text = lesson_text().replace("https://example.com/help", "http://[::1").replace(
        "[link](https://example.com)", "[link](http://[::1)")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    assert findings(root) == []


def test_numbers_too_large_to_be_true_are_findings(tmp_path):
    text = lesson_text().replace("order = 1", "order = 99999999999999999999999").replace("minutes = 5", "minutes = inf")
    root = make_pack(tmp_path, lessons={"intro.md": text}, quizzes={})
    found = findings(root)
    assert any(f.startswith('lessons/intro.md:5:1: error: "order" is 99999999999999999999999, which is not a '
                            "usable number") for f in found), found
    assert any(f.startswith('lessons/intro.md:6:1: error: "minutes" must be an integer, not a number') for f in found)
