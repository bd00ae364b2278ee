"""One Extractor shared by 8 threads gives exactly the facts of sequential use."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import kfacts

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

SENTENCES = [
    "광주시는 2024년 8월 13일 100억원을 투자했다.",
    "서울시는 지난 2일 50억원을 썼다. 신규 일자리 190개가 생긴다.",
    "행정안전부는 내년 9월까지 약 98억 원을 지원한다고 밝혔다.",
    "임택 동구청장은 1일 최우수상을 받았다.",
    "부산시는 올해 1만여개의 일자리를 만들고 1조 2,345억원을 투입한다.",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] if SEEDS.is_dir() else []
    return texts + SENTENCES


def _key(doc: kfacts.Document) -> list[dict]:
    return [f.to_dict() for f in doc.facts]


def test_eight_threads_equal_sequential():
    texts = _texts() * 4
    published = "2024-08-13"
    ex = kfacts.Extractor()  # fresh: Kiwi is built lazily, and the threads race to build it
    barrier = threading.Barrier(8)

    def first(i: int) -> list[dict]:
        barrier.wait()  # all 8 threads hit the lazy Kiwi construction at once
        return _key(ex(texts[i], published=published))

    with ThreadPoolExecutor(8) as pool:
        firsts = list(pool.map(first, range(8)))
        results = list(pool.map(lambda t: _key(ex(t, published=published)), texts))
    sequential = [_key(ex(t, published=published)) for t in texts]
    assert firsts == sequential[:8]
    assert results == sequential
    assert any(sequential), "the texts give facts"


def test_threads_over_default_extract_and_pipe():
    texts = _texts()
    expected = [_key(kfacts.extract(t)) for t in texts]
    ex = kfacts.Extractor()

    def run(_: int) -> list[list[dict]]:
        return [_key(d) for d in ex.pipe(texts)]

    with ThreadPoolExecutor(8) as pool:
        outs = list(pool.map(run, range(8)))
    assert all(o == expected for o in outs)
