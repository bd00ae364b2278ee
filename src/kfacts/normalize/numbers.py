"""Korean number expressions: pure parsing functions and the regex pieces that find them.

Korean numbers mix Arabic digits and Hangul numerals with the small units
십/백/천 (10, 100, 1000) and the big units 만/억/조/경 (10^4, 10^8, 10^12,
10^16), which group by four digits: ``1조 2,345억`` is 1 234 500 000 000,
``12억5000만`` is 1 250 000 000, ``삼천오백만`` is 35 000 000.

:func:`parse_number` reads one whole expression (no surrounding text).
:data:`NUMBER` is the regular-expression source that finds such expressions
in running text; it enforces the numeral boundary rule (a Hangul numeral
starts a number only at a word boundary, never inside a word such as
``이사회`` or ``사과``). The extractors add the unit that follows (a currency,
a counter); :func:`hangul_numeral_ok` rejects the lone one-syllable numerals
(``일``, ``이``, ``사``...) that are everyday words.

>>> parse_number("4116억")
411600000000
>>> parse_number("이천칠백삼십오만")
27350000
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = [
    "ARABIC", "HANGUL_DIGITS", "NUMBER", "NUMBER_EOK", "LONE_DIGIT_BEFORE_CURRENCY", "BIG_UNITS", "SMALL_UNITS", "parse_number", "unit_multiplier",
    "hangul_numeral_ok", "strip_approx_marker", "to_plain", "APPROX_WORDS_BEFORE", "APPROX_WORDS_AFTER",
    "PRE_APPROX", "POST_APPROX",
]

#: Hangul digit syllables and their values (영/공 only after a decimal point)
HANGUL_DIGITS: dict[str, int] = {
    "영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "륙": 6, "칠": 7, "팔": 8, "구": 9,
}
SMALL_UNITS: dict[str, int] = {"십": 10, "백": 100, "천": 1000}
BIG_UNITS: dict[str, int] = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}

_HD = "일이삼사오육칠팔구"

#: an Arabic number: ``3,000``, ``1.5``, ``27350000`` (thousands separators must be regular)
ARABIC = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.]|,\d{3}))"  # whole: never split (no backtracking)

# a number below 10 000 written in Hangul: 삼천오백, 이십구, 백 (non-empty, checked by lookahead)
_H_SMALL = rf"(?:(?=[{_HD}십백천])(?:[{_HD}]?천)?(?:[{_HD}]?백)?(?:[{_HD}]?십)?[{_HD}]?(?:[점쩜][{_HD}영공]+)?)"
# a number below 10 000 with Arabic digits: 3,000 / 7천 / 1천5백
_A_SMALL = rf"(?:{ARABIC}(?:[천백십](?:\d+(?![\d.]))?)*)"
_SMALL = rf"(?:{_A_SMALL}|{_H_SMALL})"
# one four-digit group with its big unit; 여 may sit before the unit (60여조, 6천여만)
# 5천 185만: a group split at a space; 2800여 만: a space after 여
_GROUP = rf"(?:{_SMALL}(?:\s{_SMALL})*(?:여\s?)?[만억조경])"

#: where a number may start: Arabic digits not glued to other digits; Hangul numerals
#: only after a non-Hangul character, and a digit syllable only when a unit or another
#: numeral follows it (the numeral boundary rule: not 이 in 이사회, 사 in 사과, 일 in 일자리)
_START = rf"(?:(?<![\d.,])(?=\d)|(?<![가-힣\d.,])(?=[{_HD}십백천만])(?![{_HD}](?![십백천만억조경점쩜])))"

#: a lone digit syllable right before a currency word that is never an everyday
#: word with it (이달러, 구파운드, 이불이십삼센트): callers add it where they want it
LONE_DIGIT_BEFORE_CURRENCY = rf"(?:(?<![가-힣\d.,])[{_HD}](?=달러|센트|파운드|불[일이삼사오육칠팔구십]))"

#: regex source of one number expression: groups with big units, optionally a
#: trailing small number (``2만5000``, ``1억 5,279만``), or a small number alone,
#: or a bare ``만`` (``만 달러``)
NUMBER = rf"(?:{_START}(?:{_GROUP}(?:\s?{_GROUP})*(?:\s?{_SMALL}(?![\d만억조경]))?|{_SMALL}|(?<![\d여만억조천백십]\s)만(?=[^가-힣]|[원달불엔유]|$)))"

#: regex source of an amount in 억/조/경 without currency (``50억``, ``878억 6300만``, ``60여조``),
#: the candidates for amounts whose currency is implied
NUMBER_EOK = rf"(?:{_START}(?:{_GROUP}\s?)*{_SMALL}여?[억조경](?:\s?{_SMALL}여?만)?)"

#: words before a number that make it approximate (``약 3천만 원``, ``대략 50명``)
APPROX_WORDS_BEFORE: tuple[str, ...] = ("약", "대략", "얼추")
#: words after a number and its unit that make it approximate or a lower bound (``100명 가량``,
#: ``3억 원 정도``, ``50명 이상``, ``1만 명 남짓``)
APPROX_WORDS_AFTER: tuple[str, ...] = ("가량", "정도", "이상", "남짓", "안팎", "내외", "가까이", "쯤")

#: regex source of an approximation word before a number, not the end of another word (``절약``),
#: with the space after it; the money and jobs extractors put it before their amounts and counts (their
#: quick lookaheads ``(?=[약대얼\d])`` hold the first letters of these words: a new word adds its own)
PRE_APPROX = rf"(?<![가-힣])(?:{'|'.join(APPROX_WORDS_BEFORE)})\s?"
#: regex source of an approximation word after an amount or count, a space before it allowed
POST_APPROX = rf"\s?(?:{'|'.join(APPROX_WORDS_AFTER)})"

_TOKEN = re.compile(rf"(\d[\d,]*(?:\.\d+)?)|([{_HD}영공])|([십백천])|([만억조경])|([점쩜])|(\s+)|(.)")


def _arabic(s: str) -> Fraction | None:
    if "," in s:
        head, _, _frac = s.partition(".")
        parts = head.split(",")
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            return None
        s = s.replace(",", "")
    try:
        return Fraction(s)
    except ValueError:
        return None


def to_plain(x: Fraction) -> int | float:
    """An int when ``x`` is whole, else a float.

    >>> to_plain(Fraction(5, 2)), to_plain(Fraction(10, 1))
    (2.5, 10)
    """
    if x.denominator == 1:
        return int(x)
    return float(x)


def _parse(s: str) -> Fraction | None:
    total = Fraction(0)
    section = Fraction(0)  # the part below the current big unit
    cur: Fraction | None = None  # a digit value waiting for its unit
    last_small = 10**9
    last_big = 10**20
    seen = False
    decimal_digits: str | None = None  # Hangul digits after 점
    for m in _TOKEN.finditer(s):
        arabic, hd, small, big, point, space, other = m.groups()
        if other is not None:
            return None
        if space is not None:
            continue
        if decimal_digits is not None and hd is None:
            if not decimal_digits:
                return None
            cur = (cur or Fraction(0)) + Fraction(int(decimal_digits), 10 ** len(decimal_digits))
            decimal_digits = None
        if arabic is not None:
            if cur is not None:
                return None
            cur = _arabic(arabic)
            if cur is None:
                return None
            seen = True
        elif hd is not None:
            if decimal_digits is not None:
                decimal_digits += str(HANGUL_DIGITS[hd])
                continue
            if cur is not None or hd in "영공":
                return None
            cur = Fraction(HANGUL_DIGITS[hd])
            seen = True
        elif point is not None:
            # a Hangul decimal point: 일점이삼 (1.23), 이십구점구구 (29.99)
            base = section + (cur if cur is not None else 0)
            if not seen:
                return None
            section, cur, decimal_digits = Fraction(0), base, ""
            last_small = 0
        elif small is not None:
            u = SMALL_UNITS[small]
            if u >= last_small:
                return None
            section += (cur if cur is not None else 1) * u
            cur, last_small, seen = None, u, True
        elif big is not None:
            u = BIG_UNITS[big]
            if u >= last_big:
                return None
            sec = section + (cur if cur is not None else 0)
            if sec == 0:
                if cur is not None:  # 0만
                    return None
                sec = Fraction(1)  # a bare 만: 만 달러
            total += sec * u
            section, cur, last_small, last_big, seen = Fraction(0), None, 10**9, u, True
    if decimal_digits is not None:
        if not decimal_digits:
            return None
        cur = (cur or Fraction(0)) + Fraction(int(decimal_digits), 10 ** len(decimal_digits))
    if not seen:
        return None
    return total + section + (cur if cur is not None else 0)


def parse_number(s: str) -> int | float | None:
    """The value of one Korean number expression, or None if it is not one.

    Arabic digits with thousands separators and decimals, Hangul numerals, and
    both mixed, with the small units 십/백/천 and the big units 만/억/조/경
    (which must decrease). White space between four-digit groups is allowed.
    The value is an int when whole, else a float.

    >>> parse_number("3,000"), parse_number("1.5조"), parse_number("7천억")
    (3000, 1500000000000, 700000000000)
    >>> parse_number("1조 2,345억"), parse_number("12억5000만"), parse_number("53억 1천만")
    (1234500000000, 1250000000, 5310000000)
    >>> parse_number("878억 6300만"), parse_number("1억 5,279만")
    (87863000000, 152790000)
    >>> parse_number("삼천오백만"), parse_number("이만칠천"), parse_number("오백")
    (35000000, 27000, 500)
    >>> parse_number("만"), parse_number("십"), parse_number("일점이삼"), parse_number("이십구점구구")
    (10000, 10, 1.23, 29.99)
    >>> parse_number("1만7450"), parse_number("2만 1665")
    (17450, 21665)
    >>> parse_number("10억 5천 185만"), parse_number("7천 6백 60만"), parse_number("1천2백50만")
    (1051850000, 76600000, 12500000)

    Not numbers: units out of order, two numerals side by side, words.

    >>> parse_number("3만 5억") is None, parse_number("이삼") is None, parse_number("사과") is None
    (True, True, True)
    >>> parse_number("1,00") is None, parse_number("") is None
    (True, True)
    """
    v = _parse(s)
    return None if v is None else to_plain(v)


def unit_multiplier(s: str) -> int:
    """The scale of the units after the leading numeral of ``s`` (1 if none).

    A range's first endpoint that has no unit takes this scale from the
    second: in ``3~5억`` the ``3`` means 3억, in ``3~5천만`` it means 3천만.

    >>> unit_multiplier("5억"), unit_multiplier("5천만"), unit_multiplier("13조"), unit_multiplier("20")
    (100000000, 10000000, 1000000000000, 1)
    >>> unit_multiplier("1억5천만")
    100000000
    """
    m = re.match(rf"\s*(?:\d[\d,.]*|[{_HD}]+)?\s*([십백천만억조경]+)", s)
    if not m:
        return 1
    v = _parse(m.group(1))
    return int(v) if v is not None and v.denominator == 1 else 1


def strip_approx_marker(s: str) -> tuple[str, bool]:
    """Remove the approximation suffix 여 from inside a number (``60여조``, ``6천여만``).

    >>> strip_approx_marker("12억 6천여만")
    ('12억 6천만', True)
    >>> strip_approx_marker("4116억")
    ('4116억', False)
    """
    if "여" not in s:
        return s, False
    return s.replace("여", ""), True


def hangul_numeral_ok(s: str) -> bool:
    """Whether a number written only in Hangul may stand as a number.

    A lone digit syllable (``일``, ``이``, ``사``, ``구``...) is an everyday
    word far more often than a number (``사원``, ``구원``, ``일원``): it does
    not count. Units (``십``, ``백``, ``천``, ``만``) and longer numerals do.

    >>> hangul_numeral_ok("오백"), hangul_numeral_ok("만"), hangul_numeral_ok("사"), hangul_numeral_ok("3")
    (True, True, False, True)
    """
    s = s.strip()
    if not s or not ("가" <= s[0] <= "힣"):
        return True
    return not (len(s) == 1 and s in HANGUL_DIGITS)
