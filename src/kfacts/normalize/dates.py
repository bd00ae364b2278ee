"""Date values: ISO strings at a granularity, and resolution against ``published``.

Pure functions (no Kiwi, no clock): the dates extractor reads the surface
form, these turn its parts into SPEC values (``2024``, ``2024-08``,
``2024-08-01``, ``2024-Q3``, ``2024-H1``).

A *direction* says where an incomplete date lies relative to the
publication date: ``"past"`` (the latest such date on or before it),
``"future"`` (the earliest on or after it) or ``None`` (the same month or
year as ``published``, the usual reading).
"""

from __future__ import annotations

import calendar
import datetime as _dt

__all__ = [
    "RELATIVE_YEARS", "RELATIVE_MONTHS", "RELATIVE_DAYS", "PARTS",
    "iso_year", "iso_month", "iso_day", "iso_quarter", "iso_half", "valid_day",
    "shift_month", "expand_two_digit_year", "relative_year", "new_year",
    "resolve_day", "resolve_month", "resolve_month_day",
]

#: relative year words -> offset from the publication year
RELATIVE_YEARS: dict[str, int] = {
    "올해": 0, "올": 0, "금년": 0, "연초": 0, "연말": 0, "작년": -1, "지난해": -1, "지난 해": -1,
    "재작년": -2, "지지난해": -2, "내년": 1, "명년": 1, "내후년": 2,
}

#: relative month words -> offset from the publication month
RELATIVE_MONTHS: dict[str, int] = {
    "지난달": -1, "지난 달": -1, "전달": -1, "이달": 0, "이번 달": 0, "이번달": 0,
    "다음달": 1, "다음 달": 1, "내달": 1,
}

#: relative day words -> offset from the publication day
RELATIVE_DAYS: dict[str, int] = {
    "금일": 0, "그저께": -2, "그제": -2, "엊그제": -2, "어제": -1, "오늘": 0, "내일": 1, "모레": 2,
}

#: part-of-period words -> SPEC ``part``
PARTS: dict[str, str] = {
    "초": "early", "초순": "early", "상순": "early", "초반": "early", "초반부": "early", "연초": "early",
    "중순": "mid", "중반": "mid", "중반부": "mid",
    "말": "late", "말경": "late", "하순": "late", "후반": "late", "후반부": "late", "연말": "late",
}


def iso_year(year: int) -> str:
    """
    >>> iso_year(2024)
    '2024'
    """
    return f"{year:04d}"


def iso_month(year: int, month: int) -> str:
    """
    >>> iso_month(2024, 8)
    '2024-08'
    """
    return f"{year:04d}-{month:02d}"


def iso_day(year: int, month: int, day: int) -> str:
    """
    >>> iso_day(2024, 8, 1)
    '2024-08-01'
    """
    return f"{year:04d}-{month:02d}-{day:02d}"


def iso_quarter(year: int, quarter: int) -> str:
    """
    >>> iso_quarter(2024, 3)
    '2024-Q3'
    """
    return f"{year:04d}-Q{quarter}"


def iso_half(year: int, half: int) -> str:
    """
    >>> iso_half(2024, 1)
    '2024-H1'
    """
    return f"{year:04d}-H{half}"


def valid_day(year: int, month: int, day: int) -> bool:
    """Whether the day exists.

    >>> valid_day(2024, 2, 29), valid_day(2023, 2, 29), valid_day(2024, 13, 1)
    (True, False, False)
    """
    if not (1 <= month <= 12) or day < 1:
        return False
    return day <= calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    """Move ``delta`` months from (year, month).

    >>> shift_month(2024, 1, -1)
    (2023, 12)
    >>> shift_month(2023, 12, 1)
    (2024, 1)
    """
    i = year * 12 + (month - 1) + delta
    return i // 12, i % 12 + 1


def expand_two_digit_year(yy: int, published: _dt.date | None = None) -> int:
    """``’19`` -> 2019: the century that puts the year at most 20 years after ``published``.

    >>> expand_two_digit_year(10, _dt.date(2016, 11, 30))
    2010
    >>> expand_two_digit_year(97, _dt.date(2016, 11, 30))
    1997
    >>> expand_two_digit_year(30)
    2030
    """
    pivot = (published.year if published else 2030) + 20
    year = 2000 + yy
    return year if year <= pivot else year - 100


def relative_year(published: _dt.date, offset: int) -> int:
    """
    >>> relative_year(_dt.date(2024, 8, 1), -1)
    2023
    """
    return published.year + offset


def new_year(published: _dt.date) -> int:
    """The year ``새해`` names: the coming one late in the year, else the current one.

    >>> new_year(_dt.date(2020, 12, 29)), new_year(_dt.date(2021, 1, 4))
    (2021, 2021)
    """
    return published.year + 1 if published.month >= 11 else published.year


def resolve_day(published: _dt.date, day: int, direction: str | None = None) -> _dt.date | None:
    """The date of a bare day of the month (``20일``).

    ``"past"``: the latest such day on or before ``published``; ``"future"``:
    the earliest on or after; ``None``: the same month when the day has come,
    else the previous month (news mostly reports what happened).

    >>> p = _dt.date(2024, 8, 13)
    >>> resolve_day(p, 1), resolve_day(p, 20, "past"), resolve_day(p, 20, "future")
    (datetime.date(2024, 8, 1), datetime.date(2024, 7, 20), datetime.date(2024, 8, 20))
    >>> resolve_day(_dt.date(2024, 1, 3), 28)
    datetime.date(2023, 12, 28)
    >>> resolve_day(_dt.date(2024, 12, 30), 2, "future")
    datetime.date(2025, 1, 2)
    >>> resolve_day(_dt.date(2024, 3, 10), 31)
    datetime.date(2024, 1, 31)
    """
    if not 1 <= day <= 31:
        return None
    y, m = published.year, published.month
    if direction == "future":
        for k in range(0, 3):
            yy, mm = shift_month(y, m, k)
            if valid_day(yy, mm, day) and _dt.date(yy, mm, day) >= published:
                return _dt.date(yy, mm, day)
        return None
    for k in range(0, 3):
        yy, mm = shift_month(y, m, -k)
        if valid_day(yy, mm, day) and _dt.date(yy, mm, day) <= published:
            return _dt.date(yy, mm, day)
    return None


def resolve_month(published: _dt.date, month: int, direction: str | None = None) -> tuple[int, int] | None:
    """(year, month) of a month named without a year (``9월``).

    >>> p = _dt.date(2020, 12, 29)
    >>> resolve_month(p, 6), resolve_month(p, 1, "future"), resolve_month(p, 12, "past")
    ((2020, 6), (2021, 1), (2020, 12))
    >>> resolve_month(_dt.date(2024, 1, 3), 12, "past")
    (2023, 12)
    """
    if not 1 <= month <= 12:
        return None
    y, p = published.year, published.month
    if direction == "future":
        return (y, month) if month >= p else (y + 1, month)
    if direction == "past":
        return (y, month) if month <= p else (y - 1, month)
    return (y, month)


def resolve_month_day(published: _dt.date, month: int, day: int,
                      direction: str | None = None) -> _dt.date | None:
    """The date of ``8월 13일`` without a year.

    >>> p = _dt.date(2013, 12, 31)
    >>> resolve_month_day(p, 1, 6, "future"), resolve_month_day(p, 12, 30)
    (datetime.date(2014, 1, 6), datetime.date(2013, 12, 30))
    >>> resolve_month_day(_dt.date(2024, 1, 3), 12, 28, "past")
    datetime.date(2023, 12, 28)
    >>> resolve_month_day(p, 2, 30) is None
    True
    """
    y = published.year
    if direction == "future":
        for yy in (y, y + 1):
            if valid_day(yy, month, day) and _dt.date(yy, month, day) >= published:
                return _dt.date(yy, month, day)
        return None
    if direction == "past":
        for yy in (y, y - 1):
            if valid_day(yy, month, day) and _dt.date(yy, month, day) <= published:
                return _dt.date(yy, month, day)
        return None
    return _dt.date(y, month, day) if valid_day(y, month, day) else None
