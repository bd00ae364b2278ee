"""Find a page's own publication timestamp (SPEC section 1).

Timestamp lines (``등록 2024-08-13 15:12:01``, ``입력 2024.08.01 10:00``,
``입력 | 2024-08-13 10:21:00``, ``승인 2023.08.03 12:50``, ``기사입력 2024-08-01``,
``송고시간 2024-08-13 15:12``, ``date 2024-08-13``, ``Posted Aug. 13, 2024 07:32``,
the date after ``by <outlet>`` or after a byline's e-mail address, a line holding
nothing but a date and a time (``2024-08-13T10:21:00+09:00``), a dateline above the
body (``2024-08-13  홍길동``, ``2024.08.13 행정안전부``), a metadata row
(``경제정책과 | 홍길동 | 02-123-4567 | 2024-08-13``) are metadata: they give
``published`` and are not date facts. Dates in layouts kfacts' own rules do not know
(English month names) are read by ``dateparser``, imported lazily, absolute dates only.

:func:`parse_date` reads a ``published`` value in the same layouts.

A label counts only where page furniture puts it: at the start of a line
(after bullets or brackets), after a separator (``|``, ``ㅣ``, ``/``), after a
byline's ``기자`` or right after another timestamp (``입력 ... 수정 ...``), so
that ``상표 등록 2021.3.5`` inside a sentence stays article text.
"""

from __future__ import annotations

import datetime as _dt
import re as _stdre
from typing import Sequence

import regex as re

from .extractors.base import SpanIndex

__all__ = ["find_timestamps", "find_published", "parse_date"]

#: English month names: a stamp written in English (``Posted August. 25, 2021 07:32``)
_EN_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
             r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (r"(?P<y>(?:19|20)\d\d)\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})(?!\d)(?:[ \t\u00a0]*[.일])?"
         r"(?:[ \t\u00a0]*\(\s*[월화수목금토일](?:요일)?\s*\))?")
#: a numeric date only (``2024.08.13``, ``2024-8-13``), no ``년 월 일``
_NUM_DATE = _DATE.replace("[-./년]", "[-./]").replace("[-./월]", "[-./]")
#: a clock time, maybe ISO (``T09:28:00+09:00``) with seconds, fraction and zone
_CLOCK = (r"(?:(?:오전|오후|AM|PM|am|pm)\s*)?\d{1,2}\s*(?::\s*\d{2}(?:\s*:\s*\d{2}(?:\.\d+)?)?|시(?:\s*\d{1,2}\s*분)?)"
          r"(?:\s?(?:Z|[+-]\d{2}:?\d{2}|KST|UTC|GMT)(?![\w]))?")
_TIME = rf"(?:(?:[ \t\u00a0]*|T){_CLOCK})?"

#: label -> priority (lower wins when choosing ``published``)
_LABELS = {
    "기사입력": 0, "입력": 0, "입력일": 0, "입력일자": 0, "입력시간": 0, "최초입력": 0, "최초 입력": 0,
    "등록": 0, "등록일": 0, "등록일자": 0, "등록일시": 0, "기사등록": 0, "최초등록": 0, "최초 등록": 0,
    "송고시간": 0, "송고": 0, "송고일자": 0, "기사전송": 0, "Published": 0, "published": 0, "Posted": 0, "posted": 0,
    "작성": 1, "작성일": 1, "작성일자": 1, "작성일시": 1, "기사작성": 1, "발행": 1, "발행일": 1, "발행일자": 1,
    "발행 일자": 1, "게재": 1, "게재일": 1, "게재일자": 1, "게재 일자": 1, "게시": 1, "게시일": 1, "보도일": 1, "보도": 1,
    "date": 1, "Date": 1, "DATE": 1,
    "승인": 2, "최종수정": 3, "최종 수정": 3, "수정": 3, "수정일": 3, "수정시간": 3, "업데이트": 3,
    "Updated": 3, "updated": 3,
}

#: where a label may stand: line start (after bullets/brackets), after a separator, a byline, a timestamp
_LABEL_PLACE = (r"(?:(?<=^[ \t\u00a0•·∙◆■▶\-\*\[\(<]*)|(?<=[|ㅣ│/\]\)>]\s{0,3})|(?<=기자\s{0,3})|(?<=기사\s{0,2})|"
                r"(?<=\d\s{1,3}))")
_LABEL = r"(?P<label>" + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True)) + r")(?![\p{L}])"
#: between a label and its date: ``입력 : ``, ``입력 | ``, ``등록일시 ``, ``Posted on ``
_LABEL_SEP = r"\s*(?:일시|시간)?\s*[:：|ㅣ│]?\s*(?:on\s+)?"

_LABELLED = re.compile(r"(?m)" + _LABEL_PLACE + _LABEL + _LABEL_SEP + _DATE + _TIME)
#: a label, then a date in another layout (``Posted August. 25, 2021 07:32``): read by dateparser
_LABELLED_OTHER = re.compile(r"(?m)" + _LABEL_PLACE + _LABEL + _LABEL_SEP
                             + r"(?P<stamp>[^\n|ㅣ│]{0,12}?(?:\p{L}{3}|\d)[^\n|ㅣ│]{4,36}?)(?=[ \t\u00a0]*(?:$|[|ㅣ│]))")
_BY_OUTLET = re.compile(r"(?m)^\s*by\s+[^\n\d]{1,30}?\s+(?P<stamp>" + _DATE + r")" + _TIME)
#: a date and clock time right after a byline or an e-mail address: ``홍길동 기자 | 2024.08.13 15:12``,
#: ``홍길동 기자 hong@news.com 2024.08.13 15:12``, ``hong@news.com\n2024.08.13 15:12``
_AFTER_BYLINE = re.compile(r"(?<=(?:(?:기자|특파원|통신원)\s{0,3}|@[\w-]{1,40}(?:\.[\w-]{1,20}){1,4}\s{0,3})"
                           r"(?:[\w.+-]{1,40}@[\w-]{1,40}(?:\.[\w-]{1,20}){1,4}\s{0,3})?"
                           r"[|ㅣ│/]?\s{0,3})(?P<stamp>" + _DATE + r"(?:[ \t\u00a0]*|T)" + _CLOCK + r")")
#: a label after the stamp, alone on its line: ``2024-08-13 15:12 입력``
_LABEL_AFTER = re.compile(r"(?m)^[ \t\u00a0]*(?P<stamp>" + _DATE + _TIME + r")\s*(?P<label>입력|등록|송고|작성|발행|승인|수정)"
                          r"[ \t\u00a0]*$")
#: a line holding only a date and a clock time (``2024.08.13 15:12``, ``2021-02-18T09:28:00+09:00``) or only a
#: numeric date (``2024.08.13``), maybe after a bracketed section label (``[지역 단신] 2024.07.19``)
_BARE_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?:\[[^\]\n]{1,20}\][ \t\u00a0]*)?(?P<stamp>" + _DATE + r"(?:[ \t\u00a0]*|T)" + _CLOCK
                        + r"|" + _NUM_DATE + r")[ \t\u00a0]*$")
#: a dateline above the article: a numeric date (and time) then the author or the issuing body, one or two
#: short words (``2024-09-03     홍길동``, ``2024.11.26 행정안전부``); only before the body's first sentence
_DATELINE = re.compile(r"(?m)^[ \t\u00a0]*(?P<stamp>" + _NUM_DATE + _TIME + r")[ \t\u00a0]+(?:[|ㅣ│/][ \t\u00a0]*)?"
                       r"[\p{Hangul}A-Za-z·]{2,12}(?:[ \t\u00a0]+[\p{Hangul}A-Za-z·]{2,12})?[ \t\u00a0]*$")
#: a line holding only a date written in English (``Aug. 13, 2024 15:12``, ``Tuesday, 13 August 2024``): read
#: by dateparser
_EN_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?P<stamp>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?[ \t]+)?"
                      r"(?:" + _EN_MONTH + r"[ \t]*\d{1,2}(?:st|nd|rd|th)?,?[ \t]*\d{4}|\d{1,2}[ \t]+" + _EN_MONTH
                      + r",?[ \t]*\d{4})(?:,?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?)?)[ \t\u00a0]*$")
#: a metadata row of short fields between bars, one a phone number or an e-mail address (the contact of a
#: press release), then a numeric date: ``경제정책과 | 홍길동 | 02-123-4567 | 2024-08-13``; a table row of
#: events (``행사 | 장소 | 2024-08-13``) is no metadata
_ROW = re.compile(r"(?<=[|ㅣ│][ \t\u00a0]*(?:\d{2,4}-\d{3,4}-\d{4}|[\w.+-]{1,40}@[\w-]{1,40}(?:\.[\w-]{1,20}){1,4})"
                  r"[ \t\u00a0]*[|ㅣ│][ \t\u00a0]{0,3})(?P<stamp>" + _NUM_DATE + _TIME + r")")
#: the first sentence of an article body: a long line with a sentence end (a short notice such as
#: ``이 누리집은 공식 누리집입니다.`` is not one)
BODY_LINE = re.compile(r"(?m)^[^\n]{40,}?다[.”\"’']")


#: a clock time (and zone) after a date, in a ``published`` value: ``15:12``, ``T09:28:00+09:00``, ``오후 3시 20분``
_VALUE_CLOCK = (r"(?:\s*T|\s+|(?<=[.)])\s*)(?:(?:오전|오후|AM|PM|am|pm)\s*)?\d{1,2}\s*"
                r"(?::\s*\d{2}(?:\s*:\s*\d{2}(?:\.\d+)?)?|시(?:\s*\d{1,2}\s*분)?(?:\s*\d{1,2}\s*초)?)"
                r"(?:\s*(?:Z|[+-]\d{2}:?\d{2}|KST|UTC|GMT))?")
_WEEKDAY = r"(?:\s*\(\s*[월화수목금토일](?:요일)?\s*\)|\s*[월화수목금토일]요일)?"
#: kfacts' own layouts of a ``published`` value (year first, as Korean data writes dates)
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:"
    r"(?P<sep>\s*[-./]\s*)(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})\.?"  # 2024-08-13, 2024.8.13., 2024. 8. 13., 2024/08/13
    r"|(?P<m>\d\d)(?P<d>\d\d)"  # 20240813
    r"|\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"  # 2024년 8월 13일
    r")" + _WEEKDAY + r"(?:" + _VALUE_CLOCK + r")?",
    re.V1,
)
#: only digits and separators: a layout not year first (``13/08/2024``, ``08/13/2024``) is ambiguous
_NUMERIC_ONLY = re.compile(r"[\d\s./:-]+")
#: prefilters of :func:`find_timestamps`: the start every numeric date has, a substring of every label, the
#: English month abbreviations (every ``_EN_MONTH`` alternative starts with one)
_DATE_START = re.compile(r"(?:19|20)\d\d\s*[-./년]")
_LABEL_WORDS = tuple(sorted(_LABELS))
_EN_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: one scan for "any label word / month word in the text" (a loop of ``in`` scanned the text once per
#: word); the standard library engine runs these literal alternations about four times faster than ``regex``
_ANY_LABEL_WORD = _stdre.compile("|".join(_stdre.escape(w) for w in _LABEL_WORDS))
_ANY_EN_MONTH_WORD = _stdre.compile("|".join(_EN_MONTH_WORDS))

_DATEPARSER_SETTINGS: dict | None = None


def _dateparser_date(value: str) -> _dt.date | None:
    """The calendar day of an absolute date in a layout dateparser knows, or ``None``.

    A fallback after kfacts' own rules, imported lazily (it is slow to import). Only its
    ``absolute-time`` parser runs (no relative dates such as ``어제`` or ``3 days ago``, no
    Unix timestamps), day, month and year must all be written (nothing is filled in from the
    machine's clock) and a four-digit year must be there. A zone offset does not move the day:
    the date is the one written.

    >>> _dateparser_date("August. 25, 2021 07:32")
    datetime.date(2021, 8, 25)
    >>> _dateparser_date("Wed, 18 Feb 2021 09:28:00 +0900")
    datetime.date(2021, 2, 18)
    >>> _dateparser_date("3 days ago") is None, _dateparser_date("August 2021") is None
    (True, True)
    """
    global _DATEPARSER_SETTINGS
    if len(value) > 60 or re.search(r"(?<!\d)(?:1[0-9]|2[0-9])\d\d(?!\d)", value) is None:
        return None
    import dateparser  # lazily: slow to import, and needed only for layouts kfacts does not know

    if _DATEPARSER_SETTINGS is None:
        _DATEPARSER_SETTINGS = {
            "PARSERS": ["absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "STRICT_PARSING": True,
            "RELATIVE_BASE": _dt.datetime(2000, 1, 1),  # never the machine's clock
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
    try:
        got = dateparser.parse(value, languages=["ko", "en"], settings=dict(_DATEPARSER_SETTINGS))
    except (ValueError, TypeError, OverflowError):  # pragma: no cover - dateparser's own failures
        return None
    return got.date() if got is not None else None


def parse_date(value: str) -> _dt.date | None:
    """The calendar day a ``published`` string gives, or ``None`` when it is no absolute date.

    kfacts' own rules read the layouts Korean data writes (year first, with ``-``, ``.``, ``/``,
    spaces, no separator or ``년 월 일``, maybe a weekday and a clock time); then, as a fallback,
    ``dateparser`` reads other written-out layouts (``Aug 13, 2024``, ``13 August 2024``,
    ``Tue, 13 Aug 2024 15:12:00 +0900``). All-numeric layouts that do not start with the year
    (``13/08/2024``) are ambiguous and rejected; so are relative words (``어제``, ``yesterday``).

    >>> [parse_date(s).isoformat() for s in ["2024-08-13", "2024.08.13", "2024. 8. 13.", "2024/08/13",
    ...                                       "20240813", "2024년 8월 13일", "2024-08-13T15:12:01+09:00",
    ...                                       "2024.08.13(화) 15:12", "2024년 8월 13일 오후 3시"]]
    ['2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13', '2024-08-13']
    >>> parse_date("Aug 13, 2024")
    datetime.date(2024, 8, 13)
    >>> parse_date("13/08/2024") is None, parse_date("2024-02-30") is None, parse_date("어제") is None
    (True, True, True)
    """
    s = value.strip()
    m = _VALUE.fullmatch(s)
    if m is not None:
        return _date(m)
    if _NUMERIC_ONLY.fullmatch(s):
        return None
    return _dateparser_date(s)


def _date(m: "re.Match[str]") -> _dt.date | None:
    try:
        return _dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None


def find_timestamps(text: str) -> list[tuple[tuple[int, int], _dt.date, str]]:
    """All timestamp expressions: ``((start, end), date, label)``, in text order.

    >>> [(t[1].isoformat(), t[2]) for t in find_timestamps("윤만형\\n등록 2024-08-13 15:12:01\\n")]
    [('2024-08-13', '등록')]
    >>> find_timestamps("by 광주일보 2020. 12. 29.\\n")[0][0]
    (8, 21)
    >>> [t[2] for t in find_timestamps("입력 2024.08.01 10:00 수정 2024.08.02 09:00")]
    ['입력', '수정']
    >>> [t[2] for t in find_timestamps("제목\\n2024.08.13 15:12\\n본문\\n 2024. 8. 14.\\n2024년 8월 15일\\n")]
    ['line', 'line']
    >>> [(t[0], t[2]) for t in find_timestamps("제목\\n[지역 단신] 2024.07.19\\n본문")]
    [((11, 21), 'line')]
    >>> [t[2] for t in find_timestamps("홍길동 기자 | 2024.08.13 15:12")]
    ['byline']
    >>> [t[2] for t in find_timestamps("홍길동 기자 hong@news.co.kr 2024.08.13 15:12")]
    ['byline']
    >>> [(t[1].isoformat(), t[2]) for t in find_timestamps("제목\\n2024-08-13 15:12 입력\\n본문")]
    [('2024-08-13', '입력')]
    >>> [t[2] for t in find_timestamps("최초 입력 2024.08.13 15:12\\n등록일자 2024.08.13\\n")]
    ['최초 입력', '등록일자']
    >>> find_timestamps("그는 상표 등록 2021.3.5 이후 판매를 시작했다.")
    []
    """
    out = []
    taken = SpanIndex()  # the stamps so far, indexed (a scan per match is quadratic on a page of stamps)

    def free(s: int, e: int) -> bool:
        return not taken.overlaps(s, e)

    # cheap prefilters (they only skip passes that cannot match): every pass but the English ones needs a
    # numeric date (``_DATE``/``_NUM_DATE`` start with ``_DATE_START``), _LABELLED_OTHER a label, _EN_LINE a month
    has_date = _DATE_START.search(text) is not None
    has_label = _ANY_LABEL_WORD.search(text) is not None
    if has_date:
        out, taken = _numeric_stamps(text, has_label, out, taken, free)
    if _ANY_EN_MONTH_WORD.search(text) is not None:
        for m in _EN_LINE.finditer(text):
            s, e = m.start("stamp"), m.end("stamp")
            if free(s, e):
                d = _dateparser_date(m.group("stamp"))
                if d is not None:
                    out.append(((s, e), d, "line"))
                    taken.add(s, e)
    if has_label:
        for m in _LABELLED_OTHER.finditer(text):  # other layouts, read by dateparser (a fallback: rare and slow)
            s, e = m.start(), m.end("stamp")
            if free(s, e) and not _NUMERIC_ONLY.fullmatch(m.group("stamp").strip()):
                d = _dateparser_date(m.group("stamp").strip())
                if d is not None:
                    out.append(((s, e), d, m.group("label")))
                    taken.add(s, e)
    out.sort(key=lambda t: t[0])
    return out


def _numeric_stamps(text, has_label, out, taken, free):  # type: ignore[no-untyped-def]
    """The passes of :func:`find_timestamps` that read a numeric date, in their order."""
    for m in (_LABELLED.finditer(text) if has_label else ()):
        d = _date(m)
        if d is not None:
            out.append(((m.start(), m.end()), d, m.group("label")))
            taken.add(m.start(), m.end())
    for m in _LABEL_AFTER.finditer(text):
        d = _date(m)
        if d is not None:
            out.append(((m.start("stamp"), m.end("label")), d, m.group("label")))
            taken.add(m.start("stamp"), m.end("label"))
    body = BODY_LINE.search(text)
    body_start = body.start() if body is not None else len(text)
    for rx, label in ((_BY_OUTLET, "by"), (_BARE_LINE, "line"), (_AFTER_BYLINE, "byline"), (_ROW, "row"),
                      (_DATELINE, "dateline")):
        for m in rx.finditer(text):
            if label == "dateline" and (body is None or m.start() > body_start):
                break  # a dateline stands above an article body
            d = _date(m)
            s, e = m.start("stamp"), m.end("stamp")
            if d is not None and free(s, e):
                out.append(((s, e), d, label))
                taken.add(s, e)
                if label == "dateline":
                    break  # one dateline per page
    return out, taken


def find_published(text: str, head_chars: int = 3000,
                   stamps: Sequence[tuple[tuple[int, int], _dt.date, str]] | None = None) -> _dt.date | None:
    """The publication date a page states about itself, or ``None``.

    Looks at the page's first ``head_chars`` characters and at its last ones;
    an ``입력``/``등록`` stamp wins over ``승인`` and ``수정``; among equals,
    the first. ``stamps``: :func:`find_timestamps` of ``text``, when the caller
    has them already (the pipeline finds them once for this and for zoning).

    >>> find_published("제목\\n입력 2024.08.01 10:00 수정 2024.08.02 09:00\\n본문")
    datetime.date(2024, 8, 1)
    >>> find_published("그는 2024년 8월 1일 말했다.") is None
    True
    >>> find_published("제목\\n승인 2023.08.03 12:50\\n본문")
    datetime.date(2023, 8, 3)
    """
    if stamps is None:
        stamps = find_timestamps(text)
    if not stamps:
        return None
    n = len(text)
    best = None
    for (s, _e), d, label in stamps:
        if head_chars < s < n - head_chars:
            continue
        prio = _LABELS.get(label, 1)
        if best is None or prio < best[0]:
            best = (prio, d)
    return best[1] if best else None
