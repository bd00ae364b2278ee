"""Converters a pack may name in a field reference (``"@amount|int"``).

Packs are data only: a converter is chosen by name from :data:`CONVERTERS`,
never imported or evaluated. Numbers are read by the one Korean number
parser of kfacts, :func:`kfacts.normalize.numbers.parse_number` (exact
integers, Hangul numerals), after :data:`~kfacts.normalize.numbers.NUMBER`
has found where the number at the start of the value ends.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable

from ..normalize.numbers import NUMBER, parse_number, strip_approx_marker

#: a number with more digits than this is not read (the field is ``None``)
MAX_DIGITS = 30

_LEAD = re.compile(r"\s*(?:(?:약|총|최대|최소)\s*)?")
_NUMBER = re.compile(NUMBER)


def read_number(text: str) -> int | float | None:
    """The value of the Korean number expression at the start of ``text``.

    Digits with commas and decimals, Hangul numerals, the units 십/백/천 and
    만/억/조/경 are understood; a leading 약/총/최대/최소 and anything after
    the number (``원``, ``개``, ``명``...) are ignored. Integers stay exact.

    >>> read_number("500억원"), read_number("1조 2,345억원"), read_number("12억5000만원")
    (50000000000, 1234500000000, 1250000000)
    >>> read_number("3천"), read_number("1.5조"), read_number("120개"), read_number("약 98억 원")
    (3000, 1500000000000, 120, 9800000000)
    >>> read_number("삼천오백만 원"), read_number("9007199254740993")
    (35000000, 9007199254740993)
    >>> read_number("일자리") is None, read_number("1" * 400) is None
    (True, True)
    """
    pos = _LEAD.match(text).end()
    m = _NUMBER.match(text, pos)
    if not m or m.end() == pos:
        return None
    expr, _ = strip_approx_marker(m.group())
    if sum(c.isdigit() for c in expr) > MAX_DIGITS:
        return None
    return parse_number(expr)


def _to_int(v: Any) -> int | None:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v) if math.isfinite(v) else None
    if isinstance(v, str):
        n = read_number(v)
        if n is None:
            return None
        return n if isinstance(n, int) else int(round(n))
    return None


def _to_float(v: Any) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        f = float(v) if not isinstance(v, int) or abs(v) < 10**300 else math.inf
        return f if math.isfinite(f) else None
    if isinstance(v, str):
        n = read_number(v)
        return None if n is None else float(n)
    return None


def _to_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _to_bool(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    return None if v is None else bool(v)


#: converter name -> function (``None`` in, ``None`` out)
CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "int": _to_int,
    "float": _to_float,
    "str": _to_str,
    "bool": _to_bool,
}

#: field types a pack may declare; each has the converter of the same name, "any" keeps values as found


def convert(name: str, value: Any) -> Any:
    if value is None or name == "any":
        return value
    return CONVERTERS[name](value)
