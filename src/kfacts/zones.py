"""Zoning: which parts of a scraped page are the article (SPEC section 1).

The page is cut into lines; each line is article or clutter, by these named
rules (the zone's ``reason``):

``boilerplate``
    a line that is portal furniture (``본문 바로가기``, ``기사 메일전송``,
    ``글자크기``, ``목록 바로가기``, ``728x90``, a bare domain name...).
``most_read_list`` / ``related_list``
    a short ``가장 많이 본 뉴스`` / ``관련기사`` line and the list under it
    (numbered or bulleted items, or short headline lines), wherever it stands.
``copyright`` / ``after_byline``
    a tail marker: from a copyright notice after the article, or from the
    line after a closing byline with an e-mail address, the rest of the page
    is clutter.
``teaser``
    a related-article card: the lines just before a bare domain line.
``timestamp``
    the page's own timestamp (``등록 2024-08-13 15:12:01``, the date after
    ``by <outlet>``): metadata, not article text (see :mod:`kfacts.published`).

Everything else is article. The zones partition the input: every character is
in exactly one zone. The words these rules look for are in ``zones_words.tsv``
beside this module.
"""

from __future__ import annotations

import bisect
import re as _stdre
from pathlib import Path
from typing import Any, Sequence

import regex as re

from .extractors.wordlists import read_lists
from .fact import Zone
from .published import BODY_LINE, find_timestamps

#: zoning's word lists (``zones_words.tsv``: what each is for is written above it)
WORDS = read_lists(Path(__file__).with_name("zones_words.tsv"))

#: a host name before its top-level domain: labels of at most 63 characters, at most 11 of them (DNS allows
#: 63 and real hosts have a few; unbounded, a long line of ``1.1.1.`` made the search quadratic)
_HOST = r"[\w-]{1,63}(?:\.[\w-]{1,63}){0,10}"

_BOILERPLATE = re.compile(
    r"^\W*(?:본문\s*바로\s*가기|기사\s*메일\s*전송|기사\s*수정|기사\s*스크랩|공유하기|"
    r"목록\s*바로\s*가기|인쇄|이전\s*기사\s*보기.*|다음\s*기사\s*보기|모바일\s*버전\s*바로\s*가기|"
    r"\d{2,4}x\d{2,4}|반응형|역사왜곡|댓글.{0,10}|좋아요|구독|"
    rf"(?:https?://)?(?:www\.)?{_HOST}\.(?:com|co\.kr|kr|net|org|news)(?:/\S*)?)\W*$"
    r"|글자\s*크기|본문\s*보기를\s*권장|다음뉴스|네이버\s*뉴스|구독하세요|SNS\s*기사보내기|"
    r"기사\s*원문\s*보기|기사\s*제보|카카오톡\s*채널"
)

#: every match of _BOILERPLATE holds one of these literals (a word of each alternative; ``x`` of ``728x90``;
#: a dot and a domain ending): a line with none of them (most article lines) skips the full search.
#: Keep in step with _BOILERPLATE (tests/test_zones.py checks one sample per alternative).
_BOILERPLATE_WORDS = _stdre.compile(r"본문|기사|공유하기|목록|인쇄|이전|다음|모바일|x|반응형|역사왜곡|댓글|좋아요|구독|"
                                    r"글자|네이버|SNS|카카오톡|\.(?:com|kr|net|org|news)")


def _boilerplate(line: str) -> bool:
    return _BOILERPLATE_WORDS.search(line) is not None and _BOILERPLATE.search(line) is not None


_DOMAIN_LINE = re.compile(
    rf"^\s*(?:https?://)?(?:www\.)?{_HOST}\.(?:com|co\.kr|kr|net|org|news)(?:/\S*)?\s*$"
)

_TAIL_MARKERS = [
    ("most_read_list", re.compile(r"(?:가장\s*많이\s*본|많이\s*본\s*(?:뉴스|기사)|인기\s*(?:뉴스|기사)|실시간\s*(?:인기|급상승)|주요\s*뉴스|헤드라인\s*뉴스)")),
    ("related_list", re.compile(r"^\W*(?:관련\s*기사|추천\s*기사|함께\s*(?:보면|읽으면)\s*좋은|이\s*시각\s*(?:주요|인기)|오늘의\s*(?:주요|인기))")),
    ("copyright", re.compile(r"(?:Copyright|copyright|COPYRIGHT|ⓒ|©|저작권자|무단\s*전재|무단\s*복제)")),
]

#: for each tail marker, substrings one of which every match holds: a line with none of them cannot match
_TAIL_WORDS = {
    "most_read_list": WORDS["most_read_hints"],
    "related_list": WORDS["related_hints"],
    "copyright": WORDS["copyright_hints"],
}
#: any word of _TAIL_WORDS: a line without one skips the three tail markers at once
_ANY_TAIL_WORD = _stdre.compile("|".join(_stdre.escape(w) for ws in _TAIL_WORDS.values() for w in ws))
#: an article's opening byline: "[한빛일보 박준 기자]", "(서울=연합뉴스) 홍길동 기자 ="
_OPENING_BYLINE = re.compile(r"^\s*(?:\[[^\]\n]{2,40}(?:기자|특파원|통신원)\]|\([^()\n=]{1,12}=[^()\n]{1,20}\)\s*\S{2,4}\s*(?:기자|특파원))")

#: the start of a list item under a "most read" / "related" marker
_LIST_ITEM = re.compile(r"^(?:\d{1,2}\s*[.)]|[-•·▶▷◆◇■□○●※>\[])")

#: a navigation line: three or more short items separated by | or > ("정치 | 경제 | 사회", "홈 > 지역 > 경기")
_MENU_SEP = re.compile(r"\s*[|>›»∣ㅣ]\s*")
_MENU_CHAR = _stdre.compile(r"[|>›»∣ㅣ]")


def _is_menu(line: str) -> bool:
    if len(_MENU_CHAR.findall(line)) < 2:
        return False  # three items need two separators (a cheap exact prefilter: most lines have none)
    items = [x for x in _MENU_SEP.split(line) if x]
    return len(items) >= 3 and len(items) - 1 <= len(_MENU_SEP.findall(line)) and all(len(x) <= 10 for x in items)


#: words that make a line with a bare © a copyright notice
_NOTICE_WORDS = re.compile("(?:" + "|".join(map(re.escape, WORDS["notice_words"])) + ")")

#: a closing byline with an e-mail address: "/박진표 기자 lucky@kwangju.co.kr"
_BYLINE_EMAIL = re.compile(r"(?:기자|특파원|통신원)\s*[\(\[<]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_LINE = re.compile(r"[^\n]*\n?")


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        out.append((m.start(), m.end()))
    return out


def _stamp_follows(stamp_starts: list[int], line_end: int, text: str) -> bool:
    """Whether a timestamp sits at the end of the line ending at ``line_end`` or on the next non-blank line:
    above the body's first sentence, the byline on that line opens the article (``홍길동 기자 hong@news.com``
    then ``2024.08.13 15:12``) and does not close it."""
    i = bisect.bisect_left(stamp_starts, line_end - 80)
    nxt = line_end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    eol = text.find("\n", nxt)
    eol = len(text) if eol == -1 else eol
    return any(ts < eol for ts in stamp_starts[i:i + 4])


def find_zones(text: str, stamps: Sequence[tuple[tuple[int, int], Any, str]] | None = None) -> list[Zone]:
    """Split ``text`` into article, clutter and timestamp zones.

    Four phases: label each line (:func:`_label_lines`), turn the labels into
    zones (:func:`_line_zones`), carve the page's timestamps out of article
    zones (:func:`_carve_stamps`) and merge neighbours (:func:`_merged`).

    >>> zs = find_zones("본문 바로가기\\n광주시는 상을 받았다.\\n가장 많이 본 뉴스\\n1. 다른 기사")
    >>> [(z.kind, z.reason) for z in zs]
    [('clutter', 'boilerplate'), ('article', None), ('clutter', 'most_read_list')]
    """
    n = len(text)
    if n == 0:
        return []
    lines = _lines(text)
    # the page's timestamps (metadata); one right after a byline makes it an opening byline
    spans = [span for span, _d, _label in (find_timestamps(text) if stamps is None else stamps)]
    labels, cut_at, tail_reason = _label_lines(text, lines, [ts for ts, _te in spans])
    raw = _line_zones(lines, labels, cut_at, tail_reason, n)
    return _merged(_carve_stamps(raw, spans))


def _tail_marker(line: str, stripped: str, article_seen: bool) -> tuple[str | None, int | None]:
    """``(reason, None)`` when ``line`` heads a list block of clutter (``가장 많이 본 뉴스``),
    ``(reason, offset)`` when the page's clutter tail starts at ``offset`` in it (a copyright
    notice after the article), ``(None, None)`` otherwise."""
    for reason, pat in (_TAIL_MARKERS if _ANY_TAIL_WORD.search(line) else ()):
        if not any(w in line for w in _TAIL_WORDS[reason]):
            continue  # no match possible (a cheap prefilter)
        m = pat.search(line)
        if m is None:
            continue
        if reason == "copyright":
            # only a short line (or the end of one) is a notice, and only after the article;
            # a bare © in a photo credit ("(서울시 제공)© News1") is not one
            if len(line) - (m.start()) > 120 or not article_seen:
                continue
            if m.group(0) in ("ⓒ", "©") and _NOTICE_WORDS.search(line) is None:
                continue
            return reason, m.start()
        if len(stripped) > 40:
            continue
        return reason, None
    return None, None


def _label_lines(text: str, lines: list[tuple[int, int]],
                 stamp_starts: list[int]) -> tuple[list[str | None], int | None, str | None]:
    """Each line's clutter reason (``None``: article), and where the clutter tail starts (a
    character position, or ``None``) with its reason."""
    n = len(text)
    body = BODY_LINE.search(text)
    body_start = body.start() if body is not None else n  # the first sentence of a body
    labels: list[str | None] = [None] * len(lines)  # None = article
    cut_at: int | None = None  # character position where the clutter tail starts
    tail_reason = None
    article_seen = False
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        block_reason, offset = _tail_marker(line, stripped, article_seen)
        if offset is not None:
            cut_at, tail_reason = s + offset, block_reason
            break
        if block_reason is not None:
            # a list block: the marker and the list items under it (wherever it stands on the page)
            labels[i] = block_reason
            j = i + 1
            while j < len(lines):
                item = text[lines[j][0]:lines[j][1]].strip()
                if item and not (_LIST_ITEM.match(item) or len(item) <= 60):
                    break
                if item:
                    labels[j] = block_reason
                j += 1
            i = j
            continue
        if _is_menu(stripped):
            labels[i] = "boilerplate"
            i += 1
            continue
        if stripped.isdigit() or _boilerplate(stripped):
            labels[i] = "boilerplate"
            if _DOMAIN_LINE.match(stripped):
                # a teaser card: title and lead lines right above a bare domain
                j, taken = i - 1, 0
                while j >= 0 and taken < 2:
                    if text[lines[j][0]:lines[j][1]].strip():
                        if labels[j] is None:
                            labels[j] = "teaser"
                        taken += 1
                    j -= 1
            i += 1
            continue
        article_seen = article_seen or len(stripped) > 30
        if _BYLINE_EMAIL.search(line) and article_seen \
                and not (s < body_start and _stamp_follows(stamp_starts, e, text)):
            # a closing byline: what follows is the portal's, unless another article opens
            # further down with its own opening byline (a page of several articles)
            k = next((k for k in range(i + 1, len(lines))
                      if _OPENING_BYLINE.match(text[lines[k][0]:lines[k][1]])), None)
            if k is None:
                nxt = e
                if nxt < n and text[nxt:].strip():
                    cut_at, tail_reason = nxt, "after_byline"
                break
            # the new article's headline lines (short, just above its byline) stay article
            start = k
            j = k - 1
            while j > i:
                prev = text[lines[j][0]:lines[j][1]].strip()
                if prev and (len(prev) > 80 or _boilerplate(prev) or _is_menu(prev)):
                    break
                if prev:
                    start = j
                j -= 1
            for j in range(i + 1, start):
                if text[lines[j][0]:lines[j][1]].strip():
                    labels[j] = "after_byline"
            i = start
            continue
        i += 1
    return labels, cut_at, tail_reason


def _line_zones(lines: list[tuple[int, int]], labels: list[str | None], cut_at: int | None,
                tail_reason: str | None, n: int) -> list[tuple[str, int, int, str | None]]:
    """``(kind, start, end, reason)`` per line from its label, then the clutter tail."""
    raw: list[tuple[str, int, int, str | None]] = []
    limit = cut_at if cut_at is not None else n
    for (s, e), lab in zip(lines, labels):
        if s >= limit:
            break
        e = min(e, limit)
        kind = "article" if lab is None else "clutter"
        raw.append((kind, s, e, lab))
    if cut_at is not None and cut_at < n:
        raw.append(("clutter", cut_at, n, tail_reason))
    return raw


def _carve_stamps(raw: list[tuple[str, int, int, str | None]],
                  stamps: list[tuple[int, int]]) -> list[tuple[str, int, int, str | None]]:
    """The timestamp spans carved out of article zones as clutter (``timestamp``).

    Only the stamps that can reach a zone are visited: a stamp starting ``longest`` or more
    before it ends before it; stamps are sorted by start."""
    out: list[tuple[str, int, int, str | None]] = []
    stamp_starts = [ts for ts, _te in stamps]
    longest = max((te - ts for ts, te in stamps), default=0)
    for kind, s, e, reason in raw:
        if kind != "article":
            out.append((kind, s, e, reason))
            continue
        pos = s
        for k in range(bisect.bisect_right(stamp_starts, s - longest), len(stamps)):
            ts, te = stamps[k]
            if ts >= e:
                break
            if te <= pos:
                continue
            ts, te = max(ts, pos), min(te, e)
            if ts > pos:
                out.append(("article", pos, ts, None))
            out.append(("clutter", ts, te, "timestamp"))
            pos = te
        if pos < e:
            out.append(("article", pos, e, None))
    return out


def _merged(out: list[tuple[str, int, int, str | None]]) -> list[Zone]:
    """Zones, neighbours of the same kind and reason merged, empty ones dropped."""
    zones: list[Zone] = []
    for kind, s, e, reason in out:
        if s >= e:
            continue
        if zones and zones[-1].kind == kind and zones[-1].reason == reason and zones[-1].end == s:
            zones[-1] = Zone(kind, (zones[-1].start, e), reason)
        else:
            zones.append(Zone(kind, (s, e), reason))
    return zones
