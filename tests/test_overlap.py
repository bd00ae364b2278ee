"""The one overlap step (``extractors.base.Taken`` and ``select``): its doctests, its answers against
a plain reading of its definition on random spans, and every extractor going through it."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import kfacts
from kfacts.extractors import EXTRACTORS, base, load

SRC = Path(kfacts.__file__).parent

_spans = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


def _clashes(a: tuple[int, int], b: tuple[int, int], clash: str) -> bool:
    if clash == "start":
        return a[0] == b[0]
    return a[0] < b[1] and b[0] < a[1]


def test_doctests() -> None:
    failures, tried = doctest.testmod(base)
    assert tried >= 10 and failures == 0


@pytest.mark.parametrize("clash", base.CLASHES)
@given(seeded=_spans, spans=_spans)
def test_free_is_no_clash_with_a_kept_span(clash: str, seeded: list, spans: list) -> None:
    taken = base.Taken(seeded, clash=clash)
    kept = list(seeded)
    for s, e in spans:
        expect = not any(_clashes((s, e), k, clash) for k in kept)
        assert taken.free(s, e) is expect
        if clash == "overlap":  # at a position: inside a kept span or not
            assert taken.free(s) is not any(ks <= s < ke for ks, ke in kept)
        assert taken.take(s, e) is expect
        if expect:
            kept.append((s, e))


@pytest.mark.parametrize("clash", base.CLASHES)
@given(spans=_spans, longest=st.booleans())
def test_select_keeps_each_candidate_free_when_tried(clash: str, spans: list, longest: bool) -> None:
    cands = list(enumerate(spans))  # (rank, span): equal spans stay apart
    tried = sorted(cands, key=lambda c: (c[1][0] - c[1][1], -c[0], c[1][0])) if longest else cands
    expect: list = []
    for c in tried:
        if not any(_clashes(c[1], k[1], clash) for k in expect):
            expect.append(c)
    got = base.select(cands, lambda c: c[1], longest=longest, rank=lambda c: -c[0], clash=clash)
    assert got == expect


def test_longest_then_rank_then_earliest() -> None:
    cands = {"late": (4, 6), "trusted": (5, 7), "early": (0, 2), "plain": (1, 3), "long": (8, 12)}
    rank = {"trusted": 0}.get
    got = base.select(cands, cands.get, longest=True, rank=lambda c: rank(c, 1))
    assert got == ["long", "trusted", "early"]  # (late: same length as trusted, less trusted)


def test_a_clash_is_named_and_agrees_with_the_spans_kept() -> None:
    with pytest.raises(ValueError, match="clash"):
        base.Taken(clash="longest")
    with pytest.raises(ValueError, match="clashes by 'start'"):
        base.select([], lambda c: c, taken=base.Taken(clash="start"))


@pytest.mark.parametrize("fact_type", list(EXTRACTORS))
def test_every_extractor_goes_through_the_step(fact_type: str) -> None:
    """Each extractor's folder names the step (no private policy of its own)."""
    folder = Path(load(fact_type).__file__).parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in folder.glob("*.py"))
    assert "Taken(" in code or "select(" in code
    assert "Occupancy" not in code


def test_rule_packs_go_through_the_step() -> None:
    assert "Taken(" in (SRC / "rulepacks" / "pack.py").read_text(encoding="utf-8")


def test_organizations_longest_wins() -> None:
    """광주광역시 (the lexicon and region rules both read 광주 inside it) is one organization."""
    doc = kfacts.extract("광주광역시는 5일 계획을 발표했다.")
    assert [(f.text, f.fields["canonical"]) for f in doc.of_type("organization")] == [("광주광역시", "광주광역시")]


@settings(deadline=None)  # (the first example imports spaCy)
@given(spans=_spans)
def test_spacy_keep_longest_is_spacys_filter_spans(spans: list) -> None:
    """The spaCy component's ``longest`` rule goes through the step and answers as spaCy's own."""
    spacy = pytest.importorskip("spacy")
    from spacy.util import filter_spans

    from kfacts.spacy import keep_longest

    doc = spacy.blank("xx").make_doc(" ".join("w" * 40))
    ents = [doc[s:e] for s, e in spans]
    assert [(s.start, s.end) for s in keep_longest(ents)] == \
        sorted((s.start, s.end) for s in filter_spans(ents))
