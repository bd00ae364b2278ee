"""kfacts.normalize.numbers: one case per example, plus round-trip properties."""

from __future__ import annotations

import re

import pytest

from kfacts.normalize.numbers import NUMBER, NUMBER_EOK, hangul_numeral_ok, parse_number, unit_multiplier

VALUES = [
    # Arabic, separators, decimals
    ("3,000", 3000), ("27,350,000", 27350000), ("27350000", 27350000), ("1,000", 1000), ("89.88", 89.88),
    ("1.5", 1.5), ("0.5", 0.5),
    # Arabic with units
    ("1.5조", 1500000000000), ("3.2조", 3200000000000), ("4116억", 411600000000), ("7천억", 700000000000),
    ("2천억", 200000000000), ("1조 2,345억", 1234500000000), ("12억5000만", 1250000000), ("53억 1천만", 5310000000),
    ("878억 6300만", 87863000000), ("1억 5,279만", 152790000), ("12억 6천만", 1260000000), ("4억8500만", 485000000),
    ("1만7450", 17450), ("2만1665", 21665), ("2만 1665", 21665), ("1만 2000", 12000), ("16만6천915", 166915),
    ("556만710", 5560710), ("39만 5천", 395000), ("47만 3천", 473000), ("76.6백만", 76600000), ("3백", 300),
    ("10억 5천 185만", 1051850000), ("7천 6백 60만", 76600000), ("1조 5천억", 1500000000000), ("65조", 65 * 10**12),
    ("5경", 5 * 10**16), ("1천500", 1500), ("3천900", 3900), ("1억", 100000000),
    # Hangul numerals
    ("삼천오백만", 35000000), ("이천칠백삼십오만", 27350000), ("이만칠천", 27000), ("오천", 5000), ("백", 100),
    ("십", 10), ("만", 10000), ("오백", 500), ("일천만", 10000000), ("구", 9), ("이십구", 29), ("삼만", 30000),
    ("이만오천", 25000), ("일억", 100000000), ("십만", 100000),
    # Hangul decimals
    ("일점이삼", 1.23), ("일쩜이삼", 1.23), ("이십구점구구", 29.99), ("일점오억", 150000000),
]

NOT_NUMBERS = [
    "", " ", "사과", "이삼", "3만 5억", "억억", "1,00", "1,0000", "삼사십", "십십", "만만", "백천", "3만 2만",
    "0만", "점이", "영", "abc",
]


@pytest.mark.parametrize("text,value", VALUES, ids=[t for t, _ in VALUES])
def test_parse_number(text, value):
    got = parse_number(text)
    assert got == value and type(got) is type(value), f"{text!r}: {got!r} != {value!r}"


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=[repr(t) for t in NOT_NUMBERS])
def test_not_a_number(text):
    assert parse_number(text) is None


_FINDER = re.compile(NUMBER)

FOUND = [
    # (text, the number expressions NUMBER finds in it)
    ("이사회에서 오백만원을 의결했다", ["오백만"]),
    ("사과 세 개를 샀다", []),
    ("회사원 20명이 참여했다", ["20"]),
    ("12억5000만원과 1조 2,345억원", ["12억5000만", "1조 2,345억"]),
    ("수억 원", []),
    ("수십억 원대", []),
    ("이천칠백삼십오만원", ["이천칠백삼십오만"]),
    ("일자리만 1만여개", ["1만"]),
    ("60여조 원", ["60여조"]),
    ("12억 6천여만원", ["12억 6천여만"]),
    ("오만한 태도", ["오만"]),  # a numeral by form; money and jobs then require a unit after it
    ("구원을 받았다", []),
    ("이십구유로", ["이십구"]),
    ("일점이삼달러", ["일점이삼"]),
]


@pytest.mark.parametrize("text,found", FOUND, ids=[t for t, _ in FOUND])
def test_number_finder_respects_word_boundaries(text, found):
    assert [m.group() for m in _FINDER.finditer(text) if m.group()] == found


EOK = [("총 50억 규모", ["50억"]), ("878억 6300만 원", ["878억 6300만"]), ("3,000만 원", []), ("구조", ["구조"])]


@pytest.mark.parametrize("text,found", EOK, ids=[t for t, _ in EOK])
def test_eok_finder(text, found):
    # Hangul-only hits such as 구조 are rejected by the money extractor (digits required)
    assert [m.group() for m in re.finditer(NUMBER_EOK, text)] == found


@pytest.mark.parametrize("s,ok", [("사", False), ("이", False), ("오백", True), ("만", True), ("십", True),
                                  ("12", True), ("이십", True)])
def test_hangul_numeral_ok(s, ok):
    assert hangul_numeral_ok(s) is ok


@pytest.mark.parametrize("s,m", [("5억", 10**8), ("5천만", 10**7), ("13조", 10**12), ("200", 1), ("오백만", 10**6)])
def test_unit_multiplier(s, m):
    assert unit_multiplier(s) == m


# -- round trips over many values ---------------------------------------------------------

_HD = "일이삼사오육칠팔구"


def _hangul_small(n: int) -> str:
    out = ""
    for unit, word in ((1000, "천"), (100, "백"), (10, "십")):
        d, n = divmod(n, unit)
        if d:
            out += ("" if d == 1 else _HD[d - 1]) + word
    if n:
        out += _HD[n - 1]
    return out


def _korean(n: int, style: str) -> str:
    """Write n the way Korean news does: mixed groups (1조 2,345억), tight (12억5000만), Hangul."""
    groups = []
    parts = []
    rest = n
    for unit, size in (("경", 10**16), ("조", 10**12), ("억", 10**8), ("만", 10**4)):
        g, rest = divmod(rest, size)
        if g:
            parts.append((g, unit))
    if rest:
        parts.append((rest, ""))
    for g, unit in parts:
        if style == "mixed":
            groups.append(f"{g:,}{unit}")
        elif style == "tight":
            groups.append(f"{g}{unit}")
        else:
            groups.append(_hangul_small(g) + unit)
    sep = " " if style == "mixed" else ""
    return sep.join(groups)


@pytest.mark.parametrize("style", ["mixed", "tight", "hangul"])
def test_round_trip(style):
    import random

    rng = random.Random(20241124)
    values = [rng.randrange(1, 10**17) for _ in range(300)] + [rng.randrange(1, 10**5) for _ in range(100)]
    bad = [(n, _korean(n, style), parse_number(_korean(n, style))) for n in values
           if parse_number(_korean(n, style)) != n]
    assert not bad, bad[:10]


@pytest.mark.parametrize("text", ["1" * 60 + "원", "1 " * 60 + "원", "십일" * 40 + "원", "1," * 60 + "원",
                                  "1." * 60 + "원", "1억" * 40 + "원", "1천 " * 60 + "만원"])
def test_no_catastrophic_backtracking(text):
    """Digit runs are never split: long runs of numerals stay linear."""
    import time

    from kfacts.extractors import jobs, money

    t0 = time.perf_counter()
    list(_FINDER.finditer(text))
    list(money._MONEY.finditer(text))
    list(money._IMPLICIT.finditer(text))
    list(jobs._COUNT.finditer(text))
    assert time.perf_counter() - t0 < 0.5


@pytest.mark.parametrize("module", ["kfacts.normalize", "kfacts.normalize.numbers", "kfacts.normalize.money"])
def test_doctests(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
