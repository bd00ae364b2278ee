"""Converters a pack may name in a field reference (``"@amount|int"``).

Packs are data only: a converter is chosen by name from :data:`CONVERTERS`,
never imported or evaluated.
"""

from __future__ import annotations

import re
from typing import Any, Callable

_BIG = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
_SMALL = {"십": 10, "백": 100, "천": 1000}
_NUM = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def korean_int(text: str) -> int | None:
    """The integer a Korean number expression at the start of ``text`` denotes.

    Digits with commas and the units 십/백/천 and 만/억/조 are understood;
    anything after the number (``원``, ``개``, ``명``...) is ignored.

    >>> korean_int("500억원")
    50000000000
    >>> korean_int("1조 2,345억원")
    1234500000000
    >>> korean_int("12억5000만원")
    1250000000
    >>> korean_int("3천")
    3000
    >>> korean_int("1.5조")
    1500000000000
    >>> korean_int("120개")
    120
    >>> korean_int("약 98억 원")
    9800000000
    >>> korean_int("일자리") is None
    True
    """
    s = text.strip()
    for prefix in ("약", "총", "최대", "최소"):
        if s.startswith(prefix):
            s = s[len(prefix):].lstrip()
    total = 0
    section = 0.0  # value below the current big unit
    pos = 0
    seen = False
    while pos < len(s):
        m = _NUM.match(s, pos)
        if m:
            num = float(m.group().replace(",", ""))
            pos = m.end()
            seen = True
            if pos < len(s) and s[pos] in _SMALL:
                num *= _SMALL[s[pos]]
                pos += 1
            section += num
        elif s[pos] in _SMALL and seen:
            section = (section or 1) * _SMALL[s[pos]]
            pos += 1
        else:
            break
        # a big unit may follow, possibly after a space
        if pos < len(s) and s[pos] in _BIG:
            total += section * _BIG[s[pos]]
            section = 0.0
            pos += 1
        while pos < len(s) and s[pos] == " " and pos + 1 < len(s) and (s[pos + 1].isdigit()):
            pos += 1
    if not seen:
        return None
    return int(round(total + section))


def _to_int(v: Any) -> int | None:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return int(v)
    if isinstance(v, str):
        return korean_int(v)
    return None


def _to_float(v: Any) -> float | None:
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v)
    if isinstance(v, str):
        m = _NUM.match(v.strip())
        return float(m.group().replace(",", "")) if m else None
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
FIELD_TYPES = ("str", "int", "float", "bool", "any")


def convert(name: str, value: Any) -> Any:
    if value is None or name == "any":
        return value
    return CONVERTERS[name](value)
