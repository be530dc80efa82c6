"""A lesson body as pages of typed blocks, built from markdown-it tokens.

This is the Markdown rendering of the model: it decides what the text *is* (a heading, a callout,
a table, a link) and leaves how it looks to the app. Pages split at `##` headings; footnotes travel
with the page that first cites them.

Whatever draws the model can trust three things: containers (quotes, callouts, lists, footnotes)
nest at most MAX_DEPTH deep (deeper blocks are flattened into the deepest allowed level, so drawing
time and depth are bounded); only web and lesson links are links (any other link is its text); and
no text holds a control character (not even one decoded from a character reference such as `&#13;`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tutor.content import links
from tutor.content.document_blocks import (
    MAX_DEPTH,
    Block,
    Callout,
    CodeBlock,
    Footnote,
    Heading,
    Inline,
    Link,
    ListBlock,
    Page,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
    plain_spans,
)
from tutor.content.sanitize import clean_text

if TYPE_CHECKING:
    from markdown_it.token import Token

    from tutor.content.page_cache import PageCache


class Document:
    """A lesson body as pages. The source is cut at `##` headings first and each page is parsed
    the first time it is asked for, so showing page one of a long lesson never waits for the rest.
    Footnote and link-reference definitions are shared by every page, wherever they are written.
    With a page cache, pages parsed in an earlier run are read back instead (page_cache.py), and the
    Markdown parser is imported only when a page must be parsed."""

    def __init__(self, sources: list[str], titles: list[str], definitions: str,
                 cache: PageCache | None = None, digest: str = "",
                 pages: dict[int, Page] | None = None) -> None:
        self._sources = sources
        self._titles = titles
        self._definitions = definitions
        self._pages: dict[int, Page] = dict(pages or {})
        self._cache, self._digest = cache, digest

    def __len__(self) -> int:
        return len(self._sources)

    def page(self, index: int) -> Page:
        if index not in self._pages:
            self._pages[index] = _build_page(self._titles[index], self._sources[index], self._definitions)
            if self._cache is not None:
                from tutor.content.page_cache import CachedBody

                self._cache.put(self._digest, CachedBody(self._titles, self._pages))
        return self._pages[index]

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(self.page(i) for i in range(len(self)))

    def toc(self) -> list[str]:
        return [title or "Introduction" for title in self._titles]


_PAGE_HEADING = re.compile(r"^ {0,3}##(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:")


def build_document(body: str, cache: PageCache | None = None) -> Document:
    """Cut the body into page sources without parsing it: ATX `##` lines outside code fences
    start pages; footnote and reference definitions are set aside for every page to use. With a
    cache, the page titles and the pages parsed before come from it."""
    cached = None
    if cache is not None:
        from tutor.content.page_cache import body_digest

        digest = body_digest(body)
        cached = cache.get(digest)
    sources: list[list[str]] = [[]]
    titles: list[str] = [""]
    definitions: list[str] = []
    fence: str | None = None
    in_definition = False
    for line in body.split("\n"):
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            sources[-1].append(line)
            continue
        if opener:
            fence = opener.group(1)
        elif _DEFINITION.match(line):
            in_definition = True
            definitions.append(line)
            continue
        elif in_definition and (line.startswith(("    ", "\t")) or not line.strip()):
            definitions.append(line)
            continue
        in_definition = False
        heading = _PAGE_HEADING.match(line)
        if heading:
            sources.append([])
            titles.append("" if cached is not None else plain_spans(_inline_text(heading.group(1) or "")))
            continue
        sources[-1].append(line)
    texts = ["\n".join(lines) for lines in sources]
    if len(texts) > 1 and not texts[0].strip():
        texts, titles = texts[1:], titles[1:]
    if cache is None:
        return Document(texts, titles, "\n".join(definitions))
    if cached is not None and len(cached.titles) == len(texts):
        return Document(texts, cached.titles, "\n".join(definitions), cache, digest, cached.pages)
    if cached is not None:  # cannot happen for one body; parse the titles as without a cache
        return build_document(body)
    return Document(texts, titles, "\n".join(definitions), cache, digest)


def _inline_text(text: str) -> Inline:
    from tutor.content import markdown

    tokens = markdown.parser().parseInline(text)
    return _inline(tokens[0]) if tokens else ()


def _build_page(title: str, source: str, definitions: str) -> Page:
    from tutor.content import markdown

    tokens = markdown.parse(source + "\n\n" + definitions if definitions else source)
    body_tokens, footnote_tokens = _split_footnotes(tokens)
    footnotes = _footnote_blocks(footnote_tokens)
    page = Page(title, _blocks(body_tokens))
    _attach(page, footnotes)
    return page


def _split_footnotes(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    for i, token in enumerate(tokens):
        if token.type == "footnote_block_open":
            return tokens[:i], tokens[i:]
    return tokens, []


def _footnote_blocks(tokens: list[Token]) -> dict[int, tuple[Block, ...]]:
    notes: dict[int, tuple[Block, ...]] = {}
    i = 0
    while i < len(tokens):
        if tokens[i].type == "footnote_open":
            end = _closing(tokens, i)
            inner = [t for t in tokens[i + 1 : end] if t.type != "footnote_anchor"]
            # A footnote is drawn as one container level, like a quote.
            notes[int(tokens[i].meta["id"])] = tuple(_blocks(inner, 1))
            i = end
        i += 1
    return notes


def _attach(page: Page, footnotes: dict[int, tuple[Block, ...]]) -> None:
    """Collect the page's links and the footnotes it cites, in the order the page is drawn: the
    blocks first, then the footnotes after them (a footnote may cite another). The reader numbers
    its clickable links in this same order."""
    seen: set[int] = set()

    def walk(blocks: tuple[object, ...] | list[Block]) -> None:
        for block in blocks:
            for spans in _inlines_of(block):
                for span in spans:
                    if span.href is not None:
                        page.links.append(Link(span.text, span.href))
                    if "footnote" in span.style:
                        number = int(span.text.strip("[]"))  # one span per reference: see _add
                        if number - 1 in footnotes and number not in seen:
                            seen.add(number)
                            page.footnotes.append(Footnote(number, footnotes[number - 1]))
            for child in _children_of(block):
                walk(child)

    walk(page.blocks)
    drawn = 0
    while drawn < len(page.footnotes):  # grows while footnotes cite further footnotes
        walk(page.footnotes[drawn].blocks)
        drawn += 1


def _inlines_of(block: object) -> list[Inline]:
    if isinstance(block, (Heading, Paragraph)):
        return [block.spans]
    if isinstance(block, Table):
        return list(block.header) + [cell for row in block.rows for cell in row]
    return []


def _children_of(block: object) -> list[tuple[object, ...]]:
    if isinstance(block, (Quote, Callout)):
        return [block.blocks]
    if isinstance(block, ListBlock):
        return list(block.items)
    return []


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (itself for self-contained tokens)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _blocks(tokens: list[Token], depth: int = 0) -> list[Block]:
    """The blocks of a token run whose containers sit `depth` levels deep."""
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        end = _closing(tokens, i)
        blocks.extend(_block(tokens, i, end, depth))
        i = end + 1
    return blocks


def _block(tokens: list[Token], i: int, end: int, depth: int) -> list[Block]:
    """The block(s) that tokens[i:end + 1] make: a container at the depth limit gives its content
    instead of itself (flattened), so the model never nests deeper than MAX_DEPTH."""
    token = tokens[i]
    kind = token.type
    if kind == "heading_open":
        return [Heading(int(token.tag[1]), _inline(tokens[i + 1]))]
    if kind == "paragraph_open":
        return [Paragraph(_inline(tokens[i + 1]))]
    if kind in ("bullet_list_open", "ordered_list_open"):
        items = []
        j = i + 1
        while j < end:
            item_end = _closing(tokens, j)
            items.append(tuple(_blocks(tokens[j + 1 : item_end], min(depth + 1, MAX_DEPTH))))
            j = item_end + 1
        if depth >= MAX_DEPTH:
            return [block for item in items for block in item]
        start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
        return [ListBlock(tuple(items), kind == "ordered_list_open", start)]
    if kind in ("fence", "code_block"):
        lang = clean_text(token.info.strip().split(" ")[0]) if token.info else ""
        return [CodeBlock(clean_text(token.content.rstrip("\n")), lang)]
    if kind == "blockquote_open":
        if depth >= MAX_DEPTH:
            return _blocks(tokens[i + 1 : end], depth)
        return [_quote(tokens[i + 1 : end], depth + 1)]
    if kind == "table_open":
        return [_table(tokens[i:end])]
    if kind == "hr":
        return [Rule()]
    if kind == "html_block":  # html is off, so this does not occur; keep the text if it ever does
        return [Paragraph((Span(clean_text(token.content.strip())),))]
    return []


def _quote(inner: list[Token], depth: int) -> Quote | Callout:
    from tutor.content import markdown

    blocks = _blocks(inner, depth)
    first = inner[1] if len(inner) > 1 and inner[0].type == "paragraph_open" else None
    kind = markdown.alert_kind(first) if first is not None else None
    if kind in markdown.ALERT_KINDS and blocks and isinstance(blocks[0], Paragraph):
        rest = _strip_alert_marker(blocks[0].spans)
        blocks = ([Paragraph(rest)] if rest else []) + blocks[1:]
        return Callout(str(kind), tuple(blocks))
    return Quote(tuple(blocks))


_MARKER = re.compile(r"^\[![A-Za-z]+\]\s*")


def _strip_alert_marker(spans: Inline) -> Inline:
    if not spans:
        return spans
    first = Span(_MARKER.sub("", spans[0].text, count=1), spans[0].style, spans[0].href)
    rest = list(spans[1:])
    if not first.text and rest and rest[0].text == "\n":
        rest = rest[1:]
    return tuple(([first] if first.text else []) + rest)


def _table(tokens: list[Token]) -> Table:
    header: list[Inline] = []
    rows: list[list[Inline]] = []
    aligns: list[str] = []
    in_head = False
    for j, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            cell = _inline(tokens[j + 1]) if tokens[j + 1].type == "inline" else ()
            if in_head:
                header.append(cell)
                style = str(token.attrs.get("style", ""))
                aligns.append(style.split(":")[-1] if style.startswith("text-align:") else "")
            else:
                rows[-1].append(cell)
    return Table(tuple(header), tuple(tuple(r) for r in rows), tuple(aligns))


def _inline(token: Token) -> Inline:
    spans: list[Span] = []
    styles: list[str] = []
    href: str | None = None
    links: list[str | None] = []  # the open links, None for one shown as its text only
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            _add(spans, child.content, styles, href)
        elif kind == "softbreak":
            _add(spans, " ", styles, href)
        elif kind == "hardbreak":
            _add(spans, "\n", styles, href)
        elif kind == "code_inline":
            _add(spans, child.content, styles + ["code"], href)
        elif kind in ("strong_open", "em_open", "s_open"):
            styles.append({"strong_open": "strong", "em_open": "em", "s_open": "strike"}[kind])
        elif kind in ("strong_close", "em_close", "s_close") and styles:
            styles.pop()
        elif kind == "link_open":
            href = _usable_href(str(child.attrs.get("href", "")))
            links.append(href)
            if href is not None:
                styles.append("link")
        elif kind == "link_close":
            if links and links.pop() is not None and "link" in styles:
                styles.remove("link")
            href = None
        elif kind == "image":
            _add(spans, f"[image: {child.content or 'no description'}]", styles + ["em"], href)
        elif kind == "footnote_ref":
            _add(spans, f"[{int(child.meta['id']) + 1}]", ["footnote"], None)
        elif kind == "html_inline":
            _add(spans, child.content, styles, href)
    return tuple(spans)


def _usable_href(href: str) -> str | None:
    """The href of a link the learner may follow (a web page or a lesson), else None: any other
    link is shown as its text only (`tutor check` reports it)."""
    kind = links.link_kind(href)
    if kind == "web":
        return href
    if kind == "lesson":
        return "lesson:" + href.split(":", 1)[1]  # the scheme in one spelling, as Link.lesson_id expects
    return None


def _add(spans: list[Span], text: str, styles: list[str], href: str | None) -> None:
    # Character references are decoded by markdown-it (`&#13;` is a carriage return): clean here.
    text = clean_text(text)
    style = frozenset(styles)
    # Footnote references stay one span each, so that the number of each can be read back.
    if spans and spans[-1].style == style and spans[-1].href == href and "footnote" not in style:
        spans[-1] = Span(spans[-1].text + text, style, href)
    else:
        spans.append(Span(text, style, href))
