"""The person extractor: lexicon files, null fields, evidence spans.

The example table (``extractors/people/examples.toml``) is run by the kfacts pytest plugin,
one test item per example; this file checks what a table cannot say
(null fields, well-formed lexicons). Rule ids, fields and spans on whole pages:
test_invariants.py; the gold, fact by fact: test_gold.py.
"""

from __future__ import annotations

import doctest

import pytest

from kfacts.extractors.people import extra, lexicon, names, orgs, outlet

ALLOWED_LG = {None, "city", "gu", "gun", "do"}
ALLOWED_GROUP = {None, "press", "corp", "common"}


def _persons(extractor, text, published=None):
    return extractor(text, published=published).of_type("person")


# -- lexicons -----------------------------------------------------------------------------
def test_titles_lexicon_is_well_formed():
    titles = lexicon.titles()
    assert len(titles) >= 80
    for t in titles.values():
        assert t.title and " " not in t.title
        assert all("{}" in tmpl for tmpl in t.fuse), t
        assert t.lg in ALLOWED_LG, t
        assert t.group in ALLOWED_GROUP, t


def test_title_regex_prefers_the_longest_title():
    rx = lexicon.title_regex()
    assert rx.search("동구청장은").group() == "구청장"
    assert rx.search("국회의원 영상축사").group() == "국회의원"
    assert rx.search("대표이사는").group() == "대표이사"
    assert rx.search("시장경제") is None  # a title must end its word
    assert rx.search("기자회견") is None


def test_surnames_include_two_syllable_ones():
    sn = lexicon.surnames()
    for s in ("김", "이", "박", "최", "정", "남궁", "황보", "제갈", "선우", "독고"):
        assert s in sn
    assert lexicon.split_surname("황보관") == ("황보", "관")
    assert lexicon.split_surname("선우은숙") == ("선우", "은숙")


@pytest.mark.parametrize("module", [lexicon, names, orgs, outlet], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0


# -- null fields (TOML has no null) -----------------------------------------------------------
def test_president_has_no_org(extractor):
    (p,) = _persons(extractor, "파업에 대한 피로감으로 박근혜 대통령의 지지도가 하락했다.")
    assert (p.name, p.title, p.org) == ("박근혜", "대통령", None)


def test_people_without_titles(extractor):
    ps = _persons(extractor, "수영구 남천동에 사는 김은경(53) 씨는 도로를 걷고 있었다.")
    assert [(p.name, p.title, p.org) for p in ps] == [("김은경", None, None)]


def test_byline_name_line_has_no_title(extractor):
    text = "성동구, 일자리대상 수상\n  • 윤만형\n  • 등록 2024-08-13 15:12:01\n\n서울 성동구가 상을 받았다."
    (p,) = _persons(extractor, text)
    assert (p.name, p.title, p.org) == ("윤만형", None, None)


def test_reporter_without_outlet_has_no_org(extractor):
    (p,) = _persons(extractor, "시는 내년부터 사업을 추진한다.\n박진표 기자")
    assert (p.name, p.title, p.org) == ("박진표", "기자", None)


def test_evidence_spans_point_at_title_and_org(extractor):
    text = "개소식에는 조인철 광주시 문화경제부시장이 참석했다."
    (p,) = _persons(extractor, text)
    s, e = p.evidence["title"]
    assert text[s:e] == "문화경제부시장"
    s, e = p.evidence["org"]
    assert text[s:e] == "광주시"


def test_extra_helpers_are_pure(extractor):
    # the extra rules only read the context: running twice gives the same facts
    text = "해양수산부는 이명박 정부가 들어오면서 폐지된 바 있다."
    a = [f.to_dict() for f in _persons(extractor, text)]
    b = [f.to_dict() for f in _persons(extractor, text)]
    assert a == b and extra is not None


def test_no_company_is_guessed_between_two(extractor):
    text = ("삼성물산은 합병했다. 삼성물산 주주와 삼성물산 노조, 국민연금공단, 국민연금공단 이사회가 반대했다. "
            "이재용 부회장은 침묵했다.")
    (p,) = _persons(extractor, text)
    assert (p.title, p.org) == ("부회장", None)
