"""HTML pages as text, with an exact map back to the HTML.

:func:`html_to_text` turns a page into the text a reader sees, laid out the
way kfacts expects scraped pages (one block per line), and remembers where
every character of that text came from in the HTML string:

* dropped with their content: ``script``, ``style``, ``noscript``,
  ``template``, ``nav``, ``iframe``, ``svg``, ``math``, ``object``,
  ``canvas``, ``select``, ``button``, ``textarea``; elements marked ``hidden``,
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

The tokenizer is a small one over the string itself, following the HTML
tokenization rules that matter for text: tags (attribute values may hold
``>``), comments (an unclosed one runs to the end), ``<!...>`` / ``<?...>``
declarations, CDATA, the raw text of ``script`` / ``style`` (up to their end
tag, whatever they hold) and of ``title`` / ``textarea``, character
references, and a ``<`` or ``&`` that starts nothing being plain text. It
works on the ``str``, so every offset is a character offset into it (no
bytes-to-characters conversion), and it never fails: any input gives a text.
(The standard library's :mod:`html.parser` gives positions as line/column
and is twice as slow; selectolax and lxml give none.) Each character of the
text maps to the HTML range it came from: a plain character to itself, a
character of an entity to the whole entity, a separator to the tag or white
space that caused it. So for any span of the text, :meth:`HtmlText.html_span`
gives the HTML range whose markup-stripped, unescaped, whitespace-collapsed
content is exactly that span's text.
"""

from __future__ import annotations

import bisect
import html as _html
import re
from dataclasses import dataclass, field

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


#: one token at a position: a comment, a declaration / processing instruction, an end tag, a start tag,
#: a character reference, or a run of plain text (a lone "<" or "&" is text too)
_TOKEN = re.compile(
    r"(?P<comment><!--(?:.*?--!?>|.*\Z))"
    r"|(?P<cdata><!\[CDATA\[.*?(?:\]\]>|\Z))"
    r"|(?P<bogus><[!?][^>]*>?|</(?![A-Za-z])[^>]*>?)"
    r"|</(?P<end>[A-Za-z][^\t\n\f\r />]*)[^>]*>?"
    r"|<(?P<start>[A-Za-z][^\t\n\f\r />]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|<(?P<loose>[A-Za-z][^\t\n\f\r />]*)(?P<loose_attrs>[^>]*)>?"  # an unbalanced quote: up to ">"
    r"|(?P<ref>&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?))"
    r"|(?P<text>[^<&]+|[<&])",
    re.S,
)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
#: elements whose content is raw text up to their end tag (no tags inside), and those whose content
#: is text with character references but no tags
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
RCDATA = frozenset({"title", "textarea"})
_RAW_END: dict[str, re.Pattern[str]] = {}
#: attribute words that may hide an element, or the attributes read for metadata
_ATTR_HINT = re.compile(r"hidden|none|datetime", re.I)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.I)


def _raw_end(tag: str) -> re.Pattern[str]:
    pat = _RAW_END.get(tag)
    if pat is None:
        pat = _RAW_END[tag] = re.compile(rf"</{tag}(?=[\t\n\f\r />])", re.I)
    return pat


def _attrs(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(raw):
        name = m.group(1).lower()
        if name not in out:
            value = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4)
            out[name] = _html.unescape(value) if value else ""
    return out


class _Builder:
    """Walks the tokens of the page and builds the text and its map (see :func:`html_to_text`)."""

    def __init__(self, src: str) -> None:
        self.src = src
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
        self.title: list[str] = []
        self.published: str | None = None

    def run(self) -> None:
        src, n = self.src, len(self.src)
        pos = 0
        token = _TOKEN.match
        while pos < n:
            m = token(src, pos)
            assert m is not None  # the last alternatives match any character
            end = m.end()
            kind = m.lastgroup
            if kind == "text":
                if self.skip is None:
                    self._text(m.group(), pos, None)
            elif kind == "ref":
                if self.skip is None:
                    self._text(_html.unescape(m.group()), pos, end)
            elif kind == "attrs" or kind == "loose_attrs":
                tag = (m.group("start") or m.group("loose")).lower()
                raw_attrs = m.group(kind)
                closed = raw_attrs.endswith("/")
                end = self._start(tag, raw_attrs, closed, pos, end)
            elif kind == "end":
                self._end(m.group("end").lower(), pos, end)
            # comments, declarations, CDATA: dropped
            pos = end

    # -- elements -----------------------------------------------------------------
    def _start(self, tag: str, raw_attrs: str, closed: bool, start: int, end: int) -> int:
        """Handle a start tag ending at ``end``; returns where the tokens go on (after raw text)."""
        if tag in RAW_TEXT or tag in RCDATA:
            m = _raw_end(tag).search(self.src, end)
            stop = m.start() if m else len(self.src)
            body = self.src[end:stop]
            if self.skip is None:
                if tag == "title":
                    self.title.append(_html.unescape(body))
                elif tag == "script" and self.published is None and "ld+json" in raw_attrs.lower():
                    ld = _LD_DATE.search(body)
                    if ld:
                        self.published = ld.group(1)
                elif tag == "xmp":
                    self._break(_LINE, start, end)
                    self._text(body, end, None)
                # script, style, iframe, noembed, noframes, noscript, textarea (a form's input): dropped
            return stop
        if self.skip is not None:
            if tag == self.skip and not closed:
                self.skip_depth += 1
            return end
        a = _attrs(raw_attrs) if (tag == "meta" or (raw_attrs and _ATTR_HINT.search(raw_attrs))) else {}
        if tag == "meta":
            self._meta(a)
            return end
        if tag in VOID or closed:
            if tag in BLOCK:
                self._break(_LINE, start, end)
            return end
        if tag in DROP or (tag in CHROME and self.content_depth == 0) or (
                a and tag not in OPTIONAL_END and self._hidden(a)):
            self.skip, self.skip_depth = tag, 1
            return end
        if "datetime" in a and a.get("itemprop", "").lower() == "datepublished" and self.published is None:
            self.published = a["datetime"]
        if tag in CONTENT:
            self.content_depth += 1
        if tag == "pre" or tag == "listing":
            self.pre_depth += 1
        if tag in BLOCK:
            self._break(_LINE, start, end)
        elif tag in CELL:
            self._break(_TAB, start, end)
        return end

    def _end(self, tag: str, start: int, end: int) -> None:
        if self.skip is not None:
            if tag == self.skip:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip = None
            return
        if tag in CONTENT and self.content_depth:
            self.content_depth -= 1
        if (tag == "pre" or tag == "listing") and self.pre_depth:
            self.pre_depth -= 1
        if tag in BLOCK:
            self._break(_LINE, start, end)
        elif tag in CELL:
            self._break(_TAB, start, end)

    @staticmethod
    def _hidden(a: dict[str, str]) -> bool:
        if "hidden" in a or a.get("aria-hidden", "").strip().lower() == "true":
            return True
        return _DISPLAY_NONE.search(a.get("style", "")) is not None

    def _meta(self, a: dict[str, str]) -> None:
        if self.published is not None:
            return
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and a.get("content", "").strip():
            self.published = a["content"].strip()

    # -- text -----------------------------------------------------------------------
    def _break(self, level: int, start: int, end: int) -> None:
        if level > self.pending:
            self.pending = level
            self.pending_at = (start, end)

    def _emit(self, s: str, h0: int, h1: int, exact: bool) -> None:
        if exact and self.exact and self.exact[-1] and self.h1[-1] == h0:
            self.h1[-1] = h1  # continues the previous 1:1 segment
        else:
            self.t0.append(self.n)
            self.h0.append(h0)
            self.h1.append(h1)
            self.exact.append(exact)
        self.out.append(s)
        self.n += len(s)

    def _flush(self) -> None:
        if self.pending and self.n:
            self._emit(_SEP[self.pending], self.pending_at[0], self.pending_at[1], False)
        self.pending = _NONE

    def _text(self, s: str, start: int, whole_end: int | None) -> None:
        """Add ``s``: a 1:1 copy of ``src[start:]`` (``whole_end`` None) or all from ``src[start:whole_end]``."""
        if not s:
            return
        if whole_end is None and not self.pre_depth and _COLLAPSE.search(s) is None:  # the common case
            if self.pending:
                self._flush()
            self._emit(s, start, start + len(s), True)
            return
        if self.pre_depth:
            self._flush()
            if whole_end is None:
                self._emit(s, start, start + len(s), True)
            else:
                self._emit(s, start, whole_end, False)
            return
        pos = 0
        for m in _COLLAPSE.finditer(s):
            a, b = m.span()
            if a > pos:
                self._flush()
                self._piece(s[pos:a], start, pos, whole_end)
            if whole_end is None:
                self._break(_SPACE, start + a, start + b)
            else:
                self._break(_SPACE, start, whole_end)
            pos = b
        if pos < len(s):
            self._flush()
            self._piece(s[pos:], start, pos, whole_end)

    def _piece(self, piece: str, start: int, offset: int, whole_end: int | None) -> None:
        if whole_end is None:
            self._emit(piece, start + offset, start + offset + len(piece), True)
        else:
            self._emit(piece, start, whole_end, False)


#: white space that does not stay as it is: any run at an edge, a run of two or more, or a single
#: character other than the plain space (a line break, a tab, U+00A0...)
_COLLAPSE = re.compile(r"^\s+|\s+$|\s{2,}|[^\S ]")


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
    b = _Builder(html)
    b.run()
    title = " ".join("".join(b.title).split()) or None
    return HtmlText(html=html, text="".join(b.out), title=title, published=b.published, encoding=codec,
                    _t0=b.t0, _h0=b.h0, _h1=b.h1, _exact=b.exact)
