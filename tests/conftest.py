from __future__ import annotations

import json
from pathlib import Path

import pytest

import kfacts

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def extractor():
    return kfacts.Extractor()


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: the real pages and gold files live there")
    return SHARED


def _check_document(doc, text):
    """What every document holds, whatever its input (hostile, generated or huge)."""
    assert doc.text == text
    for f in doc.facts:
        s, e = f.span
        assert 0 <= s <= e <= len(text) and text[s:e] == f.text, f
        if f.type in ("money", "jobs"):
            assert f.value is not None and f.value >= 0, f
    spans = [f.span for f in doc.facts]
    assert spans == sorted(spans)
    pos = 0
    for z in doc.zones:  # zones partition the text
        assert z.start == pos and z.end > z.start, z
        pos = z.end
    assert pos == len(text)
    json.dumps(doc.to_dict(), ensure_ascii=False)  # every result can be written out


@pytest.fixture(scope="session")
def check_document():
    """``check_document(doc, text)``: exact spans, sorted facts, amounts not negative, zones that
    partition the text, a result that can be written out (one check for every robustness test)."""
    return _check_document


def pytest_make_parametrize_id(config, val, argname):
    """Readable ids: Korean text is shown as written (see pyproject), bytes and
    strings with lone surrogates as their ASCII repr (pytest cannot join or cache those)."""
    if isinstance(val, bytes):
        return ascii(val)
    if isinstance(val, str) and any("\ud800" <= ch <= "\udfff" for ch in val):
        return ascii(val)
    return None
