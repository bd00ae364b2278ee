"""Publication-date detection from a page's own timestamp lines (kfacts.published)."""

from __future__ import annotations

import datetime as dt

import pytest

from kfacts.published import find_published, find_timestamps
from kfacts.zones import find_zones

D = dt.date

PUBLISHED = [
    ("  • 윤만형\n  • 등록 2024-08-13 15:12:01\n기사수정\n본문", D(2024, 8, 13)),
    ("본문 바로가기\n박진표기자\n제목\n\nby 광주일보 2020. 12. 29.\n728x90\n본문", D(2020, 12, 29)),
    ("제목\n승인 2023.08.03 12:50\n본문", D(2023, 8, 3)),
    ("제목\n입력 2024.08.01 10:00\n본문", D(2024, 8, 1)),
    ("제목\n[입력 2024-08-01 10:00]\n본문", D(2024, 8, 1)),
    ("제목\n기사입력 2024.08.01 오전 10:00\n본문", D(2024, 8, 1)),
    ("제목\n입력 : 2024. 08. 01 10:00\n본문", D(2024, 8, 1)),
    ("제목\n송고시간2024-08-13 15:12\n본문", D(2024, 8, 13)),
    ("제목\n등록일 : 2024년 08월 13일(화) 15:12\n본문", D(2024, 8, 13)),
    ("제목\n김상진 기자 입력 2024.08.01\n본문", D(2024, 8, 1)),
    ("제목\n홍길동 기자 | 2024.08.13 15:12\n본문", D(2024, 8, 13)),
    ("제목\n2024.08.13 15:12\n본문", D(2024, 8, 13)),
    ("제목\n2024.08.13\n본문", D(2024, 8, 13)),
    ("제목\n기사 입력 2024.08.13\n본문", D(2024, 8, 13)),
    ("제목\nPublished 2024-08-13\n본문", D(2024, 8, 13)),
    # 입력/등록 win over 승인 and 수정, wherever they stand
    ("제목\n수정 2024.08.02 09:00 | 입력 2024.08.01 10:00\n본문", D(2024, 8, 1)),
    ("제목\n승인 2023.08.04 12:50 등록 2023.08.03 11:00\n본문", D(2023, 8, 3)),
    # more labels; a label after the stamp; a byline with its e-mail address
    ("제목\n최초 입력 2024.08.13 15:12\n본문", D(2024, 8, 13)),
    ("제목\n등록일자 2024.08.13\n본문", D(2024, 8, 13)),
    ("제목\n게재 일자 : 2024년 8월 13일\n본문", D(2024, 8, 13)),
    ("제목\n2024-08-13 15:12 입력\n본문", D(2024, 8, 13)),
    ("제목\n홍길동 기자 hong@news.co.kr 2024.08.13 15:12\n본문", D(2024, 8, 13)),
]


@pytest.mark.parametrize("text,expected", PUBLISHED, ids=[t.split("\n")[1][:30] for t, _ in PUBLISHED])
def test_find_published(text, expected):
    assert find_published(text) == expected


NOT_STAMPS = [
    "그는 2024년 8월 1일 말했다.",
    "그는 상표 등록 2021.3.5 이후 판매를 시작했다.",
    "시는 2024.8.13 공고를 냈다.",
    "올해 예산안은 2023년 12월 20일 통과됐다.",
    "회원 등록 2024-01-02부터 시작된다는 안내가 나왔다.",
    "시는 2021.3.5 15:00 입력 마감을 알렸다.",
    "김 기자는 2024.08.13 15:12 현장에 도착했다는 메일을 hong@news.co.kr 로 보냈다.",
]


@pytest.mark.parametrize("text", NOT_STAMPS, ids=[t[:20] for t in NOT_STAMPS])
def test_body_dates_are_not_stamps(text):
    assert find_timestamps(text) == []
    assert find_published(text) is None


def test_invalid_date_is_skipped():
    assert find_published("제목\n입력 2024.02.30 10:00\n본문") is None


def test_stamp_spans_are_exact():
    text = "제목\n등록 2024-08-13 15:12:01\n본문"
    (s, e), d, label = find_timestamps(text)[0]
    assert text[s:e] == "등록 2024-08-13 15:12:01"
    assert (d, label) == (D(2024, 8, 13), "등록")


def test_only_head_and_tail_count():
    body = "가" * 5000
    text = "제목\n" + body + "\n입력 2024.08.01 10:00\n" + body
    assert find_timestamps(text)  # still metadata for zoning
    assert find_published(text) is None


def test_stamps_are_carved_out_as_timestamp_zones():
    text = "제목 줄이다\n입력 2024.08.01 10:00\n광주시는 1일 상을 받았다고 밝혔다. 이는 긴 본문 문장이다."
    zones = find_zones(text)
    stamp = [z for z in zones if z.reason == "timestamp"]
    assert len(stamp) == 1
    assert text[stamp[0].start:stamp[0].end] == "입력 2024.08.01 10:00"


def test_page_date_resolves_relative_dates(extractor):
    text = "제목\n입력 2024.08.01 10:00\n광주광역시 동구는 최우수상을 수상했다고 1일 밝혔다."
    doc = extractor(text)
    assert doc.published == D(2024, 8, 1)
    dates = doc.of_type("date")
    assert [(f.text, f.value) for f in dates] == [("1일", "2024-08-01")]
