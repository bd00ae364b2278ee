"""Zoning: page clutter is not the article (SPEC section 1)."""

from __future__ import annotations

import pytest

from kfacts.zones import find_zones


def _kind_at(text: str, needle: str) -> tuple[str, str | None]:
    pos = text.index(needle)
    for z in find_zones(text):
        if z.start <= pos < z.end:
            return z.kind, z.reason
    raise AssertionError("no zone")


ARTICLE = ("부산 해운대구는 행정안전부 주관 평가에서 최우수기관으로 선정됐다고 3일 밝혔다. "
           "구는 이번 평가에서 지역 일자리 정책으로 좋은 점수를 받았다.")


CASES = [
    (f"본문 바로가기\n{ARTICLE}\n", "본문 바로가기", "clutter", "boilerplate"),
    (f"{ARTICLE}\n가장 많이 본 뉴스\n1. 대구시, 1000억원 투자 유치\n", "대구시", "clutter", "most_read_list"),
    (f"{ARTICLE}\n많이 본 기사\n- 서울시 예산 2조원\n", "서울시", "clutter", "most_read_list"),
    (f"{ARTICLE}\n관련기사\n- 울산 북구 일자리 500개\n", "울산", "clutter", "related_list"),
    (f"{ARTICLE}\nCopyright © 부산일보. 무단전재 및 재배포 금지.\n- 다른 기사 제목 100억원\n", "다른 기사", "clutter", "copyright"),
    (f"{ARTICLE}\n저작권자 © 뉴스 무단전재 및 재배포 금지\n", "저작권자", "clutter", "copyright"),
    (f"{ARTICLE}\nⓒ 한빛일보 무단 전재 금지\n", "한빛일보", "clutter", "copyright"),
    # a photo credit with a bare © is not the end of the article
    (f"{ARTICLE}\n(서울시 제공)© News1\n시는 오는 5일 행사를 연다고 밝혔다.\n", "오는 5일", "article", None),
    (f"{ARTICLE}\n/홍길동 기자 hong@example.co.kr\n\n다른 기사 제목\n다른 기사의 첫 문장이다.\nexample.co.kr\n", "다른 기사의", "clutter", "after_byline"),
    (f"제목\n등록 2025-03-04 10:00\n{ARTICLE}\n", "2025-03-04", "clutter", "timestamp"),
    (f"제목\n입력 2025.03.04 10:00 수정 2025.03.05 11:00\n{ARTICLE}\n", "2025.03.05", "clutter", "timestamp"),
    (f"{ARTICLE}\n728x90\n반응형\n", "728x90", "clutter", "boilerplate"),
    (f"{ARTICLE}\n이 글자크기로 변경됩니다.\n", "글자크기", "clutter", "boilerplate"),
    (f"오늘의 날씨 | 구독 | 제보\n{ARTICLE}\n", "오늘의 날씨", "clutter", "boilerplate"),
    (f"홈 > 지역 > 부산\n{ARTICLE}\n", "홈 > 지역", "clutter", "boilerplate"),
    (f"뉴스 | 전체메뉴 | 정치 | 경제 | 로그인\n{ARTICLE}\n", "전체메뉴", "clutter", "boilerplate"),
    (f"{ARTICLE}\n매출은 3분기 100억원 | 4분기 120억원 | 연간 400억원으로 늘었다.\n", "연간 400억원", "article", None),
    (f"본문 바로가기\n{ARTICLE}\n", "해운대구는", "article", None),
    # two articles on one page: the second opens with its own byline after the first one's closing byline
    (f"{ARTICLE}\n/홍길동 기자 hong@example.co.kr\n\n광주 북구, 청렴도 2등급\n\n[한빛일보 박준 기자] 광주 북구는 상을 받았다고 밝혔다.\n",
     "광주 북구는", "article", None),
    (f"{ARTICLE}\n/홍길동 기자 hong@example.co.kr\n\n광주 북구, 청렴도 2등급\n\n[한빛일보 박준 기자] 광주 북구는 상을 받았다고 밝혔다.\n",
     "청렴도 2등급", "article", None),
    # a short article before the list: the list is still clutter
    ("광주시는 상을 받았다.\n가장 많이 본 뉴스\n- 홍길동 의원 기사\n", "홍길동", "clutter", "most_read_list"),
    # a most-read box printed above the article takes only its own lines
    (f"가장 많이 본 뉴스\n1. 대구시 1000억원 유치\n2. 서울시 예산 2조원\n{ARTICLE}\n", "대구시", "clutter", "most_read_list"),
    (f"가장 많이 본 뉴스\n1. 대구시 1000억원 유치\n2. 서울시 예산 2조원\n{ARTICLE}\n", "해운대구는", "article", None),
    (f"{ARTICLE}\n가장 많이 본 뉴스\n1. 다른 기사\n", "구는 이번", "article", None),
    # a headline list with "- " bullets before the body is the article's sub-headlines
    (f"해운대구, 최우수기관 선정\n- 행정안전부 평가에서 최우수\n- 일자리 정책 호평\n{ARTICLE}\n", "일자리 정책 호평", "article", None),
    # a notice quoted in a long article line is not a copyright line
    (ARTICLE + " 저작권자 단체는 " + "이번 결정을 환영한다며 " * 20 + "\n", "환영한다며", "article", None),
]


@pytest.mark.parametrize("page,needle,kind,reason", CASES, ids=[f"{c[1]}->{c[3] or c[2]}" for c in CASES])
def test_zone_of(page, needle, kind, reason):
    assert _kind_at(page, needle) == (kind, reason)


def test_zones_partition_the_text():
    page = f"본문 바로가기\n제목\n등록 2025-03-04 10:00\n{ARTICLE}\n가장 많이 본 뉴스\n1. 기사\n"
    zones = find_zones(page)
    assert zones[0].start == 0 and zones[-1].end == len(page)
    for a, b in zip(zones, zones[1:]):
        assert a.end == b.start


def test_seed_pages_keep_every_gold_fact_in_the_article(shared_dir):
    from kfacts.evaluation import read_gold

    for name in ("seeds", "wikinews_dev"):
        for rec in read_gold(shared_dir / "gold" / f"{name}.jsonl", root=shared_dir):
            art = [z.span for z in find_zones(rec["text"]) if z.kind == "article"]
            for f in rec["facts"]:
                s, e = f["span"]
                assert any(a <= s and e <= b for a, b in art), (rec["id"], f["text"])


def test_seed_clutter_is_found(shared_dir):
    text = (shared_dir / "seeds" / "003_90e65aef2eb17017.txt").read_text(encoding="utf-8")
    assert _kind_at(text, "가장 많이 본 뉴스")[0] == "clutter"
    assert _kind_at(text, "제천문화원")[0] == "clutter"
    assert _kind_at(text, "성동구(구청장")[0] == "article"


def _top_alternatives(pattern: str) -> list[str]:
    """``pattern`` split at its ``|`` outside groups and character classes; a group spanning a whole
    alternative but for anchors (``^\\W*(?:a|b)\\W*$``) is split into its own alternatives."""
    def split(src: str) -> list[str]:
        out, depth, cls, cur, i = [], 0, False, "", 0
        while i < len(src):
            ch = src[i]
            if ch == "\\":
                cur += src[i:i + 2]
                i += 2
                continue
            if cls:
                cls = ch != "]"
            elif ch == "[":
                cls = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            elif ch == "|" and depth == 0:
                out.append(cur)
                cur = ""
                i += 1
                continue
            cur += ch
            i += 1
        return out + [cur]

    alts = []
    for alt in split(pattern):
        if alt.startswith("^\\W*(?:") and alt.endswith(")\\W*$"):
            alts.extend(split(alt[len("^\\W*(?:"):-len(")\\W*$")]))
        else:
            alts.append(alt)
    return alts


#: one line per alternative of zones._BOILERPLATE, in its order
BOILERPLATE_SAMPLES = ["본문 바로가기", "기사 메일전송", "기사수정", "기사 스크랩", "공유하기", "목록 바로가기", "인쇄",
                       "이전기사 보기 한빛시 소식", "다음 기사 보기", "모바일 버전 바로가기", "728x90", "반응형",
                       "역사왜곡", "댓글 3", "좋아요", "구독", "www.hanbit-news.co.kr", "글자 크기 조절",
                       "본문 보기를 권장합니다", "다음뉴스에서 보기", "네이버 뉴스 구독", "지금 구독하세요",
                       "SNS 기사보내기", "기사원문 보기", "기사 제보하기", "카카오톡 채널 추가"]


def test_boilerplate_prefilter_keeps_every_alternative():
    # zones._BOILERPLATE_WORDS skips the full search on lines without its literals: every
    # alternative must hold one, so a new alternative needs a sample here (and maybe a literal there)
    from kfacts import zones

    alts = _top_alternatives(zones._BOILERPLATE.pattern)
    assert len(alts) == len(BOILERPLATE_SAMPLES)
    for alt, line in zip(alts, BOILERPLATE_SAMPLES):
        assert zones.re.fullmatch(r"\W*(?:" + alt + r")\W*|.*(?:" + alt + ").*", line), (alt, line)
        assert zones._BOILERPLATE.search(line) is not None, line
        assert zones._BOILERPLATE_WORDS.search(line) is not None, (alt, line)
        assert zones._boilerplate(line)


def test_menu_prefilter_needs_two_separators():
    from kfacts import zones

    assert zones._is_menu("정치 | 경제 | 사회") and zones._is_menu("홈 > 지역 > 부산")
    assert not zones._is_menu("정치 | 경제") and not zones._is_menu("한빛시는 새 다리를 지었다.")
