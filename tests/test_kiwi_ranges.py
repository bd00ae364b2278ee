"""Kiwi reads only the article zones of a page (plus a line of context before each), and every
offset stays exact in the original text (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest

import kfacts
from kfacts import analysis
from kfacts.pipeline import kiwi_ranges
from kfacts.zones import find_zones

BODY_A = ("한빛시는 행정안전부 주관 평가에서 최우수기관으로 선정돼 대통령 표창을 받았다고 3일 밝혔다. "
          "시는 이번 평가에서 청년 일자리 1200개를 만들고 85억원을 투입한 점을 인정받았다.")
BODY_B = ("구는 2024년 9월 1일부터 소상공인 300곳에 20억원을 지원한다. "
          "김하늘 한빛시장은 \"지역 경제를 살리겠다\"고 말했다.")
MENU = "홈 | 정치 | 경제 | 사회 | 지역\n"
MOST_READ = ("가장 많이 본 뉴스\n1. 누리군, 500억원 들여 새 청사 짓는다\n"
             "2. 다솜시 박별님 의원, 국무총리 표창 받아\n3. 가온구 일자리 900개 늘어\n")
STAMP = "등록 2024-08-13 15:12:01\n"

PAGES = {
    "clutter_before": f"본문 바로가기\n{MENU}{MOST_READ}\n{BODY_A}\n",
    "clutter_after": f"{BODY_A}\n{BODY_B}\n{MOST_READ}Copyright © 한빛일보 무단전재 및 재배포 금지\n",
    "interleaved": f"{MENU}한빛시, 최우수기관 선정\n{STAMP}\n{BODY_A}\n기사수정\n{BODY_B}\n{MOST_READ}",
    "stamp_inside_line": f"{MENU}홍길동 기자 입력 2024.08.13 15:12\n{BODY_A}\n\n관련기사\n- 누리군 300억원 투자\n",
    "two_articles": (f"{BODY_A}\n/홍길동 기자 hong@example.co.kr\n\n{MOST_READ}\n가온구, 청렴도 1등급\n\n"
                     f"[한빛일보 박준 기자] {BODY_B}\n"),
}


class SpyKiwi:
    """A Kiwi that records every text it is given (counts the work; times nothing)."""

    def __init__(self, kiwi: Any) -> None:
        self._kiwi = kiwi
        self.seen: list[str] = []

    def tokenize(self, text: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(text, str):
            self.seen.append(text)
            return self._kiwi.tokenize(text, *args, **kwargs)
        return self._kiwi.tokenize(self._record(text), *args, **kwargs)

    def _record(self, texts: Any) -> Any:
        for t in texts:
            self.seen.append(t)
            yield t

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kiwi, name)


@pytest.fixture()
def spy(extractor: kfacts.Extractor) -> tuple[kfacts.Extractor, SpyKiwi]:
    kiwi = SpyKiwi(extractor.analyzer.kiwi)
    return kfacts.Extractor(kiwi=kiwi), kiwi


def _facts(doc: kfacts.Document) -> list[dict]:
    return [f.to_dict() for f in doc.facts]


def _whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the pipeline analyse the whole page again (the behaviour before ranges)."""
    monkeypatch.setattr("kfacts.pipeline.kiwi_ranges", lambda text, zones: None)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_facts_with_and_without_skipping(name: str, extractor: kfacts.Extractor,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    page = PAGES[name]
    skipped = extractor(page, published="2024-08-13")
    assert kiwi_ranges(page, skipped.zones) is not None, "the page has clutter Kiwi skips"
    with monkeypatch.context() as m:
        _whole(m)
        whole = extractor(page, published="2024-08-13")
    assert _facts(skipped) == _facts(whole)
    assert skipped.facts, "the article gives facts"
    for f in skipped.facts:
        assert page[f.span[0]:f.span[1]] == f.text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_tokens_exact_in_the_original_text(name: str, extractor: kfacts.Extractor) -> None:
    page = PAGES[name]
    ranges = kiwi_ranges(page, find_zones(page))
    assert ranges is not None
    part = extractor.analyzer.analyze(page, ranges)
    whole = extractor.analyzer.analyze(page)
    article = [z.span for z in find_zones(page) if z.kind == "article"]

    def in_article(t: analysis.Token) -> bool:
        return any(s <= t.start < e for s, e in article)

    key = lambda t: (t.form, t.tag, t.start, t.len)  # noqa: E731
    # every article token is where whole-page analysis puts it (these pages' lines end in full stops,
    # so nothing before a zone changes Kiwi's reading), and no token lies outside the analysed ranges
    assert [key(t) for t in part.tokens if in_article(t)] == [key(t) for t in whole.tokens if in_article(t)]
    assert all(any(s <= t.start and t.end <= e for s, e in ranges) for t in part.tokens)
    for t in part.tokens:
        if t.tag in ("NNP", "SN", "SL"):
            assert page[t.start:t.end] == t.form
    assert all(any(s <= a and b <= e for s, e in ranges) for a, b in part.sentences)


def test_kiwi_never_reads_the_skipped_clutter(spy: tuple[kfacts.Extractor, SpyKiwi]) -> None:
    ex, kiwi = spy
    page = PAGES["clutter_before"]
    doc = ex(page)
    read = "".join(kiwi.seen)
    assert "누리군" not in read and "가장 많이 본" not in read and "본문 바로가기" not in read
    assert BODY_A in read
    # the line right before the article is read as context, no more
    assert "3. 가온구 일자리 900개 늘어" in read
    assert len(read) < len(page) - 60
    assert doc.facts


def test_clutter_only_page_is_not_analysed(spy: tuple[kfacts.Extractor, SpyKiwi]) -> None:
    ex, kiwi = spy
    page = f"본문 바로가기\n{MENU}{MOST_READ}"
    assert all(z.kind == "clutter" for z in find_zones(page))
    doc = ex(page)
    assert kiwi.seen == []
    assert doc.facts == []
    assert ex("\n \n").facts == [] and kiwi.seen == []


def test_zoning_off_reads_the_whole_page(extractor: kfacts.Extractor) -> None:
    kiwi = SpyKiwi(extractor.analyzer.kiwi)
    ex = kfacts.Extractor(zoning=False, kiwi=kiwi)
    page = PAGES["clutter_before"]
    doc = ex(page)
    assert "".join(kiwi.seen) == page
    assert any(f.text == "500억원" for f in doc.facts), "facts from clutter are kept without zoning"


def test_long_page_chunks_and_ranges_together(extractor: kfacts.Extractor,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # longer than CHUNK_CHARS: each range is cut into chunks, offsets stay exact
    # an article zone longer than CHUNK_CHARS between clutter, and clutter between short zones
    page = f"{MENU}" + f"{BODY_A}\n" * 250 + (f"{MOST_READ}{BODY_B}\n" * 5)
    assert len(page) > analysis.CHUNK_CHARS
    doc = extractor(page, published="2024-08-13")
    ranges = kiwi_ranges(page, doc.zones)
    assert ranges is not None and len(ranges) > 1
    assert any(e - s > analysis.CHUNK_CHARS for s, e in ranges), "one range is cut into chunks"
    pieces = extractor.analyzer.pieces(page, ranges)
    assert all(page[o:o + len(c)] == c for o, c in pieces)
    assert all(any(s <= o and o + len(c) <= e for s, e in ranges) for o, c in pieces)
    for f in doc.facts:
        assert page[f.span[0]:f.span[1]] == f.text
    with monkeypatch.context() as m:
        _whole(m)
        whole = extractor(page, published="2024-08-13")
    assert _facts(doc) == _facts(whole)


def test_ranges_cover_article_lines_and_merge_over_blank_text() -> None:
    page = f"{MENU}\n\n{BODY_A}\n\n\n{BODY_B}\n{MOST_READ}"
    ranges = kiwi_ranges(page, find_zones(page))
    # one range: the menu line as context, both bodies (only blank lines between them), not the list
    assert ranges == [(0, page.index(MOST_READ))]
    assert kiwi_ranges(BODY_A, find_zones(BODY_A)) is None  # all article: the whole text
    assert kiwi_ranges("", []) is None or kiwi_ranges("", []) == []


def test_surrogates_and_nul_in_skipped_and_kept_parts(extractor: kfacts.Extractor) -> None:
    page = f"본문 바로가기\n{MENU}\ud800\x00{MOST_READ}{BODY_A}\x00\n{MOST_READ}"
    doc = extractor(page, published="2024-08-13")
    assert doc.facts
    for f in doc.facts:
        assert page[f.span[0]:f.span[1]] == f.text
