from __future__ import annotations

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


def pytest_make_parametrize_id(config, val, argname):
    """Readable ids: Korean text is shown as written (see pyproject), bytes and
    strings with lone surrogates as their ASCII repr (pytest cannot join or cache those)."""
    if isinstance(val, bytes):
        return ascii(val)
    if isinstance(val, str) and any("\ud800" <= ch <= "\udfff" for ch in val):
        return ascii(val)
    return None
