"""HTML pages as text, with an exact map back to the HTML.

:func:`html_to_text` turns a page into the text a reader sees, laid out the
way kfacts expects scraped pages (one block per line), and remembers where
every character of that text came from in the HTML string:

* dropped with their content: ``script``, ``style``, ``noscript``,
  ``template``, ``nav``, ``iframe``, ``svg``, ``math``, ``object``,
  ``canvas``, ``select``, ``button``; elements marked ``hidden``,
  ``aria-hidden="true"`` or ``style="display:none"``; and the page's own
  ``header``, ``footer`` and ``aside`` (site chrome) - but not those inside an
  ``article`` or ``main`` element, which belong to the article (its headline,
  its byline). Comments, the doctype and CDATA are dropped too.
* block elements (``p``, ``div``, ``br``, ``li``, ``h1``-``h6``, ``tr``,
  ``article``, ``section``, ``blockquote``...) end a line, table cells are
  separated by a tab, so zoning still sees the page's lines;
* entities are unescaped as browsers do (``&quot;``, ``&#44;``, ``&nbsp;``,
  even ``&amp`` without its semicolon);
* runs of white space collapse to one space (kept inside ``pre``).

The ``<title>`` and the publication date of the page's metadata
(``article:published_time``, ``datePublished``...) are kept aside in
:attr:`HtmlText.title` and :attr:`HtmlText.published`; they are not part of
the text.

The parser is the standard library's :mod:`html.parser` (lenient, kept up to
date with Python), run with ``convert_charrefs=False`` so that every piece of
text, every entity and every tag arrives with its exact position in the
string. Each character of the text maps to the HTML range it came from: a
plain character to itself, a character of an entity to the whole entity, a
separator to the tag or white space that caused it. So for any span of the
text, :meth:`HtmlText.html_span` gives the HTML range whose markup-stripped,
unescaped, whitespace-collapsed content is exactly that span's text.
"""

from __future__ import annotations

import bisect
import html as _html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

__all__ = ["HtmlText", "html_to_text", "looks_like_html"]

#: elements dropped with everything inside them
DROP = frozenset({"script", "style", "noscript", "template", "nav", "iframe", "svg", "math", "object",
                  "canvas", "select", "button", "datalist"})
#: site chrome, dropped unless inside an article or main element
CHROME = frozenset({"header", "footer", "aside"})
#: elements whose content is the article's own (their header/footer/aside are kept)
CONTENT = frozenset({"article", "main"})
#: elements that end a line
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "listing", "main", "menu", "ol", "p",
    "plaintext", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "xmp",
    "option", "optgroup", "frameset", "noframes",
})
CELL = frozenset({"td", "th"})
#: elements without an end tag (never start a dropped region)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                  "source", "track", "wbr", "keygen", "frame"})
#: elements whose end tag may be left out: a hidden one cannot be skipped safely to its end
OPTIONAL_END = frozenset({"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
                          "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body"})
#: <meta name|property|itemprop=...> holding the publication date
PUBLISHED_META = frozenset({
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "article.published", "dc.date.issued", "dcterms.issued", "dc.date",
    "parsely-pub-date", "sailthru.date", "date",
})
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')
_WS_RUNS = re.compile(r"\s+|\S+")
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|table|span|br)\b",
                         re.I | re.S)

_NONE, _SPACE, _TAB, _LINE = 0, 1, 2, 3
_SEP = {_SPACE: " ", _TAB: "\t", _LINE: "\n"}


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts like an HTML document or fragment (``<!DOCTYPE html>``, ``<html>``, ``<p>``...)."""
    return _HTML_START.match(text[:2000]) is not None


@dataclass
class HtmlText:
    """A page's text and the map from it back to the HTML (see the module docstring)."""

    html: str
    text: str
    title: str | None = None
    #: the publication date as the page's metadata gives it (a string, unparsed), or None
    published: str | None = None
    encoding: str | None = None
    # segments of the map, parallel lists: text start, html start, html end, 1:1 or not
    _t0: list[int] = field(default_factory=list, repr=False)
    _h0: list[int] = field(default_factory=list, repr=False)
    _h1: list[int] = field(default_factory=list, repr=False)
    _exact: list[bool] = field(default_factory=list, repr=False)

    def _at(self, i: int) -> tuple[int, int]:
        """The HTML range of text character ``i``."""
        k = bisect.bisect_right(self._t0, i) - 1
        if self._exact[k]:
            h = self._h0[k] + (i - self._t0[k])
            return h, h + 1
        return self._h0[k], self._h1[k]

    def html_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``(start, end)`` range of the HTML string that the text span ``start:end`` came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} is outside the text (length {len(self.text)})")
        if start == end:
            if start == len(self.text):
                return (self._at(start - 1)[1],) * 2 if self.text else (0, 0)
            return (self._at(start)[0],) * 2
        return self._at(start)[0], self._at(end - 1)[1]

    def __repr__(self) -> str:
        return f"HtmlText(chars={len(self.text)}, html_chars={len(self.html)}, title={self.title!r})"


class _Parser(HTMLParser):
    def __init__(self, src: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = src
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", src)]
        self.out: list[str] = []
        self.n = 0  # length of the text so far
        self.t0: list[int] = []
        self.h0: list[int] = []
        self.h1: list[int] = []
        self.exact: list[bool] = []
        self.pending = _NONE
        self.pending_at = (0, 0)
        self.skip: str | None = None  # tag whose content is being dropped
        self.skip_depth = 0
        self.content_depth = 0  # open article/main elements
        self.pre_depth = 0
        self.in_title = False
        self.in_ld_json = False
        self.title: list[str] = []
        self.published: str | None = None
        # the event being handled: [start, end) in src, known when the next one starts
        self._prev: tuple[str, int, Any] | None = None

    # -- positions: every event starts where the previous one ended ------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _event(self, kind: str, payload: Any) -> None:
        start = self._pos()
        if self._prev is not None:
            self._dispatch(*self._prev, start)
        self._prev = (kind, start, payload)

    def finish(self) -> None:
        self.close()
        if self._prev is not None:
            self._dispatch(*self._prev, len(self.src))
            self._prev = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event("start", (tag, attrs, False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event("start", (tag, attrs, True))

    def handle_endtag(self, tag: str) -> None:
        self._event("end", tag)

    def handle_data(self, data: str) -> None:
        self._event("data", data)

    def handle_entityref(self, name: str) -> None:
        self._event("ref", name)

    def handle_charref(self, name: str) -> None:
        self._event("ref", name)

    def handle_comment(self, data: str) -> None:
        self._event("other", None)

    def handle_decl(self, decl: str) -> None:
        self._event("other", None)

    def handle_pi(self, data: str) -> None:
        self._event("other", None)

    def unknown_decl(self, data: str) -> None:
        self._event("other", None)

    # -- building the text -------------------------------------------------------
    def _dispatch(self, kind: str, start: int, payload: Any, end: int) -> None:
        if kind == "start":
            self._start(payload[0], payload[1], payload[2], start, end)
        elif kind == "end":
            self._end(payload, start, end)
        elif kind == "data":
            if self.skip is not None:
                if self.in_ld_json and self.published is None:
                    m = _LD_DATE.search(payload)
                    if m:
                        self.published = m.group(1)
                return
            if self.in_title:
                self.title.append(payload)
                return
            if len(payload) == end - start:
                self._text(payload, start, None)
            else:  # cannot happen with convert_charrefs=False; map the piece as a whole
                self._text(payload, start, end)
        elif kind == "ref":
            if self.skip is not None:
                return
            value = _html.unescape(self.src[start:end])
            if self.in_title:
                self.title.append(value)
                return
            self._text(value, start, end)

    def _break(self, level: int, start: int, end: int) -> None:
        if level > self.pending:
            self.pending = level
            self.pending_at = (start, end)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool, start: int, end: int) -> None:
        if self.skip is not None:
            if tag == self.skip and not closed:
                self.skip_depth += 1
            return
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
            return
        if tag == "title":
            self.in_title = not closed
            return
        if tag in VOID or closed:
            if tag in BLOCK:
                self._break(_LINE, start, end)
            return
        if tag in DROP or (tag in CHROME and self.content_depth == 0) or (
                tag not in OPTIONAL_END and self._hidden(a)):
            self.skip, self.skip_depth = tag, 1
            self.in_ld_json = tag == "script" and a.get("type", "").strip().lower() == "application/ld+json"
            return
        if "datetime" in a and a.get("itemprop", "").lower() == "datepublished" and self.published is None:
            self.published = a["datetime"]
        if tag in CONTENT:
            self.content_depth += 1
        if tag == "pre" or tag == "textarea":
            self.pre_depth += 1
        if tag in BLOCK:
            self._break(_LINE, start, end)
        elif tag in CELL:
            self._break(_TAB, start, end)

    def _end(self, tag: str, start: int, end: int) -> None:
        if self.skip is not None:
            if tag == self.skip:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip = None
                    self.in_ld_json = False
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in CONTENT and self.content_depth:
            self.content_depth -= 1
        if (tag == "pre" or tag == "textarea") and self.pre_depth:
            self.pre_depth -= 1
        if tag in BLOCK:
            self._break(_LINE, start, end)
        elif tag in CELL:
            self._break(_TAB, start, end)

    @staticmethod
    def _hidden(a: dict[str, str]) -> bool:
        if "hidden" in a or a.get("aria-hidden", "").strip().lower() == "true":
            return True
        style = a.get("style")
        return bool(style) and re.search(r"display\s*:\s*none", style, re.I) is not None

    def _meta(self, a: dict[str, str]) -> None:
        if self.published is not None:
            return
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and a.get("content", "").strip():
            self.published = a["content"].strip()

    def _emit(self, s: str, h0: int, h1: int, exact: bool) -> None:
        self.t0.append(self.n)
        self.h0.append(h0)
        self.h1.append(h1)
        self.exact.append(exact)
        self.out.append(s)
        self.n += len(s)

    def _flush(self) -> None:
        if self.pending and self.n:
            self._emit(_SEP[self.pending], *self.pending_at, False)
        self.pending = _NONE

    def _text(self, s: str, start: int, whole_end: int | None) -> None:
        """Add ``s``: a 1:1 copy of ``src[start:]`` (``whole_end`` None) or all from ``src[start:whole_end]``."""
        if self.pre_depth:
            if s:
                self._flush()
                if whole_end is None:
                    self._emit(s, start, start + len(s), True)
                else:
                    self._emit(s, start, whole_end, False)
            return
        for m in _WS_RUNS.finditer(s):
            a, b = (start + m.start(), start + m.end()) if whole_end is None else (start, whole_end)
            if m.group().isspace():
                self._break(_SPACE, a, b)
            else:
                self._flush()
                self._emit(m.group(), a, b, whole_end is None)


def html_to_text(html: str | bytes, *, encoding: str | None = None) -> HtmlText:
    """The text of an HTML page and the map back to it (see :class:`HtmlText`).

    ``html`` may be bytes: they are decoded by :func:`kfacts.encodings.decode`
    (BOM, UTF-8, the page's ``<meta charset>``, then detection; ``encoding=``
    forces one) and :attr:`HtmlText.html` is the decoded string the spans
    refer to.
    """
    codec = None
    if isinstance(html, (bytes, bytearray)):
        from .encodings import decode

        html, codec = decode(bytes(html), encoding=encoding, html=True)
    if not isinstance(html, str):
        raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
    p = _Parser(html)
    p.feed(html)
    p.finish()
    title = " ".join("".join(p.title).split()) or None
    return HtmlText(html=html, text="".join(p.out), title=title, published=p.published, encoding=codec,
                    _t0=p.t0, _h0=p.h0, _h1=p.h1, _exact=p.exact)

