"""Memory on one huge document (issue 13, point 8): kfacts' tokens do not keep one string object per
token (Kiwi makes a new one each time); the figures against Kiwi's own peak are bench/memory.py's."""

from __future__ import annotations

import tracemalloc

SENTENCE = "한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다.\n"


def test_tokens_share_their_strings(extractor):
    text = SENTENCE * 300 + "누리군은 지난해 5억원을 지원했다.\n" * 300
    tokens = extractor.analyzer.analyze(text).tokens
    for attr in ("form", "tag", "lemma", "sent"):
        values = [getattr(t, attr) for t in tokens]
        assert len({id(v) for v in values}) == len(set(values)), attr  # one object per distinct value


def test_bytes_per_token_on_news_text(extractor):
    """About 130 bytes per token (main kept about 340: a new form, tag, lemma and sentence index each)."""
    text = SENTENCE * 800
    extractor.analyzer.analyze("준비")
    tracemalloc.start()
    try:
        analysis = extractor.analyzer.analyze(text)
        used = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert used / len(analysis.tokens) < 180
