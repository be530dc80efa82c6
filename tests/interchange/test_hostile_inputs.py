"""Hostile files and packs (issue 29): a question bank from a stranger is read with no DTD, no entity,
no network, bounded size and depth, and refused in words with nothing written; pack text full of the
formats' markup characters is escaped, so every format reads back exactly what the pack says."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from tests.interchange.conftest import export, tutor, write_pack
from tests.interchange.moodle_rules import gift_problems, moodle_xml_problems
from tutor.interchange import UnsafeFile, import_bank, read_bank
from tutor.interchange.safe_xml import MAX_DEPTH, parse

QUESTION = """<question type="truefalse"><name><text>t</text></name>
<questiontext format="plain_text"><text>{text}</text></questiontext>
<answer fraction="100"><text>true</text><feedback><text>ok</text></feedback></answer>
<answer fraction="0"><text>false</text><feedback><text>no</text></feedback></answer></question>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<quiz>""" + QUESTION.format(text="&lol9;") + "</quiz>"


def _refused(tmp_path: Path, name: str, content: bytes | None) -> str:
    """Import `content` (or the file `name` as it is) through the command a user runs: refused in one
    line, nothing written."""
    bank = tmp_path / name
    if content is not None:
        bank.write_bytes(content)
    pack = tmp_path / "pack"
    result = tutor("lms", "import", str(bank), "--into", str(pack), cwd=tmp_path, home=tmp_path / "home")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert result.stderr.startswith("tutor lms import: ") and "nothing was written" in result.stderr
    assert not pack.exists()
    return result.stderr


def test_billion_laughs_is_refused_without_expanding_an_entity(tmp_path):
    message = _refused(tmp_path, "laughs.xml", BILLION_LAUGHS.encode())
    assert "laughs.xml:2: the file declares a DTD" in message


def test_an_external_entity_to_a_local_file_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the learner's secret", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n<quiz>'
           + QUESTION.format(text="&x;") + "</quiz>")
    assert "DTD" in _refused(tmp_path, "xxe.xml", xxe.encode())
    # and the parser itself never resolves one, even in a prolog the quick look misreads
    sneaky = (f'<!-- <a --><!DOCTYPE quiz [<!ENTITY x SYSTEM "{secret.as_uri()}">]><quiz>'
              + QUESTION.format(text="&x;") + "</quiz>")
    with pytest.raises(UnsafeFile, match="declares a DTD"):
        parse(sneaky.encode(), "sneaky.xml")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"fetched")

    def log_message(self, *args):
        pass


def test_an_external_entity_to_a_url_is_refused_and_the_network_never_reached(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "{url}/quiz.dtd" [<!ENTITY x SYSTEM "{url}/x">]>\n'
               "<quiz>" + QUESTION.format(text="&x;") + "</quiz>")
        assert "DTD" in _refused(tmp_path, "xxe-url.xml", xxe.encode())
        with pytest.raises(UnsafeFile):
            parse(("<!-- <a -->" + xxe.split("\n", 1)[1]).encode(), "sneaky.xml")
    finally:
        server.shutdown()
    assert _Recorder.requests == []


@pytest.mark.parametrize("name,head", [("huge.xml", b'<?xml version="1.0"?>\n<quiz>\n'),
                                       ("huge.gift", b"::q::A question?{=yes ~no}\n\n")])
def test_a_100_mb_bank_is_refused_before_it_is_read(tmp_path, name, head):
    path = tmp_path / name
    with path.open("wb") as handle:
        handle.write(head)
        chunk = b"<!-- padding -->\n" * 65536 if name.endswith(".xml") else b"// padding\n" * 65536
        while handle.tell() < 100 * 1024 * 1024:
            handle.write(chunk)
        handle.truncate(100 * 1024 * 1024)
    message = _refused(tmp_path, name, None)
    assert "is 100 MB" in message and "over 32 MB is refused" in message


def test_elements_nested_deeper_than_any_bank_are_refused(tmp_path):
    deep = b"<quiz>" + b"<question>" * 100_000 + b"</question>" * 100_000 + b"</quiz>"
    message = _refused(tmp_path, "deep.xml", deep)
    assert f"nested more than {MAX_DEPTH} deep" in message and "deep.xml:1:" in message


def test_a_broken_or_foreign_file_is_refused_in_words_with_its_line(tmp_path):
    assert "broken.xml:3: not well-formed XML" in _refused(tmp_path, "broken.xml", b"<quiz>\n<question>\n</quiz>")
    assert "not a Moodle XML question bank" in _refused(tmp_path, "page.xml", b"<html><body/></html>")
    assert "latin.gift:2: not UTF-8" in _refused(tmp_path, "latin.gift", "::q::\nCaf\xe9?{T}".encode("latin-1"))


HOSTILE_QUIZ = '''\
id = "stay"
lesson = "stay"
title = "Markup: ~ = # { } : \\\\ ]]> <b>&amp;</b> // $CATEGORY: x"

[[questions]]
id = "q1"
kind = "single"
prompt = "::Title:: {=right ~wrong} # 50% ~%100%% \\\\n\\n// not a comment\\n$CATEGORY: nope\\n]]><![CDATA[ <script>x</script> &lt; &"
explanation = "Why: a = b {c} ~d #e ####f"
source = "help"
hints = ["Hint: {=a}", "~b #c"]

[[questions.options]]
id = "a"
text = "=not right: #1 {x}"
feedback = "~%50%fake weight# and ## and ####general"
correct = true

[[questions.options]]
id = "b"
text = "[html]~wrong ]]> & <i>"
feedback = "\\\\\\\\ two backslashes, a tab\\there, TRUE#F"

[[questions]]
id = "q2"
kind = "truefalse"
prompt = "{TRUE} is not an answer: #"
explanation = "== ~~"
source = "help"
answer = false
feedback_true = "[markdown] # wrong #"
feedback_false = "right: }{"

[[questions]]
id = "q3"
kind = "multi"
prompt = "Tick ~ and = ."
explanation = "x"
source = "help"
partial_credit = true

[[questions.options]]
id = "a"
text = "=a"
feedback = "=yes"
correct = true

[[questions.options]]
id = "b"
text = "~b"
feedback = "#no"

[[questions.options]]
id = "c"
text = "%-50%c"
feedback = "{no}"
correct = true
'''


@pytest.fixture
def hostile_pack(tmp_path):
    return write_pack(tmp_path / "hostile", HOSTILE_QUIZ)


def _texts(questions):
    return [(q.id, q.prompt, q.explanation, q.hints, [(o.id, o.text, o.feedback, o.correct) for o in q.options])
            for q in questions]


@pytest.mark.parametrize("fmt,suffix", [("moodle-xml", ".xml"), ("gift", ".gift")])
def test_pack_text_full_of_markup_is_escaped_and_reads_back_exactly(hostile_pack, fmt, suffix, tmp_path):
    from tutor.content.loader import load_course

    course = load_course(hostile_pack)[0]
    quiz = course.quiz("stay")
    assert quiz is not None and len(quiz.questions) == 3
    data, _report = export(course, fmt)
    assert (gift_problems if fmt == "gift" else moodle_xml_problems)(data) == []
    if fmt == "moodle-xml":
        assert b"<script>" not in data and b"]]>" not in data.replace(b"]]&gt;", b"")
    (tmp_path / f"bank{suffix}").write_bytes(data)
    bank, report = read_bank(tmp_path / f"bank{suffix}")
    assert report.skipped == [] and [c.title for c in bank.categories] == [quiz.title]
    assert _texts(bank.questions()) == _texts(quiz.questions)
    import_bank(tmp_path / f"bank{suffix}", tmp_path / "again")
    again = load_course(tmp_path / "again")[0].quiz("stay")
    assert again is not None and [q.prompt for q in again.questions] == [q.prompt for q in quiz.questions]


def test_pack_text_full_of_markup_makes_a_valid_qti_package(hostile_pack, validator):
    data, _report = export(hostile_pack, "qti21")
    assert validator.errors(data) == []
    assert b"<script>" not in data
