"""Dates: absolute and relative calendar expressions, resolved against ``published``.

Matching is one regex pass (:mod:`.patterns`); each match is then

1. rejected when its context makes it a duration, a rate, a decade, a
   recurring day, or the year that opens an event, program or award name,
   quoted or not (``2023년 지역혁신 우수사례 경진대회에서``; the heads and
   where the rule stops are word lists in ``words.tsv``);
2. linked to the date before it when the two make a range
   (``18일부터 20일까지``, ``27일~28일``): the second end takes the first's
   month and year, and a duration range (``2일~3일이 걸린다``) is dropped
   whole;
3. resolved: words like ``지난``/``오는``/``내년`` say the direction; a bare
   month or day is read by the tense of the clause it belongs to (the first
   predicate after it, from Kiwi's tokens): a past predicate puts a day
   still to come in this month into the previous month, a future one
   (``-ㄹ 예정``, ``-겠``) puts a day already gone into the next.

Value helpers live in :mod:`kfacts.normalize.dates`.
"""

from __future__ import annotations

import datetime as _dt
from operator import attrgetter, methodcaller
from typing import Any, Iterator

import regex as re

from ...bounds import YEAR_RANGE
from ...fact import Fact
from ...normalize import dates as nd
from ..base import Context, Rule, Taken
from . import patterns as P

#: a written year the patterns did not read (outside kfacts.bounds.YEAR_RANGE) right before a month, day or period
_YEAR_BEFORE = re.compile(r"(?<![\d.,])(\d{3,})\s?년도?\s*$")


def _unread_year_before(before: str) -> bool:
    """Whether ``before`` ends with a written year outside :data:`kfacts.bounds.YEAR_RANGE` (``9999년 ``)."""
    m = _YEAR_BEFORE.search(before)
    if m is None:
        return False
    digits = m.group(1)
    return len(digits) > 4 or not YEAR_RANGE[0] <= int(digits) <= YEAR_RANGE[1]

RULES: list[Rule] = [
    Rule("date.numeric", "date", "A numeric date: 2024-08-13, 2024.8.13, 2024. 8. 13., 2024-Q3."),
    Rule("date.numeric_month", "date", "A numeric year and month closed by a bracket, a range or a particle: "
         "(2022.5), 2022.5~2023.4, 2022.5 이후."),
    Rule("date.absolute", "date", "A written year with optional month, day, quarter, half and part: "
         "2024년, 2023년도, 2024년 8월 13일, 2024년 3분기, 2021년 초."),
    Rule("date.relative_year", "date", "A relative year word, optionally with month, day, quarter, half or "
         "part: 올해, 작년 말, 내년 9월, 지난해 4분기."),
    Rule("date.relative_month", "date", "A relative month word, optionally with day or part: 지난달 13일, "
         "이번 달 25일, 지난 달 말."),
    Rule("date.relative_day", "date", "어제, 오늘, 내일, resolved against the publication date."),
    Rule("date.directed", "date", "지난/오는 + month or day: the latest on or before (or earliest on or after) "
         "the publication date."),
    Rule("date.month_day", "date", "A month (and day) without a year, placed in the year by the clause's tense."),
    Rule("date.day", "date", "A bare day of the month (1일, 28일), placed by the clause's tense."),
    Rule("date.next_year", "date", "같은 해/그해 or 이듬해/다음 해 (+ month, day): the year the text last named, or the one after."),
    Rule("date.previous_year", "date", "전년도: the year before the written year just told of in the sentence, "
         "else before the publication year."),
    Rule("date.range_end", "date", "The second end of a range or a later item of a list (18일부터 20일까지, "
         "2003년 6월과 11월), taking the first's month and year."),
    Rule("date.anchored_day", "date", "A day told relative to the date before it (이튿날인 10일, 전날인 4일): "
         "that date's month."),
    Rule("date.period_word", "date", "연초/연말, a bare quarter (3분기) or half (상반기) of the publication year."),
    Rule("date.short_year", "date", "A year written with an apostrophe: ’19, ’10~’19."),
    Rule("date.citation_year", "date", "A year closing a parenthesized citation: (Mordor Intelligence, 2016)."),
]

USER_WORDS: list[tuple[str, str, float]] = []


class _Cand:
    """One match being worked on: its parts, then its value."""

    __slots__ = ("m", "start", "end", "kind", "year", "month", "day", "q", "h", "part", "relative",
                 "drop", "value", "gran", "rule", "range_start", "inherit", "back", "yanchor")

    def __init__(self, m: Any, start: int, end: int) -> None:
        self.m = m
        self.start, self.end = start, end
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.q: int | None = None
        self.h: int | None = None
        self.part: str | None = None
        self.relative = False
        self.drop = False
        self.value: str | None = None
        self.gran: str | None = None
        self.rule = ""
        self.kind = ""
        self.range_start = False
        self.inherit: "_Cand | None" = None
        self.back = False  # an anchored day lies before its anchor (전날인 N일)
        self.yanchor = False  # the year comes from a written year before it in the sentence


def _int(m: Any, name: str) -> int | None:
    v = m.group(name)
    return int(v) if v is not None else None


def _event_quote(text: str, start: int) -> bool:
    """Whether ``start`` opens a short quoted name (``‘2024년 전국 ... 대상’``)."""
    i = start - 1
    if i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] not in P.QUOTES:
        return False
    close = P.QUOTES[text[i]]
    j = text.find(close, start, start + 60)
    if j == -1:
        return False
    inner = text[start:j].rstrip()
    return "\n" not in inner and not inner.endswith(("다", ".", "요"))


def _opens_quote(text: str, start: int) -> bool:
    """Whether the ``'`` or ``‘`` at ``start`` opens a quotation (``'57년을 기다린 허가'``): then the number
    after it is a count, not a year written with an apostrophe (``’19년``). It opens one when the rest of
    its line (up to 80 characters) holds more closing than opening quotes of its kind."""
    ch = text[start]
    if ch not in "'‘":
        return False
    end = text.find("\n", start, start + 80)
    rest = P.YEAR_APOSTROPHE.sub("", text[start + 1:end if end != -1 else start + 80])  # ’11년: no quote
    if ch == "'":
        return rest.count("'") % 2 == 1
    return rest.count("’") > rest.count("‘")


def _title_run(ctx: Context, pos: int) -> list[tuple[int, int]]:
    """The words ``(start, end)`` of the run of nouns right after ``pos`` (after one or two spaces), on its line.

    The run ends at the first token that is no noun, number, Latin word or joining symbol (a bound noun only
    as a counter after a number: ``제5회``), or at a gap that is more than spaces; a word is cut where the
    run ends (``평가에서`` gives ``평가``).
    """
    text = ctx.text
    j = pos
    while j < len(text) and j - pos < 2 and text[j] in " \u00a0":
        j += 1
    if j == pos or j >= len(text) or text[j].isspace():
        return []
    toks = ctx.tokens
    i = ctx.token_index_at(j)
    end = j
    n = 0
    while i < len(toks) and n < 14:
        t = toks[i]
        gap = text[end:t.start]
        if t.start < end or (gap and (not gap.isspace() or "\n" in gap)):
            break
        tag = t.tag.split("-", 1)[0]
        if tag not in P.TITLE_TAGS and not (t.form in P.TITLE_SYMBOLS and gap == "") \
                and not (tag == "NNB" and t.form in P.TITLE_COUNTERS and gap == "" and n
                         and toks[i - 1].tag == "SN"):
            break
        end = t.start + t.len
        i += 1
        n += 1
    return [(j + m.start(), j + m.end()) for m in re.finditer(r"\S+", text[j:end])]


def _is_prize_word(word: str) -> bool:
    return (word.endswith(P.PRIZE_SUFFIX) and len(word) >= 3 and not word.endswith(P.NOT_PRIZES)
            and word not in P.PRIZE_LEVELS and word.lstrip("제0123456789회") not in P.PRIZE_LEVELS)


def _event_title(ctx: Context, end: int) -> bool:
    """Whether the bare year ending at ``end`` opens an event, program or award name
    (``2023년 지역혁신 우수사례 경진대회에서``, ``2022년 모범시민상 수상자``); see the title lists of ``words.tsv``."""
    words = [ctx.text[s:e] for s, e in _title_run(ctx, end)][:8]
    body: list[str] = []
    for k, word in enumerate(words):
        head = next((h for h in P.TITLE_HEADS if word.endswith(h)), None)
        if head is None and _is_prize_word(word):
            head = ""
        if head is not None:
            prefix = word[:len(word) - len(head)] if head else word[:-len(P.PRIZE_SUFFIX)]
            pieces = body + ([prefix] if prefix else [])
            named = any(p not in P.GENERIC_BODIES for p in pieces)
            if head == "대상" and pieces and pieces[-1] in P.TARGET_BEFORE:
                named = False
            nxt = words[k + 1] if k + 1 < len(words) else None
            if named and (nxt is None or nxt in P.TITLE_TRAILERS or nxt.endswith(P.TITLE_HEADS)
                          or _is_prize_word(nxt)):
                return True
        body.append(word)
    return False


def _tense(ctx: Context, pos: int, limit: int) -> str | None:
    """``"past"``, ``"future"``, ``"present"`` or ``None``: the tense of the clause after ``pos``.

    The first decisive signal wins: a past or ``-겠`` pre-final ending, ``-기로 하다``, ``-ㄹ 예정/계획/것``,
    a quotative ending (``-ㄴ다고``: the quoted clause's own tense), a final ending; a verb's
    adnominal ending (``열린``, ``열리는``) only right after the date.
    """
    toks = ctx.tokens
    i = ctx.token_index_at(pos)
    n = len(toks)
    seen = 0
    prev = None
    while i < n and seen < 40:
        t = toks[i]
        if t.start >= limit:
            break
        tag, form = t.tag.split("-", 1)[0], t.form
        if tag == "EP":
            if form in P.PAST_EP:
                return "past"
            if form == "겠":
                return "future"
        elif tag == "ETN":
            if form == "기" and i + 1 < n and toks[i + 1].form == "로":
                return "future"
        elif tag == "ETM":
            if form in P.L_ENDINGS:
                if i + 1 < n and toks[i + 1].form in P.FUTURE_AFTER_L:
                    return "future"
            elif form.endswith(("다는", "라는")):
                return "present"
            elif seen <= 6 and prev is not None and prev.tag.split("-", 1)[0] in ("VV", "XSV") \
                    and prev.form not in P.NOT_EVENT_VERBS \
                    and not (prev.tag == "XSV" and toks[i - 2].form in P.STATIVE_NOUNS):
                return "past" if form in ("ᆫ", "은") else "present"
        elif tag == "EC":
            if form.endswith(P.QUOTATIVE):
                return "present"
        elif tag == "NNG" and form in P.FUTURE_NOUNS:
            if i + 2 < n and toks[i + 1].form in ("되", "이", "하") and toks[i + 2].form in P.PAST_EP:
                return "present"  # 예정됐던: the plan is reported, not the date's side of now
            return "future"
        elif tag == "EF":
            return "present"
        elif tag == "SF":
            return None
        elif tag in ("SS", "SSC") and form in P.CLOSING_QUOTES and i + 1 < n \
                and (toks[i + 1].tag == "JKQ" or toks[i + 1].form in P.QUOTATIVE_AFTER):
            return None  # the end of quoted speech (“...”이라고): its tense is the speaker's
        prev = t
        i += 1
        if tag not in ("SN", "NNB", "SL", "SP", "SW", "SSO", "SSC"):  # a clock time (18시 8분에) is no distance
            seen += 1
    return None


def _parse(ctx: Context, m: Any) -> _Cand:
    c = _Cand(m, m.start(), m.end())
    g = m.group
    pub = ctx.published
    if g("num_year"):
        c.kind, c.rule = "abs", "date.numeric"
        c.year, c.month, c.day = int(g("num_year")), int(g("num_month")), int(g("num_day"))
    elif g("ym_year"):
        c.kind, c.rule = "abs", "date.numeric_month"
        c.year, c.month = int(g("ym_year")), int(g("ym_month"))
        c.gran = "month"
    elif g("quarter_year"):
        c.kind, c.rule = "abs", "date.numeric"
        c.year, c.q = int(g("quarter_year")), int(g("q"))
    elif g("y"):
        c.kind, c.rule = "abs", "date.absolute"
        c.year = int(g("y"))
    elif g("relative_year"):
        c.kind, c.rule, c.relative = "relative_year", "date.relative_year", True
        word = " ".join(g("relative_year").split())
        if pub is not None:
            c.year = nd.new_year(pub) if word == "새해" else pub.year + nd.RELATIVE_YEARS.get(word, 0)
    elif g("that_year"):
        c.kind, c.rule, c.relative = "that_year", "date.next_year", True
    elif g("year_before"):
        c.kind, c.rule, c.relative = "year_before", "date.previous_year", True
        c.gran = "year"
        return c
    elif g("relative_month"):
        c.kind, c.rule, c.relative = "relative_month", "date.relative_month", True
        if pub is not None:
            off = nd.RELATIVE_MONTHS.get(" ".join(g("relative_month").split()), 0)
            c.year, c.month = nd.shift_month(pub.year, pub.month, off)
    elif g("relative_day"):
        c.kind, c.rule, c.relative = "relative_day", "date.relative_day", True
        if pub is not None:
            dd = pub + _dt.timedelta(days=nd.RELATIVE_DAYS[g("relative_day")])
            c.year, c.month, c.day = dd.year, dd.month, dd.day
        c.gran = "day"
        return c
    elif g("year_part"):
        c.kind, c.rule, c.relative = "year_part", "date.period_word", True
        c.part = nd.PARTS[g("year_part")]
        c.year = pub.year if pub is not None else None
        c.gran = "year"
        return c
    elif g("short_year"):
        c.kind, c.rule = "abs", "date.short_year"
        c.year = nd.expand_two_digit_year(int(g("short_year")[1:]), pub)
        c.month, c.day = _int(m, "num_month") or _int(m, "m"), _int(m, "num_day") or _int(m, "d")
        if c.month is None:
            c.gran = "year"
        return c
    elif g("cited_year"):
        c.kind, c.rule = "abs", "date.citation_year"
        c.year = int(g("cited_year"))
        c.gran = "year"
        return c
    elif g("mod"):
        c.kind, c.rule, c.relative = "mod", "date.directed", True
    elif g("m"):
        c.kind, c.rule, c.relative = "md", "date.month_day", True
    elif g("d"):
        c.kind, c.rule, c.relative = "d", "date.day", True
    else:  # bare quarter or half
        c.kind, c.rule, c.relative = "period", "date.period_word", True
        c.year = pub.year if pub is not None else None
    if c.month is None:
        c.month = _int(m, "m")
    if c.day is None:
        c.day = _int(m, "d")
    if c.q is None:
        c.q = _int(m, "q")
    if g("h"):
        c.h = 1 if g("h") == "상" else 2
    if g("part"):
        c.part = nd.PARTS[g("part")]
    # a range start (``27``~``28일``) has no unit of its own
    c.range_start = (c.part is None and not m.group(0).endswith(("일", "월"))
                     and P.RANGE_TILDE.match(ctx.text, m.end()) is not None)
    return c


def _rejected(ctx: Context, c: _Cand) -> bool:
    text = ctx.text
    s, e = c.start, c.end
    after = text[e:e + 24]
    before = text[max(0, s - 12):s]
    if c.kind == "abs" and c.rule == "date.absolute":
        if c.month is None and c.q is None and c.h is None and c.part is None and P.YEAR_DURATION_AFTER.match(after):
            return True
        if c.month is None and c.q is None and c.h is None and _event_quote(text, s):
            return True
        if c.month is None and c.part is None and _event_title(ctx, e):
            return True  # also a year with its half or quarter: 2023년 하반기 적극행정 우수사례 경진대회
    if c.rule == "date.short_year" and P.YEAR_DURATION_AFTER.match(after):
        return True
    if c.rule == "date.short_year" and c.month is None and _event_title(ctx, e):
        return True
    if c.rule == "date.short_year" and _opens_quote(text, s):
        return True
    if c.kind in ("period", "md") and P.RECURRING_BEFORE.search(before):
        return True
    if c.kind in ("md", "d", "period", "year_part") and _unread_year_before(before):
        return True  # 9999년 12월 31일: a year outside kfacts.bounds.YEAR_RANGE, not the publication year's
    if c.kind == "period" and c.q is not None and P.QUARTER_COUNT_AFTER.match(after) \
            and not before.rstrip().endswith(("~", "∼", "-", "–")):  # 3분기~4분기 연속 적자: a range
        return True
    if c.kind == "d" and not c.range_start:
        if P.DAY_DURATION_AFTER.match(after) or P.DAY_DURATION_BEFORE.search(before):
            return True
        if c.day == 1 and P.ONE_DAY_ROLE.match(after):
            return True
    if c.kind == "d" and c.range_start and P.DAY_DURATION_BEFORE.search(before):
        return True
    if c.kind == "mod" and c.month is None and P.DAY_DURATION_AFTER.match(after):
        return True
    if c.kind == "md" and c.day is None and not c.range_start:
        if P.MONTH_DURATION_BEFORE.search(before) or P.MONTH_DURATION_AFTER.match(after):
            return True
    return False


def _resolve(ctx: Context, c: _Cand) -> None:
    """Fill ``value``/``gran`` (and the year/month of incomplete dates)."""
    pub = ctx.published
    if c.kind in ("mod", "md", "d") and c.inherit is None:
        if pub is None:
            c.year = None
        else:
            direction = None
            if c.kind == "mod":
                direction = {"지난": "past", "오는": "future"}.get(c.m.group("mod"))
            _place(ctx, c, pub, direction)
    elif c.inherit is not None:
        a = c.inherit
        c.year = a.year
        if c.month is None:
            c.month = a.month
            if c.year is not None and c.month is not None and a.day is not None and c.day is not None:
                step = -1 if c.back and c.day > a.day else (1 if not c.back and c.day < a.day else 0)
                c.year, c.month = nd.shift_month(c.year, c.month, step)  # 30일부터 2일까지
        elif not c.yanchor and a.month is not None and c.year is not None \
                and (c.month, c.day or 99) < (a.month, a.day or 0):
            c.year += 1  # 11월부터 이듬해 2월까지
    if c.gran is None:
        if c.day is not None:  # a bare day keeps its granularity even when unresolved (no published date)
            c.gran = "day"
        elif c.month is not None:
            c.gran = "month"
        elif c.q is not None:
            c.gran = "quarter"
        elif c.h is not None:
            c.gran = "half"
        else:
            c.gran = "year"
    if c.year is None:
        c.value = None
        return
    if c.gran == "day":
        if c.month is None or c.day is None or not nd.valid_day(c.year, c.month, c.day):
            c.drop = True
            return
        c.value = nd.iso_day(c.year, c.month, c.day)
    elif c.gran == "month":
        if not 1 <= (c.month or 0) <= 12:
            c.drop = True
            return
        c.value = nd.iso_month(c.year, c.month)  # type: ignore[arg-type]
    elif c.gran == "quarter":
        c.value = nd.iso_quarter(c.year, c.q)  # type: ignore[arg-type]
    elif c.gran == "half":
        c.value = nd.iso_half(c.year, c.h)  # type: ignore[arg-type]
    else:
        c.value = nd.iso_year(c.year)


def _place(ctx: Context, c: _Cand, pub: _dt.date, direction: str | None) -> None:
    """Put a month/day without a year on the calendar."""
    text = ctx.text
    tense = None
    if direction is None:
        if P.FUTURE_BEFORE.search(text, max(0, c.start - 12), c.start) or P.POSTPONED_TO.match(text, c.end):
            direction = "future"  # 지금부터 19일까지; 7월 이후로 연기, 12일로 미뤄진
        else:
            sent_end = ctx.sentence_of(c.start)[1]
            tense = _tense(ctx, c.end, max(sent_end, c.end + 1))
    if c.month is None:  # a bare day
        if c.day is None or not 1 <= c.day <= 31:
            c.drop = True
            return
        wd = P.WEEKDAY.match(text, c.end)
        if wd is not None:
            for k in (0, -1, 1):
                yy, mm = nd.shift_month(pub.year, pub.month, k)
                if nd.valid_day(yy, mm, c.day) and _dt.date(yy, mm, c.day).weekday() == P.WEEKDAYS[wd.group(1)]:
                    c.year, c.month = yy, mm
                    return
        if direction is None:
            same = _dt.date(pub.year, pub.month, c.day) if nd.valid_day(pub.year, pub.month, c.day) else None
            if same is not None and same <= pub:
                direction = "future" if tense == "future" and (pub - same).days > 7 else "past"
            elif same is not None and (same - pub).days <= 1:
                direction = "future"  # a day after publication: a late or time-zone-shifted date
            else:
                direction = "past" if tense == "past" or same is None else "future"
        d = nd.resolve_day(pub, c.day, direction)
        if d is None:
            c.drop = True
            return
        c.year, c.month = d.year, d.month
        return
    if not 1 <= c.month <= 12:
        c.drop = True
        return
    if c.day is not None and direction is None:
        wd = P.WEEKDAY.match(text, c.end)
        if wd is not None:
            for yy in (pub.year, pub.year + 1, pub.year - 1):
                if nd.valid_day(yy, c.month, c.day) and \
                        _dt.date(yy, c.month, c.day).weekday() == P.WEEKDAYS[wd.group(1)]:
                    c.year = yy
                    return
    if direction is None:
        p = pub.month
        if c.month < p and (tense == "future" or (p - c.month >= 9 and tense in ("present", None))):
            direction = "future"  # in December, 1월 is next January unless the clause is past
        elif c.month > p and tense == "past" and (c.month - p >= 2 or (
                c.day is not None and nd.valid_day(pub.year, c.month, c.day)
                and (_dt.date(pub.year, c.month, c.day) - pub).days > 7)):
            direction = "past"  # told in the past tense, yet weeks or months ahead: last year's
    if c.day is not None and direction is not None:
        d = nd.resolve_month_day(pub, c.month, c.day, direction)
        c.year = d.year if d is not None else pub.year
        return
    ym = nd.resolve_month(pub, c.month, direction)
    c.year = ym[0] if ym else pub.year


def _link_ranges(text: str, cands: list[_Cand]) -> None:
    """Second ends of ranges take the first end's month and year; duration ranges go whole."""
    for a, b in zip(cands, cands[1:]):
        gap = text[a.end:b.start]
        if b.kind == "period" and a.kind in ("abs", "relative_year") and a.year is not None and not a.drop and not b.drop \
                and (a.q is not None or a.h is not None) \
                and (P.LIST_LINK.fullmatch(gap) or P.RANGE_LINK.fullmatch(gap)):
            b.inherit, b.rule = a, "date.range_end"  # 지난해 상반기와 하반기, 2023년 3분기~4분기
            continue
        if not P.RANGE_LINK.fullmatch(gap):
            if P.LIST_LINK.fullmatch(gap) and not a.drop and not b.drop and a.month is not None \
                    and a.kind in ("abs", "relative_year", "md", "mod", "relative_month") and b.kind in ("d", "md") \
                    and (b.kind == "d" or (b.day is None and a.day is None and a.kind in ("abs", "relative_year", "md"))):
                b.inherit, b.rule = a, "date.range_end"
            continue
        tilde = "부터" not in gap and "에서" not in gap
        if b.drop:
            if tilde and (a.kind == "d" or a.range_start):
                a.drop = True
            continue
        if a.drop or b.kind not in ("d", "md"):
            continue
        if b.kind == "d" and (a.month is not None or a.kind in ("mod", "md", "relative_month", "d")):
            b.inherit, b.rule = a, "date.range_end"
        elif b.kind == "md" and a.kind in ("abs", "relative_year", "md", "mod") and a.month is not None:
            b.inherit, b.rule = a, "date.range_end"


def _anchor_years(ctx: Context, cands: list[_Cand]) -> None:
    """A month (and day) without a year told right after a written year, in the same sentence, is in that
    year: ``2015년 감사원은 1월 특별 감사를 실시했다``, ``1894년 6월 28일(음, 양력 7월 30일)``.

    Not when the year sits in a parenthesis already closed (``(1982년 ~ )가 8월 14일``), when the text
    between moves time on (``이후``, ``만에``, ``지금``), or when the clause's tense contradicts the
    year's side of the publication date (``지난 2007년 개통했으며, 12월까지 연장할 계획``).
    """
    text = ctx.text
    pub = ctx.published
    prev: _Cand | None = None
    for c in cands:
        a, prev = prev, (c if not c.drop else prev)
        if c.kind != "md" or c.drop or c.inherit is not None or a is None:
            continue
        if not (a.kind == "abs" or a.yanchor) or (a.kind == "abs" and a.year is None) \
                or a.rule == "date.citation_year" or c.start - a.end > 150 \
                or "학년도" in a.m.group(0):  # 2025학년도 수능 (held in November 2024)
            continue  # (a month already placed by a written year passes the year on: 2014년 ... 9월 7일 ... 9월 10일)
        sent = ctx.sentence_of(c.start)
        if a.start < sent[0]:
            continue
        gap = text[a.end:c.start]
        if gap.count(")") > gap.count("(") or P.TIME_MOVES_ON.search(gap) \
                or P.FUTURE_BEFORE.search(text, max(0, c.start - 12), c.start):
            continue
        tense = _tense(ctx, c.end, max(sent[1], c.end + 1))
        year = a.year if a.kind == "abs" else a.inherit.year  # type: ignore[union-attr]
        if year is None:
            continue
        if tense == "future" and (pub is None or year < pub.year):
            continue
        if tense == "past" and pub is not None and year > pub.year:
            continue
        c.inherit, c.yanchor = a, True


def _before(cands: list[_Cand], i: int) -> Iterator[_Cand]:
    """The candidates before ``cands[i]``, nearest first, without copying the list's head (a copy per
    candidate made a page of ``전년도`` or ``이듬해`` quadratic: the loops stop after a few)."""
    for k in range(i - 1, -1, -1):
        yield cands[k]


def _anchor_days(ctx: Context, cands: list[_Cand]) -> None:
    """``이튿날인 10일``, ``전날인 4일``: a day told relative to a dated day just before it, in the same
    sentence, takes that date's month (and year)."""
    text = ctx.text
    for i, c in enumerate(cands):
        if c.kind != "d" or c.drop or c.inherit is not None:
            continue
        rel = P.ANCHOR_BEFORE.search(text, max(0, c.start - 16), c.start)
        if rel is None:
            continue
        sent = ctx.sentence_of(c.start)
        for a in _before(cands, i):
            if c.start - a.end > 80 or a.start < sent[0]:
                break
            if not a.drop and a.day is not None and a.kind in ("abs", "md", "mod", "relative_month"):
                c.inherit, c.rule, c.back = a, "date.anchored_day", rel.group("back") is not None
                break


def _anchor_next_years(text: str, cands: list[_Cand]) -> None:
    """``이듬해`` (``같은 해``) takes the year after (the year of) the closest earlier date with a year."""
    for i, c in enumerate(cands):
        if c.kind != "that_year":
            continue
        c.drop = True
        for a in _before(cands, i):
            if c.start - a.end > 300:
                break
            if not a.drop and a.kind in ("abs", "relative_year") and a.year is not None:
                c.year, c.drop = a.year + (0 if c.m.group("that_year").startswith(("같은", "그")) else 1), False
                break


def _anchor_previous_years(ctx: Context, cands: list[_Cand]) -> None:
    """``전년도``: the year before a written (or relative) year told earlier in the same sentence, within 150
    characters, unless that year starts a period (``2015년부터 ... 전년도 실적``: a recurring year); else the
    year before the publication year (unresolved without one). A recurring one (``매년 전년도 실적``,
    ``2015년부터 전년도 결산을``), a comparison's baseline (``전년도 대비``, ``전년도보다``, ``전년도에 비해``)
    and ``전년`` alone (``전년 대비``) are no date."""
    text = ctx.text
    pub = ctx.published
    for i, c in enumerate(cands):
        if c.kind != "year_before":
            continue
        c.year = pub.year - 1 if pub is not None else None
        if P.COMPARISON_AFTER.match(text, c.end):
            c.drop = True  # 전년도 대비, 전년도보다: a comparison's baseline, like 전년 대비
            continue
        sent = ctx.sentence_of(c.start)
        if P.RECURRING_WORD.search(text, max(sent[0], c.start - 40), c.start):
            c.drop = True  # 매년 전년도 실적을: every year's previous year, no date
            continue
        for a in _before(cands, i):
            if c.start - a.end > 150 or a.start < sent[0]:
                break
            if not a.drop and a.kind in ("abs", "relative_year") and a.year is not None:
                if P.PERIOD_START_AFTER.match(text, a.end) is None:
                    c.year = a.year - 1
                else:
                    c.drop = True  # 2015년부터 ... 전년도: a recurring year
                break


def extract(ctx: Context) -> list[Fact]:
    text = ctx.text
    cands: list[_Cand] = []
    taken = Taken()  # every date read, kept or rejected later: text order, the first read wins
    match = P.DATE.match
    for sm in ctx.paced(P.START.finditer(text), "kfacts.extractors.dates", methodcaller("start")):
        pos = sm.start()
        if not taken.free(pos):
            continue
        m = match(text, pos)
        if m is None:
            continue
        taken.keep(pos, m.end())
        c = _parse(ctx, m)
        c.drop = _rejected(ctx, c)
        cands.append(c)
    _link_ranges(text, cands)
    _anchor_years(ctx, cands)
    _anchor_next_years(text, cands)
    _anchor_previous_years(ctx, cands)
    _anchor_days(ctx, cands)
    out: list[Fact] = []
    for c in ctx.paced(cands, "kfacts.extractors.dates", attrgetter("start")):
        if c.drop:
            continue
        if c.inherit is not None and c.inherit.value is None and c.inherit.year is None and ctx.published is None:
            c.inherit = None
        _resolve(ctx, c)
        if c.drop:
            continue
        s, e = c.start, c.end
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(ctx.fact("date", s, e, c.rule, value=c.value, granularity=c.gran,
                            relative=c.relative, part=c.part))
    return out
