"""Extractor.pipe on Kiwi's thread pool (one process, one model): the facts of sequential extraction,
in input order, with bounded read-ahead and errors at the right item."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

import kfacts
from kfacts import analysis
from kfacts.errors import InputError

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
BENCH = SHARED / "bench" / "wikinews_ko.jsonl"
SEEDS = SHARED / "seeds"

PAGE = ("홈 | 정치 | 경제 | 사회\n한빛시는 행정안전부 평가에서 최우수기관으로 선정돼 대통령 표창을 받았다고 3일 밝혔다.\n"
        "가장 많이 본 뉴스\n1. 누리군, 500억원 들여 새 청사\n2. 가온구 일자리 900개\n")
SHORT = ["광주시는 2024년 8월 13일 100억원을 투자했다.", "", "  \n ", PAGE,
         "부산시는 내년 9월까지 일자리 190개를 만든다."]


def _facts(doc: Any) -> list[dict]:
    return [f.to_dict() for f in doc.facts]


def _corpus() -> list[str]:
    texts: list[str] = []
    if BENCH.is_file():
        with open(BENCH, encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in itertools.islice(fh, 80)]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return texts + SHORT


def test_threads_equal_sequential_on_the_bench_corpus(extractor: kfacts.Extractor) -> None:
    texts = _corpus()
    # one text longer than CHUNK_CHARS: several pieces of one document in flight at once
    texts.append("\n".join(texts[:60]))
    assert len(texts[-1]) > analysis.CHUNK_CHARS
    sequential = [_facts(extractor(t)) for t in texts]
    threaded = list(extractor.pipe(texts, n_process=2, mode="threads"))
    assert [d.text for d in threaded] == texts
    assert [_facts(d) for d in threaded] == sequential
    assert sum(map(len, sequential)) > 100


def test_threads_records_html_and_published_per_record(extractor: kfacts.Extractor) -> None:
    records: list[dict[str, Any]] = [
        {"id": 0, "text": SHORT[0], "published": "2020-01-02"},
        {"id": 1, "text": SHORT[0]},  # falls back to published=
        {"id": 2, "html": "<html><head><meta property='article:published_time' content='2023-05-06'></head>"
                          "<body><p>서울시는 지난 2일 50억원을 썼다.</p><script>x()</script></body></html>"},
        {"id": 3, "text": PAGE, "extra": [1, 2]},
    ]
    seq = list(extractor.pipe(records, published="2024-08-13"))
    thr = list(extractor.pipe(records, published="2024-08-13", n_process=2, mode="threads"))
    assert thr == seq
    assert [r["published_resolved"] for r in thr] == ["2020-01-02", "2024-08-13", "2024-08-13", "2024-08-13"]
    assert thr[2]["text"].startswith("서울시는") and thr[2]["facts"]
    assert thr[3]["extra"] == [1, 2] and "facts" not in records[3]


def test_threads_error_at_its_item_after_the_items_before_it(extractor: kfacts.Extractor) -> None:
    consumed: list[int] = []

    def stream():  # an endless stream with a bad item at #5: fails there, having read little ahead
        for i in itertools.count():
            consumed.append(i)
            yield 123 if i == 5 else SHORT[i % len(SHORT)]

    got = []
    with pytest.raises(TypeError, match="str or dict") as info:
        for doc in extractor.pipe(stream(), n_process=2, mode="threads"):
            got.append(doc)
    assert len(got) == 5  # items #0-#4 came out first
    assert len(consumed) < 40  # bounded read-ahead
    notes = getattr(info.value, "__notes__", None)
    if notes is not None:
        assert any("item #5" in n for n in notes)
    with pytest.raises(KeyError, match="body"):
        list(extractor.pipe([{"text": "x"}], text_field="body", n_process=2))


def test_threads_read_the_input_lazily(extractor: kfacts.Extractor) -> None:
    consumed: list[int] = []

    def stream():
        for i in itertools.count():
            consumed.append(i)
            yield SHORT[0]

    it = extractor.pipe(stream(), n_process=2, mode="threads")
    assert consumed == []
    first = next(it)
    assert first.text == SHORT[0]
    assert len(consumed) < 40
    for _ in itertools.islice(it, 100):
        pass
    assert len(consumed) < 140  # 101 results, a bounded number of items ahead
    it.close()  # the consumer stops early: nothing hangs


class _SingleThreadKiwi:
    """A Kiwi without a thread pool (``num_workers=0``)."""

    num_workers = 0

    def __init__(self, kiwi: Any) -> None:
        self._kiwi = kiwi
        self.calls = 0

    def tokenize(self, text: Any, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if not isinstance(text, str):
            raise AssertionError("no pool: texts are given one by one")
        return self._kiwi.tokenize(text, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kiwi, name)


def test_a_given_kiwi_without_threads_runs_sequentially(extractor: kfacts.Extractor) -> None:
    kiwi = _SingleThreadKiwi(extractor.analyzer.kiwi)
    ex = kfacts.Extractor(kiwi=kiwi)
    out = list(ex.pipe(SHORT, n_process=2))
    assert [_facts(d) for d in out] == [_facts(extractor(t)) for t in SHORT]
    assert kiwi.calls > 0


def test_a_given_kiwi_works_with_threads_not_processes(extractor: kfacts.Extractor) -> None:
    ex = kfacts.Extractor(kiwi=extractor.analyzer.kiwi)
    assert [_facts(d) for d in ex.pipe(SHORT, n_process=2)] == [_facts(extractor(t)) for t in SHORT]
    with pytest.raises(InputError, match="KF107"):
        list(ex.pipe(SHORT, n_process=2, mode="processes"))


def test_bad_mode(extractor: kfacts.Extractor) -> None:
    with pytest.raises(InputError, match="KF107"):
        list(extractor.pipe(SHORT, mode="fibres"))


def test_auto_mode_threads_up_to_two_cores_then_processes_of_two_threads(
        extractor: kfacts.Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    from kfacts import batch

    monkeypatch.setattr(batch.os, "cpu_count", lambda: 8)
    assert batch._auto_mode(extractor, 2) == "threads"
    assert batch._auto_mode(extractor, 4) == "both"
    assert batch._auto_mode(kfacts.Extractor(kiwi=extractor.analyzer.kiwi), 4) == "threads"
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    assert batch._auto_mode(extractor, 4) == "threads"


def test_a_subclass_with_its_own_call_is_called(extractor: kfacts.Extractor) -> None:
    class Tagged(kfacts.Extractor):
        def __call__(self, text: str, published: Any = None) -> kfacts.Document:
            doc = super().__call__(text, published)
            doc.meta["tagged"] = True
            return doc

    ex = Tagged(kiwi=extractor.analyzer.kiwi)
    for mode in ("threads", "auto"):
        out = list(ex.pipe(SHORT, n_process=2, mode=mode))
        assert all(d.meta.get("tagged") for d in out)
        assert [_facts(d) for d in out] == [_facts(extractor(t)) for t in SHORT]
