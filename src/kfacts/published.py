"""Find a page's own publication timestamp (SPEC section 1).

Timestamp lines (``등록 2024-08-13 15:12:01``, ``입력 2024.08.01 10:00``,
``승인 2023.08.03 12:50``, ``기사입력 2024-08-01``, the date after
``by <outlet>``) are metadata: they give ``published`` and are not date facts.
"""

from __future__ import annotations

import datetime as _dt

import regex as re

_DATE = r"(?P<y>(?:19|20)\d\d)\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*(?P<d>\d{1,2})\s*[.일]?"
_TIME = r"(?:\s*(?:오전|오후|AM|PM)?\s*\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)?"

#: label -> priority (lower wins when choosing ``published``)
_LABELS = {
    "기사입력": 0, "입력": 0, "등록": 0, "등록일": 0, "작성": 1, "작성일": 1, "발행": 1, "발행일": 1,
    "게재": 1, "게재일": 1, "송고": 1, "승인": 2, "최종수정": 3, "수정": 3, "업데이트": 3,
}

_LABELLED = re.compile(
    r"(?<![\p{L}\p{N}])(?P<label>" + "|".join(sorted(_LABELS, key=len, reverse=True)) + r")\s*(?:일시)?\s*[:：]?\s*"
    + _DATE + _TIME
)
_BY_OUTLET = re.compile(r"(?m)^\s*by\s+[^\n\d]{1,30}?\s+(?P<stamp>" + _DATE + r")" + _TIME)


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
    (11, 24)
    """
    out = []
    for m in _LABELLED.finditer(text):
        d = _date(m)
        if d is not None:
            out.append(((m.start(), m.end()), d, m.group("label")))
    for m in _BY_OUTLET.finditer(text):
        d = _date(m)
        if d is not None:
            out.append(((m.start("stamp"), m.end("stamp")), d, "by"))
    out.sort(key=lambda t: t[0])
    return out


def find_published(text: str, head_chars: int = 3000) -> _dt.date | None:
    """The publication date a page states about itself, or ``None``.

    Looks at the page's first ``head_chars`` characters and at its last lines;
    an ``입력``/``등록`` stamp wins over ``승인`` and ``수정``.

    >>> find_published("제목\\n입력 2024.08.01 10:00 수정 2024.08.02 09:00\\n본문")
    datetime.date(2024, 8, 1)
    >>> find_published("그는 2024년 8월 1일 말했다.") is None
    True
    """
    stamps = find_timestamps(text)
    if not stamps:
        return None
    n = len(text)
    best = None
    for (s, _e), d, label in stamps:
        if s > head_chars and s < n - head_chars:
            continue
        prio = _LABELS.get(label, 1)
        if best is None or prio < best[0]:
            best = (prio, d)
    return best[1] if best else None
