"""Lesson bodies become pages of blocks: what the reader shows, independent of the terminal."""

from __future__ import annotations

from tutor.content.document import build_document
from tutor.content.document_blocks import Callout, CodeBlock, Heading, ListBlock, Paragraph, Quote, Table
from tutor.content.document_plain import plain_text

BODY = """\
Opening words.

## Rules

Text with **bold**, *em*, `code`, ~~old~~ and a [web link](https://example.com) and
[a lesson](lesson:other#part).[^1]

> [!WARNING]
> Do not share your email.

> Just a quote.

| Rule | Since |
| :--- | ---: |
| On platform | 2020 |

## Steps

1. First
2. Second
   - nested

```
code block
```

![a diagram](pic.png)

[^1]: Footnote with **detail**.
"""


def test_pages_split_at_level_two_headings_with_a_table_of_contents():
    doc = build_document(BODY)
    assert doc.toc() == ["Introduction", "Rules", "Steps"]
    assert doc.pages[0].blocks == [Paragraph(doc.pages[0].blocks[0].spans)]


def test_a_body_that_starts_with_a_heading_has_no_empty_first_page():
    assert build_document("## Only\n\nText.\n").toc() == ["Only"]


def test_inline_styles_links_and_footnotes():
    page = build_document(BODY).pages[1]
    para = page.blocks[0]
    styled = {(s.text, tuple(sorted(s.style))) for s in para.spans}
    assert ("bold", ("strong",)) in styled and ("em", ("em",)) in styled
    assert ("code", ("code",)) in styled and ("old", ("strike",)) in styled
    assert [(l.text, l.href, l.lesson_id) for l in page.links] == [
        ("web link", "https://example.com", None), ("a lesson", "lesson:other#part", "other")]
    [note] = page.footnotes
    assert note.number == 1 and "detail" in plain_text(build_document(BODY))


def test_alerts_become_callouts_and_plain_quotes_stay_quotes():
    blocks = build_document(BODY).pages[1].blocks
    callout = next(b for b in blocks if isinstance(b, Callout))
    assert callout.kind == "WARNING"
    assert [s.text for s in callout.blocks[0].spans] == ["Do not share your email."]
    assert any(isinstance(b, Quote) for b in blocks)


def test_tables_keep_header_rows_and_alignment():
    table = next(b for b in build_document(BODY).pages[1].blocks if isinstance(b, Table))
    assert [c[0].text for c in table.header] == ["Rule", "Since"]
    assert table.aligns == ("left", "right")
    assert [[c[0].text for c in row] for row in table.rows] == [["On platform", "2020"]]


def test_lists_code_and_images_on_the_last_page():
    blocks = build_document(BODY).pages[2].blocks
    lst = blocks[0]
    assert isinstance(lst, ListBlock) and lst.ordered and len(lst.items) == 2
    assert isinstance(lst.items[1][1], ListBlock)
    assert blocks[1] == CodeBlock("code block")
    assert blocks[2].spans[0].text == "[image: a diagram]"


def test_raw_html_is_text_not_markup():
    doc = build_document("<script>alert(1)</script>\n\nHi <b>there</b>\n")
    assert "<script>alert(1)</script>" in plain_text(doc)
    assert "Hi <b>there</b>" in plain_text(doc)


def test_headings_below_level_two_stay_inside_the_page():
    doc = build_document("## Page\n\n### Part\n\nText\n")
    assert doc.toc() == ["Page"]
    assert isinstance(doc.pages[0].blocks[0], Heading) and doc.pages[0].blocks[0].level == 3


def test_a_heading_inside_a_code_fence_does_not_start_a_page():
    doc = build_document("Intro\n\n```\n## not a page\n```\n\n## Real page\n\nText\n")
    assert doc.toc() == ["Introduction", "Real page"]
    assert doc.page(0).blocks[1] == CodeBlock("## not a page")


def test_definitions_written_at_the_end_serve_every_page():
    body = "Intro [site][ref].\n\n## Two\n\nSee this.[^n]\n\n## Three\n\nEnd.\n\n[ref]: https://example.com\n[^n]: The note.\n"
    doc = build_document(body)
    assert [l.href for l in doc.page(0).links] == ["https://example.com"]
    [note] = doc.page(1).footnotes
    assert note.number == 1 and "The note." in plain_text(doc)
    assert doc.page(2).footnotes == [] and doc.toc() == ["Introduction", "Two", "Three"]


def test_pages_are_parsed_only_when_asked_for():
    doc = build_document("One\n\n## Two\n\nText\n")
    assert doc._pages == {}
    doc.page(1)
    assert list(doc._pages) == [1]


def test_links_are_listed_in_the_order_the_page_is_drawn_blocks_then_footnotes():
    doc = build_document("Cited[^a] and then [x](https://x.example).\n\n[^a]: See [y](https://y.example).\n")
    assert [l.href for l in doc.page(0).links] == ["https://x.example", "https://y.example"]


def _depth(blocks) -> int:
    """How deeply containers (quotes, callouts, lists, footnotes) nest in a list of blocks."""
    deepest = 0
    for block in blocks:
        if isinstance(block, (Quote, Callout)):
            deepest = max(deepest, 1 + _depth(block.blocks))
        elif isinstance(block, ListBlock):
            deepest = max(deepest, 1 + max((_depth(item) for item in block.items), default=0))
    return deepest


def test_deeply_nested_quotes_are_flattened_at_the_limit_and_keep_their_text():
    from tutor.content.document_blocks import MAX_DEPTH

    body = "".join("> " * level + f"level {level}\n" + "> " * level + "\n" for level in range(1, 20))
    page = build_document(body).page(0)
    assert _depth(page.blocks) == MAX_DEPTH == 8
    text = plain_text(build_document(body))
    assert all(f"level {level}" in text for level in range(1, 20))


def test_deeply_nested_lists_are_flattened_too():
    from tutor.content.document_blocks import MAX_DEPTH

    body = "".join("  " * level + f"- item {level}\n" for level in range(MAX_DEPTH + 1))
    page = build_document(body).page(0)
    assert _depth(page.blocks) == MAX_DEPTH
    assert all(f"item {level}" in plain_text(build_document(body)) for level in range(MAX_DEPTH + 1))


def test_two_footnote_references_side_by_side_are_two_footnotes():
    doc = build_document("Read the rules[^1][^2].\n\n[^1]: The first.\n[^2]: The second.\n")
    assert [note.number for note in doc.page(0).footnotes] == [1, 2]
    text = plain_text(doc)
    assert "rules[1][2]." in text and "[1] The first." in text and "[2] The second." in text


def test_a_footnote_reference_without_its_note_is_only_text():
    assert "rules[^1][^2]" in plain_text(build_document("rules[^1][^2]\n"))


def test_links_that_are_not_web_or_lesson_links_become_plain_text():
    body = ("[run](javascript:alert(1)) [local](file:///etc/passwd) [pic](data:text/html,x) "
            "[vb](vbscript:x) [mail](mailto:a@example.com) [ftp](ftp://example.com) [rel](other.md) "
            "<javascript:alert(2)> [ok](https://example.com) [lesson](lesson:intro)\n")
    page = build_document(body).page(0)
    assert [(link.text, link.href) for link in page.links] == [("ok", "https://example.com"),
                                                               ("lesson", "lesson:intro")]
    spans = page.blocks[0].spans
    assert all(span.href is None and "link" not in span.style for span in spans
               if span.text not in ("ok", "lesson"))
    text = plain_text(build_document(body))
    assert "run local pic vb mail ftp rel javascript:alert(2) ok <https://example.com> lesson" in text
    assert "javascript:alert(1)" not in text and "](" not in text


def test_control_characters_decoded_from_character_references_are_removed():
    body = "Carriage&#13;return, form&#12;feed, escape&#27;[2J, c1&#155;31m and &#x7f;del.\n\n```&#27;x\ncode\n```\n"
    doc = build_document(body)
    text = plain_text(doc)
    assert not any(ord(ch) < 0x20 and ch not in "\n\t" or 0x7f <= ord(ch) <= 0x9f for ch in text), repr(text)
    assert "Carriagereturn, formfeed, escape" in text
    assert all(ord(ch) >= 0x20 for ch in doc.page(0).blocks[1].lang)
