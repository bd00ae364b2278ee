"""The organization extractor's public helpers and lexicon data.

The extraction behaviour itself is tested by the example tables
(src/kfacts/extractors/organizations/examples*.toml), each example one test item collected by
the kfacts pytest plugin (``kfacts_builtin_examples`` in pyproject.toml). Rule ids, fields and
spans: test_invariants.py; the gold, fact by fact: test_gold.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kfacts.extractors import organizations as org
from kfacts.extractors.organizations import lexicon, regions
from kfacts.extractors.organizations.patterns import is_particles, trie_regex
from kfacts.fact import ORG_KINDS

PKG = Path(org.__file__).parent
D = dt.date


@pytest.mark.parametrize(
    "surface, published, context, expected",
    [
        ("행안부", D(2024, 1, 1), None, ("행정안전부", "central_government")),
        # 안행부 era: no 행안부 in force, the nearest period's 행정안전부 (2008-2013) is taken
        ("행안부", D(2014, 1, 1), None, ("행정안전부", "central_government")),
        ("안행부", D(2014, 1, 1), None, ("안전행정부", "central_government")),
        ("광주시", None, None, ("광주광역시", "local_government")),
        ("광주시", None, "경기도", ("경기도 광주시", "local_government")),
        ("광주", None, None, ("광주광역시", "local_government")),
        ("동구", None, "광주광역시", ("광주광역시 동구", "local_government")),
        ("동구", None, "광주", ("광주광역시 동구", "local_government")),
        ("동구", None, None, None),
        ("부산 해운대구", None, None, ("부산광역시 해운대구", "local_government")),
        ("해운대구청", None, None, ("부산광역시 해운대구", "local_government")),
        ("서울시", None, None, ("서울특별시", "local_government")),
        ("전남", None, None, ("전라남도", "local_government")),
        ("충남도", None, None, ("충청남도", "local_government")),
        ("충남도의회", None, None, ("충청남도의회", "legislature")),
        ("광주시의회", None, None, ("광주광역시의회", "legislature")),
        ("인천 서구", D(2025, 1, 1), None, ("인천광역시 서구", "local_government")),
        ("인천 서구", D(2026, 8, 1), None, ("인천광역시 서해구", "local_government")),
        ("인천 동구", D(2026, 8, 1), None, ("인천광역시 제물포구", "local_government")),
        ("동탄구", D(2026, 3, 1), None, ("경기도 화성시 동탄구", "local_government")),
        ("강원도", D(2022, 1, 1), None, ("강원도", "local_government")),
        ("강원도", D(2024, 1, 1), None, ("강원특별자치도", "local_government")),
        ("춘천시", D(2022, 1, 1), None, ("강원도 춘천시", "local_government")),
        ("코레일", None, None, ("한국철도공사", "public_agency")),
        ("철도노조", None, None, ("전국철도노동조합", "association")),
        ("현대차", None, None, ("현대자동차", "company")),
        ("GGM", None, None, ("광주글로벌모터스", "company")),
        ("광주TP", None, None, ("광주테크노파크", "public_agency")),
        ("전남대병원", None, None, ("전남대학교병원", "hospital")),
        ("조선대학교 병원", None, None, ("조선대학교병원", "hospital")),
        ("이화여대", None, None, ("이화여자대학교", "university")),
        ("순천향대", None, None, ("순천향대학교", "university")),
        ("㈜태성", None, None, ("태성", "company")),
        ("국회 국토교통위", D(2013, 12, 31), None, ("국회 국토교통위원회", "legislature")),
        ("민주당", D(2013, 12, 31), None, ("민주당", "party")),
        ("민주당", D(2022, 9, 16), None, ("더불어민주당", "party")),
        ("청와대", D(2020, 1, 1), None, ("청와대", "central_government")),
        ("청와대", D(2023, 1, 1), None, None),
        ("농촌 진흥청", None, None, ("농촌진흥청", "central_government")),
        ("정부", None, None, None),
        ("구청", None, None, None),
    ],
)
def test_canonicalize(surface, published, context, expected):
    assert org.canonicalize(surface, published, context) == expected


@pytest.mark.parametrize(
    "word, context, expected",
    [
        ("동구청장", "광주광역시", ("광주광역시 동구", "local_government", "구청장")),
        ("경북도지사", None, ("경상북도", "local_government", "도지사")),
        ("충남지사", None, ("충청남도", "local_government", "지사")),
        ("광주시장", None, ("광주광역시", "local_government", "시장")),
        ("칠곡군수", None, ("경상북도 칠곡군", "local_government", "군수")),
        ("광주시의원", None, ("광주광역시의회", "legislature", "시의원")),
        ("동구청장", None, None),
        ("시장", None, None),
    ],
)
def test_split_title(word, context, expected):
    assert org.split_title(word, None, context) == expected
    assert org.local_government_of_title(word, None, context) == (expected[0] if expected else None)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("광주시는 예산을 늘렸다. 남구는 도로를 넓혔다.", "광주광역시"),
        ("/광주=김상진 기자 동구는 상을 받았다.", "광주광역시"),
        ("서울 성동구가 수상했다. 서울시 자치구 중 처음이다.", "서울특별시"),
        ("해운대구는 해변을 정비했다.", "부산광역시"),
        ("경기 광주시는 규제를 강화했다. 광주시 관계자는 말했다.", "경기도"),
        ("국방부는 이번 달 25일 시행령을 개정했다.", None),
    ],
)
def test_region_of_text(text, expected):
    assert org.region_of_text(text) == expected


def test_document_region_is_cached_and_uses_article_zones(extractor):
    from kfacts.extractors.base import Context
    from kfacts.fact import Zone

    text = "대구시는 방역을 강화했다.\n가장 많이 본 뉴스 부산시 부산시 부산시"
    cut = text.index("\n")
    ctx = Context(text, None, extractor.analyzer.analyze(text).tokens, [], [Zone("article", (0, cut))])
    assert org.document_region(ctx) == "대구광역시"
    assert org.document_region(ctx) == "대구광역시"


def test_lexicon_rows_are_well_formed():
    entries = lexicon.load_organizations()
    assert len(entries) > 300
    for e in entries:
        assert e.kind in ORG_KINDS or e.kind == lexicon.NOT_AN_ORG, e
        assert not (e.valid_from and e.valid_to and e.valid_from > e.valid_to), e
        assert not re.search(r"㈜|\(주\)|주식회사", e.canonical), e


def test_local_governments_table():
    lg = regions.LG
    levels = {}
    for u in lg.units.values():
        levels[u.level] = levels.get(u.level, 0) + 1
        if u.successor:
            assert u.successor in lg.units, u
            assert u.valid_to is not None, u
    current = [u for u in lg.units.values() if u.valid_at(D(2025, 9, 1))]
    assert sum(u.level == "sido" for u in current) == 17
    assert sum(u.level == "sigungu" for u in current) == 228
    # 2026 reforms
    after = {u.name for u in lg.units.values() if u.valid_at(D(2026, 7, 1))}
    assert {"인천광역시 제물포구", "인천광역시 영종구", "인천광역시 검단구", "인천광역시 서해구"} <= after
    assert "인천광역시 서구" not in after and "인천광역시 동구" not in after
    assert {"경기도 화성시 만세구", "경기도 화성시 효행구", "경기도 화성시 병점구", "경기도 화성시 동탄구"} <= after


def test_ambiguous_short_forms_come_from_the_table():
    """A short form is ambiguous when the local-government table gives it several units (no list of
    ambiguous names is kept apart from the table, to drift from it)."""
    def names(form):
        return {regions.LG.at(u, None).name for u in regions.LG.by_form[form]}

    assert {"부산광역시 동구", "대구광역시 동구", "울산광역시 동구"} <= names("동구")
    assert {"경상남도 고성군", "강원특별자치도 고성군"} <= names("고성")
    assert len(names("강서구")) == 2 and len(names("수원시")) == 1


def test_word_lists_kept_apart_from_the_country_names_hold_what_their_comments_say():
    """organizations/words.tsv reads people/countries.tsv where a list means the same (companies), and keeps
    its own country lists where they mean something else: a Korean name in them would make a Korean body
    foreign (한국 기상청) or a Korean party another country's. Each head-word list names a kind."""
    from kfacts.extractors import wordlists
    from kfacts.extractors.organizations import companies, names

    assert companies.COUNTRIES == wordlists.countries()
    for name in ("foreign_states", "party_countries", "university_countries", "national_body_countries"):
        assert not {"한국", "대한민국"} & set(lexicon.WORDS[name]), name
    assert "북한" not in lexicon.WORDS["foreign_states"] and "북한" not in lexicon.WORDS["party_countries"]
    assert set(names.SUFFIX_KINDS.values()) <= set(ORG_KINDS)
    assert names.SUFFIX_KINDS["테크노파크"] == "public_agency" and names.SUFFIX_KINDS["일보"] == "media"

def test_organizations_of_a_sentence(extractor):
    doc = extractor("광주시는 행안부와 협약을 맺었다. ㈜태성과 전남대병원, 동구청장도 참석했다.", published="2024-01-01")
    assert [f.text for f in doc.of_type("organization")] == ["광주시", "행안부", "㈜태성", "전남대병원", "동구"]


def test_trie_regex_is_longest_first():
    r = re.compile(trie_regex(["국토부", "국토교통부", "국회", "국회 국토교통위원회"]))
    assert r.match("국회 국토교통위원회는").group(0) == "국회 국토교통위원회"
    assert r.match("국회는").group(0) == "국회"
    assert re.fullmatch(trie_regex(["농촌진흥청"], optional_space=True), "농촌 진흥청")


def test_particles():
    assert is_particles("") and is_particles("는") and is_particles("와의")
    assert not is_particles("김치") and not is_particles("형일자리")
