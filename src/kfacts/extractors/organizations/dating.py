"""The date an article's organization names are resolved at.

Names change (전라북도 -> 전북특별자치도 in 2024, 강원도 -> 강원특별자치도 in 2023,
인천 서구 -> 서해구 in 2026): a name is canonical *at the article's date*. That
date is ``published`` when the page gives it; otherwise the years the text
itself states (``2018년``, ``2018.3.5``, ``2017 회계연도``): the year written
most often, the later one on a tie. With neither, None (the names in force
today), as before.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from ..base import Context

#: a year written as a date or a year (2018년, 2018.3.5, 2018-03-05, 2017 회계연도), not a count (2018명)
_YEAR = re.compile(r"(?=[12])(?<![0-9])([12][09][0-9]{2})(?=년|\s?회계연도|[.\-/]\s?[01]?[0-9][.\-/])")


def text_year(text: str) -> int | None:
    """The year the text itself is about: the most often written, the later on a tie.

    >>> text_year("2017년 결과를 2018년 발표했다. 2017년 평가")
    2017
    >>> text_year("올해 행사") is None
    True
    """
    c = Counter(y for y in map(int, _YEAR.findall(text)) if 1950 <= y <= 2099)
    if not c:
        return None
    return max(c, key=lambda y: (c[y], y))


def effective_date(ctx: Context) -> _dt.date | None:
    """``ctx.published``, else the middle of the year the text states (cached on the context)."""
    if ctx.published is not None:
        return ctx.published
    return ctx.once(_text_date)


def _text_date(ctx: Context) -> _dt.date | None:
    """The middle of the year the text states, or None."""
    y = text_year(ctx.text)
    return _dt.date(y, 7, 1) if y is not None else None
