"""Extractor.pipe: input order, dict records, n_process=2 equal to sequential, errors."""

from __future__ import annotations

import time

import pytest

import kfacts
from kfacts.batch import WorkerError

TEXTS = [
    "광주시는 2024년 8월 13일 100억원을 투자했다.",
    "",
    "서울시는 2023년 3월 2일 50억원을 썼다.",
    "부산시는 내년 9월까지 일자리 190개를 만든다.",
] * 5 + [f"대구시는 2024년 {m}월 {d}일 {m * d}억원을 지원했다." for m in range(1, 13) for d in (1, 15)]


def _facts(doc):
    return [f.to_dict() for f in doc.facts]


def test_strings_in_order(extractor):
    docs = list(extractor.pipe(TEXTS, published="2024-08-13"))
    assert [d.text for d in docs] == TEXTS
    for text, doc in zip(TEXTS, docs):
        assert _facts(doc) == _facts(extractor(text, published="2024-08-13"))


def test_generator_input_is_consumed_lazily(extractor):
    seen = []

    def gen():
        for t in TEXTS:
            seen.append(t)
            yield t

    it = extractor.pipe(gen())
    assert seen == []  # nothing read before the first result is asked for
    first = next(it)
    assert first.text == TEXTS[0]
    assert len(seen) == 1


def test_records_keep_their_fields(extractor):
    records = [{"id": i, "body": t, "date": "2024-08-13", "extra": [i]} for i, t in enumerate(TEXTS[:4])]
    out = list(extractor.pipe(records, text_field="body", published_field="date"))
    assert [r["id"] for r in out] == [0, 1, 2, 3]
    for rec, res in zip(records, out):
        assert {k: res[k] for k in rec} == rec  # every input field kept, unchanged
        assert res["facts"] == _facts(extractor(rec["body"], published="2024-08-13"))
        assert res["published_resolved"] == "2024-08-13"
    assert "facts" not in records[0]  # the input dicts are not modified


def test_record_without_date_falls_back_to_argument(extractor):
    out = list(extractor.pipe([{"text": TEXTS[0], "published": None}], published="2020-01-02"))
    assert out[0]["published_resolved"] == "2020-01-02"


def test_record_without_text_field_names_it(extractor):
    with pytest.raises(KeyError, match="body"):
        list(extractor.pipe([{"text": "x"}], text_field="body"))


def test_bad_item_type(extractor):
    with pytest.raises(TypeError, match="str or dict"):
        list(extractor.pipe(["ok", 3]))


def test_bad_arguments(extractor):
    with pytest.raises(ValueError):
        list(extractor.pipe(["x"], batch_size=0))
    with pytest.raises(ValueError):
        list(extractor.pipe(["x"], n_process=0))


@pytest.fixture(scope="module")
def sequential(extractor):
    return [_facts(d) for d in extractor.pipe(TEXTS, published="2024-08-13")]


@pytest.mark.parametrize("mode,n_process", [("auto", 2), ("threads", 2), ("threads", 3), ("processes", 2),
                                            ("both", 2)])
def test_two_processes_equal_sequential(extractor, sequential, mode, n_process):
    # strings and records mixed in one stream: one pool start for both kinds
    records = [{"id": i, "text": t} for i, t in enumerate(TEXTS)]
    mixed = [x for pair in zip(TEXTS, records) for x in pair]
    out = list(extractor.pipe(mixed, published="2024-08-13", n_process=n_process, batch_size=3, mode=mode))
    docs, recs = out[0::2], out[1::2]
    assert [d.text for d in docs] == TEXTS
    assert [_facts(d) for d in docs] == sequential
    assert all(d.published.isoformat() == "2024-08-13" for d in docs)
    assert [r["id"] for r in recs] == list(range(len(TEXTS)))
    assert [r["facts"] for r in recs] == sequential


def test_two_processes_error_stops_early_with_worker_traceback(extractor):
    consumed = []

    def stream():  # long stream with a bad item at #5: must fail fast, not after the whole stream
        for i, t in enumerate(TEXTS * 200):
            consumed.append(i)
            yield 123 if i == 5 else t

    start = time.monotonic()
    with pytest.raises(TypeError, match="str or dict") as info:
        list(extractor.pipe(stream(), n_process=2, batch_size=2, mode="processes"))
    assert time.monotonic() - start < 60
    assert len(consumed) < 100  # bounded read-ahead: at most 2 * n_process batches in flight
    assert "Traceback" in str(info.value.__cause__)  # the worker's traceback travels with it
    notes = getattr(info.value, "__notes__", None)
    if notes is not None:
        assert any("item #5" in n for n in notes)


def test_worker_error_type():
    assert issubclass(WorkerError, RuntimeError)
    assert kfacts.Extractor.pipe.__doc__
