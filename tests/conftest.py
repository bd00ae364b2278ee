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
