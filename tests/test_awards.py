"""Award extractor: lexicon helpers, disabling a rule, the example tables' size.

The behaviour on sentences is tested by the example table
(src/kfacts/extractors/awards/examples.toml, run strictly with every built-in
table: ``pytest --kfacts-builtin``);
this file tests what a table cannot. Rule ids, fields, spans and examples of every rule:
test_invariants.py; the gold, fact by fact: test_gold.py.
"""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from kfacts.examples import load_examples
from kfacts.extractors import awards
from kfacts.extractors.awards import lexicon as lx

EXAMPLES = sorted(Path(awards.__file__).parent.glob("examples*.toml"))


def test_lexicon_doctests():
    failures, _ = doctest.testmod(lx)
    assert failures == 0


@pytest.mark.parametrize("phrase, award", [
    ("최우수상", "최우수"), ("최우수기관", "최우수"), ("최우수 등급", "최우수"), ("최우수 지자체", "최우수"),
    ("우수상", "우수"), ("우수기관", "우수"), ("우수 자치단체", "우수"), ("우수등급", "우수"),
    ("장려상", "장려"), ("특별상", "특별"), ("금상", "금상"), ("은상", "은상"), ("동상", "동상"),
    ("대상", "대상"), ("종합대상", "대상"), ("최고등급", "최고등급"), ("최고 등급", "최고등급"),
    ("SA등급", "최고등급"), ("S등급", "최고등급"),
])
def test_level_of(phrase, award):
    assert lx.level_of(phrase) == award


@pytest.mark.parametrize("phrase, award", [
    ("대통령상", "대통령상"), ("대통령 표창", "대통령 표창"), ("국무총리상", "국무총리상"),
    ("국무총리 표창", "국무총리 표창"), ("장관상", "장관상"), ("행정안전부장관상", "장관상"),
    ("행정안전부장관 표창", "장관 표창"), ("교육부 장관 표창", "장관 표창"),
])
def test_honor_of(phrase, award):
    assert lx.honor_of(phrase) == award


@pytest.mark.parametrize("phrase", ["A등급", "1위", "상금", "수상", "최우수 사례", "우수사례"])
def test_not_a_level_or_honor(phrase):
    assert lx.level_of(phrase) is None and lx.honor_of(phrase) is None


@pytest.mark.parametrize("word", ["인상", "보상", "배상", "영상", "예수상", "광화문조각상", "시상", "첫인상"])
def test_non_prizes(word):
    assert lx.is_non_prize(word)


@pytest.mark.parametrize("word", ["황금종려상", "남우주연상", "공로상", "여성운동상"])
def test_named_prizes_are_not_filtered(word):
    assert not lx.is_non_prize(word)


@pytest.mark.parametrize("title, ok", [
    ("2024 전국 기초단체장 매니페스토 우수사례 경진대회", True),
    ("2024 민선 8기 전국 기초단체장 공약이행·정보공개 평가(주관 한국매니페스토실천본부)", True),
    ("2021 한국의 경영대상", True),
    ("일자리 및 고용 환경 개선 완화", False),
    ("인공지능 특화산업 실증센터 개소식", False),
    ("우수상", False),
])
def test_event_like(title, ok):
    assert lx.event_like(title) is ok


def test_prize_windows_cover_every_candidate():
    text = "광주시는 최우수기관으로, 동구는 우수 지자체로, 북구는 행정안전부장관상을 받았다. " * 3
    full = [m.span() for m in lx.PRIZE_RE.finditer(text)]
    windowed = [m.span() for ws, we in lx.prize_windows(text) for m in lx.PRIZE_RE.finditer(text, ws, we)]
    assert windowed == full and len(full) == 9


def test_a_prize_level_in_a_named_event(extractor):
    doc = extractor("광주광역시가 ‘2021 한국의 경영대상’에서 고객만족경영 부문 대상을 수상했다.")
    assert [f.text for f in doc.of_type("award")] == ["대상"]


def test_disabling_a_rule_removes_its_facts(extractor):
    import kfacts

    text = "부산광역시는 ‘2022 정부혁신 우수사례 경진대회’에서 대통령상을 수상했다."
    assert extractor(text).of_type("award")
    off = kfacts.Extractor(disable=["award.honor"], kiwi=extractor.analyzer.kiwi)
    assert not off(text).of_type("award")


def test_example_table_size():
    exs = [e for p in EXAMPLES for e in load_examples(p)]
    negatives = [e for e in exs if not e.expect]
    assert len(exs) >= 60 and len(negatives) >= 15
    assert all(e.types == ["award"] for e in exs)
