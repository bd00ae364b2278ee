"""Currencies: Korean currency words, symbols and ISO codes, as pure functions.

>>> currency_code("달러"), currency_code("원화"), currency_code("￦"), currency_code("eur")
('USD', 'KRW', 'KRW', 'EUR')
>>> currency_code("크로네", context="스웨덴 한림원은 노벨상 상금")
'SEK'
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["CURRENCY_WORDS", "CURRENCY_SYMBOLS", "ISO_CODES", "currency_code", "money_value",
           "CURRENCY_WORD_PATTERN"]

#: Korean currency words -> ISO 4217 (None: decided by context, see currency_code)
CURRENCY_WORDS: dict[str, str | None] = {
    "원": "KRW", "원화": "KRW",
    "달러": "USD", "달러화": "USD", "불": "USD", "미국달러": "USD", "미국 달러": "USD", "미 달러": "USD",
    "센트": "USD",  # a hundredth of a dollar: the value becomes fractional dollars
    "홍콩달러": "HKD", "홍콩 달러": "HKD", "호주달러": "AUD", "호주 달러": "AUD",
    "캐나다달러": "CAD", "캐나다 달러": "CAD", "싱가포르달러": "SGD", "싱가포르 달러": "SGD",
    "대만달러": "TWD", "대만 달러": "TWD", "뉴질랜드달러": "NZD", "뉴질랜드 달러": "NZD",
    "엔": "JPY", "엔화": "JPY",
    "위안": "CNY", "위안화": "CNY", "元": "CNY",
    "유로": "EUR", "유로화": "EUR",
    "파운드": "GBP", "파운드화": "GBP",
    "루블": "RUB", "루블화": "RUB",
    "루피": "INR", "루피화": "INR", "루피아": "IDR",
    "헤알": "BRL", "헤알화": "BRL",
    "바트": "THB", "링깃": "MYR", "랜드": "ZAR",
    "리라": "TRY", "디르함": "AED", "리얄": "SAR",
    "스위스 프랑": "CHF", "스위스프랑": "CHF", "프랑": "CHF",
    "크로나": "SEK", "크로네": None, "크로나화": "SEK", "크로네화": None,
    "페소": None,
}

#: currency symbols (before or after the number)
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "＄": "USD", "€": "EUR", "£": "GBP", "￡": "GBP", "¥": "JPY", "￥": "JPY",
    "₩": "KRW", "￦": "KRW",
}

#: ISO codes written in the text (``USD 100``, ``EUR29.99``)
ISO_CODES = ("KRW", "USD", "EUR", "JPY", "CNY", "GBP", "SEK", "NOK", "DKK", "CHF", "HKD", "AUD", "CAD",
             "SGD", "TWD", "RUB", "INR")

# context words deciding the currencies shared by several countries
_CONTEXT = {
    "크로네": [("SEK", re.compile(r"스웨덴|노벨|한림원|카롤린스카")), ("NOK", re.compile(r"노르웨이|오슬로")),
              ("DKK", re.compile(r"덴마크|코펜하겐"))],
    "페소": [("MXN", re.compile(r"멕시코")), ("PHP", re.compile(r"필리핀")), ("ARS", re.compile(r"아르헨티나")),
           ("CLP", re.compile(r"칠레")), ("COP", re.compile(r"콜롬비아"))],
}
_DEFAULT = {"크로네": "NOK", "페소": "MXN"}

#: regex source matching any currency word (longest first)
CURRENCY_WORD_PATTERN = "|".join(
    re.escape(w).replace(r"\ ", r"\s?") for w in sorted(CURRENCY_WORDS, key=len, reverse=True)
)


def currency_code(word: str, context: str = "") -> str | None:
    """The ISO code of a currency word, symbol or code; ``context`` decides shared names.

    The nearest deciding country word in ``context`` wins (callers pass the
    text before the amount, nearest last).

    >>> currency_code("크로네", context="노르웨이 정부는")
    'NOK'
    >>> currency_code("크로네")
    'NOK'
    >>> currency_code("페소", "필리핀 중앙은행"), currency_code("USD"), currency_code("$")
    ('PHP', 'USD', 'USD')
    >>> currency_code("개") is None
    True
    """
    w = re.sub(r"\s+", " ", word.strip())
    if w in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[w]
    if w.upper() in ISO_CODES:
        return w.upper()
    key = w[:-1] if w.endswith("화") and w[:-1] in CURRENCY_WORDS else w
    if w.replace(" ", "") in CURRENCY_WORDS and w not in CURRENCY_WORDS:
        w = w.replace(" ", "")
    if w not in CURRENCY_WORDS:
        return None
    code = CURRENCY_WORDS[w]
    if code is not None:
        return code
    best, best_pos = None, -1
    for iso, pat in _CONTEXT.get(key, []):
        for m in pat.finditer(context):
            if m.start() > best_pos:
                best, best_pos = iso, m.start()
    return best or _DEFAULT.get(key)


def money_value(value: int | float, word: str) -> int | float:
    """The value in the currency's main unit: cents become fractional dollars.

    >>> money_value(10, "센트"), money_value(2350, "원")
    (0.1, 2350)
    """
    if word == "센트":
        v = Fraction(value) / 100 if isinstance(value, int) else Fraction(str(value)) / 100
        return int(v) if v.denominator == 1 else float(v)
    return value
