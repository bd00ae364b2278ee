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
    # a separator after the label; an English label; an ISO stamp with zone; English month names (dateparser)
    ("제목\n입력 | 2003-02-11 08:40:00\n본문", D(2003, 2, 11)),
    (" date 2027-03-09 부제목이 같은 줄에 온다\n본문", D(2027, 3, 9)),
    ("제목\n2022-06-30T17:05:00+09:00\n본문", D(2022, 6, 30)),
    ("제목\nPosted March. 4, 2022 18:01\n본문", D(2022, 3, 4)),
    ("제목\nPosted on 4 March 2022\n본문", D(2022, 3, 4)),
    ("제목\nDate: Mar 4, 2022 | 조회 31\n본문", D(2022, 3, 4)),
    # a date and time after an e-mail byline without 기자, on its line or the next
    ("제목\n나가람 garam@daily.example.kr 2022.06.30 17:05 조회 10\n본문", D(2022, 6, 30)),
    ("제목\n나가람 garam@daily.example.kr\n2022.06.30 17:05\n본문", D(2022, 6, 30)),
    # a dateline above the body (date, then the author or the issuing body); a metadata row
    ("제목\n\n2022-06-30     나가람\n가나군은 올해부터 주민 누구나 쓸 수 있는 새로운 돌봄 정책을 시행한다고 30일 밝혔다. 이어지는 본문이다.", D(2022, 6, 30)),
    ("제목\n\n2022.06.30 문화체육관광부\n목록\n가나군은 올해부터 주민 누구나 쓸 수 있는 새로운 돌봄 정책을 시행한다고 30일 밝혔다. 이어지는 본문이다.",
     D(2022, 6, 30)),
    ("제목\n기획예산과 | 나가람 | 012-345-6789 | 2022-06-30가나군은 발표했다.", D(2022, 6, 30)),
    ("제목\n\n2022.06.30 17:05 | 나가람 기자\n가나군은 올해부터 주민 누구나 쓸 수 있는 새로운 돌봄 정책을 시행한다고 밝혔다.",
     D(2022, 6, 30)),
    # a line holding only a date in English
    ("제목\nJun. 30, 2022 5:05 PM\n본문", D(2022, 6, 30)),
    ("제목\nThursday, 30 June 2022\n본문", D(2022, 6, 30)),
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
    # a chronology in the body is no dateline (it comes after the body's first sentence)
    "가나군은 그간의 돌봄 정책 추진 경과를 주민들이 보기 쉽게 다음과 같이 정리했다고 30일 밝혔다.\n2021.03.15 업무협약\n2022.01.10 착공",
    # a date between bars in a sentence, or in a table row of events, is no metadata row
    "시는 일정(공모 | 2022-06-30 마감)을 알렸다.",
    "행사명 | 장소 | 대상 | 2022-06-30\n주민 잔치 | 가나군청 | 누구나 | 2022-07-01",
    # an English word that is no label, and a relative stamp
    "제목\nUpdated yesterday\n본문",
    "The deadline was moved. Date 2022-06-30 is final, she said.",
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


# ---------------------------------------------------------------------------
# published values in the layouts Korean data writes (issue 10 item 2)

LAYOUTS = ["2024-08-13", "2024.08.13", "2024. 8. 13.", "2024/08/13", "20240813", "2024년 8월 13일",
           "2024.8.13", "2024-08-13T15:12:01+09:00", "2024.08.13(화) 15:12", "2024년 08월 13일 오후 3시 12분",
           " 2024-08-13 "]


@pytest.mark.parametrize("value", LAYOUTS)
def test_published_layouts_api(value):
    import kfacts

    doc = kfacts.extract("가나군은 지난 1일 상을 받았다.", published=value)
    assert doc.published == D(2024, 8, 13)
    assert [f.value for f in doc.of_type("date")] == ["2024-08-01"]


@pytest.mark.parametrize("value,expected", [
    ("Aug 13, 2024", D(2024, 8, 13)), ("13 August 2024", D(2024, 8, 13)),
    ("Tue, 13 Aug 2024 23:30:00 -0500", D(2024, 8, 13)),  # the day as written, not moved by the zone
    ("August. 25, 2021 07:32", D(2021, 8, 25)),
])
def test_published_other_layouts_by_dateparser(value, expected):
    from kfacts.pipeline import parse_published

    assert parse_published(value) == expected


@pytest.mark.parametrize("bad", ["2024-13-01", "2024-02-30", "13/08/2024", "08/13/2024", "yesterday", "어제",
                                 "3 days ago", "August 2024", "2024", "2024-08", "2024.08/13", "24.08.13"])
def test_unreadable_published_is_kf102_naming_it(bad):
    import kfacts

    with pytest.raises(ValueError, match="KF102") as e:
        kfacts.extract("본문", published=bad)
    assert repr(bad) in str(e.value)


@pytest.mark.parametrize("bad", [20240813, 20240813.0, True])
def test_numeric_published_is_a_typed_error(bad):
    import kfacts
    from kfacts.errors import PublishedTypeError

    with pytest.raises(TypeError, match="KF111") as e:
        kfacts.extract("본문", published=bad)
    assert isinstance(e.value, (ValueError, PublishedTypeError)) and repr(bad) in str(e.value)


def test_dateparser_does_not_read_the_clock():
    """Absolute stamps need day, month and year written: nothing is filled in from today."""
    from kfacts.published import parse_date

    assert parse_date("Aug 13") is None and parse_date("13 August") is None and parse_date("Tuesday") is None


def test_dateparser_is_imported_lazily():
    import subprocess
    import sys

    code = ("import sys, kfacts; kfacts.extract('광주시는 2024년 8월 13일 100억원을 투자했다.', published='2024.08.13'); "
            "print('dateparser' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("value", ["2024.08.13", "2024. 8. 13.", "2024/08/13", "20240813", "2024년 8월 13일"])
def test_published_layouts_cli_and_jsonl(tmp_path, capsys, value):
    import json

    from kfacts.cli import main

    (tmp_path / "a.txt").write_text("가나군은 지난 1일 상을 받았다.", encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--published", value, "--no-progress"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["published"] == "2024-08-13" and [f["value"] for f in row["facts"] if f["type"] == "date"] == ["2024-08-01"]
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "가나군은 지난 1일 상을 받았다.", "published": value},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["extract", str(tmp_path / "b.jsonl"), "--no-progress"]) == 0
    assert json.loads(capsys.readouterr().out)["published"] == "2024-08-13"


def test_cli_rejects_unreadable_published(tmp_path, capsys):
    from kfacts.cli import main

    (tmp_path / "a.txt").write_text("본문", encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--published", "13/08/2024", "--no-progress"]) == 2
    assert "KF102" in capsys.readouterr().err


def test_jsonl_numeric_published_is_an_input_error(tmp_path, capsys):
    from kfacts.cli import main

    (tmp_path / "b.jsonl").write_text('{"text": "본문", "published": 20240813}\n', encoding="utf-8")
    assert main(["extract", str(tmp_path / "b.jsonl"), "--no-progress"]) == 2
    assert "KF111" in capsys.readouterr().err


def test_cli_help_lists_the_layouts():
    from kfacts.cli import build_parser

    sub = build_parser()._subparsers._group_actions[0].choices["extract"]
    text = " ".join(sub.format_help().split())
    assert "2024.08.13" in text and "20240813" in text and "2024년 8월 13일" in text


# ---------------------------------------------------------------------------
# timestamp lines are metadata, not date facts, and resolve the page's relative dates (issue 10)

STAMP_PAGES = [
    "가나군 소식\n입력 | 2003-02-11 08:40:00\n가나군은 지난 1일 상을 받았다고 밝혔다.",
    " date 2003-02-11\n가나군은 지난 1일 상을 받았다고 밝혔다.",
    "가나군 소식\n2003-02-11T08:40:00+09:00\n가나군은 지난 1일 상을 받았다고 밝혔다.",
    "가나군 소식\nPosted February. 11, 2003 08:40\n가나군은 지난 1일 상을 받았다고 밝혔다.",
    "가나군 소식\n나가람 garam@daily.example.kr\n2003.02.11 08:40\n가나군은 지난 1일 상을 받았다고 밝혔다.",
    "가나군 소식\n나가람 garam@daily.example.kr 2003.02.11 08:40\n가나군은 지난 1일 상을 받았다고 밝혔다.",
]


@pytest.mark.parametrize("text", STAMP_PAGES, ids=[t.split("\n")[-2][:30] for t in STAMP_PAGES])
def test_stamp_layouts_are_metadata(extractor, text):
    doc = extractor(text)
    assert doc.published == D(2003, 2, 11)
    assert [(f.text, f.value) for f in doc.of_type("date")] == [("지난 1일", "2003-02-01")]


def test_opening_byline_with_email_and_stamp_does_not_end_the_article(extractor):
    """Above the body, a byline with an e-mail address followed by a timestamp opens the article."""
    head = "가나군, 주민 돌봄 정책 평가에서 최우수 기관으로 뽑혀 상금도 받는다\n"
    body = "가나군은 지난 1일 상을 받았다고 밝혔다."
    for byline in ("나가람 기자 garam@daily.example.kr\n2003.02.11 08:40\n",
                   "나가람 기자 garam@daily.example.kr 2003.02.11 08:40\n"):
        doc = extractor(head + byline + body)
        assert doc.published == D(2003, 2, 11)
        assert [(f.text, f.value) for f in doc.of_type("date")] == [("지난 1일", "2003-02-01")]


def test_closing_byline_with_email_still_ends_the_article(extractor):
    text = ("가나군, 주민 돌봄 정책 평가에서 최우수 기관으로 뽑혀 상금도 받는다\n"
            "가나군은 지난 1일 주민 돌봄 정책 평가에서 최우수 기관으로 뽑혀 상을 받았다고 밝혔다.\n"
            "나가람 기자 garam@daily.example.kr\n입력 2003.02.11 08:40\n다른 기사 제목 3일 개막\n")
    doc = extractor(text)
    assert [(f.text, f.value) for f in doc.of_type("date")] == [("지난 1일", "2003-02-01")]
