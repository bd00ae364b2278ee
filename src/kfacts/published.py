"""Find a page's own publication timestamp (SPEC section 1).

Timestamp lines (``등록 2024-08-13 15:12:01``, ``입력 2024.08.01 10:00``,
``승인 2023.08.03 12:50``, ``기사입력 2024-08-01``, ``송고시간 2024-08-13 15:12``,
the date after ``by <outlet>``, a line holding nothing but a date and a time)
are metadata: they give ``published`` and are not date facts.

A label counts only where page furniture puts it: at the start of a line
(after bullets or brackets), after a separator (``|``, ``ㅣ``, ``/``), after a
byline's ``기자`` or right after another timestamp (``입력 ... 수정 ...``), so
that ``상표 등록 2021.3.5`` inside a sentence stays article text.
"""

from __future__ import annotations

import datetime as _dt

import regex as re

__all__ = ["find_timestamps", "find_published"]

_DATE = (r"(?P<y>(?:19|20)\d\d)\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})(?!\d)\s*[.일]?"
         r"(?:\s*\(\s*[월화수목금토일](?:요일)?\s*\))?")
_CLOCK = r"(?:(?:오전|오후|AM|PM|am|pm)\s*)?\d{1,2}\s*(?::\s*\d{2}(?:\s*:\s*\d{2})?|시(?:\s*\d{1,2}\s*분)?)"
_TIME = rf"(?:\s*{_CLOCK})?"

#: label -> priority (lower wins when choosing ``published``)
_LABELS = {
    "기사입력": 0, "입력": 0, "입력일": 0, "입력일자": 0, "입력시간": 0, "최초입력": 0, "최초 입력": 0,
    "등록": 0, "등록일": 0, "등록일자": 0, "등록일시": 0, "기사등록": 0, "최초등록": 0, "최초 등록": 0,
    "송고시간": 0, "송고": 0, "송고일자": 0, "기사전송": 0, "Published": 0, "published": 0, "Posted": 0, "posted": 0,
    "작성": 1, "작성일": 1, "작성일자": 1, "작성일시": 1, "기사작성": 1, "발행": 1, "발행일": 1, "발행일자": 1,
    "발행 일자": 1, "게재": 1, "게재일": 1, "게재일자": 1, "게재 일자": 1, "게시": 1, "게시일": 1, "보도일": 1, "보도": 1,
    "승인": 2, "최종수정": 3, "최종 수정": 3, "수정": 3, "수정일": 3, "수정시간": 3, "업데이트": 3,
    "Updated": 3, "updated": 3,
}

#: where a label may stand: line start (after bullets/brackets), after a separator, a byline, a timestamp
_LABEL_PLACE = (r"(?:(?<=^[ \t\u00a0•·∙◆■▶\-\*\[\(<]*)|(?<=[|ㅣ│/\]\)>]\s{0,3})|(?<=기자\s{0,3})|(?<=기사\s{0,2})|"
                r"(?<=\d\s{1,3}))")

_LABELLED = re.compile(
    r"(?m)" + _LABEL_PLACE + r"(?P<label>" + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True))
    + r")(?![\p{L}])\s*(?:일시|시간)?\s*[:：]?\s*" + _DATE + _TIME
)
_BY_OUTLET = re.compile(r"(?m)^\s*by\s+[^\n\d]{1,30}?\s+(?P<stamp>" + _DATE + r")" + _TIME)
#: a date and clock time right after a byline (and its e-mail): ``홍길동 기자 | 2024.08.13 15:12``,
#: ``홍길동 기자 hong@news.com 2024.08.13 15:12``
_AFTER_BYLINE = re.compile(r"(?<=(?:기자|특파원|통신원)\s{0,3}(?:[\w.+-]{1,40}@[\w-]{1,40}(?:\.[\w-]{1,20}){1,4}\s{0,3})?"
                           r"[|ㅣ│/]?\s{0,3})(?P<stamp>" + _DATE + r"\s*" + _CLOCK + r")")
#: a label after the stamp, alone on its line: ``2024-08-13 15:12 입력``
_LABEL_AFTER = re.compile(r"(?m)^[ \t\u00a0]*(?P<stamp>" + _DATE + _TIME + r")\s*(?P<label>입력|등록|송고|작성|발행|승인|수정)"
                          r"[ \t\u00a0]*$")
#: a line holding only a date and a clock time (``2024.08.13 15:12``) or only a numeric date (``2024.08.13``),
#: maybe after a bracketed section label (``[지역 단신] 2024.07.19``)
_BARE_LINE = re.compile(r"(?m)^[ \t\u00a0]*(?:\[[^\]\n]{1,20}\][ \t\u00a0]*)?(?P<stamp>" + _DATE + r"\s*" + _CLOCK + r"|"
                        + _DATE.replace("[-./년]", "[-./]").replace("[-./월]", "[-./]") + r")[ \t\u00a0]*$")


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
    taken: list[tuple[int, int]] = []
    for m in _LABELLED.finditer(text):
        d = _date(m)
        if d is not None:
            out.append(((m.start(), m.end()), d, m.group("label")))
            taken.append((m.start(), m.end()))
    for m in _LABEL_AFTER.finditer(text):
        d = _date(m)
        if d is not None:
            out.append(((m.start("stamp"), m.end("label")), d, m.group("label")))
            taken.append((m.start("stamp"), m.end("label")))
    for rx, label in ((_BY_OUTLET, "by"), (_BARE_LINE, "line"), (_AFTER_BYLINE, "byline")):
        for m in rx.finditer(text):
            d = _date(m)
            s, e = m.start("stamp"), m.end("stamp")
            if d is not None and not any(s < te and ts < e for ts, te in taken):
                out.append(((s, e), d, label))
                taken.append((s, e))
    out.sort(key=lambda t: t[0])
    return out


def find_published(text: str, head_chars: int = 3000) -> _dt.date | None:
    """The publication date a page states about itself, or ``None``.

    Looks at the page's first ``head_chars`` characters and at its last ones;
    an ``입력``/``등록`` stamp wins over ``승인`` and ``수정``; among equals,
    the first.

    >>> find_published("제목\\n입력 2024.08.01 10:00 수정 2024.08.02 09:00\\n본문")
    datetime.date(2024, 8, 1)
    >>> find_published("그는 2024년 8월 1일 말했다.") is None
    True
    >>> find_published("제목\\n승인 2023.08.03 12:50\\n본문")
    datetime.date(2023, 8, 3)
    """
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
