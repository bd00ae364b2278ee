"""The money extractor: currencies, cents, disabling a rule, and the subject pass at scale.

The development gold is scored fact by fact in test_gold.py.
"""

from __future__ import annotations

import pytest

import kfacts
from kfacts.normalize.money import currency_code, money_value


def test_amounts_ranges_and_symbols(extractor):
    doc = extractor("총 50억 규모의 펀드와 3~5억 원, $10, 약 11억원을 마련했다.")
    assert [f.text for f in doc.of_type("money")] == ["50억", "3~5억 원", "3~5억 원", "$10", "약 11억원"]


def test_disabling_implicit_won_keeps_the_others():
    ex = kfacts.Extractor(disable=["money.implicit_won"])
    doc = ex("국비 30억 확보에 이어 100억원을 더 투입한다.")
    assert [(f.text, f.rule) for f in doc.of_type("money")] == [("100억원", "money.amount")]


@pytest.mark.parametrize("word,context,code", [
    ("원", "", "KRW"), ("원화", "", "KRW"), ("달러", "", "USD"), ("불", "", "USD"), ("센트", "", "USD"),
    ("엔화", "", "JPY"), ("위안", "", "CNY"), ("유로", "", "EUR"), ("파운드", "", "GBP"), ("루피아", "", "IDR"),
    ("홍콩 달러", "", "HKD"), ("크로네", "노벨위원회는", "SEK"), ("크로네", "덴마크 정부는", "DKK"),
    ("크로네", "노르웨이", "NOK"), ("크로나", "", "SEK"), ("페소", "아르헨티나 정부", "ARS"), ("$", "", "USD"),
    ("€", "", "EUR"), ("₩", "", "KRW"), ("usd", "", "USD"), ("명", "", None),
])
def test_currency_code(word, context, code):
    assert currency_code(word, context) == code


def test_money_value_cents():
    assert money_value(23, "센트") == 0.23
    assert money_value(100, "센트") == 1
    assert money_value(5, "달러") == 5


def test_subject_pass_on_one_endless_sentence_of_amounts_and_actors(extractor):
    # no period anywhere: every amount shares one sentence with thousands of actors; the subject
    # pass looks up its actor by bisection, so this stays cheap (a very generous limit)
    import time

    text = "".join(f"광주시는 국비 {i + 1}억 원을 확보하고 ㈜한빛소재{i % 7}가 {i + 2}억 원을 투자하며 " for i in range(1500))
    t = time.perf_counter()
    doc = extractor(text)
    assert time.perf_counter() - t < 120
    money = doc.of_type("money")
    assert len(money) == 3000
    assert all(doc.text[f.start:f.end] == f.text for f in money)
    assert money[0].subject == "광주광역시"
