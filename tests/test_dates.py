"""Dates: the value resolvers (doctests) and the extractor's contract.

The development gold is scored fact by fact in test_gold.py.
"""

from __future__ import annotations

import datetime as dt
import doctest

import pytest

import kfacts.normalize.dates as nd

D = dt.date


def test_normalizer_doctests():
    result = doctest.testmod(nd)
    assert result.attempted > 20 and result.failed == 0


def test_published_doctests():
    import kfacts.published as pub

    result = doctest.testmod(pub)
    assert result.attempted > 5 and result.failed == 0


@pytest.mark.parametrize("pub,day,direction,expected", [
    (D(2024, 1, 3), 28, None, D(2023, 12, 28)),
    (D(2024, 1, 3), 28, "past", D(2023, 12, 28)),
    (D(2023, 12, 30), 2, "future", D(2024, 1, 2)),
    (D(2024, 3, 1), 29, "past", D(2024, 2, 29)),
    (D(2023, 3, 1), 29, "past", D(2023, 1, 29)),
    (D(2024, 8, 13), 13, "future", D(2024, 8, 13)),
    (D(2024, 8, 13), 32, None, None),
])
def test_resolve_day(pub, day, direction, expected):
    assert nd.resolve_day(pub, day, direction) == expected


@pytest.mark.parametrize("pub,month,direction,expected", [
    (D(2020, 12, 29), 1, "future", (2021, 1)),
    (D(2024, 1, 3), 12, "past", (2023, 12)),
    (D(2024, 5, 1), 5, "past", (2024, 5)),
    (D(2024, 5, 1), 13, None, None),
])
def test_resolve_month(pub, month, direction, expected):
    assert nd.resolve_month(pub, month, direction) == expected


def test_shift_month_across_years():
    assert nd.shift_month(2024, 1, -13) == (2022, 12)
    assert nd.shift_month(2023, 11, 3) == (2024, 2)


def test_relative_and_absolute_dates(extractor):
    doc = extractor("작년 말 기준으로 2024년 8월 13일과 지난달 13일을 비교했다.", published="2024-08-20")
    assert [f.text for f in doc.of_type("date")] == ["작년 말", "2024년 8월 13일", "지난달 13일"]


@pytest.mark.parametrize("text", ["지난달 13일부터 시행됐다.", "28일 기자회견을 열었다.", "작년 말", "오늘",
                                  "내년 9월", "3분기", "연말까지", "오는 9월"])
def test_unresolved_without_published(extractor, text):
    facts = extractor(text).of_type("date")
    assert len(facts) == 1
    f = facts[0]
    assert f.value is None and f.relative is True


def test_absolute_dates_need_no_published(extractor):
    facts = extractor("2023년까지 645억원을 투입하고 2024-08-13 개정했다.").of_type("date")
    assert [(f.value, f.relative) for f in facts] == [("2023", False), ("2024-08-13", False)]


def test_facts_in_timestamps_and_clutter_are_dropped(extractor):
    text = ("  • 윤만형\n  • 등록 2024-08-13 15:12:01\n"
            "성동구는 지난 10년간 꾸준히 일자리 창출 노력을 해왔으며 2024년에 일자리대상을 받았다고 밝혔다.\n"
            "가장 많이 본 뉴스\n1. 다른 기사 8일 확정")
    doc = extractor(text)
    assert doc.published == D(2024, 8, 13)
    assert [(f.text, f.value) for f in doc.of_type("date")] == [("2024년", "2024")]


def test_long_text_spans(extractor):
    text = ("철도노조가 30일, 22일간 이어온 파업에 종지부를 고했다. " * 30) + "첫 징계위원회는 내년 1월 9일에 열릴 예정이다."
    doc = extractor(text, published="2013-12-31")
    facts = doc.of_type("date")
    assert all(text[f.start:f.end] == f.text for f in facts)
    assert facts[-1].value == "2014-01-09"
    assert sum(f.text == "30일" for f in facts) == 30
