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
    from kfacts.api import default_extractor

    kfacts.extract("a")
    assert default_extractor() is default_extractor()


def test_repr_html_escapes_and_marks():
    doc = kfacts.extract("<b>광주시</b>는 100억원을 투자했다.", published="2024-08-13")
    html = doc._repr_html_()
    assert "<b>" not in html.replace("<b>광주", "")  # the input's tag is escaped
    assert "&lt;b&gt;" in html


def _money(value=10.5, rule="r"):
    return kfacts.Fact("money", "10.5달러", (0, 6), {"value": value, "currency": "USD", "approx": False}, rule)


def test_fact_hash_consistent_with_eq():
    a, b, c = _money(), _money(), _money(value=11)
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert len({a, b, c}) == 2 and {a: 1}[b] == 1
    doc1 = kfacts.extract("광주시는 100억원을 투자했다.", published="2024-08-13")
    doc2 = kfacts.extract("광주시는 100억원을 투자했다.", published="2024-08-13")
    assert set(doc1.facts) == set(doc2.facts) and len(set(doc1.facts)) == len(doc1.facts)
    # a rule-pack fact whose fields hold a list still hashes
    assert hash(kfacts.Fact("custom", "x", (0, 1), {"items": [1, 2]}))


def test_fact_serialises_to_json():
    f = _money()
    assert json.loads(f.to_json()) == f.to_dict()
    assert json.dumps(f, default=kfacts.json_default, ensure_ascii=False) == f.to_json()
    assert kfacts.Fact.from_dict(json.loads(f.to_json())) == f
    doc = kfacts.extract("광주시는 2024년 8월 13일 100억원을 투자했다.", published="2024-08-13")
    as_list = json.loads(json.dumps(doc.facts, default=kfacts.json_default))
    assert as_list == [x.to_dict() for x in doc.facts]
    assert json.loads(doc.to_json()) == json.loads(json.dumps(doc.to_dict()))
    assert json.loads(json.dumps({"published": doc.published, "doc": doc}, default=kfacts.json_default))[
        "published"] == "2024-08-13"
    with pytest.raises(TypeError, match="object"):
        json.dumps(object(), default=kfacts.json_default)


def test_fact_pickles_and_keeps_its_class():
    import pickle

    f = _money()
    g = pickle.loads(pickle.dumps(f))
    assert g == f and type(g) is kfacts.MoneyFact and hash(g) == hash(f)


def test_fact_subclass_per_type_and_typed_fields():
    doc = kfacts.extract("광주시는 2024년 8월 13일 100억원을 투자했다.", published="2024-08-13")
    for f in doc.facts:
        assert type(f).__name__.lower() == f.type + "fact"
    [m] = doc.of_type("money")
    assert isinstance(m, kfacts.MoneyFact) and m.amount == 10_000_000_000 and m.value == 10_000_000_000
    assert doc.of_type("date")[0].value == "2024-08-13"
    with pytest.raises(AttributeError, match="vaule"):
        m.vaule  # noqa: B018
    with pytest.raises(AttributeError, match="name"):
        m.name  # noqa: B018  (money facts have no name)
    assert m.subject == "광주광역시"  # whose money: the topic of the clause (SPEC §2 subject)
    assert kfacts.Fact("money", "1원", (0, 2), {"value": 1}).subject is None  # absent: reads as null
    custom = kfacts.Fact("custom", "x", (0, 1), {"n": 3})
    assert type(custom) is kfacts.Fact and custom.n == 3  # rule-pack fields still read as attributes
    assert custom.replace(n=4).n == 4 and _money().replace(value=3).amount == 3
