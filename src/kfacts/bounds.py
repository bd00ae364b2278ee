"""The values a news text can mean; beyond them a number is no fact.

A 20-digit ``원`` amount or a 200-digit count of jobs is a product code, a
typo, a run of digits from a table or a test string, not an amount any
article reports: a fact carrying it would be wrong, so the built-in money
and jobs extractors give none (docs/facts.md, "Bounds"). Output paths still
carry any value (a rule pack may produce one): ``value_decimal`` is exact text.

* money: below ``MONEY_LIMIT`` = 10^20 in the currency's unit. The largest
  amounts news reports are national wealth (about 2 x 10^16 KRW, ``2경``
  원), world GDP (about 1.4 x 10^17 KRW) and hyperinflation notes (10^14
  Zimbabwe dollars); 10^20 (``1해``) leaves a margin of a thousand.
* jobs: below ``JOBS_LIMIT`` = 10^10. The world has about 3.5 x 10^9 workers;
  forecasts speak of hundreds of millions of jobs (``9700만 개``, ``10억 개``).
* dates: a written year from 1000 to 2199 (the dates extractor's pattern);
  a month or day right after a written year outside it (``9999년 12월 31일``)
  is no date, rather than a date in the publication year.
"""

from __future__ import annotations

from typing import Any

#: money values (in the currency's unit) must be below this
MONEY_LIMIT = 10**20
#: jobs counts must be below this
JOBS_LIMIT = 10**10
#: written years the dates extractor reads (inclusive)
YEAR_RANGE = (1000, 2199)


def within(value: Any, limit: int) -> bool:
    """Whether a fact's ``value`` is below ``limit`` (``None``, no value, is kept).

    >>> within(10**19, MONEY_LIMIT), within(10**20, MONEY_LIMIT), within(10.5, 100)
    (True, False, True)
    """
    if value is None:
        return True
    try:
        return abs(value) < limit
    except TypeError:
        return True
