"""The money extractor: rules, fields, currencies, and spans on the bench corpus.

The development gold is scored fact by fact in test_gold.py.
"""

from __future__ import annotations

import json

import pytest

import kfacts
from kfacts.extractors import money
from kfacts.fact import FACT_FIELDS
from kfacts.normalize.money import currency_code, money_value


def test_rules_are_named_records():
    ids = [r.id for r in money.RULES]
    assert len(ids) == len(set(ids))
    assert all(r.type == "money" and r.id.startswith("money.") and r.description for r in money.RULES)


def test_facts_carry_exactly_the_spec_fields(extractor):
    doc = extractor("총 50억 규모의 펀드와 3~5억 원, $10, 약 11억원을 마련했다.")
    facts = doc.of_type("money")
    assert len(facts) == 5
    rule_ids = {r.id for r in money.RULES}
    for f in facts:
        assert set(f.fields) == set(FACT_FIELDS["money"]) | {"subject"}  # subject: SPEC §2, given by a last pass
        assert f.rule in rule_ids
        assert doc.text[f.start:f.end] == f.text


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


def test_bench_corpus_spans_and_values(shared_dir, extractor):
    path = shared_dir / "bench" / "wikinews_ko.jsonl"
    if not path.is_file():
        pytest.skip(f"bench corpus not found at {path}")
    n = 0
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        doc = extractor(d["text"], published=d.get("published"))
        for f in doc.of_type("money"):
            assert d["text"][f.start:f.end] == f.text
            assert f.value > 0 and f.currency and isinstance(f.approx, bool), f
            n += 1
    assert n > 100


_ALPHABET = list("0123456789,.~- 약여대억만조천백십일이삼사오육칠팔구원달러엔유로위안센트불명개일자리채용고용의을이가는\n$€₩") + [
    "원", "달러", " 원", "억원", "만 원", "가량", "이상", "정도", "수", "몇", "일자리", "채용"]


def test_random_numeral_soup_never_breaks_spans(extractor):
    """Any mix of numerals, units and particles: no exception, every span exact, values positive."""
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=150, deadline=None, derandomize=True)
    @hypothesis.given(st.lists(st.sampled_from(_ALPHABET), max_size=30).map("".join))
    def check(text):
        doc = extractor(text)
        for f in doc.facts:
            assert text[f.start:f.end] == f.text
            if f.type in ("money", "jobs"):
                assert f.value is not None and f.value >= 0
    check()


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
