"""Duckling's Korean AmountOfMoney corpus, read from ../shared (never copied here).

Each entry of ``external/duckling/ko_corpus.json`` gives Korean texts and the
value Duckling expects. Mapping to kfacts:

* ``"$"`` is USD, ``"£"`` GBP, ISO codes stay as they are.
* ``"cent"``: kfacts keeps one currency per amount and gives cents as
  fractional dollars (``십센트`` -> 0.1 USD), as Duckling itself does for
  ``이달러이십삼센트`` (2.23 $).
* an interval gives one kfacts fact per endpoint (``from`` and ``to``);
  an open interval (``5000원 이상``, ``만원 미만``) gives its one endpoint.

Duckling parses each text alone, so the texts are short: zoning is off
(a lone ``$10`` line would otherwise look like page furniture).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import kfacts

_UNITS = {"$": "USD", "£": "GBP", "cent": "USD", "KRW": "KRW", "EUR": "EUR", "USD": "USD", "JPY": "JPY"}


def _expected(exp: dict) -> list[tuple[float, str]]:
    def one(d: dict) -> tuple[float, str]:
        unit = d["unit"]
        value = d["value"] / 100 if unit == "cent" else d["value"]
        return value, _UNITS.get(unit, unit)

    if exp["type"] == "value":
        return [one(exp)]
    return [one(exp[k]) for k in ("from", "to") if k in exp]


_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "duckling" / "ko_corpus.json"


def _cases() -> list[tuple[str, list[tuple[float, str]], str]]:
    if not _CORPUS.is_file():
        return []
    out = []
    for entry in json.loads(_CORPUS.read_text(encoding="utf-8")):
        if entry["dimension"] != "AmountOfMoney" or not entry.get("texts"):
            continue
        for text in entry["texts"]:
            out.append((text, _expected(entry["expected"]), entry["source"]))
    return out


_CASES = _cases()
_EX: list[kfacts.Extractor] = []


def _extractor() -> kfacts.Extractor:
    if not _EX:
        _EX.append(kfacts.Extractor(zoning=False))
    return _EX[0]


@pytest.mark.skipif(not _CORPUS.is_file(), reason=f"Duckling corpus not found at {_CORPUS} (../shared absent)")
def test_duckling_corpus_has_money_texts() -> None:
    assert _CASES, "no AmountOfMoney texts in the Duckling corpus"


@pytest.mark.parametrize(("text", "expected", "source"), _CASES or [pytest.param(
    "", [], "", marks=pytest.mark.skip(reason=f"Duckling corpus not found at {_CORPUS} (../shared absent)"))],
    ids=[c[0] for c in _CASES] or ["absent"])
def test_duckling_money_text(text: str, expected: list[tuple[float, str]], source: str) -> None:
    """One item per Duckling text: every text must give exactly Duckling's amounts (no threshold)."""
    ok, msg = _passes(_extractor(), text, expected)
    assert ok, f"{source}: {msg}"


def _passes(ex: kfacts.Extractor, text: str, expected: list[tuple[float, str]]) -> tuple[bool, str]:
    doc = ex(text)
    got = [(f.value, f.currency) for f in doc.facts if f.type == "money"]
    want = sorted(expected)
    ok = len(got) == len(want) and all(
        math.isclose(g[0], w[0], rel_tol=1e-9) and g[1] == w[1] for g, w in zip(sorted(got), want)
    )
    return ok, f"{text!r}: want {want}, got {got}"
