"""The public API: shapes, errors, published handling."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import kfacts
from kfacts.errors import KfactsError


@pytest.mark.parametrize("bad", [b"bytes", None, 123, ["list"], {"text": "x"}])
def test_non_text_is_type_error(bad):
    with pytest.raises(TypeError, match="KF101"):
        kfacts.extract(bad)


@pytest.mark.parametrize("bad", [b"bytes", None, 1.5])
def test_extractor_call_non_text_is_type_error(extractor, bad):
    with pytest.raises(TypeError):
        extractor(bad)


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday", "13/08/2024", 20240813, "2024-02-30"])
def test_bad_published_is_value_error_naming_it(bad):
    with pytest.raises(ValueError) as e:
        kfacts.extract("광주시는 100억원을 투자했다.", published=bad)
    assert repr(bad) in str(e.value)


@pytest.mark.parametrize("good,expected", [
    ("2024-08-13", dt.date(2024, 8, 13)),
    (dt.date(2024, 8, 13), dt.date(2024, 8, 13)),
    (dt.datetime(2024, 8, 13, 15, 0), dt.date(2024, 8, 13)),
    ("2024-08-13T15:12:01", dt.date(2024, 8, 13)),
])
def test_published_forms(good, expected):
    assert kfacts.extract("내용", published=good).published == expected


def test_empty_text():
    doc = kfacts.extract("")
    assert doc.facts == [] and doc.zones == [] and doc.published is None


def test_published_found_in_page():
    doc = kfacts.extract("제목\n등록 2024-08-13 15:12:01\n본문은 여기에 있다.")
    assert doc.published == dt.date(2024, 8, 13)
    assert doc.meta["published_source"] == "page"


def test_given_published_wins_over_page():
    doc = kfacts.extract("제목\n등록 2024-08-13 15:12:01\n본문", published="2020-01-01")
    assert doc.published == dt.date(2020, 1, 1)


def test_timestamp_line_is_not_article():
    text = "제목\n등록 2024-08-13 15:12:01\n본문은 여기에 있다."
    doc = kfacts.extract(text)
    stamp = text.index("2024-08-13")
    assert not any(z.kind == "article" and z.start <= stamp < z.end for z in doc.zones)
    assert not [f for f in doc.facts if f.span[0] <= stamp < f.span[1]]


def test_to_dict_is_json_ready():
    doc = kfacts.extract("광주시는 2024년 8월 13일 100억원을 투자했다.", published="2024-08-13")
    d = doc.to_dict()
    json.dumps(d, ensure_ascii=False)
    assert d["kfacts_version"] == kfacts.__version__
    assert d["published"] == "2024-08-13"
    for f in d["facts"]:
        assert {"type", "text", "span", "rule"} <= set(f)
        assert isinstance(f["span"], list) and len(f["span"]) == 2


def test_fact_fields_readable_as_attributes():
    f = kfacts.Fact("money", "100억원", (0, 5), {"value": 10_000_000_000, "currency": "KRW", "approx": False}, "r")
    assert f.value == 10_000_000_000 and f["currency"] == "KRW" and f.start == 0 and f.end == 5
    with pytest.raises(AttributeError):
        f.nonexistent  # noqa: B018


def test_facts_sorted_by_span():
    doc = kfacts.extract("2024년 8월 13일 광주시는 100억원과 50억원을 투자했다.", published="2024-08-13")
    spans = [f.span for f in doc.facts]
    assert spans == sorted(spans)


def test_unknown_disabled_rule_is_an_error():
    with pytest.raises(KfactsError, match="KF103"):
        kfacts.Extractor(disable=["no.such.rule"])


def test_default_extractor_is_reused():
    from kfacts.pipeline import default_extractor

    kfacts.extract("a")
    assert default_extractor() is default_extractor()


def test_repr_html_escapes_and_marks():
    doc = kfacts.extract("<b>광주시</b>는 100억원을 투자했다.", published="2024-08-13")
    html = doc._repr_html_()
    assert "<b>" not in html.replace("<b>광주", "")  # the input's tag is escaped
    assert "&lt;b&gt;" in html
