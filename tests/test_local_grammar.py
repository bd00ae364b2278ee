"""The grammar that decides a local-government mention (``organizations/local.py``) is a table of
named rules tried in order: each rule says what it decides and shows it in Korean, and each one
decides some text of the type's own examples (a rule nothing reaches is dead or untested)."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any, Callable

import pytest

import kfacts
from kfacts.examples import load_examples
from kfacts.extractors import load
from kfacts.extractors.organizations import local

RULES = list(dict.fromkeys(local._ATTACHED + local._APART))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_each_rule_says_what_it_decides_with_a_korean_example(rule: Callable[..., Any]) -> None:
    doc = rule.__doc__ or ""
    assert doc and "\n" not in doc.strip() and re.search(r"``[^`]*[가-힣][^`]*``", doc), rule.__name__


def test_every_rule_decides_some_example(monkeypatch: pytest.MonkeyPatch) -> None:
    decided: set[str] = set()

    def watch(rule: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
        def watched(a: Any) -> str | None:
            d = rule(a)
            if d is not None:
                decided.add(rule.__name__)
            return d
        return watched

    monkeypatch.setattr(local, "_ATTACHED", tuple(map(watch, local._ATTACHED)))
    monkeypatch.setattr(local, "_APART", tuple(map(watch, local._APART)))
    folder = load("organization").__file__
    assert folder is not None
    for path in sorted(Path(folder).parent.glob("examples*.toml")):
        for ex in load_examples(path):
            pub = _dt.date.fromisoformat(ex.published) if ex.published else None
            kfacts.extract(ex.text, published=pub)
    missing = sorted(r.__name__ for r in RULES if r.__name__ not in decided)
    assert not missing, missing
