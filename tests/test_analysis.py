"""The Kiwi token conversion in Analyzer.analyze keeps everything Kiwi says."""

from __future__ import annotations

import pytest

from kfacts import analysis
from kfacts.analysis import Analyzer

TEXT = ("한빛군은 지난달 새 다리를 지었다. 주민들이 걸어서 강을 건넜고 날씨는 추웠다. "
        "군수는 \"아니다, 이것은 시작이다\"라고 말했다.\n"
        "둘째 줄에서 사업비 30억원을 들여 길을 넓히고 나무를 심는다.")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _kiwi_view(analyzer: Analyzer, text: str) -> list[tuple]:
    return [(t.form, t.tag, t.start, t.len, t.lemma, t.sent_position) for t in analyzer.tokenize_raw(text)]


def test_tokens_match_kiwi_including_lemma(analyzer: Analyzer) -> None:
    a = analyzer.analyze(TEXT)
    want = _kiwi_view(analyzer, TEXT)
    got = [(t.form, t.tag, t.start, t.len, t.lemma, t.sent) for t in a.tokens]
    assert got == want
    # the lemma shortcut (only V* tags are asked) still gives Kiwi's dictionary forms
    assert any(t.lemma != t.form for t in a.tokens)
    assert all(t.lemma == t.form for t in a.tokens if not t.tag.startswith("V"))


def test_sentences_cover_their_tokens(analyzer: Analyzer) -> None:
    a = analyzer.analyze(TEXT)
    assert len(a.sentences) == len({t.sent for t in a.tokens}) > 2
    for t in a.tokens:
        s, e = a.sentences[t.sent]
        assert s <= t.start and t.start + t.len <= e
    for i, (s, e) in enumerate(a.sentences):
        mine = [t for t in a.tokens if t.sent == i]
        assert s == mine[0].start and e == max(t.start + t.len for t in mine)


def test_chunked_text_shifts_offsets_and_numbers_sentences_on(analyzer: Analyzer, monkeypatch) -> None:
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 120)
    text = "\n".join([TEXT] * 3)
    a = analyzer.analyze(text)
    assert [t.sent for t in a.tokens] == sorted(t.sent for t in a.tokens)
    assert len(a.sentences) == a.tokens[-1].sent + 1
    for t in a.tokens:
        assert text[t.start:t.start + t.len] == t.form or t.tag.startswith(("V", "E", "X"))
    whole = Analyzer().analyze(TEXT)
    assert len(a.sentences) >= 3 * len(whole.sentences) - 3
