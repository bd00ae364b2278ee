"""The scorer follows SPEC section 4 exactly."""

from __future__ import annotations

import json

import pytest

from kfacts.evaluation import Counts, evaluate, norm, read_gold, score_document
from kfacts.errors import GoldFormatError
from kfacts.fact import Document, Fact


def _fact(type, text, span, **fields):
    return Fact(type, text, span, fields, "test")


class FakeExtractor:
    def __init__(self, facts):
        self.facts = facts

    def __call__(self, text, published=None):
        return Document(text, None, self.facts, [])


def test_norm_strips_quotes_and_collapses_space():
    assert norm("‘2024  전국\n경진대회’") == "2024 전국 경진대회"
    assert norm("「A」『B』“C”") == "ABC"


def test_keys_are_sets_per_document_and_null_keys_not_scored():
    text = "동구 동구 1일"
    gold = [{"type": "organization", "canonical": "광주광역시 동구", "kind": "local_government", "text": "동구"},
            {"type": "date", "value": None, "relative": True, "text": "1일"}]
    pred = [_fact("organization", "동구", (0, 2), name="동구", canonical="광주광역시 동구", kind="local_government"),
            _fact("organization", "동구", (3, 5), name="동구", canonical="광주광역시 동구", kind="other"),
            _fact("date", "1일", (6, 8), value=None, relative=True)]
    counts, fields = {}, {}
    res = score_document(gold, pred, text, "d", counts, fields)
    assert (counts["organization"].tp, counts["organization"].fp, counts["organization"].fn) == (1, 0, 0)
    assert (counts["date"].tp, counts["date"].fp, counts["date"].fn) == (0, 0, 0)
    # best-agreeing predicted fact is used for secondary fields
    assert fields["organization"]["kind"] == [1, 1]
    assert res.span_errors == []


def test_span_errors_are_counted_apart():
    text = "100억원"
    pred = [_fact("money", "100억", (0, 5), value=10_000_000_000, currency="KRW", approx=False)]
    counts, fields = {}, {}
    res = score_document([], pred, text, "d", counts, fields)
    assert len(res.span_errors) == 1
    assert counts["money"].fp == 1


def test_award_secondary_against_best_of_same_recipient():
    gold = [{"type": "award", "recipient": "A", "award": "대상", "honor": None, "event": "E1", "organizer": "O",
             "category": None, "year": 2024, "text": "대상"},
            {"type": "award", "recipient": "A", "award": "최고등급", "honor": None, "event": "E2", "organizer": "O",
             "category": None, "year": 2024, "text": "최고등급"}]
    pred = [_fact("award", "대상", (0, 2), recipient="A", award="대상", honor=None, event="E1", organizer="O",
                  category=None, year=2024, prize="대상")]
    counts, fields = {}, {}
    score_document(gold, pred, "대상", "d", counts, fields)
    assert counts["award"].tp == 1
    assert fields["award"]["event"] == [1, 2]
    assert fields["award"]["award"] == [1, 2]


def test_counts_math():
    c = Counts(tp=8, fp=2, fn=2)
    assert c.precision == 0.8 and c.recall == 0.8 and round(c.f1, 6) == 0.8


def test_evaluate_reads_source_and_jsonl_records(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("100억원", encoding="utf-8")
    (tmp_path / "docs.jsonl").write_text(json.dumps({"id": "x1", "text": "50억원"}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "a", "source": "pages/a.txt", "published": None,
                    "facts": [{"type": "money", "value": 10_000_000_000, "currency": "KRW", "approx": False, "text": "100억원"}]}) + "\n"
        + json.dumps({"id": "b", "source": "docs.jsonl#x1", "published": None, "facts": []}) + "\n",
        encoding="utf-8")
    recs = read_gold(gold, root=tmp_path)
    assert [r["text"] for r in recs] == ["100억원", "50억원"]
    ex = FakeExtractor([_fact("money", "100억원", (0, 5), value=10_000_000_000, currency="KRW", approx=False)])
    rep = evaluate(gold, root=tmp_path, extractor=ex, types=["money"])
    assert rep.counts["money"].tp == 1 and rep.counts["money"].fp == 1  # the fake also "finds" it in doc b
    assert rep.span_errors == 1  # "100억원" is not b's text at (0, 5)
    assert "money" in rep.table()


@pytest.mark.parametrize("line,detail", [
    ("not json", "not JSON"),
    ('{"id": "a"}', "facts"),
    ('{"id": "a", "facts": []}', "'text' or 'source'"),
    ('{"id": "a", "source": "missing.txt", "facts": []}', "not found"),
])
def test_bad_gold_files(tmp_path, line, detail):
    gold = tmp_path / "g.jsonl"
    gold.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="KF301") as e:
        read_gold(gold, root=tmp_path)
    assert detail in str(e.value)


def test_subject_is_scored_only_where_the_gold_carries_it():
    from kfacts.evaluation import score_document
    from kfacts.fact import Fact

    text = "광주시는 30억 원을 확보했다. 동구는 190명을 채용한다."
    pred = [Fact("money", "30억 원", (5, 10), {"value": 3000000000, "currency": "KRW", "approx": False,
                                             "subject": "광주광역시"}),
            Fact("jobs", "190명", (21, 25), {"value": 190, "approx": False, "qualifier": None,
                                            "subject": "광주광역시"})]
    gold = [{"type": "money", "value": 3000000000, "currency": "KRW", "approx": False, "subject": "광주광역시"},
            {"type": "jobs", "value": 190, "approx": False, "subject": "광주광역시 동구"}]
    counts: dict = {}
    fields: dict = {}
    res = score_document(gold, pred, text, "d", counts, fields)
    assert fields["money"]["subject"] == [1, 1] and fields["jobs"]["subject"] == [0, 1]
    assert [e["field"] for e in res.field_errors] == ["subject"]
    # an older gold set without subject: the field is not scored at all
    old = [{k: v for k, v in g.items() if k != "subject"} for g in gold]
    counts, fields = {}, {}
    res = score_document(old, pred, text, "d", counts, fields)
    assert fields["money"]["subject"] == [0, 0] and fields["jobs"]["subject"] == [0, 0] and not res.field_errors
