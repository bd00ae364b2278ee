"""Hostile input: no exception, every span exact, amounts not negative (hypothesis + fixed cases)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kfacts
from kfacts.pipeline import PUBLISHED_RANGE

# pieces that make extractors fire, to mix with arbitrary characters
PIECES = [
    "억", "원", "만", "조", "천", "약 ", "여", "명", "개", "일자리", "신규", "년", "월", "일", "지난 ", "오는 ",
    "내년", "올해", "작년 말", "광주시", "광주광역시 동구", "동구는", "구청장", "시장", "기자", "최우수상", "대상",
    "수상", "주관", "분야", "부문", "'", "‘", "’", "“", "(", ")", "[", "]", "·", "~", "-", ".", ",", " ", "\n",
    "2024", "1,000", "3.5", "12", "삼천", "오백", "이", "사", "가장 많이 본 뉴스", "Copyright ©", "등록 2024-08-13",
    "\u200b", "\ufeff", "\x00", "\ud800", "😀", "<br>", "&nbsp;",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40),
       # dates outside PUBLISHED_RANGE are refused with KF104 (tests/test_safety.py)
       st.one_of(st.none(), st.dates(*PUBLISHED_RANGE).map(lambda d: d.isoformat())))
def test_property_spans_exact_for_composed_text(check_document, parts, published):
    text = "".join(parts)
    check_document(kfacts.extract(text, published=published), text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=200))
def test_property_spans_exact_for_any_text(check_document, text):
    check_document(kfacts.extract(text), text)


# numerals, units and particles only: what the amount parsers read
NUMERAL_SOUP = list("0123456789,.~- 약여대억만조천백십일이삼사오육칠팔구원달러엔유로위안센트불명개일자리채용고용의을이가는\n$€₩") + [
    "원", "달러", " 원", "억원", "만 원", "가량", "이상", "정도", "수", "몇", "일자리", "채용"]


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NUMERAL_SOUP), max_size=30).map("".join))
def test_property_spans_exact_for_numeral_soup(check_document, text):
    check_document(kfacts.extract(text), text)


@pytest.mark.parametrize("text", [
    "",
    "상", "대상", "최우수상", "(((최우수상", "수상자로", "노벨상", "’’‘‘대상’’", "상을 받았다" * 200,
    "표창\n\n\n대통령 표창", "1위 " * 500,
    " ",
    "\n\n\n",
    "\x00\x01\x02광주시\x07는 100억원을",
    "\ud800\udc00\udfff 광주시는 2024년 8월 13일 \ud83d",
    "<html><body><p>광주시는 <b>100억원</b>을 투자했다.</p><script>var x=1;</script></body></html>",
    "😀😀 광주시는 😀 100억원을 😀 투자했다 🎉",
    "광주시는 investment of $10 million과 100億원, ٣٤٥ and Ελλάδα 2024년",
    "ㅋㅋㅋㅋㅋ 뷁뷁 ㄱㄴㄷ 100억 ??? !!! ...",
    "억" * 1000,
    "1" * 5000 + "억원",
    "년월일" * 500,
])
def test_hostile_inputs(check_document, text):
    check_document(kfacts.extract(text, published="2024-08-13"), text)


def test_huge_text_5mb():
    unit = ("광주광역시 동구는 2024년 8월 1일 100억원을 투자해 신규 일자리 190명을 만들었다고 밝혔다. "
            "임택 동구청장은 최우수상을 받았다.\n")
    text = unit * (5_000_000 // len(unit) + 1)
    assert len(text) >= 5_000_000
    doc = kfacts.extract(text, published="2024-08-13")
    sample = doc.facts[:: max(1, len(doc.facts) // 500)]
    for f in sample:
        assert text[f.span[0]:f.span[1]] == f.text
    assert doc.zones[-1].end == len(text)
